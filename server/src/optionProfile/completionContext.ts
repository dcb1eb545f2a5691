/**
 * Finds where the cursor is in the schema by scanning the text *backwards* from it, without parsing
 * the document: completion must answer in a few milliseconds anywhere in a 10 MB file, right after
 * a keystroke (when the new version has not been parsed yet).
 *
 * Walking back tag by tag, it collects the completed siblings before the cursor and the open
 * ancestors, and stops at the first ancestor whose name has a single declaration in the schema
 * (OPTION_PROFILE in the bundled one): from there the declarations are followed downwards. A
 * completed sibling whose name is never nested in itself is skipped in one `lastIndexOf` to its
 * start tag. The scan is as tolerant as the parser: unmatched tags are ignored, comments, CDATA and
 * declarations skipped.
 *
 * Bounds: unmatched end tags wait in a stack with an index per name (a start tag finds its end tag
 * without searching the stack), a name never found as a start tag is not searched for again, and
 * the scan gives up after MAX_STEPS tags or searches (a valid 10 MB file needs a few thousand), so
 * a hostile document cannot make a keystroke wait.
 */
import type { ContentModel, ElementDecl } from '../schema/contentModel';
import { automatonFor } from './contentAutomaton';
import { allDeclarations } from './schemaQueries';

export interface OpenElement {
  readonly name: string;
  readonly start: number;
  /** Offset after the start tag's '>'. */
  readonly startTagEnd: number;
}

export interface CursorContext {
  /** The open elements around the offset, innermost first (up to the anchor). */
  readonly open: readonly OpenElement[];
  /** The declaration of open[0]; undefined when unknown (or nothing is open). */
  readonly decl: ElementDecl | undefined;
  /** Names of open[0]'s children that end before the offset, in document order. */
  readonly siblings: readonly string[];
}

interface ModelIndex {
  readonly declsByName: Map<string, ElementDecl[]>;
  /** Names that can occur inside an element of the same name (their subtrees cannot be skipped by name). */
  readonly recursive: Set<string>;
}

const indexes = new WeakMap<ContentModel, ModelIndex>();

function indexOf(model: ContentModel): ModelIndex {
  let index = indexes.get(model);
  if (index) return index;
  const declsByName = new Map<string, ElementDecl[]>();
  for (const decl of allDeclarations(model)) {
    const list = declsByName.get(decl.name) ?? [];
    if (!list.some((d) => d.id === decl.id)) list.push(decl);
    declsByName.set(decl.name, list);
  }
  const recursive = new Set<string>();
  for (const [name, decls] of declsByName) if (decls.some((d) => containsName(d, name, new Set()))) recursive.add(name);
  index = { declsByName, recursive };
  indexes.set(model, index);
  return index;
}

function containsName(decl: ElementDecl, name: string, seen: Set<ElementDecl>): boolean {
  if (decl.content.kind !== 'complex' || seen.has(decl)) return false;
  seen.add(decl);
  for (const p of automatonFor(decl).particles.values()) if (p.decl.name === name || containsName(p.decl, name, seen)) return true;
  return false;
}

/** Tags visited and start-tag searches made before the scan gives up (completion then offers nothing). */
const MAX_STEPS = 200_000;

/**
 * End tags whose start tag is still to be found, innermost last, with the positions of each name,
 * so that matching a start tag (and dropping the unmatched end tags inside it) costs what it drops.
 */
class PendingEnds {
  private readonly names: string[] = [];
  private readonly at = new Map<string, number[]>();

  get size(): number {
    return this.names.length;
  }

  push(name: string): void {
    this.names.push(name);
    let list = this.at.get(name);
    if (!list) this.at.set(name, (list = []));
    list.push(this.names.length - 1);
  }

  /** Matches a start tag: drops its end tag and every unmatched end tag after it; false when none. */
  match(name: string): boolean {
    const list = this.at.get(name);
    if (!list || list.length === 0) return false;
    const index = list[list.length - 1]!;
    while (this.names.length > index) this.at.get(this.names.pop()!)!.pop();
    return true;
  }
}

function isNameChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e || c === 0x3a || c >= 0xb7;
}

function readName(text: string, from: number): string {
  let i = from;
  while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
  return text.slice(from, i);
}

/**
 * The start of the last `<name` tag before `before` (the name followed by a tag delimiter), or -1;
 * undefined when the step budget ran out.
 */
function findStartTag(text: string, name: string, before: number, budget: { steps: number }): number | undefined {
  const needle = `<${name}`;
  let at = before;
  for (;;) {
    if (--budget.steps < 0) return undefined;
    const i = text.lastIndexOf(needle, at - 1);
    if (i < 0) return -1;
    const next = text.charCodeAt(i + needle.length);
    if (!isNameChar(next)) return i;
    at = i;
  }
}

export function cursorContext(text: string, offset: number, model: ContentModel): CursorContext {
  const index = indexOf(model);
  const open: OpenElement[] = [];
  const skip = new PendingEnds();
  const siblings: string[] = [];
  /** Names with no start tag before the place they were looked for (so none before any later place). */
  const absent = new Set<string>();
  const budget = { steps: MAX_STEPS };
  let anchored = false;
  let pos = offset;
  while (pos > 0) {
    if (--budget.steps < 0) return { open: [], siblings: [], decl: undefined };
    const gt = text.lastIndexOf('>', pos - 1);
    if (gt < 0) break;
    if (gt >= 2 && text.charCodeAt(gt - 1) === 0x2d && text.charCodeAt(gt - 2) === 0x2d) {
      const s = text.lastIndexOf('<!--', gt - 2);
      if (s < 0) break;
      pos = s;
      continue;
    }
    if (gt >= 2 && text.charCodeAt(gt - 1) === 0x5d && text.charCodeAt(gt - 2) === 0x5d) {
      const cdata = text.lastIndexOf('CDATA', gt);
      const s = cdata < 0 ? -1 : text.lastIndexOf('<', cdata);
      if (s < 0) break;
      pos = s;
      continue;
    }
    const lt = text.lastIndexOf('<', gt);
    if (lt < 0) break;
    pos = lt;
    const c = text.charCodeAt(lt + 1);
    if (c === 0x2f) {
      let nameStart = lt + 2;
      while (text.charCodeAt(nameStart) === 0x20) nameStart++;
      const name = readName(text, nameStart);
      if (!name) continue;
      if (skip.size === 0 && !index.recursive.has(name) && !absent.has(name)) {
        // A completed element: jump to its start tag in one search.
        const s = findStartTag(text, name, lt, budget);
        if (s === undefined) return { open: [], siblings: [], decl: undefined };
        if (s >= 0) {
          if (open.length === 0) siblings.push(name);
          pos = s;
          continue;
        }
        absent.add(name);
      }
      skip.push(name);
      continue;
    }
    if (c === 0x21 || c === 0x3f || !isNameChar(c)) continue;
    const name = readName(text, lt + 1);
    const tagEnd = text.indexOf('>', lt);
    const selfClosing = tagEnd > 0 && text.charCodeAt(tagEnd - 1) === 0x2f;
    if (selfClosing) {
      if (skip.size === 0 && open.length === 0) siblings.push(name);
      continue;
    }
    if (skip.size > 0) {
      if (skip.match(name) && skip.size === 0 && open.length === 0) siblings.push(name);
      continue;
    }
    open.push({ name, start: lt, startTagEnd: tagEnd < 0 ? text.length : tagEnd + 1 });
    if (index.declsByName.get(name)?.length === 1) {
      anchored = true;
      break;
    }
  }
  siblings.reverse();
  return { open, siblings, decl: resolve(model, index, open, anchored) };
}

function resolve(model: ContentModel, index: ModelIndex, open: readonly OpenElement[], anchored: boolean): ElementDecl | undefined {
  if (open.length === 0) return undefined;
  const outer = open[open.length - 1]!;
  let decl = anchored ? index.declsByName.get(outer.name)![0] : model.roots.find((r) => r.name === outer.name);
  for (let k = open.length - 2; k >= 0 && decl; k--) {
    if (decl.content.kind !== 'complex') return undefined;
    decl = automatonFor(decl).particles.get(open[k]!.name)?.decl;
  }
  return decl;
}
