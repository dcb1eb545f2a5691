/**
 * OPTION_PROFILES bodies of the requests whose catalog action says `xmlBody: optionProfiles`
 * (`option_profile/?action=import`): the option profile language features of
 * server/src/optionProfile/ run on the body (against the bundled schema), their results placed in
 * the request file, so the body gets the same diagnostics, completion and hover as an option
 * profile XML file. Of the validator's fix data only the direct replacement carries over: the
 * option profile quick fixes that move or insert elements work in option profile files.
 */
import { DiagnosticSeverity, type CompletionItem, type Diagnostic } from 'vscode-languageserver';
import { bundledContentModel, optionProfileCompletion, optionProfileHover, optionProfileProblems, OPTION_PROFILE_SOURCE } from '../../optionProfile';
import { capDiagnostics } from '../../util/diagnosticCap';
import { replaceFix } from '../../common/quickFix';
import { parseXml } from '../../xml/xmlParser';
import { bodyDocument, type BodyEntry } from './bodyEntry';

export const optionProfileBodies: BodyEntry = {
  id: 'optionProfiles',
  source: OPTION_PROFILE_SOURCE,
  appliesTo: ({ body, resolved }) => body.kind === 'xml' && resolved.action?.xmlBody === 'optionProfiles',
  diagnostics(document, { body }) {
    const from = body.start;
    const { problems, omitted } = optionProfileProblems(body.text);
    const diagnostics = problems.map((problem) => {
      const diagnostic: Diagnostic = {
        range: { start: document.positionAt(from + problem.start), end: document.positionAt(from + Math.max(problem.end, problem.start + 1)) },
        severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        code: problem.code,
        source: OPTION_PROFILE_SOURCE,
        message: problem.message,
      };
      const replacement = problem.data.replacement;
      if (replacement !== undefined) diagnostic.data = replaceFix(replacement);
      return diagnostic;
    });
    return capDiagnostics(diagnostics, OPTION_PROFILE_SOURCE, omitted);
  },
  completion(document, { body }, offset) {
    const { inner, outer } = bodyDocument(document, body, 'xml');
    const list = optionProfileCompletion(inner, bundledContentModel(), inner.positionAt(offset - body.start));
    const placed = (item: CompletionItem): CompletionItem => {
      const edit = item.textEdit;
      if (!edit) return item;
      return { ...item, textEdit: 'range' in edit ? { ...edit, range: outer(edit.range) } : { ...edit, insert: outer(edit.insert), replace: outer(edit.replace) } };
    };
    return { ...list, items: list.items.map(placed) };
  },
  hover(document, { body }, offset) {
    const { inner, outer } = bodyDocument(document, body, 'xml');
    const found = optionProfileHover(inner, parseXml(body.text), bundledContentModel(), inner.positionAt(offset - body.start));
    return found && found.range ? { ...found, range: outer(found.range) } : found;
  },
};
