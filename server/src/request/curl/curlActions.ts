/**
 * The code action "Convert curl command to request": offered wherever the cursor or selection is
 * in a curl command of a request file (so every LSP editor has it, with or without the diagnostic),
 * and as the quick fix of the `curl-command` note. It replaces the command, and only the command,
 * with the request; credentials are never written.
 */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RequestCatalog } from '../catalogTypes';
import { RequestCode } from '../requestMessages';
import { parseRequestAt } from '../requestParser';
import { convertCurlAt, isCurlLine, isQualysCall } from './curlBlocks';
import type { AccountHosts } from './curlToRequest';

export const CONVERT_CURL_TITLE = 'Convert curl command to request';

export function curlActions(document: TextDocument, range: Range, context: CodeActionContext, catalog: RequestCatalog, account: AccountHosts): CodeAction[] {
  const text = document.getText();
  const offset = document.offsetAt(range.start);
  const request = parseRequestAt(text, offset, new Map());
  if (!request?.url || !isCurlLine(request.url.text)) return [];
  const conversion = convertCurlAt(text, request.url.start, request.end, catalog, account);
  if (!conversion.ok || offset > conversion.end) return [];
  if (document.languageId === 'http' && !isQualysCall(conversion.call, catalog, account)) return [];
  const diagnostics = context.diagnostics.filter((d) => d.code === RequestCode.CurlCommand);
  return [
    {
      title: CONVERT_CURL_TITLE,
      kind: diagnostics.length > 0 ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
      ...(diagnostics.length > 0 ? { diagnostics } : {}),
      isPreferred: true,
      edit: { changes: { [document.uri]: [{ range: { start: document.positionAt(conversion.start), end: document.positionAt(conversion.end) }, newText: conversion.text }] } },
    },
  ];
}
