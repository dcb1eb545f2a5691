/**
 * Reads an XSD file into a small element tree with line numbers, using fast-xml-parser. Nothing is
 * fetched and no entity is expanded: the DOCTYPE (if any) is blanked out before parsing, and only the
 * five predefined entities and character references are decoded.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';

/** An element of the XSD document. `name` is the local name; `ns` its namespace URI. */
export interface XsdNode {
  readonly name: string;
  readonly ns: string | undefined;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XsdNode[];
  /** The element's text content (direct text and CDATA children, concatenated). */
  readonly text: string;
  /** 1-based line of the start tag. */
  readonly line: number;
  /** Prefix -> namespace URI bindings in scope, for resolving QName attribute values. */
  readonly scope: ReadonlyMap<string, string>;
}

export class XsdLoadError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    /** The text is not well-formed XML (the message then quotes the parser, which quotes the text). */
    readonly notWellFormed = false,
  ) {
    super(line === undefined ? message : `${message} (line ${line})`);
    this.name = 'XsdLoadError';
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Never expand entities (the DOCTYPE is removed before parsing anyway); predefined ones are decoded below.
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  captureMetaData: true,
  // Deeply nested anonymous types are legal; the parser's default limit (100) is only a guard.
  maxNestedTags: 1000,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type RawNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Parses XSD text into its root element node. Throws XsdLoadError on malformed XML. */
export function parseXsdDocument(text: string): XsdNode {
  const body = blankDoctype(text);
  const check = XMLValidator.validate(body);
  if (check !== true) throw new XsdLoadError(`The XSD is not well-formed XML: ${check.err.msg}`, check.err.line, true);
  const lineStarts = computeLineStarts(body);
  const raw = parser.parse(body) as RawNode[];
  const rootRaw = raw.find((n) => elementName(n) !== undefined);
  if (!rootRaw) throw new XsdLoadError('The XSD has no root element');
  return convert(rootRaw, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), lineStarts);
}

function elementName(node: RawNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ':@' && key !== '#text' && !key.startsWith('?')) return key;
  return undefined;
}

function convert(node: RawNode, parentScope: ReadonlyMap<string, string>, lineStarts: number[]): XsdNode {
  const qname = elementName(node) as string;
  const rawAttrs = node[':@'] ?? {};
  let scope = parentScope;
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttrs)) {
    const decoded = decodeEntities(value, lineOf(node, lineStarts));
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), decoded);
    } else attrs[key] = decoded;
  }
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const line = lineOf(node, lineStarts);
  const children: XsdNode[] = [];
  let text = '';
  for (const child of (node[qname] as RawNode[] | undefined) ?? []) {
    if (typeof child['#text'] === 'string') text += decodeEntities(child['#text'], line);
    else if (elementName(child) !== undefined) children.push(convert(child, scope, lineStarts));
  }
  return { name: colon < 0 ? qname : qname.slice(colon + 1), ns: scope.get(prefix), attrs, children, text, line, scope };
}

function lineOf(node: RawNode, lineStarts: number[]): number {
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
  const index = meta?.startIndex ?? 0;
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(value: string, line: number): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (_, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const known = PREDEFINED[ref];
    if (known === undefined) throw new XsdLoadError(`The XSD uses the entity &${ref}; which is never expanded`, line);
    return known;
  });
}

/**
 * Replaces a DOCTYPE declaration (including an internal subset) by spaces, keeping line breaks so
 * line numbers stay right. The parser then never sees entity declarations or external identifiers.
 */
function blankDoctype(text: string): string {
  const start = text.search(/<!DOCTYPE/);
  if (start < 0) return text;
  let i = start + 9;
  let quote = '';
  let inSubset = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') inSubset = true;
    else if (c === ']') inSubset = false;
    else if (c === '>' && !inSubset) break;
  }
  const blanked = text.slice(start, i + 1).replace(/[^\n]/g, ' ');
  return text.slice(0, start) + blanked + text.slice(i + 1);
}
