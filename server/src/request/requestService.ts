/**
 * The document service for request files (`qualys-request`, `*.qualys`) and for the Qualys
 * requests in REST Client files (`http`): in those only requests whose URL is a Qualys one are
 * checked, and nothing else of the file is touched. A facade over the feature modules.
 */
import type {
  CancellationToken,
  CodeAction,
  CodeActionContext,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
  Range,
} from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentService } from '../documentService';
import type { LiveValuesParams, ResolvedRequest } from '../../../protocol';
import { resolveForSending } from './sendableRequest';
import { DocumentCache } from '../util/documentCache';
import type { RequestCatalog } from './catalogTypes';
import { loadRequestCatalog } from './catalogLoader';
import { LiveValuesCache } from './liveValuesCache';
import { sendLenses } from './requestActions';
import { fixActions } from '../common/quickFix';
import type { Steps } from '../common/steps';
import { requestCompletion } from './requestCompletion';
import { requestHover } from './requestHover';
import { REQUEST_SOURCE } from './requestMessages';
import { parseRequestAt, parseRequestFile, type RequestFile } from './requestParser';
import { resolveRequest } from './requestValidator';
import { RequestBodies, type BodyAt, type BodyEntry, type QpsCatalog } from './bodies';
import { checkBlock } from './blockDiagnostics';
import { RequestDiagnosticsCache } from './diagnosticsCache';
import { assertionCompletion, assertionHover } from './assertionFeatures';
import type { ResolveFileParams, ResolvedFile } from '../../../protocol';
import { outlineRequests, runnableRequests } from './runnableFile';
import { quote } from '../util/limits';

export class RequestService implements DocumentService {
  readonly id = 'qualys-request';
  /** Account data for completion, filled by the client's `qualys/liveValues` notifications. */
  readonly liveValues = new LiveValuesCache();
  private readonly files = new DocumentCache<RequestFile>((document) => parseRequestFile(document.getText()));
  /** Diagnostics per request, keyed by the request's text: an edit re-checks only what changed. */
  private readonly checked: RequestDiagnosticsCache;

  /** The kinds of request bodies (JSON, OPTION_PROFILES, QPS) and their features. */
  private readonly bodies: RequestBodies;

  constructor(
    private readonly catalog: RequestCatalog = loadRequestCatalog(),
    qps?: QpsCatalog,
  ) {
    this.bodies = new RequestBodies(qps);
    this.checked = new RequestDiagnosticsCache((text, variables, languageId) => checkBlock(this.catalog, this.bodies, text, variables, languageId));
  }

  accepts(document: TextDocument): boolean {
    return document.languageId === 'qualys-request' || document.languageId === 'http';
  }

  forget(uri: string): void {
    this.files.delete(uri);
    this.checked.forget(uri);
  }

  /** Called for each `qualys/liveValues` notification (protocol/liveValues.ts at the repository root). */
  updateLiveValues(params: LiveValuesParams): void {
    this.liveValues.update(params);
  }

  /** Diagnostics at once (tests, benchmarks); a cancelled run answers none. */
  diagnostics(document: TextDocument, token?: CancellationToken): Diagnostic[] {
    return this.checked.diagnostics(document, token);
  }

  resolveRequest(document: TextDocument, position: Position): ResolvedRequest | null {
    return resolveForSending(document.getText(), document.offsetAt(position));
  }

  diagnosticSteps(document: TextDocument): Steps<Diagnostic[]> {
    return this.checked.steps(document);
  }

  /** The body under the cursor and the registry entry that handles it, if any. */
  private bodyAt(document: TextDocument, offset: number): { entry: BodyEntry; at: BodyAt } | undefined {
    const request = parseRequestAt(document.getText(), offset, new Map());
    const body = request?.body;
    if (!request || !body || (document.languageId === 'http' && !request.isQualys) || offset < body.start || offset > body.end) return undefined;
    const at: BodyAt = { request, body, resolved: resolveRequest(this.catalog, request) };
    const entry = this.bodies.entryFor(at);
    return entry ? { entry, at } : undefined;
  }

  /** Whether the features of a `??` line apply at `offset`: always in request files, on Qualys requests of REST Client files. */
  private assertionsApply(document: TextDocument, offset: number): boolean {
    return document.languageId !== 'http' || parseRequestAt(document.getText(), offset, new Map())?.isQualys === true;
  }

  completion(document: TextDocument, position: Position, _token: CancellationToken): CompletionList | null {
    const offset = document.offsetAt(position);
    const assertion = assertionCompletion(document, offset);
    if (assertion) return this.assertionsApply(document, offset) ? assertion : null;
    const found = this.bodyAt(document, offset);
    if (found) return found.entry.completion(document, found.at, offset);
    return requestCompletion(this.catalog, this.liveValues, document, position, document.languageId === 'http');
  }

  hover(document: TextDocument, position: Position, _token: CancellationToken): Hover | null {
    const offset = document.offsetAt(position);
    const assertion = assertionHover(document, offset);
    if (assertion) return this.assertionsApply(document, offset) ? assertion : null;
    const found = this.bodyAt(document, offset);
    if (found) return found.entry.hover(document, found.at, offset);
    return requestHover(this.catalog, document, position, document.languageId === 'http');
  }

  codeActions(document: TextDocument, _range: Range, context: CodeActionContext, _token: CancellationToken): CodeAction[] {
    return fixActions(document, context, [REQUEST_SOURCE, ...this.bodies.sources]);
  }

  /** Every request of the file (or those at `indexes`) resolved for "Run All Requests", or their outline for the Test Explorer. */
  resolveFile(document: TextDocument, params: ResolveFileParams): ResolvedFile {
    const http = document.languageId === 'http';
    const requests = params.outline ? outlineRequests(this.catalog, document.getText(), http) : runnableRequests(this.catalog, document.getText(), http, params.indexes);
    return { uri: document.uri, version: document.version, requests };
  }

  codeLenses(document: TextDocument, _token: CancellationToken): CodeLens[] {
    return sendLenses(this.catalog, document, this.files.get(document).requests, document.languageId === 'http');
  }

  documentSymbols(document: TextDocument, _token: CancellationToken): DocumentSymbol[] {
    if (document.languageId === 'http') return [];
    return this.files.get(document).requests.map((request) => {
      const range = { start: document.positionAt(request.start), end: document.positionAt(request.end) };
      const line = request.url ?? request.method!;
      return {
        name: quote(request.name ?? `${request.method?.text ?? 'GET'} ${request.path?.text ?? request.url?.text ?? ''}`),
        kind: SymbolKind.Method,
        range,
        selectionRange: { start: document.positionAt(line.start), end: document.positionAt(line.end) },
      };
    });
  }

  foldingRanges(document: TextDocument, _token: CancellationToken): FoldingRange[] {
    if (document.languageId === 'http') return [];
    const text = document.getText();
    return this.files
      .get(document)
      .requests.map((r) => {
        // Fold to the last line with text, not over the blank lines before the next ###.
        let end = r.end;
        while (end > r.start && /\s/.test(text[end - 1]!)) end--;
        return { startLine: document.positionAt(r.start).line, endLine: document.positionAt(end).line };
      })
      .filter((r) => r.endLine > r.startLine);
  }
}
