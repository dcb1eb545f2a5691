/**
 * The one XML parser configuration for Qualys responses. fast-xml-parser never fetches anything;
 * before it runs, prepareXml (xmlGuard.ts) refuses any DOCTYPE but one in the prolog without an
 * internal subset (Qualys names its DTDs by SYSTEM ids, which nothing reads), and the parser's
 * entity decoder knows only XML's predefined entities and character references, so no entity is
 * ever expanded wherever it was declared. The validator runs first because the parser alone accepts
 * a body cut short.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { apiError } from './errors';
import { fail, ok, type Result } from './result';
import { prepareXml, referenceDecoder, restoreRuns } from './xmlGuard';

/** A parsed element: text, or an object of children ('#text' and '@_attr' keys), or a list of them. */
export type XmlNode = string | { readonly [name: string]: XmlNode | readonly XmlNode[] | undefined };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Only the five predefined entities and character references are decoded (each to at most two
  // characters, so the text never grows and no expansion cap is needed: a cap would reject honest
  // pages full of &amp;). Declarations the parser reads in a DOCTYPE are ignored.
  processEntities: true,
  entityDecoder: referenceDecoder,
});

export interface XmlDocument {
  readonly root: string;
  readonly node: XmlNode;
}

/** Parses a response body; `malformed` when it is cut short or not XML, `unsafe-xml` when it has a DOCTYPE it may not have. */
export function parseXml(body: string): Result<XmlDocument> {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  if (!text.trim()) return fail(apiError('malformed', 'The answer is empty.'));
  const prepared = prepareXml(text);
  if (!prepared.ok) return prepared;
  // The validator reads the prepared text too: long runs cost it as much as the parser, and they
  // hold no markup that could show a body cut short.
  const valid = XMLValidator.validate(prepared.value.text);
  if (valid !== true) {
    const where = prepared.value.linesMoved ? '' : `line ${valid.err.line}: `;
    return fail(apiError('malformed', `The answer is not well-formed XML (${where}${valid.err.msg}); it may have been cut short.`));
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(prepared.value.text) as Record<string, unknown>;
    restoreRuns(parsed, prepared.value.runs);
  } catch (error) {
    return fail(apiError('malformed', `The answer is not well-formed XML (${error instanceof Error ? error.message : String(error)}).`));
  }
  const root = Object.keys(parsed).find((name) => !name.startsWith('?') && !name.startsWith('#') && !name.startsWith('!'));
  if (!root) return fail(apiError('malformed', 'The answer has no root element.'));
  return ok({ root, node: parsed[root] as XmlNode });
}

/** The name of the root element, read from the first bytes without parsing the document. */
export function sniffRoot(body: Buffer | string): string | undefined {
  const head = (typeof body === 'string' ? body.slice(0, 2048) : body.subarray(0, 2048).toString('utf8'))
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '');
  return /<([A-Za-z_][\w.-]*)/.exec(head)?.[1];
}

function isObject(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** A child element (the first one when repeated). */
export function child(node: unknown, name: string): XmlNode | undefined {
  if (!isObject(node)) return undefined;
  const value = node[name];
  return (Array.isArray(value) ? value[0] : value) as XmlNode | undefined;
}

/** Every child element of a name, as a list (the parser gives a single one as a scalar). */
export function children(node: unknown, name: string): XmlNode[] {
  if (!isObject(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as XmlNode[];
}

/** Trimmed text of a node (CDATA joined); undefined when absent or empty. */
export function text(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') {
    const value = String(node).trim();
    return value === '' ? undefined : value;
  }
  if (Array.isArray(node)) return text(node[0]);
  if (isObject(node)) return text(node['#text']);
  return undefined;
}

export function childText(node: unknown, name: string): string | undefined {
  return text(child(node, name));
}

export function attr(node: unknown, name: string): string | undefined {
  return isObject(node) ? text(node[`@_${name}`]) : undefined;
}

export function childInt(node: unknown, name: string): number | undefined {
  const value = childText(node, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Qualys 0/1 flags as booleans; undefined when absent. */
export function childFlag(node: unknown, name: string): boolean | undefined {
  const value = childText(node, name);
  if (value === undefined) return undefined;
  return value === '1' || value.toLowerCase() === 'true' || value.toLowerCase() === 'yes';
}

/** Names of an element's children, in document order of first appearance. */
export function childNames(node: unknown): string[] {
  return isObject(node) ? Object.keys(node).filter((k) => !k.startsWith('@_') && k !== '#text') : [];
}
