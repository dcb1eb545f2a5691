/**
 * The diagnostics of one request block, computed on the block's own text so that they can be
 * cached under it (diagnosticsCache.ts): the request line, parameters and rules, then the body
 * (QPS XML, JSON, OPTION_PROFILES XML) by the checker the catalog names for the endpoint and action.
 * A block publishes at most MAX_PROBLEMS diagnostics (util/diagnosticCap.ts), so the cache stays small.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { QpsCatalog } from '../qps/qpsCatalog';
import { qpsDiagnostics } from '../qps/qpsFeatures';
import type { RequestCatalog } from './catalogTypes';
import type { DiagnosticFix } from './requestActions';
import { format, REQUEST_SOURCE, requestMessages } from './requestMessages';
import { parseBlock } from './requestParser';
import { qpsContext, resolveRequest, validateRequest } from './requestValidator';
import { validateJsonBody } from './jsonBody';
import { optionProfileBodyDiagnostics } from './optionProfileBody';
import { assertionProblems } from './assertionFeatures';
import { capDiagnostics } from '../util/diagnosticCap';
import { MAX_PROBLEMS } from '../util/limits';

const SERVICE_REQUEST = /<ServiceRequest[\s>/]/;

export function checkBlock(catalog: RequestCatalog, qps: QpsCatalog, blockText: string, variables: ReadonlyMap<string, string>, languageId: string): Diagnostic[] {
  const request = parseBlock(blockText, 0, blockText.length, 0, variables);
  if (!request.url && !request.method) return [];
  if (languageId === 'http' && !request.isQualys) return [];
  const problems = validateRequest(catalog, request, blockText);
  problems.push(...assertionProblems(request));
  const body = request.body;
  if (body?.kind === 'json') {
    const spec = resolveRequest(catalog, request).action?.jsonBody;
    if (spec) problems.push(...validateJsonBody(spec, body.text, body.start));
  }
  const needsBody = body?.kind === 'xml';
  if (problems.length === 0 && !needsBody) return [];
  // Positions within the block; the cache moves them to the block's line.
  const block = TextDocument.create('block:', languageId, 0, blockText);
  const diagnostics: Diagnostic[] = [];
  // Problems beyond the cap are only counted: their messages are never written.
  const shown = problems.length > MAX_PROBLEMS ? problems.slice(0, MAX_PROBLEMS) : problems;
  for (const problem of shown) {
    const message = requestMessages[problem.id];
    const range = { start: block.positionAt(problem.start), end: block.positionAt(problem.end) };
    let data: DiagnosticFix | undefined;
    if (problem.fix?.fix === 'replace') data = problem.fix;
    else if (problem.fix?.fix === 'remove') {
      data = { fix: 'remove', title: problem.fix.title, range: { start: block.positionAt(problem.fix.start), end: block.positionAt(problem.fix.end) } };
    }
    const diagnostic: Diagnostic = { range, severity: message.severity, code: message.code, source: REQUEST_SOURCE, message: format(problem.id, problem.args) };
    if (data) diagnostic.data = data;
    diagnostics.push(diagnostic);
  }
  if (body?.kind === 'xml') {
    // The body of a request the catalog does not know is not checked either.
    const resolved = resolveRequest(catalog, request);
    const { endpoint, action } = resolved;
    let bodyDiagnostics: Diagnostic[] = [];
    if (action?.xmlBody === 'optionProfiles') bodyDiagnostics = optionProfileBodyDiagnostics(block, body.text, body.start);
    else if (endpoint && (endpoint.qpsObject || SERVICE_REQUEST.test(body.text))) {
      bodyDiagnostics = qpsDiagnostics(qps, block, blockText, body.start, body.end, endpoint.qpsObject, qpsContext(resolved));
    }
    for (const diagnostic of bodyDiagnostics) diagnostics.push(diagnostic);
  }
  return capDiagnostics(diagnostics, REQUEST_SOURCE, problems.length - shown.length);
}
