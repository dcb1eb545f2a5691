/** Request problems (offsets into a block's text) as LSP diagnostics of that block, with their fix data. */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixData } from '../common/quickFix';
import { requestTable } from './requestMessages';
import type { RequestProblem } from './requestValidator';

export function requestDiagnostics(block: TextDocument, problems: readonly RequestProblem[]): Diagnostic[] {
  return problems.map((problem) => {
    const range = { start: block.positionAt(problem.start), end: block.positionAt(problem.end) };
    let data: FixData | undefined;
    if (problem.fix?.fix === 'replace') data = problem.fix;
    else if (problem.fix?.fix === 'remove') {
      data = { fix: 'remove', title: problem.fix.title, range: { start: block.positionAt(problem.fix.start), end: block.positionAt(problem.fix.end) } };
    }
    return requestTable.diagnostic(problem.id, range, problem.args, data);
  });
}
