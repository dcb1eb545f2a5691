/**
 * Quick fixes, driven by `diagnostic.data` (ProblemData): repair XML syntax, change a value to the
 * closest allowed one, set a fixed value, insert a missing element with its required children, move
 * an element to its schema position, remove an element that does not belong. The user's file changes
 * only when they pick one.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ContentModel, ElementDecl } from '../schema/contentModel';
import { elementAt, type XmlDocument } from '../xml/xmlNodes';
import { automatonFor } from './contentAutomaton';
import { DIAGNOSTIC_SOURCE, OptionProfileCode, type ProblemData } from './problems';
import { elementSkeleton, indentationAt, indentUnitOf } from './schemaQueries';
import { nearMiss } from '../common/nearMiss';
import { quote } from '../util/limits';

export function quickFixes(document: TextDocument, xml: XmlDocument, model: ContentModel, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isProblemData(diagnostic.data)) continue;
    actions.push(...fixesFor(document, xml, model, diagnostic, diagnostic.data));
  }
  return actions;
}

function isProblemData(data: unknown): data is ProblemData {
  return typeof data === 'object' && data !== null && typeof (data as { code?: unknown }).code === 'string';
}

function fixesFor(document: TextDocument, xml: XmlDocument, model: ContentModel, diagnostic: Diagnostic, data: ProblemData): CodeAction[] {
  const text = xml.text;
  const range = (start: number, end: number): Range => ({ start: document.positionAt(start), end: document.positionAt(end) });
  const action = (title: string, edits: TextEdit[], preferred = false): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    edit: { changes: { [document.uri]: edits } },
  });
  const removeElement = (): CodeAction[] =>
    data.elementStart !== undefined && data.elementEnd !== undefined
      ? [action(`Remove <${quote(data.element ?? 'element')}>`, [{ range: range(...wholeLines(text, data.elementStart, data.elementEnd)), newText: '' }])]
      : [];

  switch (data.code) {
    case OptionProfileCode.MalformedCData:
    case OptionProfileCode.BrokenSelfClose:
    case OptionProfileCode.MalformedReference:
    case OptionProfileCode.MalformedComment:
    case OptionProfileCode.MismatchedEndTag:
      return data.replacement !== undefined ? [action(`Replace with '${quote(data.replacement)}'`, [{ range: diagnostic.range, newText: data.replacement }], true)] : [];
    case OptionProfileCode.UnclosedElement:
      return data.replacement !== undefined && data.insertAt !== undefined
        ? [action(`Insert '${quote(data.replacement)}'`, [{ range: range(data.insertAt, data.insertAt), newText: data.replacement }], true)]
        : [];
    case OptionProfileCode.InvalidEnumeration:
    case OptionProfileCode.FixedValue:
    case OptionProfileCode.InvalidAttributeValue: {
      if (!data.allowed || data.valueStart === undefined || data.valueEnd === undefined) return [];
      const current = text.slice(data.valueStart, data.valueEnd);
      const inner = cdataInner(current);
      const closest = data.code === OptionProfileCode.FixedValue ? data.allowed[0] : nearMiss(inner.trim(), data.allowed);
      const candidates = closest !== undefined ? [closest, ...(data.allowed.length <= 6 ? data.allowed.filter((v) => v !== closest) : [])] : data.allowed.slice(0, 6);
      return candidates.map((value, i) => action(`Change to '${value}'`, [{ range: range(data.valueStart!, data.valueEnd!), newText: escapeText(value) }], i === 0 && closest !== undefined));
    }
    case OptionProfileCode.MissingRequiredElement: {
      if (!data.missing || data.insertAt === undefined) return [];
      const parentDecl = findDecl(model, data.parentDeclId);
      if (!parentDecl || parentDecl.content.kind !== 'complex') return [];
      const particles = automatonFor(parentDecl).particles;
      const parentElement = elementAt(xml, diagnostic.range ? document.offsetAt(diagnostic.range.start) : data.insertAt);
      const unit = indentUnitOf(text);
      return data.missing.flatMap((name) => {
        const decl = particles.get(name)?.decl;
        if (!decl) return [];
        const insertAt = data.insertAt!;
        const lineStartInsert = insertAt === 0 || text[insertAt - 1] === '\n';
        const indent = lineStartInsert
          ? indentationAt(text, firstNonSpace(text, insertAt))
          : parentElement && insertAt === parentElement.startTagEnd
            ? indentationAt(text, parentElement.start) + unit
            : indentationAt(text, insertAt);
        const skeleton = elementSkeleton(decl, unit, false, indent);
        const newText = lineStartInsert ? `${indent}${skeleton}\n` : `\n${indent}${skeleton}`;
        return [action(`Insert <${name}>`, [{ range: range(insertAt, insertAt), newText }], data.missing!.length === 1)];
      });
    }
    case OptionProfileCode.WrongOrder: {
      if (data.moveTo === undefined || data.elementStart === undefined || data.elementEnd === undefined) return [];
      const [from, to] = wholeLines(text, data.elementStart, data.elementEnd);
      let moved = text.slice(from, to);
      if (!moved.endsWith('\n')) moved += '\n';
      const edits: TextEdit[] = [
        { range: range(data.moveTo, data.moveTo), newText: moved },
        { range: range(from, to), newText: '' },
      ];
      return [action(`Move <${quote(data.element ?? '')}> to its schema position`, edits, true)];
    }
    case OptionProfileCode.UnknownElement: {
      const fixes = removeElement();
      if (data.replacement && data.elementStart !== undefined) {
        const element = elementAt(xml, data.elementStart + 1);
        if (element && element.start === data.elementStart) {
          const edits: TextEdit[] = [{ range: range(element.nameStart, element.nameEnd), newText: data.replacement }];
          if (element.endTagNameStart !== undefined) edits.push({ range: range(element.endTagNameStart, element.endTagNameEnd!), newText: data.replacement });
          fixes.unshift(action(`Rename to <${data.replacement}>`, edits, true));
        }
      }
      return fixes;
    }
    case OptionProfileCode.ElementNotAllowedHere:
    case OptionProfileCode.ChoiceViolation:
    case OptionProfileCode.TooManyOccurrences:
    case OptionProfileCode.ChildrenNotAllowed:
      return removeElement();
    case OptionProfileCode.TextNotAllowed:
      return data.elementStart !== undefined && data.elementEnd !== undefined
        ? [action('Remove the text', [{ range: range(data.elementStart, data.elementEnd), newText: '' }])]
        : [];
    default:
      return [];
  }
}

/** Extends [start, end) to whole lines when nothing else shares them (blanks only around it). */
function wholeLines(text: string, start: number, end: number): [number, number] {
  const blank = (c: number): boolean => c === 0x20 || c === 0x09;
  let from = start;
  while (from > 0 && blank(text.charCodeAt(from - 1))) from--;
  if (from > 0 && text.charCodeAt(from - 1) !== 0x0a) return [start, end];
  let to = end;
  while (to < text.length && (blank(text.charCodeAt(to)) || text.charCodeAt(to) === 0x0d)) to++;
  if (to < text.length && text.charCodeAt(to) !== 0x0a) return [start, end];
  return [from, to < text.length ? to + 1 : to];
}

function firstNonSpace(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function cdataInner(value: string): string {
  const match = /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(value);
  return match ? match[1]! : value;
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

const declIndex = new WeakMap<ContentModel, Map<string, ElementDecl>>();

/** The declaration with this id (ids are unique per place in the schema). */
function findDecl(model: ContentModel, id: string | undefined): ElementDecl | undefined {
  if (!id) return undefined;
  let index = declIndex.get(model);
  if (!index) {
    index = new Map();
    const work = [...model.roots];
    while (work.length > 0) {
      const decl = work.pop()!;
      if (index.has(decl.id)) continue;
      index.set(decl.id, decl);
      if (decl.content.kind === 'complex') for (const p of automatonFor(decl).particles.values()) work.push(p.decl);
    }
    declIndex.set(model, index);
  }
  return index.get(id);
}
