/**
 * The option profile language service: XML documents whose root element is one of the content
 * model's roots (OPTION_PROFILES in the bundled schema). A facade over one module per feature;
 * it parses each document version once (DocumentCache) and validates it at most once.
 *
 * A new version is parsed and validated incrementally: the parse resumes around the edit
 * (xml/xmlIncremental.ts) and the children of the root it did not touch keep their problems
 * (validator.ts `reuse`), so an edit in one profile of a 10 MB export costs about that profile.
 *
 * Errors and cancellation: every feature runs under server.ts's runSafe; diagnostics check the
 * token between parsing and validation and every 1,024 elements during validation.
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
import { reparseXml } from '../xml/xmlIncremental';
import type { XmlDocument, XmlElement } from '../xml/xmlNodes';
import { firstElementName, parseXml } from '../xml/xmlParser';
import { completion } from './completion';
import { hover } from './hover';
import { documentSymbols, foldingRanges } from './outline';
import { DIAGNOSTIC_SOURCE, messages, OptionProfileCode, type OptionProfileProblem } from './problems';
import { quickFixes } from './quickFixes';
import { validateDocument, wellFormednessProblems, type SubtreeProblems, type ValueChecker } from './validator';

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
  /** The last complete validation's problems per child of the root (this version's or an earlier one's). */
  subtrees?: ReadonlyMap<XmlElement, SubtreeProblems>;
}

/** Leaf values are read from the source range (see ParseOptions.storeLeafText). */
const PARSE_OPTIONS = { storeLeafText: false };

const EMPTY_MODEL: ContentModel = { roots: [], source: '(none)' };

/** Diagnostics published per document: a broken 10 MB file must not send 100,000 of them. */
export const MAX_DIAGNOSTICS = 1000;

export class OptionProfileService implements DocumentService {
  readonly id = 'optionProfile';
  private bundled: ContentModel | undefined;
  private userModel: ContentModel | undefined;
  private schemaPath = '';
  private schemaError: string | undefined;
  private readonly cache = new DocumentCache<ParsedProfile>((document, previous) => this.parse(document.getText(), previous));

  constructor(private readonly options: OptionProfileServiceOptions) {}

  /** The content model in use: the user's schema when it loaded, otherwise the bundled one. */
  get model(): ContentModel {
    if (this.userModel) return this.userModel;
    if (!this.bundled) {
      try {
        // Date.now(): the first use of `performance` loads node's perf_hooks, which the first document would wait for.
        const started = Date.now();
        this.bundled = this.options.bundledModel();
        this.options.logger.info(`option profile schema loaded in ${Date.now() - started} ms`);
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
        this.schemaError = messages.schemaLoadFailed(path, reason(err));
        this.options.logger.error(this.schemaError);
      }
    }
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** A new version's parse, reusing the previous version's where the text did not change. */
  private parse(text: string, previous: ParsedProfile | undefined): ParsedProfile {
    if (!previous) return { xml: parseXml(text, PARSE_OPTIONS) };
    try {
      const xml = reparseXml(previous.xml, text, PARSE_OPTIONS);
      return xml === previous.xml ? { xml, problems: previous.problems, subtrees: previous.subtrees } : { xml, subtrees: previous.subtrees };
    } catch (err) {
      this.options.logger.error(`incremental parse failed, parsing the whole document: ${reason(err)}`);
      return { xml: parseXml(text, PARSE_OPTIONS) };
    }
  }

  /** Problems of a document (parse + validation), in document order. Exposed for tests and benchmarks. */
  problems(document: TextDocument, token?: CancellationToken): OptionProfileProblem[] {
    const parsed = this.cache.get(document);
    if (parsed.problems) return parsed.problems;
    const wellFormedness = wellFormednessProblems(parsed.xml);
    if (token?.isCancellationRequested) return wellFormedness;
    const subtrees = new Map<XmlElement, SubtreeProblems>();
    const validity = validateDocument(parsed.xml, this.model, this.options.checkValue, {
      isCancelled: () => token?.isCancellationRequested === true,
      ...(parsed.subtrees ? { reuse: parsed.subtrees } : {}),
      subtrees,
    });
    if (token?.isCancellationRequested) return [...wellFormedness, ...validity];
    parsed.subtrees = subtrees;
    parsed.problems = [...wellFormedness, ...validity].sort((a, b) => a.start - b.start);
    return parsed.problems;
  }

  diagnostics(document: TextDocument, token: CancellationToken): Diagnostic[] {
    const problems = this.problems(document, token);
    const diagnostics = problems.slice(0, MAX_DIAGNOSTICS).map((p) => toDiagnostic(document, p));
    if (problems.length > MAX_DIAGNOSTICS) {
      const last = problems[MAX_DIAGNOSTICS]!;
      diagnostics.push({
        range: { start: document.positionAt(last.start), end: document.positionAt(last.end) },
        severity: DiagnosticSeverity.Warning,
        code: OptionProfileCode.TooManyProblems,
        source: DIAGNOSTIC_SOURCE,
        message: messages.tooManyProblems(MAX_DIAGNOSTICS, problems.length),
        data: { code: OptionProfileCode.TooManyProblems },
      });
    }
    if (this.schemaError) {
      diagnostics.unshift({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Warning,
        code: OptionProfileCode.SchemaLoadFailed,
        source: DIAGNOSTIC_SOURCE,
        message: this.schemaError,
        data: { code: OptionProfileCode.SchemaLoadFailed },
      });
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

  documentSymbols(document: TextDocument, token: CancellationToken): DocumentSymbol[] {
    return documentSymbols(document, this.cache.get(document).xml, this.model, () => token.isCancellationRequested);
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
