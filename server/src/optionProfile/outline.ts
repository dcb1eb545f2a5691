/**
 * The outline (document symbols) and folding ranges of an option profile document.
 *
 * A repeatable element (maxOccurs > 1 in the schema) is labelled by its "name" descendant, so each
 * OPTION_PROFILE shows its GROUP_NAME and each POLICY its TITLE. The rule is generic (a text-only
 * descendant, at most two levels down, whose name ends in NAME or TITLE), so no element list is
 * written here.
 *
 * Bounds: names, labels and details are document text cut to MAX_QUOTED characters (a 10 MB
 * GROUP_NAME must not make a 10 MB answer); the tree is at most MAX_DEPTH deep (the parser stops
 * there) and folding walks it without recursion. Neither brings back the subtrees the first
 * parse let go (xml/xmlLazy.ts): folding reads the spans recorded for them, the outline the nodes
 * recorded with them, built for one walk and not kept (a 170,000-element tree is what the collector
 * would copy, and parsing the profiles again made the outline 3-5x slower).
 */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ContentModel, ElementDecl } from '../schema/contentModel';
import { automatonFor } from './contentAutomaton';
import { textValue, type XmlDocument, type XmlElement, type XmlNode } from '../xml/xmlNodes';
import { quote } from '../util/limits';
import { forEachMarkupSpan, isDropped, outlineChildren, peekChildren, SPAN_COMMENT, SPAN_ELEMENT, SPAN_UNCLOSED } from '../xml/xmlLazy';

const LABEL_NAME = /(^|_)(NAME|TITLE)$/;

/**
 * At most this many symbols: a 10 MB file has ~150,000 elements, and an outline of all of them
 * costs the server 170 MB more to send and the editor more to show. Whole levels are dropped from
 * the deepest up, so every profile stays listed (vscode-json-languageservice limits its outline
 * the same way).
 */
export const SYMBOL_LIMIT = 20_000;

/** The deepest level (root = 0) whose elements, with all shallower ones, fit in `limit`. */
function depthWithin(root: XmlElement, limit: number, childrenOf: ChildrenOf): number {
  let level: XmlElement[] = [root];
  let total = 0;
  for (let depth = 0; level.length > 0; depth++) {
    total += level.length;
    if (total > limit) return depth - 1;
    const next: XmlElement[] = [];
    for (const e of level) for (const c of childrenOf(e)) if (c.kind === 'element') next.push(c);
    level = next;
  }
  return Infinity;
}

export function documentSymbols(document: TextDocument, xml: XmlDocument, model: ContentModel): DocumentSymbol[] {
  const range = (start: number, end: number) => ({ start: document.positionAt(start), end: document.positionAt(end) });
  const childrenOf = lookingOnce();
  const maxDepth = xml.root ? depthWithin(xml.root, SYMBOL_LIMIT, childrenOf) : 0;
  const symbolOf = (element: XmlElement, decl: ElementDecl | undefined, repeated: boolean, depth: number): DocumentSymbol => {
    const childElements = childrenOf(element).filter((c): c is XmlElement => c.kind === 'element');
    const label = repeated && childElements.length > 0 ? labelOf(xml.text, element, childrenOf) : undefined;
    const value = childElements.length === 0 ? textValue(xml.text, element).trim() : '';
    const particles = decl?.content.kind === 'complex' ? automatonFor(decl).particles : undefined;
    const children =
      depth >= maxDepth
        ? []
        : childElements.map((child) => {
            const particle = particles?.get(child.name);
            return symbolOf(child, particle?.decl, (particle?.effectiveMax ?? 1) > 1, depth + 1);
          });
    const symbol: DocumentSymbol = {
      name: quote(label ?? element.name),
      kind: childElements.length > 0 ? SymbolKind.Object : SymbolKind.Field,
      range: range(element.start, Math.max(element.end, element.nameEnd)),
      selectionRange: range(element.nameStart, element.nameEnd),
      children,
    };
    if (label) symbol.detail = quote(element.name);
    else if (value) symbol.detail = quote(value);
    return symbol;
  };
  const root = xml.root;
  return root && maxDepth >= 0 ? [symbolOf(root, model.roots.find((r) => r.name === root.name), false, 0)] : [];
}

type ChildrenOf = (element: XmlElement) => readonly XmlNode[];

/** The children of a dropped subtree from its record (parsed only if it has none), once per outline and not kept after it. */
function lookingOnce(): ChildrenOf {
  const looked = new Map<XmlElement, readonly XmlNode[]>();
  return (element) => {
    if (!isDropped(element)) return element.children;
    let children = looked.get(element);
    if (!children) {
      children = outlineChildren(element) ?? peekChildren(element);
      looked.set(element, children);
    }
    return children;
  };
}

/** The value of the first NAME/TITLE leaf within two levels, CDATA and whitespace stripped. */
function labelOf(text: string, element: XmlElement, childrenOf: ChildrenOf): string | undefined {
  let level: XmlElement[] = [element];
  for (let depth = 0; depth < 2; depth++) {
    const next: XmlElement[] = [];
    for (const e of level) {
      for (const child of childrenOf(e)) {
        if (child.kind !== 'element') continue;
        if (LABEL_NAME.test(child.name) && !childrenOf(child).some((c) => c.kind === 'element')) {
          const value = textValue(text, child).trim();
          if (value) return value;
        }
        next.push(child);
      }
    }
    level = next;
  }
  return undefined;
}

export function foldingRanges(document: TextDocument, xml: XmlDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const lineOf = (offset: number): number => document.positionAt(offset).line;
  // Document order without recursion: a stack of nodes still to visit, the next one on top.
  const stack: XmlNode[] = [...xml.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'text' || node.kind === 'pi') continue;
    const startLine = lineOf(node.start);
    const endLine = lineOf(Math.max(node.start, node.end - 1));
    if (node.kind === 'element') {
      // Fold up to the line before the end tag, so the end tag stays visible.
      const last = node.endTagStart !== undefined ? lineOf(node.endTagStart) - 1 : endLine;
      if (last > startLine) ranges.push({ startLine, endLine: last });
      if (!forEachMarkupSpan(node, (start, end, kind) => foldSpan(start, end, kind, lineOf, ranges))) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    } else if (endLine > startLine) {
      ranges.push({ startLine, endLine, kind: node.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region });
    }
  }
  return ranges;
}

/** The folding range of one span of a subtree the first parse let go (xmlLazy.ts), as the walk above makes it. */
function foldSpan(start: number, end: number, kind: number, lineOf: (offset: number) => number, ranges: FoldingRange[]): void {
  const startLine = lineOf(start);
  const endLine = lineOf(end);
  if (kind === SPAN_ELEMENT || kind === SPAN_UNCLOSED) {
    const last = kind === SPAN_ELEMENT ? endLine - 1 : endLine;
    if (last > startLine) ranges.push({ startLine, endLine: last });
  } else if (endLine > startLine) {
    ranges.push({ startLine, endLine, kind: kind === SPAN_COMMENT ? FoldingRangeKind.Comment : FoldingRangeKind.Region });
  }
}
