/** Quick fixes and CodeLenses of request files; fixes read the `data` their diagnostic carries. */
import { CodeActionKind, type CodeAction, type CodeActionContext, type CodeLens, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RequestCatalog } from './catalogTypes';
import type { ParsedRequest } from './requestParser';
import { resolveRequest } from './requestValidator';
import { isCurlLine } from './curl/curlBlocks';

/** `diagnostic.data` of request and QPS diagnostics that have a fix. */
export type DiagnosticFix = { readonly fix: 'replace'; readonly newText: string; readonly title: string } | { readonly fix: 'remove'; readonly range: Range; readonly title: string };

/** The command the CodeLens runs; the client registers it (see docs/request-catalog.md). */
export const SEND_REQUEST_COMMAND = 'qualys.sendRequest';

export interface SendRequestArguments {
  readonly uri: string;
  readonly requestIndex: number;
  readonly range: Range;
  readonly changesData: boolean;
}

function isFix(data: unknown): data is DiagnosticFix {
  const fix = (data as { fix?: unknown } | undefined)?.fix;
  return fix === 'replace' || fix === 'remove';
}

export function quickFixes(document: TextDocument, context: CodeActionContext, sources: readonly string[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of context.diagnostics) {
    if (!sources.includes(diagnostic.source ?? '') || !isFix(diagnostic.data)) continue;
    const data = diagnostic.data;
    const edit: TextEdit = data.fix === 'replace' ? { range: diagnostic.range, newText: data.newText } : { range: data.range, newText: '' };
    actions.push({
      title: data.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic as Diagnostic],
      isPreferred: data.fix === 'replace',
      edit: { changes: { [document.uri]: [edit] } },
    });
  }
  return actions;
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
  }
  return lenses;
}
