/**
 * The diagnostics of one request block, computed on the block's own text so that they can be
 * cached under it (diagnosticsCache.ts): the request line, parameters and rules, then the body by
 * the entry of the body registry (bodies/) that applies to the request. The body of a request the
 * catalog does not know is not checked either. A block publishes at most MAX_PROBLEMS diagnostics
 * (util/diagnosticCap.ts), so the cache stays small.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { RequestBodies } from './bodies';
import type { RequestCatalog } from './catalogTypes';
import { requestDiagnostics } from './problemDiagnostics';
import { REQUEST_SOURCE, requestTable } from './requestMessages';
import { parseBlock } from './requestParser';
import { resolveRequest, validateRequest } from './requestValidator';
import { assertionProblems } from './assertionFeatures';
import { convertCurlAt, isCurlLine, isQualysCall } from './curl/curlBlocks';
import { capDiagnostics } from '../util/diagnosticCap';
import { MAX_PROBLEMS } from '../util/limits';

export function checkBlock(catalog: RequestCatalog, bodies: RequestBodies, blockText: string, variables: ReadonlyMap<string, string>, languageId: string): Diagnostic[] {
  const request = parseBlock(blockText, 0, blockText.length, 0, variables);
  if (!request.url && !request.method) return [];
  if (request.url && isCurlLine(request.url.text)) return curlDiagnostics(catalog, blockText, request.url.start, languageId);
  if (languageId === 'http' && !request.isQualys) return [];
  const problems = validateRequest(catalog, request, blockText);
  problems.push(...assertionProblems(request));
  const body = request.body;
  const resolved = body ? resolveRequest(catalog, request) : undefined;
  const at = body && resolved?.endpoint ? { request, body, resolved } : undefined;
  const entry = at && bodies.entryFor(at);
  if (problems.length === 0 && !entry) return [];
  // Positions within the block; the cache moves them to the block's line.
  const block = TextDocument.create('block:', languageId, 0, blockText);
  // Problems beyond the cap are only counted: their messages are never written.
  const shown = problems.length > MAX_PROBLEMS ? problems.slice(0, MAX_PROBLEMS) : problems;
  const diagnostics = requestDiagnostics(block, shown);
  if (entry && at) for (const diagnostic of entry.diagnostics(block, at)) diagnostics.push(diagnostic);
  return capDiagnostics(diagnostics, REQUEST_SOURCE, problems.length - shown.length);
}

/** A curl command pasted as a request: the conversion it offers, or the word its reading stopped at. */
function curlDiagnostics(catalog: RequestCatalog, blockText: string, start: number, languageId: string): Diagnostic[] {
  const conversion = convertCurlAt(blockText, start, blockText.length, catalog);
  // In a REST Client file only curl commands to Qualys are ours (REST Client sends the others itself).
  if (languageId === 'http' && (conversion.ok ? !isQualysCall(conversion.call, catalog) : !/qualys/i.test(blockText))) return [];
  const block = TextDocument.create('block:', languageId, 0, blockText);
  if (conversion.ok) {
    const at = start + Math.max(0, blockText.slice(start, start + 40).search(/curl/i));
    const dropped = conversion.dropped.length ? ` It leaves out ${conversion.dropped.join(', ')}: the account signs in.` : '';
    return [requestTable.diagnostic('curlCommand', { start: block.positionAt(at), end: block.positionAt(at + 4) }, { dropped })];
  }
  return [requestTable.diagnostic('curlUnreadable', { start: block.positionAt(conversion.start), end: block.positionAt(conversion.end) }, { problem: conversion.message })];
}
