/**
 * Subtrees that are not kept. A 10 MB option profile export is 170,000 elements; kept as objects,
 * every one of them is copied by V8's young-generation collector as the tree grows, which was a
 * third of a fresh server's first diagnostics (bench/README.md). The option profile service
 * validates each child of the root as soon as the parser has read it (ParseOptions.settled) and then
 * lets its subtree go: the child stays in the tree with its own offsets, name and attributes, and
 * its `children` are parsed again from the text when something reads them (hover, a quick fix),
 * then kept. Its elements, comments, CDATA sections and processing instructions are kept as a
 * record in an Int32Array (xmlRecord.ts, written by the parser as it read them): folding reads their
 * spans (`forEachMarkupSpan`), the outline stand-ins built from the record for one walk and not
 * kept (`outlineChildren`).
 *
 * The text a dropped subtree is parsed from is the document's latest version: the service moves
 * `TextSource.text` on when an incremental reparse (xmlIncremental.ts) carries the child into a new
 * version, shifted with it; an unchanged child reads the same characters at its new offsets.
 */
import { ElementNode, NO_ATTRIBUTES, type XmlElement, type XmlNode } from './xmlNodes';
import { parseRootChild, type ParseOptions } from './xmlParser';
import { DEPTH, END, END_TAG_START, KIND, NAME_END, NAME_START, NODE_CDATA, NODE_COMMENT, NODE_ELEMENT, NODE_PI, RECORD, SELF_CLOSING, START, START_TAG_END } from './xmlRecord';

/** The text of the version a dropped subtree now belongs to (one per document lineage). */
export interface TextSource {
  text: string;
}

interface Dropped {
  readonly source: TextSource;
  readonly options: ParseOptions;
  /** The subtree's nodes, RECORD numbers each (below): what folding and the outline read instead of parsing it. */
  readonly nodes: Int32Array;
}

/** A span `forEachMarkupSpan` gives: an element, the span's end its end tag. */
export const SPAN_ELEMENT = 0;
/** An element never closed: the span ends at its last character. */
export const SPAN_UNCLOSED = 1;
export const SPAN_COMMENT = 2;
export const SPAN_CDATA = 3;

const dropped = new WeakMap<XmlElement, Dropped>();

/**
 * Lets the subtree of `element` (a child of the root, just parsed from `source.text` with
 * `options`) go; `element.children` parses it again on first read and keeps it from then on.
 * `recorded` is the record the parser wrote as it read the subtree (xmlRecord.ts); without it the
 * subtree is walked to make one.
 */
export function dropSubtree(element: XmlElement, source: TextSource, options: ParseOptions, recorded?: Int32Array): void {
  // Only the parser's elements can let go of their children and keep their shape.
  if (!(element instanceof ElementNode) || element.children.length === 0) return;
  dropped.set(element, { source, options: { ...(options.storeLeafText !== undefined ? { storeLeafText: options.storeLeafText } : {}) }, nodes: recorded ?? nodesOf(element) });
  element.letGo();
}

ElementNode.lazy = {
  restore: (element) => keep(element, reparse(element)),
  forget: (element) => dropped.delete(element),
};

/** Whether `element`'s subtree was let go and not read since (its descendants need no shifting). */
export function isDropped(element: XmlElement): boolean {
  return dropped.has(element);
}

/** The children of `element`; a dropped subtree is parsed for the caller and not kept. */
export function peekChildren(element: XmlElement): readonly XmlNode[] {
  return dropped.has(element) ? reparse(element) : element.children;
}

/**
 * Calls `visit` with where each element, comment and CDATA section under a dropped `element` starts
 * and ends, in document order: start, end (an element's end tag, or the last character), SPAN_*
 * kind. Folding reads these instead of parsing the subtree again; false (and no call) when the
 * subtree is in the tree.
 */
export function forEachMarkupSpan(element: XmlElement, visit: (start: number, end: number, kind: number) => void): boolean {
  const record = dropped.get(element);
  if (!record) return false;
  const { nodes } = record;
  const base = element.start;
  for (let i = 0; i < nodes.length; i += RECORD) {
    const kind = nodes[i + KIND]! & 3;
    if (kind === NODE_PI) continue;
    const start = base + nodes[i + START]!;
    const last = Math.max(start, base + nodes[i + END]! - 1);
    const endTag = nodes[i + END_TAG_START]!;
    if (kind === NODE_ELEMENT) visit(start, endTag >= 0 ? base + endTag : last, endTag >= 0 ? SPAN_ELEMENT : SPAN_UNCLOSED);
    else visit(start, last, kind === NODE_COMMENT ? SPAN_COMMENT : SPAN_CDATA);
  }
  return true;
}

/** The record of `element`'s subtree (xmlRecord.ts), from the tree. */
export function nodesOf(element: XmlElement): Int32Array {
  const records: number[] = [];
  const base = element.start;
  const walk = (node: XmlNode, depth: number): void => {
    if (node.kind === 'text') return;
    if (node.kind === 'element') {
      records.push(NODE_ELEMENT | (node.selfClosing ? SELF_CLOSING : 0), depth, node.start - base, node.end - base, node.nameStart - base, node.nameEnd - base, node.startTagEnd - base, node.endTagStart === undefined ? -1 : node.endTagStart - base);
      for (const child of node.children) walk(child, depth + 1);
    } else if (node.kind === 'cdata') records.push(NODE_CDATA, depth, node.start - base, node.end - base, node.valueStart - base, node.valueEnd - base, 0, -1);
    else records.push(node.kind === 'comment' ? NODE_COMMENT : NODE_PI, depth, node.start - base, node.end - base, 0, 0, 0, -1);
  };
  // The parser stops at MAX_DEPTH, so this recursion is bounded.
  for (const child of element.children) walk(child, 1);
  return Int32Array.from(records);
}

/**
 * The children of a dropped `element` as the outline reads them, without parsing: elements (name,
 * offsets, children built when first read), comments, CDATA sections and processing instructions
 * (their target left empty) from the record made when it was dropped; text is not stored (read it
 * with textValue), nor attributes. Undefined when the subtree is in the tree. Not kept: for one walk.
 */
export function outlineChildren(element: XmlElement): readonly XmlNode[] | undefined {
  const record = dropped.get(element);
  if (!record) return undefined;
  return childrenAt(record.nodes, 0, 0, element.start, record.source.text, element);
}

/** The nodes one level below depth `depth`, from record index `from` up to the first record not deeper. */
function childrenAt(nodes: Int32Array, from: number, depth: number, base: number, text: string, parent: XmlElement): XmlNode[] {
  const children: XmlNode[] = [];
  for (let i = from; i < nodes.length && nodes[i + DEPTH]! > depth; i += RECORD) {
    if (nodes[i + DEPTH] !== depth + 1) continue;
    const kind = nodes[i + KIND]! & 3;
    const start = base + nodes[i + START]!;
    const end = base + nodes[i + END]!;
    if (kind === NODE_ELEMENT) children.push(new RecordedElement(nodes, i, base, text, parent));
    else if (kind === NODE_CDATA) children.push({ kind: 'cdata', start, end, valueStart: base + nodes[i + NAME_START]!, valueEnd: base + nodes[i + NAME_END]! });
    else if (kind === NODE_COMMENT) children.push({ kind: 'comment', start, end });
    else children.push({ kind: 'pi', target: '', start, end });
  }
  return children;
}

class RecordedElement implements XmlElement {
  readonly kind = 'element';
  readonly name: string;
  readonly start: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  startTagEnd: number;
  selfClosing: boolean;
  endTagStart?: number;
  end: number;
  attributes = NO_ATTRIBUTES;
  private built: XmlNode[] | undefined;

  constructor(
    private readonly nodes: Int32Array,
    private readonly at: number,
    private readonly base: number,
    private readonly text: string,
    readonly parent: XmlElement,
  ) {
    this.start = base + nodes[at + START]!;
    this.end = base + nodes[at + END]!;
    this.nameStart = base + nodes[at + NAME_START]!;
    this.nameEnd = base + nodes[at + NAME_END]!;
    this.name = text.slice(this.nameStart, this.nameEnd);
    this.startTagEnd = base + nodes[at + START_TAG_END]!;
    this.selfClosing = (nodes[at + KIND]! & SELF_CLOSING) !== 0;
    const endTag = nodes[at + END_TAG_START]!;
    if (endTag >= 0) this.endTagStart = base + endTag;
  }

  get children(): XmlNode[] {
    this.built ??= childrenAt(this.nodes, this.at + RECORD, this.nodes[this.at + DEPTH]!, this.base, this.text, this);
    return this.built;
  }
}

function keep(element: ElementNode, children: XmlNode[]): XmlNode[] {
  element.children = children;
  return children;
}

function reparse(element: XmlElement): XmlNode[] {
  const { source, options } = dropped.get(element)!;
  const parent = element.parent;
  const fresh = parent ? parseRootChild(source.text, element.start, parent.name, options) : undefined;
  // The text at the element's offsets is the one it was parsed from (moved with it), so this cannot
  // miss; an empty subtree is the safe answer if it ever did.
  if (!fresh || fresh.end !== element.end || fresh.name !== element.name) return [];
  const children = fresh.children;
  for (const child of children) if (child.kind === 'element') (child as { parent: XmlElement | undefined }).parent = element;
  return children;
}
