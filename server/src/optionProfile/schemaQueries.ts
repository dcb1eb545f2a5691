/**
 * Questions the features ask of the content model about a place in a parsed document: which
 * declaration an element has, which children may come at an offset, which values a text may take,
 * and what skeleton an element needs. All answers come from the content model (no element names here).
 */
import type { ContentModel, ElementDecl, SimpleTypeModel } from '../schema/contentModel';
import type { XmlElement } from '../xml/xmlNodes';
import { automatonFor } from './contentAutomaton';
import { plural } from '../../../common/plural';

const declarationLists = new WeakMap<ContentModel, readonly ElementDecl[]>();

/**
 * Every element declaration reachable from the model's roots, each once (the model is a graph: a
 * recursive type reuses its ancestor's declaration). Computed once per model.
 */
export function allDeclarations(model: ContentModel): readonly ElementDecl[] {
  let list = declarationLists.get(model);
  if (list) return list;
  const seen = new Set<ElementDecl>();
  const work = [...model.roots];
  while (work.length > 0) {
    const decl = work.pop()!;
    if (seen.has(decl)) continue;
    seen.add(decl);
    if (decl.content.kind === 'complex') for (const p of automatonFor(decl).particles.values()) work.push(p.decl);
  }
  list = [...seen];
  declarationLists.set(model, list);
  return list;
}

/** The declaration of `element`, following its ancestors from the root; undefined when unknown. */
export function declOf(model: ContentModel, element: XmlElement): ElementDecl | undefined {
  const chain: XmlElement[] = [];
  for (let e: XmlElement | undefined = element; e; e = e.parent) chain.push(e);
  chain.reverse();
  let decl = model.roots.find((r) => r.name === chain[0]!.name);
  for (let i = 1; i < chain.length && decl; i++) {
    if (decl.content.kind !== 'complex') return undefined;
    decl = automatonFor(decl).particles.get(chain[i]!.name)?.decl;
  }
  return decl;
}

/** Values a text of this type may take, for completion and hover (enumerations, booleans, the fixed value). */
export function valueChoices(type: SimpleTypeModel, fixed?: string): string[] {
  if (fixed !== undefined) return [fixed];
  if (type.enumeration && type.enumeration.length > 0) return [...type.enumeration];
  if (type.base === 'boolean') return ['0', '1'];
  if (type.minInclusive !== undefined && type.maxInclusive !== undefined && type.maxInclusive - type.minInclusive <= 1) {
    return Array.from({ length: type.maxInclusive - type.minInclusive + 1 }, (_, i) => String(type.minInclusive! + i));
  }
  return [];
}

/** One line describing a type's allowed values, for hover; undefined when it allows any text. */
export function describeValues(type: SimpleTypeModel, fixed?: string): string | undefined {
  if (fixed !== undefined) return `fixed to \`${fixed}\``;
  const choices = valueChoices(type);
  if (choices.length > 0) return choices.map((c) => `\`${c}\``).join(', ');
  const parts: string[] = [];
  if (type.base !== 'string') parts.push(type.base);
  if (type.minInclusive !== undefined) parts.push(`>= ${type.minInclusive}`);
  if (type.maxInclusive !== undefined) parts.push(`<= ${type.maxInclusive}`);
  if (type.minLength !== undefined) parts.push(`at least ${plural(type.minLength, 'character')}`);
  if (type.maxLength !== undefined) parts.push(`at most ${plural(type.maxLength, 'character')}`);
  if (type.patterns && type.patterns.length > 0) parts.push(`matching \`${type.patterns.join('` or `')}\``);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

const MAX_SKELETON_DEPTH = 4;

/**
 * The text of an element with its required children, for snippets (`snippet` true: tab stops and
 * value choices) and for quick fixes (plain text). Lines are joined with '\n' + indent.
 */
export function elementSkeleton(decl: ElementDecl, indentUnit: string, snippet: boolean, indent = '', counter = { n: 1 }, depth = 0): string {
  const name = decl.name;
  const content = decl.content;
  if (content.kind === 'simple') {
    const choices = valueChoices(content.type, decl.fixed);
    const inner = !snippet
      ? decl.fixed ?? (choices.length === 1 ? choices[0]! : '')
      : choices.length > 1
        ? `\${${counter.n++}|${choices.map(escapeChoice).join(',')}|}`
        : choices.length === 1
          ? escapeSnippet(choices[0]!)
          : `$${counter.n++}`;
    return `<${name}>${inner}</${name}>`;
  }
  if (content.kind === 'complex' && !content.particle) return `<${name}/>`;
  if (content.kind !== 'complex' || depth >= MAX_SKELETON_DEPTH) return snippet ? `<${name}>$${counter.n++}</${name}>` : `<${name}></${name}>`;
  const automaton = automatonFor(decl);
  const required = automaton.shortestPath(automaton.initial, (s) => s.accepting) ?? [];
  if (required.length === 0) return snippet ? `<${name}>$${counter.n++}</${name}>` : `<${name}></${name}>`;
  const childIndent = indent + indentUnit;
  let state = automaton.initial;
  const lines: string[] = [];
  for (const childName of required) {
    const childDecl = state.allowed.get(childName)!;
    lines.push(childIndent + elementSkeleton(childDecl, indentUnit, snippet, childIndent, counter, depth + 1));
    state = automaton.next(state, childName)!;
  }
  return `<${name}>\n${lines.join('\n')}\n${indent}</${name}>`;
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

function escapeChoice(text: string): string {
  return text.replace(/[$}\\|,]/g, '\\$&');
}

/** The indentation unit the document uses (from its first indented line), four spaces by default. */
export function indentUnitOf(text: string): string {
  const match = /\n([ \t]+)</.exec(text.slice(0, 4096));
  if (!match) return '    ';
  const indent = match[1]!;
  return indent.startsWith('\t') ? '\t' : indent.length <= 4 ? indent : '    ';
}

/** The whitespace at the start of the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let end = lineStart;
  while (end < offset && (text.charCodeAt(end) === 0x20 || text.charCodeAt(end) === 0x09)) end++;
  return text.slice(lineStart, end);
}
