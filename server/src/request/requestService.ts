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
import type { DocumentService, RequestLocation } from '../documentService';
import type { AccountHostsParams, ConvertCurlResult, EnvironmentVariablesParams, LiveValuesParams, ResolvedRequest } from '../../../protocol';
import { resolveForSending, resolveNamed } from './sendableRequest';
import { DocumentCache } from '../util/documentCache';
import type { RequestCatalog } from './catalogTypes';
import { loadRequestCatalog } from './catalogLoader';
import { EnvironmentVariables } from './environmentVariables';
import { LiveValuesCache } from './liveValuesCache';
import { sendLenses } from './requestActions';
import { fixActions } from '../common/quickFix';
import { runSteps, STOPPED, type Steps } from '../common/steps';
import { requestCompletion } from './requestCompletion';
import { requestHover } from './requestHover';
import { REQUEST_SOURCE } from './requestMessages';
import { parseRequestAt, parseRequestFile, type ParsedRequest, type RequestFile } from './requestParser';
import { resolveRequest } from './requestValidator';
import { RequestBodies, type BodyAt, type BodyEntry, type QpsCatalog } from './bodies';
import { checkBlock } from './blockDiagnostics';
import { bodyFileDiagnostics } from './bodyFileCheck';
import { RequestDiagnosticsCache } from './diagnosticsCache';
import { assertionCompletion, assertionHover } from './assertionFeatures';
import type { ResolveFileParams, ResolvedFile } from '../../../protocol';
import { outlineRequests, runnableRequests } from './runnableFile';
import { curlActions } from './curl/curlActions';
import { convertCurlText, isCurlLine } from './curl/curlBlocks';
import { chainCompletion, chainDiagnostics, chainHover } from './chain/chainFeatures';
import { MAX_PROBLEMS, quote } from '../util/limits';
import { capDiagnostics } from '../util/diagnosticCap';

export class RequestService implements DocumentService {
  readonly id = 'qualys-request';
  /** Account data for completion, filled by the client's `qualys/liveValues` notifications. */
  readonly liveValues = new LiveValuesCache();
  /** The environments' variables (`qualys/environmentVariables`), for completion and hover after `{{`. */
  private readonly environment = new EnvironmentVariables();
  /** The signed-in account's origins (`qualys/accountHosts`): a curl command to them converts to {{baseUrl}}. */
  private accountHosts: AccountHostsParams = {};
  private readonly files = new DocumentCache<RequestFile>((document) => parseRequestFile(document.getText()));
  /** Diagnostics per request, keyed by the request's text: an edit re-checks only what changed. */
  private readonly checked: RequestDiagnosticsCache;

  private loadedCatalog: RequestCatalog | undefined;
  /** The kinds of request bodies (JSON, OPTION_PROFILES, QPS) and their features. */
  private readonly bodies: RequestBodies;

  /** Without catalogs, the bundled ones are read on first use: a server that sees no request file never reads them. */
  constructor(catalog?: RequestCatalog, qps?: QpsCatalog) {
    this.loadedCatalog = catalog;
    this.bodies = new RequestBodies(qps);
    this.checked = new RequestDiagnosticsCache((text, variables, languageId) => checkBlock(this.catalog, this.bodies, text, variables, languageId));
  }

  private get catalog(): RequestCatalog {
    return (this.loadedCatalog ??= loadRequestCatalog());
  }

  accepts(document: TextDocument): boolean {
    return document.languageId === 'qualys-request' || document.languageId === 'http';
  }

  forget(uri: string): void {
    this.files.delete(uri);
    this.checked.forget(uri);
  }

  /** Called for each `qualys/environmentVariables` notification (protocol/environments.ts). */
  updateEnvironmentVariables(params: EnvironmentVariablesParams): void {
    this.environment.update(params);
  }

  /** Called for each `qualys/liveValues` notification (protocol/liveValues.ts at the repository root). */
  updateLiveValues(params: LiveValuesParams): void {
    this.liveValues.update(params);
  }

  /** Called for each `qualys/accountHosts` notification (protocol/curl.ts). */
  updateAccountHosts(params: AccountHostsParams): void {
    this.accountHosts = { ...(params.api ? { api: params.api } : {}), ...(params.gateway ? { gateway: params.gateway } : {}) };
  }

  /** `qualys/convertCurl`: the clipboard's curl command as a request. */
  convertCurl(text: string): ConvertCurlResult {
    const conversion = convertCurlText(text, this.catalog, this.accountHosts);
    return conversion.ok ? { ok: true, request: conversion.text, dropped: conversion.dropped } : { ok: false, message: conversion.message, start: conversion.start, end: conversion.end };
  }

  /** A curl command is left alone by completion and hover until it is converted. */
  private inCurl(request: ParsedRequest | undefined): boolean {
    const url = request?.url;
    return !!url && isCurlLine(url.text);
  }

  /** Diagnostics at once (tests, benchmarks); a cancelled run answers none. */
  diagnostics(document: TextDocument, token?: CancellationToken): Diagnostic[] {
    const result = runSteps(this.diagnosticSteps(document), token);
    return result === STOPPED ? [] : result;
  }

  /** `qualys/resolveRequest`: the request at a position or with a `# @name`, with the catalog's verdict on changing data. */
  resolveRequest(document: TextDocument, at: RequestLocation): ResolvedRequest | null {
    if (at.name !== undefined) return resolveNamed(document.getText(), at.name, this.catalog);
    return at.position ? resolveForSending(document.getText(), document.offsetAt(at.position), this.catalog) : null;
  }

  *diagnosticSteps(document: TextDocument): Steps<Diagnostic[]> {
    const checked = yield* this.checked.steps(document);
    yield;
    // A `< path` body depends on the file's folder and the disk, not on the request's text.
    // (The file is parsed whole only when a line starts with '< ': most files have no file body.)
    const files = /^<[ \t]/m.test(document.getText()) ? bodyFileDiagnostics(document, this.files.get(document).requests.filter((request) => document.languageId !== 'http' || request.isQualys)) : [];
    // Chained references depend on the names of the whole file: checked here, not per request.
    // Both go through the document's cap with the per-request ones (its last line counts them all).
    if (document.languageId === 'http') return files.length > 0 ? capDiagnostics([...checked, ...files], REQUEST_SOURCE) : checked;
    yield;
    const chained = chainDiagnostics(document, Math.max(0, MAX_PROBLEMS - checked.length - files.length));
    return chained.diagnostics.length > 0 || chained.omitted > 0 || files.length > 0 ? capDiagnostics([...checked, ...files, ...chained.diagnostics], REQUEST_SOURCE, chained.omitted) : checked;
  }

  /** The body under the cursor and the registry entry that handles it, if any. */
  private bodyAt(document: TextDocument, offset: number, request: ParsedRequest | undefined): { entry: BodyEntry; at: BodyAt } | undefined {
    const body = request?.body;
    if (!request || !body || (document.languageId === 'http' && !request.isQualys) || offset < body.start || offset > body.end) return undefined;
    const at: BodyAt = { request, body, resolved: resolveRequest(this.catalog, request) };
    const entry = this.bodies.entryFor(at);
    return entry ? { entry, at } : undefined;
  }

  /** Whether the features of a `??` line apply at `offset`: always in request files, on Qualys requests of REST Client files. */
  private assertionsApply(document: TextDocument, request: ParsedRequest | undefined): boolean {
    return document.languageId !== 'http' || request?.isQualys === true;
  }

  /** The request block at `offset`, parsed once for every feature a completion or hover asks. */
  private requestAt(document: TextDocument, offset: number): ParsedRequest | undefined {
    return parseRequestAt(document.getText(), offset, new Map());
  }

  completion(document: TextDocument, position: Position, _token: CancellationToken): CompletionList | null {
    const offset = document.offsetAt(position);
    const request = this.requestAt(document, offset);
    if (this.inCurl(request)) return null;
    if (document.languageId !== 'http') {
      const chained = chainCompletion(document, offset);
      if (chained) return chained;
    }
    // '.' triggers completion for chained references only (an IP or a file name is not ours to complete).
    if (document.getText().charAt(offset - 1) === '.' && /\{\{[^{}\s]*$/.test(document.getText().slice(Math.max(0, offset - 200), offset)) === false) return null;
    const assertion = assertionCompletion(document, offset);
    if (assertion) return this.assertionsApply(document, request) ? assertion : null;
    const found = this.bodyAt(document, offset, request);
    if (found) return found.entry.completion(document, found.at, offset);
    return requestCompletion(this.catalog, this.liveValues, document, position, document.languageId === 'http', this.environment.completionDetails(), request);
  }

  hover(document: TextDocument, position: Position, _token: CancellationToken): Hover | null {
    const offset = document.offsetAt(position);
    const request = this.requestAt(document, offset);
    if (this.inCurl(request)) return null;
    const chained = document.languageId === 'http' ? null : chainHover(document, offset);
    if (chained) return chained;
    const variable = document.languageId === 'http' ? null : this.environment.hover(document, offset);
    if (variable) return variable;
    const assertion = assertionHover(document, offset);
    if (assertion) return this.assertionsApply(document, request) ? assertion : null;
    const found = this.bodyAt(document, offset, request);
    if (found) return found.entry.hover(document, found.at, offset);
    return requestHover(this.catalog, document, position, document.languageId === 'http', request);
  }

  codeActions(document: TextDocument, range: Range, context: CodeActionContext, _token: CancellationToken): CodeAction[] {
    return [...curlActions(document, range, context, this.catalog, this.accountHosts), ...fixActions(document, context, [REQUEST_SOURCE, ...this.bodies.sources])];
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
      const curl = request.url && isCurlLine(request.url.text);
      return {
        name: quote(request.name ?? (curl ? 'curl command' : `${request.method?.text ?? 'GET'} ${request.path?.text ?? request.url?.text ?? ''}`)),
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
