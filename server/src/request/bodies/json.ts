/** JSON bodies whose shape the catalog names (`jsonBody` of the action): checks, key completion, hover. */
import type { CompletionList, Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { jsonBodyCompletion, jsonBodyHover, validateJsonBody } from '../jsonBody';
import { requestDiagnostics } from '../problemDiagnostics';
import { REQUEST_SOURCE } from '../requestMessages';
import type { BodyAt, BodyEntry } from './bodyEntry';
import { capDiagnostics } from '../../util/diagnosticCap';
import { MAX_PROBLEMS } from '../../util/limits';

export const jsonBodies: BodyEntry = {
  id: 'json',
  source: REQUEST_SOURCE,
  appliesTo: ({ body, resolved }) => body.kind === 'json' && resolved.action?.jsonBody !== undefined,
  diagnostics(document, { body, resolved }) {
    const problems = validateJsonBody(resolved.action!.jsonBody!, body.text, body.start);
    // Problems beyond the cap are only counted: their messages are never written.
    const shown = problems.length > MAX_PROBLEMS ? problems.slice(0, MAX_PROBLEMS) : problems;
    return capDiagnostics(requestDiagnostics(document, shown), REQUEST_SOURCE, problems.length - shown.length);
  },
  completion(document: TextDocument, { body, resolved }: BodyAt, offset: number): CompletionList {
    const { items, replace } = jsonBodyCompletion(resolved.action!.jsonBody!, body.text, offset - body.start);
    const range = replace && { start: document.positionAt(body.start + replace.start), end: document.positionAt(body.start + replace.end) };
    return {
      isIncomplete: false,
      items: items.map((item) => {
        const newText = `"${item.label}"`;
        return { ...item, textEdit: range ? { range, newText } : { range: { start: document.positionAt(offset), end: document.positionAt(offset) }, newText: `${newText}: ` } };
      }),
    };
  },
  hover(document: TextDocument, { body, resolved }: BodyAt, offset: number): Hover | null {
    const found = jsonBodyHover(resolved.action!.jsonBody!, body.text, offset - body.start);
    return found
      ? { contents: { kind: 'markdown', value: found.text }, range: { start: document.positionAt(body.start + found.start), end: document.positionAt(body.start + found.end) } }
      : null;
  },
};
