/**
 * The problem cap (util/limits.ts MAX_PROBLEMS) applied to LSP diagnostics, the same way for every
 * document kind: the first MAX_PROBLEMS are published and one last warning says how many more there
 * are. A part of a document (a request's body, a request among many) may be capped on its own first:
 * its "more problems" diagnostic carries the count in `data.omitted`, and capping the whole again
 * adds those counts up, so the last diagnostic of a document always tells the true total.
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import { MAX_PROBLEMS, tooManyProblemsMessage } from './limits';

/** The code of the "more problems" diagnostic, in every source (option profiles, requests, QPS). */
export const TOO_MANY_PROBLEMS = 'too-many-problems';

interface TooManyData {
  readonly code: typeof TOO_MANY_PROBLEMS;
  /** Problems found and not published. */
  readonly omitted: number;
}

function omittedBy(diagnostic: Diagnostic): number | undefined {
  if (diagnostic.code !== TOO_MANY_PROBLEMS) return undefined;
  const omitted = (diagnostic.data as Partial<TooManyData> | undefined)?.omitted;
  return typeof omitted === 'number' ? omitted : 0;
}

export function tooManyProblemsDiagnostic(source: string, range: Range, shown: number, total: number): Diagnostic {
  const data: TooManyData = { code: TOO_MANY_PROBLEMS, omitted: total - shown };
  return { range, severity: DiagnosticSeverity.Warning, code: TOO_MANY_PROBLEMS, source, message: tooManyProblemsMessage(shown, total), data };
}

/**
 * The first MAX_PROBLEMS diagnostics and, when problems were left out (here or by an earlier cap,
 * or `omitted` more found and never turned into diagnostics), one "more problems" diagnostic placed
 * at the first one left out (or after the last one shown).
 */
export function capDiagnostics(diagnostics: readonly Diagnostic[], source: string, omitted = 0): Diagnostic[] {
  const shown: Diagnostic[] = [];
  let leftOut = omitted;
  let firstLeftOut: Range | undefined;
  for (const diagnostic of diagnostics) {
    const earlier = omittedBy(diagnostic);
    if (earlier !== undefined) {
      leftOut += earlier;
      firstLeftOut ??= diagnostic.range;
    } else if (shown.length < MAX_PROBLEMS) shown.push(diagnostic);
    else {
      leftOut++;
      firstLeftOut ??= diagnostic.range;
    }
  }
  if (leftOut === 0) return shown;
  const at = firstLeftOut ?? shown[shown.length - 1]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  shown.push(tooManyProblemsDiagnostic(source, at, shown.length, shown.length + leftOut));
  return shown;
}
