/**
 * Incremental reparsing for documents whose root holds many children (an option profile export:
 * OPTION_PROFILES with thousands of OPTION_PROFILE elements). After an edit the parser resumes at the
 * last child of the root that starts before the first changed character, and stops at the first '<'
 * after the change where it stands directly inside the root, at the start of a child of the old
 * parse, with nothing held back: from there on it would repeat the old parse, so the old nodes and
 * problems are kept, their offsets shifted by the change in length. An edit inside one child costs
 * the parse of that child, whatever the document's size.
 *
 * Why the result equals parseXml(text): the parser reads left to right, and at a '<' directly
 * inside the root its whole state is the open root and whether it already has children (plus
 * problems it never reads back, remembered searches that give indexOf's answers, and the DOCTYPE's
 * entity names, which we require to be empty). No look-ahead passes the next '<', except an
 * unterminated CDATA section's search for ']]>' (an unterminated one before the change means a full
 * parse). The problem cap is applied as a full parse applies it; a parse that left problems out is
 * followed by a full one. Tests compare the two on random edits.
 */
import type { XmlAttribute, XmlDocument, XmlElement, XmlNode, XmlProblem } from './xmlNodes';
import { XmlProblemKind } from './xmlNodes';
import { isDropped } from './xmlLazy';
import { parseXml, resumeXml, type ParseOptions } from './xmlParser';
import { MAX_PROBLEMS } from '../util/limits';

/**
 * Parses `text`, the new version of `previous.text`, reusing what `previous` holds outside the
 * changed range. `previous` must come from parseXml or reparseXml with the same options, and is
 * consumed: its nodes are moved into the result (and shifted), so it must not be read afterwards.
 */
export function reparseXml(previous: XmlDocument, text: string, options: ParseOptions = {}): XmlDocument {
  if (text === previous.text) return previous;
  const plan = planReparse(previous, text);
  if (!plan) return parseXml(text, options);
  const { root, index } = plan;
  const old = { children: root.children, childProblems: previous.resume!.childProblems, problems: previous.problems, topLevel: previous.children };
  const rootEnd = { end: root.end, endTagStart: root.endTagStart, endTagNameStart: root.endTagNameStart, endTagNameEnd: root.endTagNameEnd };
  const delta = text.length - previous.text.length;
  const rootIndex = old.topLevel.indexOf(root);
  let synced = -1;
  const mutable = root as Mutable<XmlElement>;
  mutable.children = old.children.slice(0, index);
  mutable.endTagStart = mutable.endTagNameStart = mutable.endTagNameEnd = undefined;
  mutable.end = root.startTagEnd;
  const { document, syncedAt } = resumeXml(text, options, {
    pos: old.children[index]!.start,
    root,
    topLevel: old.topLevel.slice(0, rootIndex + 1),
    problems: old.problems.slice(0, old.childProblems[index]),
    childProblems: old.childProblems.slice(0, index),
    doctype: previous.doctype,
    entities: previous.resume!.entities,
    syncFrom: plan.newEnd,
    sync: (offset, rootChildren) => {
      if (rootChildren === 0) return false;
      const j = childStartingAt(old.children, offset - delta);
      if (j <= index || old.childProblems[j]! < 0) return false;
      synced = j;
      return true;
    },
  });
  if (syncedAt === undefined) return document;

  // The rest is the old parse from child `synced` on, shifted.
  const from = old.children[synced]!.start;
  const children = root.children;
  for (let j = synced; j < old.children.length; j++) children.push(shiftNode(old.children[j]!, delta));
  // The old problems from there on, under the same cap a full parse applies (the old parse left
  // none out: planReparse).
  const problems = document.problems;
  const problemsBefore = problems.length;
  const omittedBefore = document.omittedProblems;
  let omitted = omittedBefore;
  const oldBefore = old.childProblems[synced]!;
  for (let p = oldBefore; p < old.problems.length; p++) {
    if (problems.length < MAX_PROBLEMS) problems.push(shiftProblem(old.problems[p]!, from, delta));
    else omitted++;
  }
  const childProblems = document.resume!.childProblems as number[];
  for (let j = synced; j < old.childProblems.length; j++) {
    const count = old.childProblems[j]!;
    const now = count - oldBefore + problemsBefore;
    childProblems.push(count < 0 || omittedBefore > 0 || now > MAX_PROBLEMS ? -1 : now);
  }
  const topLevel = document.children;
  for (let t = rootIndex + 1; t < old.topLevel.length; t++) topLevel.push(shiftNode(old.topLevel[t]!, delta));
  mutable.end = rootEnd.end + delta;
  if (rootEnd.endTagStart !== undefined) mutable.endTagStart = rootEnd.endTagStart + delta;
  if (rootEnd.endTagNameStart !== undefined) mutable.endTagNameStart = rootEnd.endTagNameStart + delta;
  if (rootEnd.endTagNameEnd !== undefined) mutable.endTagNameEnd = rootEnd.endTagNameEnd + delta;
  return omitted === document.omittedProblems ? document : { ...document, omittedProblems: omitted };
}

interface ReparsePlan {
  readonly root: XmlElement;
  /** The child of the root where parsing resumes. */
  readonly index: number;
  /** End of the changed range in the new text. */
  readonly newEnd: number;
}

/** Where to resume, or undefined when only a full parse is right (or no faster). */
function planReparse(previous: XmlDocument, text: string): ReparsePlan | undefined {
  const root = previous.root;
  const resume = previous.resume;
  // A parse that left problems out (over MAX_PROBLEMS) cannot give back the ones it did not keep.
  if (!root || !resume || previous.omittedProblems > 0 || resume.entities.size > 0 || resume.childProblems.length !== root.children.length) return undefined;
  const change = changedRange(previous.text, text);
  // The last child of the root starting before the change where parsing can resume.
  let index = lastStartingBefore(root.children, change.start);
  while (index >= 0 && resume.childProblems[index]! < 0) index--;
  if (index < 0) return undefined;
  // Before that point the old parse holds, unless an unterminated CDATA section there would now
  // find a ']]>' the edit added.
  const before = resume.childProblems[index]!;
  for (let p = 0; p < before; p++) if (previous.problems[p]!.kind === XmlProblemKind.UnterminatedCData) return undefined;
  return { root, index, newEnd: change.newEnd };
}

/** The first and last changed offsets: [start, oldEnd) of the old text became [start, newEnd). */
export function changedRange(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const limit = Math.min(before.length, after.length);
  const start = commonPrefix(before, after, limit);
  const suffix = commonSuffix(before, after, limit - start);
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

// Compared a block at a time: string equality on slices runs at memory speed, a charCodeAt loop
// over 10 MB does not.
const BLOCK = 1 << 16;

function commonPrefix(a: string, b: string, limit: number): number {
  let i = 0;
  for (let step = BLOCK; step > 0; step >>= 1) {
    while (i + step <= limit && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  }
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  for (let step = BLOCK; step > 0; step >>= 1) {
    while (n + step <= limit && a.slice(a.length - n - step, a.length - n) === b.slice(b.length - n - step, b.length - n)) n += step;
  }
  return n;
}

/** Index of the last node whose start is before `offset`, or -1. Nodes are in document order. */
function lastStartingBefore(nodes: readonly XmlNode[], offset: number): number {
  let lo = 0;
  let hi = nodes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid]!.start < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the node starting exactly at `offset`, or -1. */
function childStartingAt(nodes: readonly XmlNode[], offset: number): number {
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = nodes[mid]!.start;
    if (start === offset) return mid;
    if (start < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Moves a node and everything under it by `delta` (in place; returns the node). */
export function shiftNode(node: XmlNode, delta: number): XmlNode {
  if (delta === 0) return node;
  const n = node as Mutable<XmlNode>;
  n.start += delta;
  n.end += delta;
  if (n.kind === 'cdata') {
    n.valueStart += delta;
    n.valueEnd += delta;
  } else if (n.kind === 'element') {
    shiftElement(n, delta);
  }
  return node;
}

function shiftElement(element: Mutable<XmlElement>, delta: number): void {
  element.nameStart += delta;
  element.nameEnd += delta;
  element.startTagEnd += delta;
  if (element.endTagStart !== undefined) {
    element.endTagStart += delta;
    element.endTagNameStart! += delta;
    element.endTagNameEnd! += delta;
  }
  for (const attribute of element.attributes as Array<Mutable<XmlAttribute>>) {
    attribute.nameStart += delta;
    attribute.nameEnd += delta;
    if (attribute.valueStart !== undefined) {
      attribute.valueStart += delta;
      attribute.valueEnd! += delta;
    }
  }
  // A dropped subtree is parsed again from the text at the element's new offsets (xmlLazy.ts).
  if (isDropped(element)) return;
  for (const child of element.children) shiftNode(child, delta);
}

/**
 * A problem the old parse reported after offset `from`, moved by `delta`. Its offsets before `from`
 * stay: they can only be the root's start tag (a problem about the unclosed root), which is before
 * the change.
 */
function shiftProblem(problem: XmlProblem, from: number, delta: number): XmlProblem {
  if (delta === 0) return problem;
  const move = (offset: number): number => (offset >= from ? offset + delta : offset);
  const shifted = { ...problem, start: move(problem.start), end: move(problem.end) };
  if (problem.data?.insertAt !== undefined) shifted.data = { ...problem.data, insertAt: move(problem.data.insertAt) };
  return shifted;
}
