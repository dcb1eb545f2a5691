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
import { assertionCompletion, assertionHover } from './assertionFeatures';
import type { RequestOutline, RunnableRequest } from '../protocol/resolveFile';
import { outlineRequests, runnableRequests } from './runnableFile';
import { quote } from '../util/limits';

export class RequestService implements DocumentService {
  readonly id = 'qualys-request';
  /** Account data for completion, filled by the client's `qualys/liveValues` notifications. */
  readonly liveValues = new LiveValuesCache();
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

  diagnostics(document: TextDocument, token: CancellationToken): Diagnostic[] {
    return this.checked.diagnostics(document, token);
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

  /** Whether the features of a `??` line apply at `offset`: always in request files, on Qualys requests of REST Client files. */
  private assertionsApply(document: TextDocument, offset: number): boolean {
    return document.languageId !== 'http' || parseRequestAt(document.getText(), offset, new Map())?.isQualys === true;
  }

  completion(document: TextDocument, position: Position, _token: CancellationToken): CompletionList | null {
    const offset = document.offsetAt(position);
    const assertion = assertionCompletion(document, offset);
    if (assertion) return this.assertionsApply(document, offset) ? assertion : null;
    const body = this.qpsBodyAt(document, offset);
    if (body) return qpsCompletion(this.qps, document, document.getText(), body.start, body.end, offset, body.context);
    const json = this.jsonCompletion(document, offset);
    if (json) return json;
    return requestCompletion(this.catalog, this.liveValues, document, position, document.languageId === 'http');
  }

  hover(document: TextDocument, position: Position, _token: CancellationToken): Hover | null {
    const offset = document.offsetAt(position);
    const assertion = assertionHover(document, offset);
    if (assertion) return this.assertionsApply(document, offset) ? assertion : null;
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

  codeActions(document: TextDocument, _range: Range, context: CodeActionContext, _token: CancellationToken): CodeAction[] {
    return quickFixes(document, context, [REQUEST_SOURCE, QPS_SOURCE, OPTION_PROFILE_SOURCE]);
  }

  /** Every request of the file (or those at `indexes`), resolved for "Run All Requests" (protocol/resolveFile.ts). */
  runnableRequests(document: TextDocument, indexes?: readonly number[]): RunnableRequest[] {
    return runnableRequests(this.catalog, document.getText(), document.languageId === 'http', indexes);
  }

  /** The file's requests as the Test Explorer lists them. */
  outlineRequests(document: TextDocument): RequestOutline[] {
    return outlineRequests(this.catalog, document.getText(), document.languageId === 'http');
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
