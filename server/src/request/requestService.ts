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
import { qpsCompletion, qpsDiagnostics, qpsHover } from '../qps/qpsFeatures';
import { QPS_SOURCE } from '../qps/qpsMessages';
import { DocumentCache } from '../util/documentCache';
import type { RequestCatalog } from './catalogTypes';
import { loadRequestCatalog } from './catalogLoader';
import { LiveValuesCache } from './liveValuesCache';
import { quickFixes, sendLenses, type DiagnosticFix } from './requestActions';
import { requestCompletion } from './requestCompletion';
import { requestHover } from './requestHover';
import { format, REQUEST_SOURCE, requestMessages } from './requestMessages';
import { parseRequestAt, parseRequestFile, type ParsedRequest, type RequestFile } from './requestParser';
import { resolveRequest, validateRequest } from './requestValidator';

export class RequestService implements DocumentService {
  readonly id = 'qualys-request';
  /** Account data for completion, filled by the client's `qualys/liveValues` notifications. */
  readonly liveValues = new LiveValuesCache();
  private readonly files = new DocumentCache<RequestFile>((document) => parseRequestFile(document.getText()));

  constructor(
    private readonly catalog: RequestCatalog = loadRequestCatalog(),
    private readonly qps: QpsCatalog = loadQpsCatalog(),
  ) {}

  accepts(document: TextDocument): boolean {
    return document.languageId === 'qualys-request' || document.languageId === 'http';
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }

  /** Called for each `qualys/liveValues` notification (protocol/liveValues.ts). */
  updateLiveValues(params: LiveValuesParams): void {
    this.liveValues.update(params);
  }

  private checked(document: TextDocument, request: ParsedRequest): boolean {
    return document.languageId !== 'http' || request.isQualys;
  }

  diagnostics(document: TextDocument, token: CancellationToken): Diagnostic[] {
    const file = this.files.get(document);
    const text = document.getText();
    const diagnostics: Diagnostic[] = [];
    for (const request of file.requests) {
      if (request.index % 256 === 0 && token.isCancellationRequested) return diagnostics;
      if (!this.checked(document, request)) continue;
      for (const problem of validateRequest(this.catalog, request, text)) {
        const message = requestMessages[problem.id];
        const range = { start: document.positionAt(problem.start), end: document.positionAt(problem.end) };
        let data: DiagnosticFix | undefined;
        if (problem.fix?.fix === 'replace') data = problem.fix;
        else if (problem.fix?.fix === 'remove') {
          data = { fix: 'remove', title: problem.fix.title, range: { start: document.positionAt(problem.fix.start), end: document.positionAt(problem.fix.end) } };
        }
        diagnostics.push({ range, severity: message.severity, code: message.code, source: REQUEST_SOURCE, message: format(problem.id, problem.args), ...(data ? { data } : {}) });
      }
      const body = request.body;
      if (body?.kind === 'xml') {
        const { endpoint } = resolveRequest(this.catalog, request);
        if (endpoint?.qpsObject || /<ServiceRequest[\s>/]/.test(body.text)) {
          diagnostics.push(...qpsDiagnostics(this.qps, document, text, body.start, body.end, endpoint?.qpsObject));
        }
      }
    }
    return diagnostics;
  }

  /** The XML body under the cursor, when it is a QPS ServiceRequest. */
  private qpsBodyAt(document: TextDocument, offset: number): { start: number; end: number } | undefined {
    const request = parseRequestAt(document.getText(), offset, new Map());
    const body = request?.body;
    if (!request || (document.languageId === 'http' && !request.isQualys) || !body || body.kind !== 'xml' || offset < body.start || offset > body.end) return undefined;
    return /<ServiceRequest[\s>/]/.test(body.text) || resolveRequest(this.catalog, request).endpoint?.qpsObject ? body : undefined;
  }

  completion(document: TextDocument, position: Position, _token: CancellationToken): CompletionList | null {
    const offset = document.offsetAt(position);
    const body = this.qpsBodyAt(document, offset);
    if (body) return qpsCompletion(this.qps, document, document.getText(), body.start, body.end, offset);
    return requestCompletion(this.catalog, this.liveValues, document, position, document.languageId === 'http');
  }

  hover(document: TextDocument, position: Position, _token: CancellationToken): Hover | null {
    const offset = document.offsetAt(position);
    const body = this.qpsBodyAt(document, offset);
    if (body) return qpsHover(this.qps, document.getText(), body.start, body.end, offset);
    return requestHover(this.catalog, document, position, document.languageId === 'http');
  }

  codeActions(document: TextDocument, _range: Range, context: CodeActionContext, _token: CancellationToken): CodeAction[] {
    return quickFixes(document, context, [REQUEST_SOURCE, QPS_SOURCE]);
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
        name: request.name ?? `${request.method?.text ?? 'GET'} ${request.path?.text ?? request.url?.text ?? ''}`,
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
