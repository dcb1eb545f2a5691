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
import { REQUEST_SOURCE } from './requestMessages';
import { parseBlock } from './requestParser';
import { resolveRequest, validateRequest } from './requestValidator';
import { assertionProblems } from './assertionFeatures';
import { capDiagnostics } from '../util/diagnosticCap';
import { MAX_PROBLEMS } from '../util/limits';

export function checkBlock(catalog: RequestCatalog, bodies: RequestBodies, blockText: string, variables: ReadonlyMap<string, string>, languageId: string): Diagnostic[] {
  const request = parseBlock(blockText, 0, blockText.length, 0, variables);
  if (!request.url && !request.method) return [];
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
