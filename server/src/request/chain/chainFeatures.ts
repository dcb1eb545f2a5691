/**
 * Language features of chained requests: diagnostics for references that cannot be resolved (no
 * request of that name, the request itself, a path that does not parse), completion of request
 * names, `response`, `body`/`headers`, header names and answer paths, and hover naming the request
 * a reference reads. References depend on the names of the whole file, so these run on the file,
 * outside the per-request diagnostics cache; they cost one scan for `{{` and one for `@name`.
 */
import { CompletionItemKind, type CompletionList, type Diagnostic, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import answers from '../../../data/chain/answers.json';
import { nearMiss } from '../../common/nearMiss';
import { MAX_PROBLEMS } from '../../util/limits';
import { requestTable, type MessageId } from '../requestMessages';
import { parseRequestAt, requestNames } from '../requestParser';
import { pathProblem, referencesIn } from './chainReference';

/** The `# @name` of the block holding `offset`, as the parser reads it (CR LF lines, blanks around it). */
function ownName(text: string, offset: number): string | undefined {
  return parseRequestAt(text, offset, new Map())?.requestName;
}

/**
 * The file's chain problems: diagnostics for the first `room` (what the document's cap of
 * MAX_PROBLEMS, util/diagnosticCap.ts, has left), and how many more there are, counted for the cap's
 * "more problems" line, which tells the true total.
 */
export function chainDiagnostics(document: TextDocument, room = MAX_PROBLEMS): { readonly diagnostics: Diagnostic[]; readonly omitted: number } {
  const text = document.getText();
  const diagnostics: Diagnostic[] = [];
  let omitted = 0;
  if (!text.includes('.response') && !text.includes('.request')) return { diagnostics, omitted };
  const names = requestNames(text);
  const push = (id: MessageId, start: number, end: number, args: () => Record<string, string>): void => {
    if (diagnostics.length >= room) omitted++;
    else diagnostics.push(requestTable.diagnostic(id, { start: document.positionAt(start), end: document.positionAt(end) }, args()));
  };
  for (const reference of referencesIn(text)) {
    if (!names.has(reference.name)) {
      push('chainUnknownRequest', reference.start, reference.end, () => {
        const suggestion = nearMiss(reference.name, names.keys());
        return { reference: reference.text, name: reference.name, hint: suggestion ? ` Did you mean '${suggestion}'?` : '' };
      });
      continue;
    }
    if ('problem' in reference) {
      push('chainPart', reference.start, reference.end, () => ({ problem: reference.problem }));
      continue;
    }
    if (ownName(text, reference.start) === reference.name) {
      push('chainSelf', reference.start, reference.end, () => ({ name: reference.name }));
      continue;
    }
    const problem = pathProblem(reference);
    if (problem) push('chainBadPath', reference.pathStart, Math.max(reference.pathStart + 1, reference.end - 2), () => ({ problem }));
  }
  return { diagnostics, omitted };
}

/** The request line of the block at `offset`, for completion details and hover. */
function describe(text: string, offset: number): string {
  const request = parseRequestAt(text, offset, new Map());
  const line = text.slice(0, offset).split('\n').length;
  const action = request?.params.find((p) => p.name === 'action')?.value;
  return `line ${line}: ${request?.method?.text ?? 'GET'} ${request?.path?.text ?? request?.url?.text ?? ''}${action ? ` action=${action}` : ''}`;
}

/** Completion inside `{{` when the file names requests, or after `{{name.`; null when it is not ours. */
export function chainCompletion(document: TextDocument, offset: number): CompletionList | null {
  const text = document.getText();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /\{\{\s*([^{}\s]*)$/.exec(text.slice(lineStart, offset));
  if (!m) return null;
  const typed = m[1]!;
  const names = requestNames(text);
  const dot = typed.indexOf('.');
  const replaceFrom = (length: number) => ({ start: document.positionAt(offset - length), end: document.positionAt(offset) });
  const close = text.startsWith('}}', offset) ? '' : '}}';
  if (dot < 0) {
    if (names.size === 0) return null;
    return {
      isIncomplete: false,
      items: [...names].map(([name, at]) => ({
        label: name,
        kind: CompletionItemKind.Reference,
        detail: `the answer of ${describe(text, at)}`,
        textEdit: { range: replaceFrom(typed.length), newText: `${name}.response.` },
        command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
      })),
    };
  }
  const name = typed.slice(0, dot);
  if (!names.has(name)) return null;
  const rest = typed.slice(dot + 1);
  const word = (items: readonly { label: string; detail: string; insert: string; again?: boolean }[], length: number, kind: CompletionItemKind): CompletionList => ({
    isIncomplete: false,
    items: items.map((item) => ({
      label: item.label,
      kind,
      detail: item.detail,
      textEdit: { range: replaceFrom(length), newText: item.insert },
      ...(item.again ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
    })),
  });
  if (!rest.includes('.')) return word([{ label: 'response', detail: `the last answer of '${name}'`, insert: 'response.', again: true }], rest.length, CompletionItemKind.Property);
  const [part, ...after] = rest.split('.');
  if (part === 'response' && after.length === 1) {
    return word(
      [
        { label: 'body', detail: 'XPath on an XML answer, $.JSONPath on a JSON one, * for all of it', insert: 'body.', again: true },
        { label: 'headers', detail: 'a header of the answer', insert: 'headers.', again: true },
      ],
      after[0]!.length,
      CompletionItemKind.Property,
    );
  }
  if (part !== 'response' || after.length < 2) return null;
  const path = after.slice(1).join('.');
  if (after[0] === 'headers') return word(answers.headers.map((h) => ({ label: h.name, detail: h.description, insert: `${h.name}${close}` })), path.length, CompletionItemKind.Field);
  if (after[0] === 'body') {
    return word(
      answers.bodyPaths.map((p) => ({ label: p.path, detail: p.description, insert: p.path === '$.' ? '$.' : `${p.path}${close}` })),
      path.length,
      CompletionItemKind.Value,
    );
  }
  return null;
}

/** Hover on a reference: which request it reads, how, and what sending does when it has no answer yet. */
export function chainHover(document: TextDocument, offset: number): Hover | null {
  const text = document.getText();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const reference = referencesIn(text, lineStart, lineEnd).find((r) => offset >= r.start && offset <= r.end);
  if (!reference || 'problem' in reference) return null;
  const at = requestNames(text).get(reference.name);
  if (at === undefined) return null;
  const how =
    reference.kind === 'header'
      ? `its header \`${reference.path}\``
      : reference.kind === 'whole'
        ? 'its whole body'
        : reference.kind === 'jsonpath'
          ? `the JSONPath \`${reference.path}\` on its JSON body`
          : `the XPath \`${reference.path}\` on its XML body`;
  const value = [
    `**${reference.name}** (${describe(text, at)})`,
    '',
    `Reads ${how} from the last answer of \`${reference.name}\`.`,
    '',
    `Sending this request sends \`${reference.name}\` first when it has no answer yet, and asks first when \`${reference.name}\` changes data.`,
  ].join('\n');
  return { contents: { kind: 'markdown', value }, range: { start: document.positionAt(reference.start), end: document.positionAt(reference.end) } };
}
