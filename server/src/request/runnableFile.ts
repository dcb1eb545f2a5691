/**
 * Every request of a file resolved for running, in order (protocol/resolveFile.ts): what the
 * language server answers for "Run All Requests" and what the command line runner reads itself.
 * Pure: text in, requests out.
 */
import type { RequestOutline, RunnableRequest } from '../../../protocol';
import type { RequestCatalog } from './catalogTypes';
import { parseRequestFile, requestNames, type ParsedRequest } from './requestParser';
import { toResolved } from './sendableRequest';
import { resolveRequest } from './requestValidator';
import { lineIndex } from '../util/lineIndex';

/** The file's requests; in REST Client files (`onlyQualys`) only those with a Qualys URL; `indexes` picks some. */
export function runnableRequests(catalog: RequestCatalog, text: string, onlyQualys = false, indexes?: readonly number[]): RunnableRequest[] {
  const file = parseRequestFile(text);
  const lineAt = lineIndex(text);
  // Once per run, not per request: every request's references are checked against the file's names.
  const context = { lineAt, names: new Set(requestNames(text).keys()) };
  const wanted = indexes ? new Set(indexes) : undefined;
  const out: RunnableRequest[] = [];
  for (const request of file.requests) {
    if (!request.url || (onlyQualys && !request.isQualys) || (wanted && !wanted.has(request.index))) continue;
    const resolved = toResolved(text, request, file.variables, context);
    out.push({ ...resolved, ...blockLines(text, request, lineAt), index: request.index, changesData: resolveRequest(catalog, request).action?.changesData ?? false });
  }
  return out;
}

function blockLines(text: string, request: ParsedRequest, lineAt: (offset: number) => number): { startLine: number; endLine: number } {
  // A block ends on the line end before the next `###` (that end belongs to its last line), or at the end of the text.
  const end = request.end === text.length && request.end > request.start && text[request.end - 1] === '\n' ? request.end - 1 : request.end;
  return { startLine: lineAt(request.start), endLine: lineAt(end) };
}

/** What the Test Explorer lists: names, lines and the catalog's verdict, without resolving anything. */
export function outlineRequests(catalog: RequestCatalog, text: string, onlyQualys = false): RequestOutline[] {
  const file = parseRequestFile(text);
  const lineAt = lineIndex(text);
  const out: RequestOutline[] = [];
  for (const request of file.requests) {
    if (!request.url || (onlyQualys && !request.isQualys)) continue;
    const method = (request.method?.text ?? 'GET').toUpperCase();
    const url = request.url.text.replace(/[?#].*$/, '');
    out.push({
      index: request.index,
      name: request.name ?? `${method} ${request.path?.text ?? url}`,
      method,
      url,
      line: lineAt(request.method?.start ?? request.url.start),
      ...blockLines(text, request, lineAt),
      changesData: resolveRequest(catalog, request).action?.changesData ?? false,
    });
  }
  return out;
}
