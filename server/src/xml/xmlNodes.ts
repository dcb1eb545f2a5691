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
  /** Shared empty array when the element has none: never push to it directly. */
  attributes: XmlAttribute[];
  /**
   * Child nodes (a shared empty array when there are none: never push to it). Whitespace-only text
   * is not stored, nor the text of an element that holds only text: read it with textValue.
   */
  children: XmlNode[];
  readonly parent: XmlElement | undefined;
}

/**
 * An empty array whose elements kind is already "objects". A fresh `[]` is an array of small
 * integers until its first push changes its hidden class: the parser's optimized code, made for the
 * arrays of one document, met the fresh (or shared empty) arrays of the next and was deoptimized.
 */
export function objectArray<T extends object>(): T[] {
  const array = [{}] as T[];
  array.pop();
  return array;
}

/** Shared by every element without attributes (almost all of them), to save an array each. */
export const NO_ATTRIBUTES: XmlAttribute[] = objectArray();
/** Shared by every element without child nodes (leaves, whose text is read from the source range). */
export const NO_CHILDREN: XmlNode[] = objectArray();

/**
 * Every element the parser builds, in one shape. A 10 MB document makes 150,000 of them, and the
 * parser's and validator's hot functions are compiled for the hidden class they meet: every field
 * is set in the constructor, in one order, and none is added or deleted later (a subtree let go by
 * xmlLazy.ts keeps its element's shape: its children are behind the `children` accessor, not
 * replaced by one on the object). Before, a dropped element became a dictionary-mode object and the
 * parse root a literal of another shape, and the first large document deoptimized the functions
 * that had met them (bench/README.md, "The first open: stable shapes").
 */
export class ElementNode implements XmlElement {
  readonly kind = 'element';
  readonly name: string;
  readonly start: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  startTagEnd: number;
  selfClosing = false;
  endTagStart: number | undefined = undefined;
  endTagNameStart: number | undefined = undefined;
  endTagNameEnd: number | undefined = undefined;
  end: number;
  attributes: XmlAttribute[] = NO_ATTRIBUTES;
  /** null while the subtree is let go (xmlLazy.ts): the next read of `children` parses it again. */
  #children: XmlNode[] | null = NO_CHILDREN;
  readonly parent: XmlElement | undefined;

  constructor(name: string, start: number, nameStart: number, nameEnd: number, parent: XmlElement | undefined) {
    this.name = name;
    this.start = start;
    this.nameStart = nameStart;
    this.nameEnd = nameEnd;
    this.startTagEnd = nameEnd;
    this.end = nameEnd;
    this.parent = parent;
  }

  get children(): XmlNode[] {
    return this.#children ?? ElementNode.lazy.restore(this);
  }

  set children(children: XmlNode[]) {
    if (this.#children === null) ElementNode.lazy.forget(this);
    this.#children = children;
  }

  /** Lets the subtree go (xmlLazy.ts): the next read of `children` calls `lazy.restore`. */
  letGo(): void {
    this.#children = null;
  }

  /**
   * Set by xmlLazy.ts, the only caller of letGo: `restore` parses the children of an element let
   * go and keeps them (through the setter), `forget` is told when they are replaced without a read.
   */
  static lazy: { restore(element: ElementNode): XmlNode[]; forget(element: ElementNode): void } = { restore: () => [], forget: () => undefined };
}

export interface XmlText {
  readonly kind: 'text';
  readonly start: number;
  readonly end: number;
  /** Always false: whitespace-only text is not stored (kept for readers that test it). */
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
  TooDeep = 'too-deep',
}

export interface XmlProblem {
  readonly kind: XmlProblemKind;
  readonly start: number;
  readonly end: number;
  /** Sentence describing the mistake, with the names involved. */
  readonly message: string;
  /** What a quick fix may use: the expected name, the replacement text, ... */
  readonly data?: { readonly replacement?: string; readonly name?: string; readonly insertAt?: number };
}

export interface XmlDocument {
  readonly text: string;
  /** Top-level nodes (prolog comments, PIs, the root, stray text). */
  readonly children: XmlNode[];
  readonly root: XmlElement | undefined;
  /** The first MAX_PROBLEMS problems (util/limits.ts), in the order they were found. */
  readonly problems: XmlProblem[];
  /** How many more problems were found and not kept. */
  readonly omittedProblems: number;
  /** Offsets of the DOCTYPE declaration, when present (skipped, never fetched). */
  readonly doctype?: { readonly start: number; readonly end: number; readonly rootName: string };
  /** What an incremental reparse needs (xmlIncremental.ts); absent on documents built otherwise. */
  readonly resume?: XmlResumeInfo;
}

export interface XmlResumeInfo {
  /**
   * One entry per child node of the root: how many problems the parser had reported when it reached
   * the node's '<', or -1 when parsing cannot resume there (text nodes, text held back).
   */
  readonly childProblems: readonly number[];
  /** Entity names the DOCTYPE's internal subset declares (reported, never expanded). */
  readonly entities: ReadonlySet<string>;
}

/**
 * A copy of `value` that keeps no reference to the string it was cut from. V8 represents a slice of
 * 13 characters or more, and a concatenation, as a view on its parts: a name or message kept in a
 * tree would keep the whole document text alive. Trees outlive their text (xmlIncremental.ts moves
 * nodes into the next version's tree), so what they keep must be copies.
 */
export function ownString(value: string): string {
  // Shorter slices and concatenations are copied by V8 already.
  return value.length < 13 ? value : (JSON.parse(JSON.stringify(value)) as string);
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

/**
 * The text value of an element: its text and CDATA between the tags, references decoded, comments
 * and processing instructions left out, whitespace kept as written. Read from the source range,
 * so whitespace-only text (not stored as nodes) counts too.
 */
export function textValue(text: string, element: XmlElement): string {
  if (element.selfClosing) return '';
  const start = element.startTagEnd;
  const end = element.endTagStart ?? element.end;
  if (end <= start) return '';
  const raw = text.slice(start, end);
  if (raw.indexOf('<') < 0) return raw.indexOf('&') < 0 ? raw : decodeReferences(raw);
  // Walk the raw text: text runs are decoded, CDATA sections unwrapped, other markup skipped. The
  // children are in document order, so one cursor over them finds the node at each '<'.
  const parts: string[] = [];
  const children = element.children;
  let next = 0;
  let i = 0;
  while (i < raw.length) {
    const lt = raw.indexOf('<', i);
    const run = raw.slice(i, lt < 0 ? raw.length : lt);
    parts.push(run.indexOf('&') < 0 ? run : decodeReferences(run));
    if (lt < 0) break;
    while (next < children.length && children[next]!.start < start + lt) next++;
    const node = next < children.length && children[next]!.start === start + lt ? children[next] : undefined;
    if (node?.kind === 'cdata') parts.push(text.slice(node.valueStart, node.valueEnd));
    i = node ? Math.max(node.end - start, lt + 1) : lt + 1;
  }
  return parts.join('');
}

/** Whether an element holds non-whitespace text that is not stored as a node (a leaf's value). */
export function hasUnstoredText(text: string, element: XmlElement): boolean {
  if (element.children.length > 0 || element.selfClosing) return false;
  const end = element.endTagStart ?? element.end;
  return /\S/.test(text.slice(element.startTagEnd, end));
}

/** Whether an element has no content at all (XSD: then its fixed or default value applies). */
export function isEmptyElement(element: XmlElement): boolean {
  return element.selfClosing || (element.endTagStart !== undefined && element.endTagStart === element.startTagEnd);
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
