/**
 * The tree the tolerant XML parser (xmlParser.ts) builds. Every node keeps offsets into the
 * document text so that features can map any position to a node and any node to a range. Text is
 * not copied at parse time: `textValue` decodes it on demand, which keeps a 10 MB document's tree
 * small (whitespace between elements is never materialised).
 */

export interface XmlAttribute {
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** The raw value without quotes (entity references not decoded); undefined when missing. */
  readonly value?: string;
  readonly valueStart?: number;
  readonly valueEnd?: number;
}

export interface XmlElement {
  readonly kind: 'element';
  readonly name: string;
  /** Offset of '<'. */
  readonly start: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** Offset just after the start tag's '>' (or where the start tag was cut short). */
  startTagEnd: number;
  selfClosing: boolean;
  /** Offset of '</' of the matching end tag; undefined when the element was never closed. */
  endTagStart?: number;
  endTagNameStart?: number;
  endTagNameEnd?: number;
  /** Offset just after the element (after its end tag, or where it was implicitly closed). */
  end: number;
  readonly attributes: XmlAttribute[];
  readonly children: XmlNode[];
  readonly parent: XmlElement | undefined;
}

export interface XmlText {
  readonly kind: 'text';
  readonly start: number;
  readonly end: number;
  /** True when the text is only XML whitespace (allowed between elements). */
  readonly blank: boolean;
  /** True when it holds an entity or character reference (decoding needed). */
  readonly hasReference: boolean;
}

export interface XmlCData {
  readonly kind: 'cdata';
  readonly start: number;
  readonly end: number;
  /** The content between `<![CDATA[` and `]]>`. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface XmlComment {
  readonly kind: 'comment';
  readonly start: number;
  readonly end: number;
}

export interface XmlProcessingInstruction {
  readonly kind: 'pi';
  readonly target: string;
  readonly start: number;
  readonly end: number;
}

export type XmlNode = XmlElement | XmlText | XmlCData | XmlComment | XmlProcessingInstruction;

/** Well-formedness problems, one kind per distinct mistake (the language layer maps them to codes). */
export enum XmlProblemKind {
  UnclosedElement = 'unclosed-element',
  MismatchedEndTag = 'mismatched-end-tag',
  UnexpectedEndTag = 'unexpected-end-tag',
  UnterminatedStartTag = 'unterminated-start-tag',
  InvalidName = 'invalid-name',
  BrokenSelfClose = 'broken-self-close',
  MalformedCData = 'malformed-cdata',
  UnterminatedCData = 'unterminated-cdata',
  MalformedComment = 'malformed-comment',
  UnterminatedComment = 'unterminated-comment',
  MalformedDeclaration = 'malformed-declaration',
  MisplacedDeclaration = 'misplaced-declaration',
  MisplacedDoctype = 'misplaced-doctype',
  InternalEntityNotExpanded = 'internal-entity-not-expanded',
  UnknownEntity = 'unknown-entity',
  MalformedReference = 'malformed-reference',
  InvalidCharReference = 'invalid-char-reference',
  TextOutsideRoot = 'text-outside-root',
  MultipleRoots = 'multiple-roots',
  NoRoot = 'no-root',
  MalformedAttribute = 'malformed-attribute',
  DuplicateAttribute = 'duplicate-attribute',
  CDataEndInText = 'cdata-end-in-text',
  UnescapedLessThan = 'unescaped-less-than',
}

export interface XmlProblem {
  readonly kind: XmlProblemKind;
  readonly start: number;
  readonly end: number;
  /** Sentence describing the mistake, with the names involved. */
  readonly message: string;
  /** What a quick fix may use: the expected name, the replacement text, ... */
  readonly data?: { readonly replacement?: string; readonly name?: string };
}

export interface XmlDocument {
  readonly text: string;
  /** Top-level nodes (prolog comments, PIs, the root, stray text). */
  readonly children: XmlNode[];
  readonly root: XmlElement | undefined;
  readonly problems: XmlProblem[];
  /** Offsets of the DOCTYPE declaration, when present (skipped, never fetched). */
  readonly doctype?: { readonly start: number; readonly end: number; readonly rootName: string };
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Decodes the five predefined entities and character references; anything else is kept as written. */
export function decodeReferences(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return safeCodePoint(parseInt(ref.slice(2), 16)) ?? whole;
    if (ref.startsWith('#')) return safeCodePoint(parseInt(ref.slice(1), 10)) ?? whole;
    return PREDEFINED[ref] ?? whole;
  });
}

function safeCodePoint(code: number): string | undefined {
  return isXmlChar(code) ? String.fromCodePoint(code) : undefined;
}

/** The XML 1.0 Char production. */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
  );
}

export function isPredefinedEntity(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(PREDEFINED, name);
}

/** The text content of an element's direct text and CDATA children, references decoded. */
export function textValue(text: string, element: XmlElement): string {
  let value = '';
  for (const child of element.children) {
    if (child.kind === 'text') {
      const raw = text.slice(child.start, child.end);
      value += child.hasReference ? decodeReferences(raw) : raw;
    } else if (child.kind === 'cdata') {
      value += text.slice(child.valueStart, child.valueEnd);
    }
  }
  return value;
}

/** The element whose start or end tag name covers `offset`, or the innermost element containing it. */
export function elementAt(document: XmlDocument, offset: number): XmlElement | undefined {
  let current: XmlElement | undefined;
  let nodes: readonly XmlNode[] = document.children;
  for (;;) {
    const next = findChildElementContaining(nodes, offset);
    if (!next) return current;
    current = next;
    nodes = next.children;
  }
}

function findChildElementContaining(nodes: readonly XmlNode[], offset: number): XmlElement | undefined {
  // Binary search: children are in document order and do not overlap.
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const node = nodes[mid]!;
    if (node.end < offset) lo = mid + 1;
    else if (node.start > offset) hi = mid - 1;
    else {
      // An offset at a boundary belongs to the later node when two touch.
      if (node.end === offset && mid + 1 < nodes.length && nodes[mid + 1]!.start === offset) {
        const after = nodes[mid + 1]!;
        return after.kind === 'element' ? after : undefined;
      }
      return node.kind === 'element' ? node : undefined;
    }
  }
  return undefined;
}
