/**
 * Subtrees that are not kept. A 10 MB option profile export is 170,000 elements; kept as objects,
 * every one of them is copied by V8's young-generation collector as the tree grows, which was a
 * third of a fresh server's first diagnostics (bench/README.md). The option profile service
 * validates each child of the root as soon as the parser has read it (ParseOptions.settled) and then
 * lets its subtree go: the child stays in the tree with its own offsets, name and attributes, and
 * its `children` are parsed again from the text when something reads them (hover, a quick fix),
 * then kept. Folding reads the spans of its markup recorded when it was dropped (`markupSpans`);
 * the outline uses `peekChildren`, which parses a dropped subtree for the walk without keeping it.
 *
 * The text a dropped subtree is parsed from is the document's latest version: the service moves
 * `TextSource.text` on when an incremental reparse (xmlIncremental.ts) carries the child into a new
 * version, shifted with it; an unchanged child reads the same characters at its new offsets.
 */
import type { XmlElement, XmlNode } from './xmlNodes';
import { parseRootChild, type ParseOptions } from './xmlParser';

/** The text of the version a dropped subtree now belongs to (one per document lineage). */
export interface TextSource {
  text: string;
}

interface Dropped {
  readonly source: TextSource;
  readonly options: ParseOptions;
  readonly spans: Int32Array;
}

/** What `markupSpans` records per node: the span's end is an element's end tag. */
export const SPAN_ELEMENT = 0;
/** An element never closed: the span ends at its last character. */
export const SPAN_UNCLOSED = 1;
export const SPAN_COMMENT = 2;
export const SPAN_CDATA = 3;

const dropped = new WeakMap<XmlElement, Dropped>();

/**
 * Lets the subtree of `element` (a child of the root, just parsed from `source.text` with
 * `options`) go; `element.children` parses it again on first read and keeps it from then on.
 */
export function dropSubtree(element: XmlElement, source: TextSource, options: ParseOptions): void {
  if (element.children.length === 0) return;
  dropped.set(element, { source, options: { ...(options.storeLeafText !== undefined ? { storeLeafText: options.storeLeafText } : {}) }, spans: spansOf(element) });
  Object.defineProperty(element, 'children', {
    configurable: true,
    enumerable: true,
    get(this: XmlElement): XmlNode[] {
      return keep(this, reparse(this));
    },
    set(this: XmlElement, children: XmlNode[]) {
      keep(this, children);
    },
  });
}

/** Whether `element`'s subtree was let go and not read since (its descendants need no shifting). */
export function isDropped(element: XmlElement): boolean {
  return dropped.has(element);
}

/** The children of `element`; a dropped subtree is parsed for the caller and not kept. */
export function peekChildren(element: XmlElement): readonly XmlNode[] {
  return dropped.has(element) ? reparse(element) : element.children;
}

/**
 * Where the elements, comments and CDATA sections under a dropped `element` start and end, in
 * document order, as triples relative to `element.start`: start, end (an element's end tag, or
 * the last character), SPAN_* kind. Folding reads these instead of parsing the subtree again;
 * undefined when the subtree is in the tree.
 */
export function markupSpans(element: XmlElement): Int32Array | undefined {
  return dropped.get(element)?.spans;
}

function spansOf(element: XmlElement): Int32Array {
  const spans: number[] = [];
  const base = element.start;
  const stack: XmlNode[] = [];
  for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'text' || node.kind === 'pi') continue;
    const last = Math.max(node.start, node.end - 1) - base;
    if (node.kind === 'element') {
      if (node.endTagStart !== undefined) spans.push(node.start - base, node.endTagStart - base, SPAN_ELEMENT);
      else spans.push(node.start - base, last, SPAN_UNCLOSED);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    } else spans.push(node.start - base, last, node.kind === 'comment' ? SPAN_COMMENT : SPAN_CDATA);
  }
  return Int32Array.from(spans);
}

function keep(element: XmlElement, children: XmlNode[]): XmlNode[] {
  dropped.delete(element);
  Object.defineProperty(element, 'children', { configurable: true, enumerable: true, writable: true, value: children });
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
