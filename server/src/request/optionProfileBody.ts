/**
 * OPTION_PROFILES bodies of `option_profile/?action=import` requests: the option profile
 * validator of server/src/optionProfile/ runs on the body, and its problems are placed in the
 * request file, so the same diagnostics appear as in an option profile XML file.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { optionProfileProblems } from '../optionProfile';
import { capDiagnostics } from '../util/diagnosticCap';
import { DIAGNOSTIC_SOURCE } from '../optionProfile/problems';
import type { DiagnosticFix } from './requestActions';

/** The option profile source: quick fixes of request files read `data` of these too. */
export const OPTION_PROFILE_SOURCE = DIAGNOSTIC_SOURCE;

/**
 * Diagnostics of the OPTION_PROFILES body [from, from + body.length) of `document` (the request
 * block). Of the validator's fix data only the direct replacement carries over: the option
 * profile quick fixes that move or insert elements work in option profile files.
 */
export function optionProfileBodyDiagnostics(document: TextDocument, body: string, from: number): Diagnostic[] {
  const { problems, omitted } = optionProfileProblems(body);
  const diagnostics = problems.map((problem) => {
    const diagnostic: Diagnostic = {
      range: { start: document.positionAt(from + problem.start), end: document.positionAt(from + Math.max(problem.end, problem.start + 1)) },
      severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      code: problem.code,
      source: OPTION_PROFILE_SOURCE,
      message: problem.message,
    };
    const replacement = problem.data.replacement;
    if (replacement !== undefined) {
      const fix: DiagnosticFix = { fix: 'replace', newText: replacement, title: replacement ? `Change to '${replacement}'` : 'Remove' };
      diagnostic.data = fix;
    }
    return diagnostic;
  });
  return capDiagnostics(diagnostics, OPTION_PROFILE_SOURCE, omitted);
}
