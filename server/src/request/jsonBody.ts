/**
 * JSON request bodies (PCRS postureInfo): syntax errors with their range, and the body's shape
 * against the catalog's `jsonBodies` entry (types, required and unknown keys with did-you-mean,
 * IDs), key completion and hover. Read with jsonc-parser, which keeps offsets and tolerates errors. `{{variables}}` outside
 * strings are masked before parsing (same length, so offsets hold) and their values not checked.
 * jsonc-parser descends recursively, so a body nested deeper than MAX_DEPTH is reported and not parsed.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { findNodeAtLocation, findNodeAtOffset, getLocation, getNodePath, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { shapeAt, type JsonBodySpec, type JsonShape } from './jsonBodySpec';
import type { FixData, RequestProblem } from './requestValidator';
import { nearMiss } from '../common/nearMiss';
import { MAX_DEPTH } from '../util/limits';
import { plural } from '../../../common/plural';

interface Masked {
  readonly text: string;
  /** [start, end) of every `{{variable}}` written where a JSON value goes. */
  readonly templates: readonly (readonly [number, number])[];
}

/** Replaces `{{name}}` outside strings by `0` and spaces, so the body parses and offsets stay. */
function maskTemplates(text: string): Masked {
  if (!text.includes('{{')) return { text, templates: [] };
  const templates: [number, number][] = [];
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ && text.charCodeAt(i + 1) === 123) {
      const close = text.indexOf('}}', i + 2);
      if (close < 0) break;
      out += `${text.slice(last, i)}0${' '.repeat(close + 2 - i - 1)}`;
      templates.push([i, close + 2]);
      last = close + 2;
      i = close + 1;
    }
  }
  return { text: out + text.slice(last), templates };
}

/** Where the nesting of `[`/`{` outside strings first goes deeper than MAX_DEPTH, or undefined. */
export function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return undefined;
}

/** Whether [start, end) of sorted, disjoint ranges holds `offset` (binary search). */
function within(ranges: readonly (readonly [number, number])[], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = ranges[mid]!;
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return true;
  }
  return false;
}

const syntaxText: Record<string, string> = {
  InvalidNumberFormat: 'a number is malformed',
  PropertyNameExpected: 'a key in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: "':' is expected after the key",
  CommaExpected: "',' is expected between entries",
  CloseBraceExpected: "'}' is expected",
  CloseBracketExpected: "']' is expected",
  EndOfFileExpected: 'there is text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a \\u escape is malformed',
  InvalidEscapeCharacter: 'a \\ escape is malformed',
  InvalidCharacter: 'a string holds a control character',
};

function syntaxProblem(error: ParseError, text: string, at: number): RequestProblem {
  const code = printParseErrorCode(error.error);
  let start = error.offset;
  let end = error.offset + error.length;
  // An error at a point (a missing bracket) covers the character before it, or the first one.
  if (end === start) {
    if (start > 0) start--;
    else end++;
  }
  const found = text.slice(start, end);
  const problem =
    code === 'InvalidSymbol'
      ? `unexpected '${found.length > 30 ? `${found.slice(0, 30)}...` : found}' (is a comma or a quote missing before it?)`
      : (syntaxText[code] ?? code);
  return { id: 'jsonSyntax', args: { problem }, start: at + start, end: at + Math.min(end, text.length) };
}

const expectedText: Record<JsonShape['type'], string> = {
  array: 'an array',
  object: 'an object',
  id: 'an ID',
  string: 'a string',
  integer: 'an integer',
  boolean: 'true or false',
};
const actualText: Record<Node['type'], string> = {
  array: 'an array',
  object: 'an object',
  string: 'a string',
  number: 'a number',
  boolean: 'true/false',
  null: 'null',
  property: 'a property',
};

class BodyChecker {
  readonly problems: RequestProblem[] = [];

  constructor(
    private readonly spec: JsonBodySpec,
    private readonly masked: Masked,
    private readonly at: number,
  ) {}

  private add(id: RequestProblem['id'], args: RequestProblem['args'], node: { offset: number; length: number }, fix?: FixData): void {
    this.problems.push({ id, args, start: this.at + node.offset, end: this.at + node.offset + Math.max(node.length, 1), ...(fix ? { fix } : {}) });
  }

  private templated(node: Node): boolean {
    if (node.type === 'string') return typeof node.value === 'string' && node.value.includes('{{');
    return within(this.masked.templates, node.offset);
  }

  private placeholder(node: Node): boolean {
    return node.type === 'string' && typeof node.value === 'string' && this.spec.placeholder?.test(node.value) === true;
  }

  check(node: Node, shape: JsonShape, path: string): void {
    if (this.templated(node) || this.placeholder(node)) return;
    const where = path || 'the body';
    switch (shape.type) {
      case 'array': {
        if (node.type !== 'array') return this.add('jsonType', { path: where, expected: expectedText.array, actual: actualText[node.type] }, node);
        const items = node.children ?? [];
        if (shape.minItems !== undefined && items.length < shape.minItems) this.add('jsonTooFew', { path: where, min: plural(shape.minItems, 'item') }, node);
        if (shape.maxItems !== undefined && items.length > shape.maxItems) this.add('jsonTooMany', { path: where, max: plural(shape.maxItems, 'item'), count: items.length }, node);
        items.forEach((item, i) => this.check(item, shape.items, `${path}[${i}]`));
        return;
      }
      case 'object': {
        if (node.type !== 'object') return this.add('jsonType', { path: where, expected: expectedText.object, actual: actualText[node.type] }, node);
        const seen = new Set<string>();
        let placeholderKey = false;
        for (const property of node.children ?? []) {
          const [keyNode, valueNode] = property.children ?? [];
          if (!keyNode || typeof keyNode.value !== 'string') continue;
          const key = keyNode.value;
          seen.add(key);
          const known = shape.properties.get(key);
          if (known) {
            if (valueNode) this.check(valueNode, known.shape, path ? `${path}.${key}` : key);
            continue;
          }
          if (this.spec.keyPlaceholder?.test(key)) {
            placeholderKey = true;
            continue;
          }
          const suggestion = nearMiss(key, shape.properties.keys());
          const inside = { offset: keyNode.offset + 1, length: Math.max(keyNode.length - 2, 0) };
          this.add(
            'jsonUnknownKey',
            { key, path: where, keys: [...shape.properties.keys()].join(', '), hint: suggestion ? ` Did you mean '${suggestion}'?` : '' },
            inside,
            suggestion ? { fix: 'replace', newText: suggestion, title: `Change to '${suggestion}'` } : undefined,
          );
        }
        // A placeholder key may stand for the missing one: the seed writes "xxx":"xxx" for subscriptionId.
        if (placeholderKey) return;
        for (const property of shape.properties.values()) {
          if (property.required && !seen.has(property.name)) this.add('jsonMissingKey', { path: where, key: property.name }, { offset: node.offset, length: 1 });
        }
        return;
      }
      case 'id': {
        const ok = (node.type === 'string' && /^\d+$/.test(String(node.value))) || (node.type === 'number' && Number.isInteger(node.value) && Number(node.value) >= 0);
        if (!ok) this.add('jsonBadId', { path: where, value: node.type === 'string' ? String(node.value) : actualText[node.type] }, node);
        return;
      }
      case 'string':
        if (node.type !== 'string') this.add('jsonType', { path: where, expected: expectedText.string, actual: actualText[node.type] }, node);
        return;
      case 'integer':
        if (node.type !== 'number' || !Number.isInteger(node.value)) this.add('jsonType', { path: where, expected: expectedText.integer, actual: actualText[node.type] }, node);
        return;
      case 'boolean':
        if (node.type !== 'boolean') this.add('jsonType', { path: where, expected: expectedText.boolean, actual: actualText[node.type] }, node);
        return;
    }
  }
}

/**
 * Problems of a JSON body starting at offset `at` of the text the problems refer to. Only the
 * first syntax error is reported (jsonc-parser's later ones follow from it), and the shape is
 * checked only when the body parses.
 */
export function validateJsonBody(spec: JsonBodySpec, body: string, at: number): RequestProblem[] {
  const deep = tooDeepAt(body);
  if (deep !== undefined) return [{ id: 'jsonTooDeep', args: { max: MAX_DEPTH }, start: at + deep, end: at + deep + 1 }];
  const masked = maskTemplates(body);
  const errors: ParseError[] = [];
  const tree = parseTree(masked.text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0) return [syntaxProblem(errors[0]!, body, at)];
  if (!tree) return [];
  const checker = new BodyChecker(spec, masked, at);
  checker.check(tree, spec.root, '');
  return checker.problems;
}

/** Keys the object around `offset` (in the body) may still take, with their descriptions. */
export function jsonBodyCompletion(spec: JsonBodySpec, body: string, offset: number): { items: CompletionItem[]; replace?: { start: number; end: number } } {
  if (tooDeepAt(body) !== undefined) return { items: [] };
  const masked = maskTemplates(body).text;
  const location = getLocation(masked, offset);
  if (!location.isAtPropertyKey) return { items: [] };
  const objectPath = location.path.slice(0, -1);
  const shape = shapeAt(spec.root, objectPath);
  if (shape?.type !== 'object') return { items: [] };
  const tree = parseTree(masked, [], { disallowComments: true });
  const object = tree ? findNodeAtLocation(tree, objectPath) : undefined;
  // The key being typed: getLocation reports it as a 'property' node holding the key's string range.
  const previous = location.previousNode;
  const typed = previous && (previous.type === 'string' || previous.type === 'property') && offset > previous.offset && offset < previous.offset + previous.length ? previous : undefined;
  const present = new Set(
    (object?.type === 'object' ? object.children ?? [] : [])
      .map((p) => p.children?.[0])
      .filter((k): k is Node => k !== undefined && !(typed && k.offset === typed.offset))
      .map((k) => String(k.value)),
  );
  const items = [...shape.properties.values()]
    .filter((p) => !present.has(p.name))
    .map((p): CompletionItem => ({
      label: p.name,
      kind: CompletionItemKind.Property,
      detail: `${expectedText[p.shape.type]}${p.required ? ', required' : ''}`,
      documentation: `${p.shape.description} (source: ${p.source})`,
      sortText: `${p.required ? 0 : 1}${p.name}`,
    }));
  return typed ? { items, replace: { start: typed.offset, end: typed.offset + typed.length } } : { items };
}

/** What the key under `offset` (in the body) is: its description, type and source, as Markdown. */
export function jsonBodyHover(spec: JsonBodySpec, body: string, offset: number): { text: string; start: number; end: number } | undefined {
  if (tooDeepAt(body) !== undefined) return undefined;
  const masked = maskTemplates(body).text;
  const tree = parseTree(masked, [], { disallowComments: true });
  if (!tree) return undefined;
  const node = findNodeAtOffset(tree, offset);
  const property = node?.parent?.type === 'property' && node.parent.children?.[0] === node ? node.parent : undefined;
  if (!node || !property || typeof node.value !== 'string') return undefined;
  const path = getNodePath(node);
  const objectShape = shapeAt(spec.root, path.slice(0, -1));
  const known = objectShape?.type === 'object' ? objectShape.properties.get(node.value) : undefined;
  if (!known) return undefined;
  const lines = [`**${known.name}** (${expectedText[known.shape.type]}${known.required ? ', required' : ''})`, '', known.shape.description];
  if (known.shape.type === 'array') lines.push('', `Items: ${expectedText[known.shape.items.type]}: ${known.shape.items.description}`);
  lines.push('', `Source: ${known.source}`);
  return { text: lines.join('\n'), start: node.offset, end: node.offset + node.length };
}
