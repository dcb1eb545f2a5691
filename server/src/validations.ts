/**
 * When diagnostics run, and what stops them. A change is validated 200 ms after the last keystroke
 * of a burst (a document just opened, or a settings change, at once). A validation runs its
 * service's steps a slice at a time (common/steps.ts), yielding to the event loop in between: the
 * connection reads and answers requests meanwhile, and a newer version, a new schedule or closing
 * the document cancels the run, whose result is then never published.
 */
import { CancellationTokenSource, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentService } from './documentService';
import { runInSlices, SLICE_MS, STOPPED } from './common/steps';
import type { Logger } from './util/runner';

export const VALIDATION_DELAY_MS = 200;

export interface ValidationHost {
  serviceFor(document: TextDocument): DocumentService | undefined;
  /** The open document's current version, or undefined once closed. */
  latest(uri: string): TextDocument | undefined;
  publish(uri: string, version: number, diagnostics: Diagnostic[]): void;
  readonly logger: Logger;
}

export class Validations {
  private readonly running = new Map<string, { readonly version: number; readonly source: CancellationTokenSource }>();
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly host: ValidationHost,
    private readonly delayMs = VALIDATION_DELAY_MS,
    private readonly sliceMs = SLICE_MS,
  ) {}

  /** Validates `document` now, cancelling the run of an older version. Resolves when done or stopped. */
  async validate(document: TextDocument): Promise<void> {
    this.cancel(document.uri);
    const source = new CancellationTokenSource();
    const run = { version: document.version, source };
    this.running.set(document.uri, run);
    try {
      const service = this.host.serviceFor(document);
      const diagnostics = service ? await runInSlices(service.diagnosticSteps(document), source.token, this.sliceMs) : [];
      if (diagnostics !== STOPPED && !source.token.isCancellationRequested) this.host.publish(document.uri, document.version, diagnostics);
    } catch (err) {
      this.host.logger.error(`diagnostics for ${document.uri}: ${err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err)}`);
    } finally {
      if (this.running.get(document.uri) === run) this.running.delete(document.uri);
      source.dispose();
    }
  }

  /**
   * Validates after a pause in typing: a burst of changes is validated once, at its last version.
   * The version being validated already (a document just opened: TextDocuments reports the open as
   * a change too) is left to finish.
   */
  schedule(document: TextDocument): void {
    if (this.running.get(document.uri)?.version === document.version) return;
    this.cancel(document.uri);
    const uri = document.uri;
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        const latest = this.host.latest(uri);
        if (latest) void this.validate(latest);
      }, this.delayMs),
    );
  }

  /** Stops the running validation of `uri` and forgets a scheduled one. */
  cancel(uri: string): void {
    this.running.get(uri)?.source.cancel();
    this.running.delete(uri);
    const timer = this.pending.get(uri);
    if (timer) clearTimeout(timer);
    this.pending.delete(uri);
  }
}
