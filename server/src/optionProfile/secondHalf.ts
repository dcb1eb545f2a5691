/**
 * The second half of a large document's first parse, as the parse worker (parseWorker.ts) does it:
 * the parser started at a child-of-root boundary `at` in the state "inside the root, between its
 * children", each child validated as it is read (rootChildValidator, as the service's first parse
 * does) and its subtree let go. What crosses back to the server's thread is what the service's lazy
 * first parse keeps anyway: per child of the root its own fields, its record (xml/xmlRecord.ts,
 * all of them in one transferred Int32Array) and its problems, with absolute offsets. The server
 * checks at `at` that its own parse stands in exactly that state before it takes any of it
 * (splitParse.ts); nothing here is trusted beyond that.
 *
 * Pure: tests run it in-process; the worker runs it on its thread.
 */
import type { ContentModel } from '../schema/contentModel';
import { nodesOf } from '../xml/xmlLazy';
import type { XmlAttribute, XmlElement, XmlNode, XmlProblem } from '../xml/xmlNodes';
import { firstElement, resumeXml } from '../xml/xmlParser';
import type { OptionProfileProblem } from './problems';
import { rootChildValidator, type ValueChecker } from './validator';

/** What the server asks for: the text from `at` on, parsed as the children of the root named `root`. */
export interface SecondHalfJob {
  readonly id: number;
  readonly text: string;
  readonly at: number;
  readonly root: { readonly name: string; readonly nameStart: number; readonly nameEnd: number };
}

/** A child of the root the second half read. */
export interface HalfElement {
  readonly kind: 'element';
  readonly name: string;
  readonly start: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly startTagEnd: number;
  readonly selfClosing: boolean;
  readonly endTagStart: number | undefined;
  readonly endTagNameStart: number | undefined;
  readonly endTagNameEnd: number | undefined;
  readonly end: number;
  readonly attributes: XmlAttribute[] | undefined;
  /** Whether it has child nodes (its subtree did not cross). */
  readonly hasChildren: boolean;
  /**
   * Validated as it was read (no well-formedness problem in it, its declaration known): its validity
   * problems, and its record at [recordFrom, recordTo) of `records`. Otherwise the server parses its
   * subtree again and validates it with the whole document.
   */
  readonly settled: { readonly problems: readonly OptionProfileProblem[]; readonly recordFrom: number; readonly recordTo: number } | undefined;
}

export type HalfNode = HalfElement | Exclude<XmlNode, XmlElement>;

export type SecondHalfAnswer =
  | {
      readonly id: number;
      readonly ok: true;
      readonly at: number;
      readonly root: SecondHalfJob['root'];
      readonly children: readonly HalfNode[];
      /** Well-formedness problems from `at` on, in the order reported. */
      readonly problems: readonly XmlProblem[];
      readonly omittedProblems: number;
      /** Per child: problems reported in the second half when the parser reached its '<' (-1: not resumable there). */
      readonly childProblems: readonly number[];
      /** The root's end as the second half found it. */
      readonly rootEnd: Pick<XmlElement, 'end' | 'endTagStart' | 'endTagNameStart' | 'endTagNameEnd'>;
      /** Top-level nodes after the root (never an element: `ok` is false then). */
      readonly after: readonly XmlNode[];
      readonly records: Int32Array;
    }
  | { readonly id: number; readonly ok: false; readonly reason: string };

/** Parses and validates the second half. */
export function parseSecondHalf(job: SecondHalfJob, model: ContentModel, checkValue: ValueChecker): SecondHalfAnswer {
  const { id, text, at } = job;
  const root: XmlElement = {
    kind: 'element',
    name: job.root.name,
    start: job.root.nameStart - 1,
    nameStart: job.root.nameStart,
    nameEnd: job.root.nameEnd,
    startTagEnd: job.root.nameEnd,
    selfClosing: false,
    endTagStart: undefined,
    endTagNameStart: undefined,
    endTagNameEnd: undefined,
    end: job.root.nameEnd,
    attributes: [],
    children: [],
    parent: undefined,
  };
  const validate = rootChildValidator(text, model, checkValue);
  let records = new Int32Array(1 << 16);
  let recordsLength = 0;
  const settled = new Map<XmlElement, HalfElement['settled']>();
  const hadChildren = new Set<XmlElement>();
  const onSettled = (child: XmlElement, record: Int32Array | undefined): void => {
    if (child.children.length > 0) hadChildren.add(child);
    const found = validate(child);
    if (!found) return;
    const nodes = record ?? nodesOf(child);
    if (recordsLength + nodes.length > records.length) {
      const grown = new Int32Array(Math.max(records.length * 2, recordsLength + nodes.length));
      grown.set(records.subarray(0, recordsLength));
      records = grown;
    }
    records.set(nodes, recordsLength);
    settled.set(child, { problems: found.problems, recordFrom: recordsLength, recordTo: recordsLength + nodes.length });
    recordsLength += nodes.length;
    // Let the subtree go as the service does: the collector need not copy it while the parse runs.
    if (child.children.length > 0) (child as { children: XmlNode[] }).children = NO_CHILDREN;
  };
  const { document } = resumeXml(
    text,
    { storeLeafText: false, settled: onSettled },
    {
      pos: at,
      root,
      topLevel: [root],
      problems: [],
      childProblems: [],
      doctype: undefined,
      entities: new Set(),
      syncFrom: Number.MAX_SAFE_INTEGER,
      sync: () => false,
    },
  );
  const after = document.children.slice(1);
  if (document.children[0] !== root || after.some((node) => node.kind === 'element')) return { id, ok: false, reason: 'an element after the root' };
  const children: HalfNode[] = root.children.map((node) => {
    if (node.kind !== 'element') return node;
    const { name, start, nameStart, nameEnd, startTagEnd, selfClosing, endTagStart, endTagNameStart, endTagNameEnd, end, attributes } = node;
    return {
      kind: 'element',
      name,
      start,
      nameStart,
      nameEnd,
      startTagEnd,
      selfClosing,
      endTagStart,
      endTagNameStart,
      endTagNameEnd,
      end,
      attributes: attributes.length > 0 ? attributes : undefined,
      hasChildren: hadChildren.has(node) || node.children.length > 0,
      settled: settled.get(node),
    };
  });
  return {
    id,
    ok: true,
    at,
    root: job.root,
    children,
    problems: document.problems,
    omittedProblems: document.omittedProblems,
    childProblems: document.resume!.childProblems,
    rootEnd: { end: root.end, endTagStart: root.endTagStart, endTagNameStart: root.endTagNameStart, endTagNameEnd: root.endTagNameEnd },
    after,
    records: records.slice(0, recordsLength),
  };
}

const NO_CHILDREN: XmlNode[] = [];

/** Smallest document (in characters) whose first parse is split between two threads. */
export const SPLIT_MIN_CHARS = 1_000_000;

/**
 * Where to split `text` for a second thread: the start tag, at or after `fraction` of the text, of
 * an element named like the root's first child (an OPTION_PROFILE in an export), and the root's
 * name; undefined when there is none. A guess: only the server's own parse can tell it is a
 * child-of-root boundary, and it checks (splitParse.ts).
 */
export function chooseSplit(text: string, fraction: number): { readonly at: number; readonly root: SecondHalfJob['root'] } | undefined {
  const first = firstElement(text);
  if (!first) return undefined;
  const root = { name: first.name, nameStart: first.nameStart, nameEnd: first.nameStart + first.name.length };
  const child = /<([A-Za-z_][\w.-]*)[\s/>]/.exec(text.slice(root.nameEnd, root.nameEnd + 4096));
  if (!child) return undefined;
  const tag = `<${child[1]!}`;
  let at = text.indexOf(tag, Math.floor(text.length * fraction));
  while (at >= 0) {
    const next = text.charCodeAt(at + tag.length);
    if (next === 0x20 || next === 0x0a || next === 0x0d || next === 0x09 || next === 0x3e || next === 0x2f) return { at, root };
    at = text.indexOf(tag, at + 1);
  }
  return undefined;
}
