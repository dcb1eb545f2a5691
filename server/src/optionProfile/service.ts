/**
 * The option profile language service: XML documents whose root element is one of the content
 * model's roots (OPTION_PROFILES in the bundled schema). A facade over one module per feature;
 * it parses each document version once (DocumentCache) and validates it at most once.
 *
 * A new version is parsed and validated incrementally: the parse resumes around the edit
 * (xml/xmlIncremental.ts) and the children of the root it did not touch keep their problems
 * (validator.ts `reuse`), so an edit in one profile of a 10 MB export costs about that profile.
 *
 * Errors and cancellation: every feature runs under server.ts's runSafe. Diagnostics are steps
 * (common/steps.ts): the server yields between them, and a newer version stops the run (a stopped
 * run keeps nothing, so the next version reuses the last finished one's problems).
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
import { dropSubtree, type TextSource } from '../xml/xmlLazy';
import type { XmlDocument, XmlElement } from '../xml/xmlNodes';
import { firstElementName, parseXmlSteps } from '../xml/xmlParser';
import { completion } from './completion';
import { hover } from './hover';
import { documentSymbols, foldingRanges } from './outline';
import { DIAGNOSTIC_SOURCE, optionProfileTable, OptionProfileCode, type OptionProfileProblem } from './problems';
import { quickFixes } from './quickFixes';
import { documentProblemSteps, rootChildValidator, type ProblemSet, type SubtreeProblems, type ValueChecker } from './validator';
import { runSteps, StepJob, STOPPED, type Steps } from '../common/steps';
import { capDiagnostics } from '../util/diagnosticCap';
import { MAX_PROBLEMS } from '../util/limits';

export interface OptionProfileServiceOptions {
  readonly logger: Logger;
  /** schema/simpleValue.ts checkSimpleValue. */
  readonly checkValue: ValueChecker;
  /** The bundled schema's content model (called once, when first needed). */
  readonly bundledModel: () => ContentModel;
  /** Reads a user's XSD and builds its model (schemaFile.ts); rejects with a reason on failure. */
  readonly loadUserModel?: (path: string) => Promise<ContentModel>;
}

interface ParsedProfile {
  readonly xml: XmlDocument;
  /** The text subtrees let go by the first parse are read from (xml/xmlLazy.ts). */
  readonly source: TextSource;
  problems?: ProblemSet;
  /** The last complete validation's problems per child of the root (this version's or an earlier one's). */
  subtrees?: ReadonlyMap<XmlElement, SubtreeProblems>;
}

/** Leaf values are read from the source range (see ParseOptions.storeLeafText). */
const PARSE_OPTIONS = { storeLeafText: false };

const EMPTY_MODEL: ContentModel = { roots: [], source: '(none)' };

/** Diagnostics published per document: a broken 10 MB file must not send 100,000 of them. */
export const MAX_DIAGNOSTICS = MAX_PROBLEMS;

export class OptionProfileService implements DocumentService {
  readonly id = 'optionProfile';
  private bundled: ContentModel | undefined;
  private userModel: ContentModel | undefined;
  private schemaPath = '';
  /** The user's schema that could not be used, and why (`{path}` already quoted). */
  private schemaError: { readonly path: string; readonly reason: string } | undefined;
  private readonly cache = new DocumentCache<ParsedProfile>((document, previous) => (previous ? this.parse(document.getText(), previous) : this.finishWhole(document)));
  /** Whole parses under way in steps (problemSteps), per uri; whoever needs one first finishes it. */
  private readonly parsing = new Map<string, { readonly version: number; readonly job: StepJob<ParsedProfile> }>();

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

  /** The schema, loaded while a large XML document is read (the first option profile check needs it). */
  prepare(languageId: string): void {
    if (languageId === 'xml') void this.model;
  }

  accepts(document: TextDocument): boolean {
    if (document.languageId !== 'xml') return false;
    const name = firstElementName(document.getText());
    return name !== undefined && this.model.roots.some((root) => root.name === name);
  }

  /**
   * Takes a new schemaPath: the bundled schema is used at once, the user's file is read without
   * blocking, and the returned promise settles when it is in use or refused (the server then
   * validates the open documents again). A newer setting wins over a load still under way.
   */
  configure(settings: ServerSettings): Promise<void> | undefined {
    const path = settings.optionProfile?.schemaPath?.trim() ?? '';
    if (path === this.schemaPath) return undefined;
    this.schemaPath = path;
    this.userModel = undefined;
    this.schemaError = undefined;
    this.cache.clear();
    this.parsing.clear();
    if (!path || !this.options.loadUserModel) return undefined;
    return this.loadUserSchema(path, this.options.loadUserModel);
  }

  private async loadUserSchema(path: string, load: (path: string) => Promise<ContentModel>): Promise<void> {
    let model: ContentModel | undefined;
    let error: { readonly path: string; readonly reason: string } | undefined;
    try {
      model = await load(path);
      if (model.roots.length === 0) throw new Error('the schema declares no global element');
    } catch (err) {
      error = { path: `'${path}'`, reason: reason(err) };
    }
    if (path !== this.schemaPath) return;
    if (error) {
      this.schemaError = error;
      this.options.logger.error(optionProfileTable.format('schemaLoadFailed', error));
    } else {
      this.userModel = model;
      this.options.logger.info(`option profile schema: ${path}`);
    }
    this.cache.clear();
    this.parsing.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.parsing.delete(uri);
  }

  /** Problems of a document (parse + validation), in document order. Exposed for tests and benchmarks. */
  problems(document: TextDocument): OptionProfileProblem[] {
    const found = runSteps(this.problemSteps(document));
    return found === STOPPED ? [] : found.problems;
  }

  /** A new version's parse, reusing the previous version's where the text did not change. */
  private parse(text: string, previous: ParsedProfile): ParsedProfile {
    try {
      const xml = reparseXml(previous.xml, text, PARSE_OPTIONS);
      const source = previous.source;
      if (xml === previous.xml) return { xml, source, ...(previous.problems ? { problems: previous.problems } : {}), ...(previous.subtrees ? { subtrees: previous.subtrees } : {}) };
      // The children carried over (shifted) now read their dropped subtrees from this text.
      source.text = text;
      return previous.subtrees ? { xml, source, subtrees: previous.subtrees } : { xml, source };
    } catch (err) {
      this.options.logger.error(`incremental parse failed, parsing the whole document: ${reason(err)}`);
      return new StepJob(this.parseWhole(text)).finish();
    }
  }

  /**
   * A parse of the whole text that validates each child of the root as soon as it is read and lets
   * its subtree go (xml/xmlLazy.ts): the validation that follows takes their problems as reused,
   * and the tree kept is the root and its children, not 170,000 elements the garbage collector
   * would copy while the parse runs.
   */
  private *parseWhole(text: string): Steps<ParsedProfile> {
    const source: TextSource = { text };
    const validate = rootChildValidator(text, this.model, this.options.checkValue);
    const subtrees = new Map<XmlElement, SubtreeProblems>();
    const settled = (child: XmlElement, record: Int32Array | undefined): void => {
      const found = validate(child);
      if (!found) return;
      subtrees.set(child, found);
      dropSubtree(child, source, PARSE_OPTIONS, record);
    };
    const xml = yield* parseXmlSteps(text, { ...PARSE_OPTIONS, settled });
    return { xml, source, subtrees };
  }

  /** The whole parse of `document`: the one under way for its version finished now, or a new one at once. */
  private finishWhole(document: TextDocument): ParsedProfile {
    const pending = this.parsing.get(document.uri);
    this.parsing.delete(document.uri);
    return (pending?.version === document.version ? pending.job : new StepJob(this.parseWhole(document.getText()))).finish();
  }

  /**
   * Parse (one step, shared with completion and hover through the cache), then validation one child
   * of the root at a time, reusing the problems of the children the edit did not touch.
   */
  private *problemSteps(document: TextDocument): Steps<ProblemSet> {
    if (!this.cache.holds(document)) {
      // A document just opened: its parse, which validates each profile as it is read, in steps.
      let pending = this.parsing.get(document.uri);
      if (pending?.version !== document.version) {
        pending = { version: document.version, job: new StepJob(this.parseWhole(document.getText())) };
        this.parsing.set(document.uri, pending);
      }
      while (!pending.job.step()) yield;
    }
    const parsed = this.cache.get(document);
    if (parsed.problems) return parsed.problems;
    yield;
    const subtrees = new Map<XmlElement, SubtreeProblems>();
    const found = yield* documentProblemSteps(parsed.xml, this.model, this.options.checkValue, {
      ...(parsed.subtrees ? { reuse: parsed.subtrees } : {}),
      subtrees,
    });
    // Only a finished validation is kept for the version (a stopped run never gets here).
    parsed.problems = found;
    parsed.subtrees = subtrees;
    return found;
  }

  /** Diagnostics at once (tests, benchmarks); a cancelled run answers none. */
  diagnostics(document: TextDocument, token?: CancellationToken): Diagnostic[] {
    const result = runSteps(this.diagnosticSteps(document), token);
    return result === STOPPED ? [] : result;
  }

  *diagnosticSteps(document: TextDocument): Steps<Diagnostic[]> {
    const { problems, omitted } = yield* this.problemSteps(document);
    const diagnostics = capDiagnostics(
      problems.map((p) => toDiagnostic(document, p)),
      DIAGNOSTIC_SOURCE,
      omitted,
    );
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

/** Why a schema was refused, in our words (schemaFile.ts never lets a non-XSD file's text through). */
function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
