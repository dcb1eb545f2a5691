/** The CodeLenses of request files (their quick fixes are common/quickFix.ts). */
import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DOWNLOAD_ALL_PAGES_COMMAND, SEND_REQUEST_COMMAND, type DownloadAllPagesArguments, type SendRequestArguments } from '../../../protocol';
import type { RequestCatalog } from './catalogTypes';
import type { ParsedRequest } from './requestParser';
import { resolveRequest } from './requestValidator';
import { isCurlLine } from './curl/curlBlocks';

/** A read-only FO list Qualys pages (WARNING/URL with id_min): every page can be followed. */
function pagedList(action: { readonly changesData: boolean; readonly params: ReadonlyMap<string, unknown> } | undefined): boolean {
  return action !== undefined && !action.changesData && action.params.has('id_min');
}

export function sendLenses(catalog: RequestCatalog, document: TextDocument, requests: readonly ParsedRequest[], onlyQualys: boolean): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const request of requests) {
    if (!request.url || (onlyQualys && !request.isQualys) || isCurlLine(request.url.text)) continue;
    const start = request.method?.start ?? request.url.start;
    const range = { start: document.positionAt(start), end: document.positionAt(request.url.end) };
    const { action } = resolveRequest(catalog, request);
    const changesData = action?.changesData ?? false;
    const args: SendRequestArguments = { uri: document.uri, requestIndex: request.index, range, changesData };
    lenses.push({ range, command: { title: changesData ? 'Send Request (changes data)' : 'Send Request', command: SEND_REQUEST_COMMAND, arguments: [args] } });
    if (pagedList(action)) {
      const download: DownloadAllPagesArguments = { uri: document.uri, requestIndex: request.index, range };
      lenses.push({ range, command: { title: 'Download all pages', command: DOWNLOAD_ALL_PAGES_COMMAND, arguments: [download] } });
    }
  }
  return lenses;
}
