/**
 * Completion on option profile XML, working on half-typed documents. It never parses the document:
 * a backward scan from the cursor (completionContext.ts) finds the enclosing element and the
 * siblings before the cursor, so it answers in milliseconds even in a 10 MB file right after a
 * keystroke. Three situations:
 * - after '<' (or in element content): the child elements allowed at that point, required first,
 *   then in schema order, each a snippet with its required children;
 * - after '</': the end tag of the innermost open element;
 * - inside a text value: the enumeration / 0-1 / fixed values of its type.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ContentModel, ElementDecl, SimpleTypeModel } from '../schema/contentModel';
import { automatonFor } from './contentAutomaton';
import { cursorContext, type OpenElement } from './completionContext';
import { elementSkeleton, indentUnitOf, valueChoices } from './schemaQueries';

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_.:-]/.test(c);
}

export function completion(document: TextDocument, model: ContentModel, position: Position): CompletionList {
  const text = document.getText();
  const offset = document.offsetAt(position);
  let wordStart = offset;
  while (wordStart > 0 && isNameChar(text[wordStart - 1])) wordStart--;
  let wordEnd = offset;
  while (isNameChar(text[wordEnd])) wordEnd++;
  const range = (start: number, end: number): Range => ({ start: document.positionAt(start), end: document.positionAt(end) });

  if (text[wordStart - 1] === '/' && text[wordStart - 2] === '<') {
    return endTagCompletion(text, model, wordStart - 2, wordEnd, range);
  }
  if (text[wordStart - 1] === '<') {
    const lt = wordStart - 1;
    // Editing the name of an existing tag: replace only the name.
    const nameOnly = text[wordEnd] === '>' || text[wordEnd] === ' ' || text.startsWith('/>', wordEnd);
    return elementCompletion(text, model, lt, nameOnly ? { start: wordStart, end: wordEnd, withBracket: false } : { start: lt, end: wordEnd, withBracket: true }, range);
  }
  if (insideTag(text, offset)) return { isIncomplete: false, items: [] };
  const context = cursorContext(text, offset, model);
  const element = context.open[0];
  if (!element) return { isIncomplete: false, items: [] };
  const decl = context.decl;
  if (decl?.content.kind === 'simple') return valueCompletion(text, element, offset, decl.content.type, decl.fixed, range);
  return elementCompletion(text, model, offset, { start: offset, end: offset, withBracket: true }, range);
}

/** Whether `offset` is inside a tag (after a '<' whose '>' has not come yet). */
function insideTag(text: string, offset: number): boolean {
  const lt = text.lastIndexOf('<', offset - 1);
  const gt = text.lastIndexOf('>', offset - 1);
  return lt > gt;
}

function endTagCompletion(text: string, model: ContentModel, start: number, wordEnd: number, range: (s: number, e: number) => Range): CompletionList {
  const element = cursorContext(text, start, model).open[0];
  if (!element) return { isIncomplete: false, items: [] };
  const end = text[wordEnd] === '>' ? wordEnd + 1 : wordEnd;
  const label = `</${element.name}>`;
  return {
    isIncomplete: false,
    items: [{ label, kind: CompletionItemKind.Property, filterText: `</${element.name}`, textEdit: { range: range(start, end), newText: label }, sortText: '0' }],
  };
}

function elementCompletion(
  text: string,
  model: ContentModel,
  at: number,
  replace: { start: number; end: number; withBracket: boolean },
  range: (s: number, e: number) => Range,
): CompletionList {
  const context = cursorContext(text, at, model);
  const indentUnit = indentUnitOf(text);
  const items: CompletionItem[] = [];
  if (context.open.length === 0) {
    // Before any root: offer the model's roots.
    for (const root of model.roots) items.push(elementItem(root.name, elementSkeleton(root, indentUnit, true), true, 0, replace, range, root.docs?.text));
    return { isIncomplete: false, items };
  }
  const decl = context.decl;
  if (!decl || decl.content.kind !== 'complex' || !decl.content.particle) return { isIncomplete: false, items };
  const automaton = automatonFor(decl);
  // Children that do not fit are skipped, as the validator does.
  let state = automaton.initial;
  for (const name of context.siblings) state = automaton.next(state, name) ?? state;
  const required = new Set(automaton.shortestPath(state, (s) => s.accepting) ?? []);
  let index = 0;
  const entries: Array<[string, ElementDecl]> = [...state.allowed.entries()];
  entries.sort(([a], [b]) => Number(required.has(b)) - Number(required.has(a)));
  for (const [name, childDecl] of entries) {
    items.push(elementItem(name, elementSkeleton(childDecl, indentUnit, true), required.has(name), index++, replace, range, childDecl.docs?.text));
  }
  return { isIncomplete: false, items };
}

function elementItem(
  name: string,
  snippet: string,
  required: boolean,
  index: number,
  replace: { start: number; end: number; withBracket: boolean },
  range: (s: number, e: number) => Range,
  docs: string | undefined,
): CompletionItem {
  const newText = replace.withBracket ? snippet : name;
  return {
    label: name,
    kind: CompletionItemKind.Property,
    detail: required ? 'required' : 'optional',
    ...(docs ? { documentation: { kind: 'markdown' as const, value: docs } } : {}),
    sortText: String(index).padStart(4, '0'),
    filterText: replace.withBracket ? `<${name}` : name,
    insertTextFormat: replace.withBracket ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: range(replace.start, replace.end), newText },
  };
}

function valueCompletion(
  text: string,
  element: OpenElement,
  offset: number,
  type: SimpleTypeModel,
  fixed: string | undefined,
  range: (s: number, e: number) => Range,
): CompletionList {
  const choices = valueChoices(type, fixed);
  const start = element.startTagEnd;
  const next = text.indexOf('<', offset);
  const end = next < 0 ? text.length : next;
  const current = text.slice(start, end);
  // A one-line value is replaced whole; a multi-line one (CDATA on its own line) is left alone.
  const editRange = current.includes('\n') || current.includes('<') ? undefined : range(start, end);
  return {
    isIncomplete: false,
    items: choices.map((value, index) => ({
      label: value,
      kind: CompletionItemKind.Value,
      sortText: String(index).padStart(4, '0'),
      ...(editRange ? { textEdit: { range: editRange, newText: value } } : { insertText: value }),
    })),
  };
}
