/**
 * A large document's first parse split between the server's thread and the parse worker: the worker
 * parses and validates the text from a child-of-root boundary `at` on (secondHalf.ts) while this
 * thread parses the part before it. Where this thread's parse reaches `at`, it takes the worker's
 * children of the root only when it stands there in exactly the state the worker started from:
 * directly inside the same root (same name, same offsets), at least one child before, nothing held
 * back, no DOCTYPE entities, no problem left out by the cap (xml/xmlParser.ts parseXmlStepsJoining
 * checks the parser's side). Anything else (`at` inside a comment, a CDATA section or an unclosed
 * profile; the worker failed, crashed, timed out or answered something unusual) and this thread
 * parses on from `at` as if never split: correctness never depends on the worker.
 *
 * Why the join equals a whole parse: at a '<' directly inside the root the parser's state is the
 * open root, whether it has children, the problem count and the DOCTYPE's entities (the same
 * argument as xml/xmlIncremental.ts); the worker's parser starts from that state on the same text,
 * and its problem counts are moved by this thread's count at `at`.
 */
import type { Steps } from '../common/steps';
import { MAX_PROBLEMS } from '../util/limits';
import type { XmlDocument, XmlElement, XmlNode } from '../xml/xmlNodes';
import { parseRootChild, parseXmlStepsJoining, type ParseOptions } from '../xml/xmlParser';
import type { OptionProfileProblem } from './problems';
import type { HalfElement, SecondHalfAnswer, SecondHalfJob } from './secondHalf';

/** One second half under way on the worker. */
export interface SecondHalfTicket {
  /** The answer, once it arrived. */
  readonly answer: SecondHalfAnswer | undefined;
  /** Settles when the answer arrives, the worker fails, or after `ms`, whichever comes first. */
  wait(ms: number): Promise<void>;
  /** The answer was joined to the server's parse. */
  joined(): void;
  /** The answer is not wanted (any more): a job still running is stopped. */
  cancel(): void;
}

export interface SecondHalfRunner {
  /** Starts the job on the worker, or undefined when there is none to run it (then parse alone). */
  start(job: Omit<SecondHalfJob, 'id'>): SecondHalfTicket | undefined;
}

/** How the service takes a child of the root the worker validated (as its own `settled` does). */
export interface Adoption<D> {
  /** The declaration the service's validator would settle a child named `name` with. */
  declFor(rootName: string, name: string): D | undefined;
  adopt(child: XmlElement, decl: D, problems: readonly OptionProfileProblem[], record: Int32Array): void;
}

/** The wait for the worker at `at`: this long at least, or twice the time this thread's part took. */
export const MIN_WAIT_MS = 500;

/**
 * The whole parse of `text` (as parseXmlSteps with `options`), the part from `at` on taken from
 * `ticket` when it can be. The ticket is cancelled when the steps end, however they end.
 */
export function* splitParseSteps<D>(text: string, options: ParseOptions, at: number, ticket: SecondHalfTicket, adoption: Adoption<D>): Steps<XmlDocument> {
  const started = Date.now();
  try {
    return yield* parseXmlStepsJoining(text, options, at, function* (document) {
      // A caller that runs the steps at once does not wait: the answer is then still missing.
      if (!ticket.answer) yield ticket.wait(Math.max(MIN_WAIT_MS, 2 * (Date.now() - started)));
      const answer = ticket.answer;
      const whole = answer ? joinSecondHalf(document, answer, text, at, options, adoption) : undefined;
      if (whole) ticket.joined();
      return whole;
    });
  } finally {
    ticket.cancel();
  }
}

/** Shared by stand-ins without child nodes (never pushed to). */
const NO_CHILDREN: XmlNode[] = [];
/** What a stand-in holds until dropSubtree puts its getter in place. */
const NOT_YET: XmlNode[] = [{ kind: 'comment', start: 0, end: 0 }];

/**
 * `document` (this thread's parse, stopped at `at`) with the second half added, or undefined (and
 * `document` untouched) when the answer does not fit it.
 */
export function joinSecondHalf<D>(document: XmlDocument, answer: SecondHalfAnswer, text: string, at: number, options: ParseOptions, adoption: Adoption<D>): XmlDocument | undefined {
  if (!answer.ok || answer.at !== at) return undefined;
  const root = document.root;
  if (!root || root.name !== answer.root.name || root.nameStart !== answer.root.nameStart || root.nameEnd !== answer.root.nameEnd) return undefined;
  if (root.children.length === 0 || root.endTagStart !== undefined) return undefined;
  if ((document.resume?.entities.size ?? 1) > 0 || document.omittedProblems > 0 || answer.omittedProblems > 0) return undefined;
  const before = document.problems.length;
  if (before + answer.problems.length > MAX_PROBLEMS) return undefined;
  if (answer.after.some((node) => node.kind === 'element')) return undefined;

  // Every check before the first change: on a refusal the parse goes on with `document` as it was.
  const nodes: XmlNode[] = [];
  const adoptions: Array<[XmlElement, D, NonNullable<HalfElement['settled']>]> = [];
  const names = new Map<string, string>();
  const parseOptions = options.storeLeafText !== undefined ? { storeLeafText: options.storeLeafText } : {};
  for (const node of answer.children) {
    if (node.kind !== 'element') {
      nodes.push(node);
      continue;
    }
    let name = names.get(node.name);
    if (name === undefined) names.set(node.name, (name = node.name));
    const element: XmlElement = {
      kind: 'element',
      name,
      start: node.start,
      nameStart: node.nameStart,
      nameEnd: node.nameEnd,
      startTagEnd: node.startTagEnd,
      selfClosing: node.selfClosing,
      endTagStart: node.endTagStart,
      endTagNameStart: node.endTagNameStart,
      endTagNameEnd: node.endTagNameEnd,
      end: node.end,
      attributes: node.attributes ?? [],
      children: node.hasChildren ? NOT_YET : NO_CHILDREN,
      parent: root,
    };
    if (node.settled) {
      const decl = adoption.declFor(root.name, name);
      if (decl === undefined) return undefined;
      adoptions.push([element, decl, node.settled]);
    } else if (node.hasChildren) {
      // Not validated on the worker (a well-formedness problem in it): its subtree, as a whole parse has it.
      const fresh = parseRootChild(text, node.start, root.name, parseOptions);
      if (!fresh || fresh.end !== node.end || fresh.name !== name) return undefined;
      for (const child of fresh.children) if (child.kind === 'element') (child as { parent: XmlElement | undefined }).parent = element;
      element.children = fresh.children;
    }
    nodes.push(element);
  }

  for (const node of nodes) root.children.push(node);
  const problems = document.problems;
  for (const problem of answer.problems) problems.push(problem);
  const childProblems = document.resume!.childProblems as number[];
  for (const count of answer.childProblems) childProblems.push(count < 0 ? -1 : count + before);
  const open = root as { -readonly [K in keyof XmlElement]: XmlElement[K] };
  open.end = answer.rootEnd.end;
  open.endTagStart = answer.rootEnd.endTagStart;
  open.endTagNameStart = answer.rootEnd.endTagNameStart;
  open.endTagNameEnd = answer.rootEnd.endTagNameEnd;
  for (const node of answer.after) document.children.push(node);
  for (const [element, decl, settled] of adoptions) {
    // The service lets the subtree go (xml/xmlLazy.ts), which replaces NOT_YET with a getter.
    adoption.adopt(element, decl, settled.problems, answer.records.subarray(settled.recordFrom, settled.recordTo));
  }
  return document;
}
