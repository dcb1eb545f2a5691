/**
 * The option profile language service: XML documents whose root element is one of the content
 * model's roots (OPTION_PROFILES in the bundled schema). A facade over one module per feature;
 * it parses each document version once (DocumentCache) and validates it at most once.
 *
 * Errors and cancellation: every feature runs under server.ts's runSafe. Diagnostics are steps
 * (common/steps.ts): the server yields between them, and a newer version stops the run.
 */
import {
  DiagnosticSeverity,
  type CancellationToken,
  type CodeAction,
  type CodeActionContext,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Position,
  type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentService, ServerSettings } from '../documentService';
import type { ContentModel } from '../schema/contentModel';
import { DocumentCache } from '../util/documentCache';
import type { Logger } from '../util/runner';
import type { XmlDocument } from '../xml/xmlNodes';
import { firstElementName, parseXml } from '../xml/xmlParser';
import { completion } from './completion';
import { hover } from './hover';
import { documentSymbols, foldingRanges } from './outline';
import { DIAGNOSTIC_SOURCE, optionProfileTable, OptionProfileCode, type OptionProfileProblem } from './problems';
import { quickFixes } from './quickFixes';
import { validationSteps, wellFormednessProblems, type ValueChecker } from './validator';
import { runSteps, STOPPED, type Steps } from '../common/steps';

export interface OptionProfileServiceOptions {
  readonly logger: Logger;
  /** schema/simpleValue.ts checkSimpleValue. */
  readonly checkValue: ValueChecker;
  /** The bundled schema's content model (called once, when first needed). */
  readonly bundledModel: () => ContentModel;
  /** Reads a user's XSD and builds its model (schema/xsdLoader.ts); throws with a reason on failure. */
  readonly loadUserModel?: (path: string) => ContentModel;
}

interface ParsedProfile {
  readonly xml: XmlDocument;
  problems?: OptionProfileProblem[];
}

const EMPTY_MODEL: ContentModel = { roots: [], source: '(none)' };

/** Diagnostics published per document: a broken 10 MB file must not send 100,000 of them. */
export const MAX_DIAGNOSTICS = 1000;

export class OptionProfileService implements DocumentService {
  readonly id = 'optionProfile';
  private bundled: ContentModel | undefined;
  private userModel: ContentModel | undefined;
  private schemaPath = '';
  private schemaError: { readonly path: string; readonly reason: string } | undefined;
  private readonly cache = new DocumentCache<ParsedProfile>((document) => ({ xml: parseXml(document.getText(), { storeLeafText: false }) }));

  constructor(private readonly options: OptionProfileServiceOptions) {}

  /** The content model in use: the user's schema when it loaded, otherwise the bundled one. */
  get model(): ContentModel {
    if (this.userModel) return this.userModel;
    if (!this.bundled) {
      try {
        this.bundled = this.options.bundledModel();
      } catch (err) {
        this.options.logger.error(`could not load the bundled option profile schema: ${reason(err)}`);
        this.bundled = EMPTY_MODEL;
      }
    }
    return this.bundled;
  }

  accepts(document: TextDocument): boolean {
    if (document.languageId !== 'xml') return false;
    const name = firstElementName(document.getText());
    return name !== undefined && this.model.roots.some((root) => root.name === name);
  }

  configure(settings: ServerSettings): void {
    const path = settings.optionProfile?.schemaPath?.trim() ?? '';
    if (path === this.schemaPath) return;
    this.schemaPath = path;
    this.userModel = undefined;
    this.schemaError = undefined;
    if (path && this.options.loadUserModel) {
      try {
        const model = this.options.loadUserModel(path);
        if (model.roots.length === 0) throw new Error('the schema declares no global element');
        this.userModel = model;
        this.options.logger.info(`option profile schema: ${path}`);
      } catch (err) {
        this.schemaError = { path, reason: reason(err) };
        this.options.logger.error(optionProfileTable.format('schemaLoadFailed', this.schemaError));
      }
    }
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** Diagnostics at once (tests, benchmarks); a cancelled run answers none. */
  diagnostics(document: TextDocument, token?: CancellationToken): Diagnostic[] {
    const result = runSteps(this.diagnosticSteps(document), token);
    return result === STOPPED ? [] : result;
  }

  /**
   * Parse (one step, shared with completion and hover through the cache), well-formedness, then
   * validation one child of the root at a time. Only a finished validation is kept for the version.
   */
  *diagnosticSteps(document: TextDocument): Steps<Diagnostic[]> {
    const parsed = this.cache.get(document);
    if (!parsed.problems) {
      yield;
      const wellFormedness = wellFormednessProblems(parsed.xml);
      const validity = yield* validationSteps(parsed.xml, this.model, this.options.checkValue);
      parsed.problems = [...wellFormedness, ...validity].sort((a, b) => a.start - b.start);
    }
    const problems = parsed.problems;
    const diagnostics = problems.slice(0, MAX_DIAGNOSTICS).map((p) => toDiagnostic(document, p));
    if (problems.length > MAX_DIAGNOSTICS) {
      const last = problems[MAX_DIAGNOSTICS]!;
      const range = { start: document.positionAt(last.start), end: document.positionAt(last.end) };
      const more = problems.length - MAX_DIAGNOSTICS;
      diagnostics.push(optionProfileTable.diagnostic('tooManyProblems', range, { more, shown: MAX_DIAGNOSTICS }, { code: OptionProfileCode.TooManyProblems }));
    }
    if (this.schemaError) {
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      diagnostics.unshift(optionProfileTable.diagnostic('schemaLoadFailed', range, this.schemaError, { code: OptionProfileCode.SchemaLoadFailed }));
    }
    return diagnostics;
  }

  completion(document: TextDocument, position: Position, _token: CancellationToken): CompletionList | null {
    return completion(document, this.model, position);
  }

  hover(document: TextDocument, position: Position, _token: CancellationToken): Hover | null {
    return hover(document, this.cache.get(document).xml, this.model, position);
  }

  codeActions(document: TextDocument, _range: Range, context: CodeActionContext, _token: CancellationToken): CodeAction[] {
    if (context.only && !context.only.some((kind) => kind === 'quickfix' || kind.startsWith('quickfix'))) return [];
    return quickFixes(document, this.cache.get(document).xml, this.model, context.diagnostics);
  }

  documentSymbols(document: TextDocument, _token: CancellationToken): DocumentSymbol[] {
    return documentSymbols(document, this.cache.get(document).xml, this.model);
  }

  foldingRanges(document: TextDocument, _token: CancellationToken): FoldingRange[] {
    return foldingRanges(document, this.cache.get(document).xml);
  }
}

export function toDiagnostic(document: TextDocument, problem: OptionProfileProblem): Diagnostic {
  return {
    range: { start: document.positionAt(problem.start), end: document.positionAt(problem.end) },
    severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: problem.code,
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
    data: problem.data,
  };
}

function reason(err: unknown): string {
  if (err instanceof Error) {
    const line = (err as { line?: number }).line;
    return line !== undefined ? `${err.message} (line ${line})` : err.message;
  }
  return String(err);
}
