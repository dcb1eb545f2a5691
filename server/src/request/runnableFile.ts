/**
 * Every request of a file resolved for running, in order (protocol/resolveFile.ts): what the
 * language server answers for "Run All Requests" and what the command line runner reads itself.
 * Pure: text in, requests out.
 */
import type { RunnableRequest } from '../protocol/resolveFile';
import type { RequestCatalog } from './catalogTypes';
import { parseRequestFile } from './requestParser';
import { toResolved } from './sendableRequest';
import { resolveRequest } from './requestValidator';

/** Zero-based line of an offset, by binary search over the line starts (one pass to build). */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
}

/** The file's requests; in REST Client files (`onlyQualys`) only those with a Qualys URL. */
export function runnableRequests(catalog: RequestCatalog, text: string, onlyQualys = false): RunnableRequest[] {
  const file = parseRequestFile(text);
  const lineAt = lineIndex(text);
  const out: RunnableRequest[] = [];
  for (const request of file.requests) {
    if (!request.url || (onlyQualys && !request.isQualys)) continue;
    const resolved = toResolved(text, request, file.variables, lineAt);
    // A block ends on the line end before the next `###` (that end belongs to its last line), or at the end of the text.
    const end = request.end === text.length && request.end > request.start && text[request.end - 1] === '\n' ? request.end - 1 : request.end;
    const endLine = lineAt(end);
    out.push({
      ...resolved,
      index: request.index,
      startLine: lineAt(request.start),
      endLine,
      changesData: resolveRequest(catalog, request).action?.changesData ?? false,
    });
  }
  return out;
}
