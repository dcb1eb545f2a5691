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
import type { LiveValuesParams } from '../protocol/liveValues';
import type { AccountHostsParams, ConvertCurlResult } from '../protocol/curl';
import type { ResolvedRequest } from '../protocol/resolveRequest';
import { resolveForSending, resolveNamed } from './sendableRequest';
import { loadQpsCatalog, type QpsCatalog } from '../qps/qpsCatalog';
import type { QpsRequestContext } from '../qps/qpsCatalogTypes';
import { qpsCompletion, qpsHover } from '../qps/qpsFeatures';
import { QPS_SOURCE } from '../qps/qpsMessages';
import { DocumentCache } from '../util/documentCache';
import type { RequestCatalog } from './catalogTypes';
import { loadRequestCatalog } from './catalogLoader';
import { LiveValuesCache } from './liveValuesCache';
import { quickFixes, sendLenses } from './requestActions';
import { requestCompletion } from './requestCompletion';
import { requestHover } from './requestHover';
import { REQUEST_SOURCE } from './requestMessages';
import { parseRequestAt, parseRequestFile, type RequestFile } from './requestParser';
import { qpsContext, resolveRequest } from './requestValidator';
import { checkBlock } from './blockDiagnostics';
import { RequestDiagnosticsCache } from './diagnosticsCache';
import { jsonBodyCompletion, jsonBodyHover } from './jsonBody';
import type { JsonBodySpec } from './jsonBodySpec';
import { OPTION_PROFILE_SOURCE } from './optionProfileBody';
import { curlActions } from './curl/curlActions';
import { convertCurlText, isCurlLine } from './curl/curlBlocks';
import { chainCompletion, chainDiagnostics, chainHover } from './chain/chainFeatures';
import { quote } from '../util/limits';

export class RequestService implements DocumentService {
  readonly id = 'qualys-request';
  /** Account data for completion, filled by the client's `qualys/liveValues` notifications. */
  readonly liveValues = new LiveValuesCache();
  /** The signed-in account's origins (`qualys/accountHosts`): a curl command to them converts to {{baseUrl}}. */
  private accountHosts: AccountHostsParams = {};
  private readonly files = new DocumentCache<RequestFile>((document) => parseRequestFile(document.getText()));
  /** Diagnostics per request, keyed by the request's text: an edit re-checks only what changed. */
  private readonly checked: RequestDiagnosticsCache;

  constructor(
    private readonly catalog: RequestCatalog = loadRequestCatalog(),
    private readonly qps: QpsCatalog = loadQpsCatalog(),
  ) {
    this.checked = new RequestDiagnosticsCache((text, variables, languageId) => checkBlock(this.catalog, this.qps, text, variables, languageId));
  }

  accepts(document: TextDocument): boolean {
    return document.languageId === 'qualys-request' || document.languageId === 'http';
  }

  forget(uri: string): void {
    this.files.delete(uri);
    this.checked.forget(uri);
  }

  /** Called for each `qualys/liveValues` notification (protocol/liveValues.ts). */
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

  /** `qualys/resolveRequest`: the request at an offset or with a `# @name`, with the catalog's verdict on changing data. */
  resolveForSending(text: string, at: { readonly offset?: number; readonly name?: string }): ResolvedRequest | null {
    if (at.name !== undefined) return resolveNamed(text, at.name, this.catalog);
    return at.offset !== undefined ? resolveForSending(text, at.offset, this.catalog) : null;
  }

  /** A curl command is left alone by completion and hover until it is converted. */
  private inCurl(document: TextDocument, offset: number): boolean {
    const url = parseRequestAt(document.getText(), offset, new Map())?.url;
    return !!url && isCurlLine(url.text);
  }

  diagnostics(document: TextDocument, token: CancellationToken): Diagnostic[] {
    const checked = this.checked.diagnostics(document, token);
    // Chained references depend on the names of the whole file: checked here, not per request.
    if (document.languageId === 'http' || token.isCancellationRequested) return checked;
    const chained = chainDiagnostics(document);
    return chained.length > 0 ? [...checked, ...chained] : checked;
  }

  /** The XML body under the cursor, when it is a QPS ServiceRequest, with what its request says of it. */
  private qpsBodyAt(document: TextDocument, offset: number): { start: number; end: number; context: QpsRequestContext | undefined } | undefined {
    const request = parseRequestAt(document.getText(), offset, new Map());
    const body = request?.body;
    if (!request || (document.languageId === 'http' && !request.isQualys) || !body || body.kind !== 'xml' || offset < body.start || offset > body.end) return undefined;
    const resolved = resolveRequest(this.catalog, request);
    return /<ServiceRequest[\s>/]/.test(body.text) || resolved.endpoint?.qpsObject ? { start: body.start, end: body.end, context: qpsContext(resolved) } : undefined;
  }

  /** The JSON body under the cursor, when the catalog knows its shape. */
  private jsonBodyAt(document: TextDocument, offset: number): { spec: JsonBodySpec; start: number; text: string } | undefined {
    const request = parseRequestAt(document.getText(), offset, new Map());
    const body = request?.body;
    if (!request || (document.languageId === 'http' && !request.isQualys) || body?.kind !== 'json' || offset < body.start || offset > body.end) return undefined;
    const spec = resolveRequest(this.catalog, request).action?.jsonBody;
    return spec ? { spec, start: body.start, text: body.text } : undefined;
  }

  /** Key completion in a JSON body whose shape the catalog knows. */
  private jsonCompletion(document: TextDocument, offset: number): CompletionList | undefined {
    const json = this.jsonBodyAt(document, offset);
    if (!json) return undefined;
    const { items, replace } = jsonBodyCompletion(json.spec, json.text, offset - json.start);
    const range = replace && { start: document.positionAt(json.start + replace.start), end: document.positionAt(json.start + replace.end) };
    return {
      isIncomplete: false,
      items: items.map((item) => {
        const newText = `"${item.label}"`;
        return { ...item, textEdit: range ? { range, newText } : { range: { start: document.positionAt(offset), end: document.positionAt(offset) }, newText: `${newText}: ` } };
      }),
    };
  }

  completion(document: TextDocument, position: Position, _token: CancellationToken): CompletionList | null {
    const offset = document.offsetAt(position);
    if (this.inCurl(document, offset)) return null;
    if (document.languageId !== 'http') {
      const chained = chainCompletion(document, offset);
      if (chained) return chained;
    }
    // '.' triggers completion for chained references only (an IP or a file name is not ours to complete).
    if (document.getText().charAt(offset - 1) === '.' && /\{\{[^{}\s]*$/.test(document.getText().slice(Math.max(0, offset - 200), offset)) === false) return null;
    const body = this.qpsBodyAt(document, offset);
    if (body) return qpsCompletion(this.qps, document, document.getText(), body.start, body.end, offset, body.context);
    const json = this.jsonCompletion(document, offset);
    if (json) return json;
    return requestCompletion(this.catalog, this.liveValues, document, position, document.languageId === 'http');
  }

  hover(document: TextDocument, position: Position, _token: CancellationToken): Hover | null {
    const offset = document.offsetAt(position);
    if (this.inCurl(document, offset)) return null;
    const chained = document.languageId === 'http' ? null : chainHover(document, offset);
    if (chained) return chained;
    const body = this.qpsBodyAt(document, offset);
    if (body) return qpsHover(this.qps, document.getText(), body.start, body.end, offset, body.context);
    const json = this.jsonBodyAt(document, offset);
    if (json) {
      const found = jsonBodyHover(json.spec, json.text, offset - json.start);
      return found
        ? { contents: { kind: 'markdown', value: found.text }, range: { start: document.positionAt(json.start + found.start), end: document.positionAt(json.start + found.end) } }
        : null;
    }
    return requestHover(this.catalog, document, position, document.languageId === 'http');
  }

  codeActions(document: TextDocument, range: Range, context: CodeActionContext, _token: CancellationToken): CodeAction[] {
    return [...curlActions(document, range, context, this.catalog, this.accountHosts), ...quickFixes(document, context, [REQUEST_SOURCE, QPS_SOURCE, OPTION_PROFILE_SOURCE])];
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
