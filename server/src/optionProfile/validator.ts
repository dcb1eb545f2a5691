/**
 * Validates a parsed option profile document against the content model: element structure through
 * each declaration's automaton (contentAutomaton.ts), text values through the schema's simple types.
 * It never stops at the first mistake: a child that does not fit is diagnosed (unknown, out of order,
 * too many, choice, missing before it) and skipped, and validation goes on with its siblings and its
 * own content. The verdict (any error or none) is meant to equal xmllint's on the same XSD.
 *
 * Bounds: the work per element is linear in its children (what a misfit needs to know about its
 * siblings is kept per name, never searched for), at most MAX_PROBLEMS problems are kept (the rest
 * counted), and the tree is at most MAX_DEPTH deep (the parser stops there).
 */
import type { ContentModel, ElementDecl, SimpleTypeModel } from '../schema/contentModel';
import { hasUnstoredText, isEmptyElement, ownString, textValue, type XmlDocument, type XmlElement, type XmlNode } from '../xml/xmlNodes';
import { automatonFor, type ContentAutomaton, type DfaState } from './contentAutomaton';
import { alternatives, problemOf, xmlProblemCodes, type OptionProfileMessageId, type OptionProfileProblem, type ProblemData } from './problems';
import type { MessageArgs } from '../common/diagnosticTable';
import type { Steps } from '../common/steps';
import { MAX_PROBLEMS, quote } from '../util/limits';
import { allDeclarations } from './schemaQueries';
import { nearMiss } from '../common/nearMiss';

/** The shape of schema/simpleValue.ts `ValueProblem` (the xsd area's contract). */
export interface ValueProblemLike {
  readonly kind: 'enumeration' | 'pattern' | 'type' | 'range' | 'length' | 'fixed';
  readonly message: string;
  readonly allowed?: readonly string[];
}
/** The signature of schema/simpleValue.ts `checkSimpleValue`. */
export type ValueChecker = (type: SimpleTypeModel, value: string, elementName: string, fixed?: string) => ValueProblemLike | undefined;

export interface ValidationOptions {
  /**
   * Results of validating an earlier version of the document, per child of the root. A child still
   * in the tree is the same object only while its text is unchanged (xml/xmlIncremental.ts), so its
   * problems are taken from here (moved with it) instead of validating it again.
   */
  readonly reuse?: ReadonlyMap<XmlElement, SubtreeProblems>;
  /**
   * Filled with this validation's results per child of the root, for the next version. A run stopped
   * at one of its steps leaves it partly filled: only a finished run's map is for reuse.
   */
  readonly subtrees?: Map<XmlElement, SubtreeProblems>;
}

/**
 * Every problem inside one child of the root (its own and its descendants', in the order found,
 * none left out by the cap), found when the child started at `start`.
 */
export interface SubtreeProblems {
  readonly decl: ElementDecl;
  readonly start: number;
  readonly problems: readonly OptionProfileProblem[];
}

/**
 * Problems kept for reuse over all children of the root: past it, further children are validated
 * again next time (a document that broken gains little from reuse, and memory stays bounded).
 */
const MAX_REUSED_PROBLEMS = 20 * MAX_PROBLEMS;

/** Well-formedness problems of the parse, as option profile problems. */
export function wellFormednessProblems(document: XmlDocument): OptionProfileProblem[] {
  return document.problems.map((p) => {
    const code = xmlProblemCodes[p.kind];
    const data: ProblemData = {
      code,
      ...(p.data?.replacement !== undefined ? { replacement: p.data.replacement } : {}),
      ...(p.data?.name ? { element: p.data.name } : {}),
      ...(p.data?.insertAt !== undefined ? { insertAt: p.data.insertAt } : {}),
    };
    return { code, start: p.start, end: p.end, message: p.message, severity: 'error', data };
  });
}

export function validateDocument(document: XmlDocument, model: ContentModel, checkValue: ValueChecker, options: ValidationOptions = {}): OptionProfileProblem[] {
  return drain(new Validator(document, model, checkValue, options).run());
}

/** Problems kept (the first MAX_PROBLEMS of each kind, in document order) and how many more were found. */
export interface ProblemSet {
  readonly problems: OptionProfileProblem[];
  readonly omitted: number;
}

/** Well-formedness and validity problems of a parsed document, in document order. */
export function documentProblems(document: XmlDocument, model: ContentModel, checkValue: ValueChecker, options: ValidationOptions = {}): ProblemSet {
  return drain(documentProblemSteps(document, model, checkValue, options));
}

/** The same in steps (common/steps.ts): one step per child of the root element. */
export function* documentProblemSteps(document: XmlDocument, model: ContentModel, checkValue: ValueChecker, options: ValidationOptions = {}): Steps<ProblemSet> {
  const validator = new Validator(document, model, checkValue, options);
  const validity = yield* validator.run();
  const problems = [...wellFormednessProblems(document), ...validity].sort((a, b) => a.start - b.start);
  return { problems, omitted: document.omittedProblems + validator.omitted };
}

/**
 * Validates children of the root one at a time, as the parser completes them
 * (xml/xmlParser.ts ParseOptions.settled), with what a full validation would record for them: the
 * service then runs the full validation with these as `reuse`, so a child's subtree is read here,
 * once, while it is young. Undefined for a child this cannot settle alone (its declaration depends
 * on its place, or its problems are past the reuse budget): the full validation reads it.
 */
export function rootChildValidator(text: string, model: ContentModel, checkValue: ValueChecker): (child: XmlElement) => SubtreeProblems | undefined {
  let validator: Validator | undefined;
  return (child) => {
    const root = child.parent;
    if (!root) return undefined;
    validator ??= new Validator({ text, children: [], root, problems: [], omittedProblems: 0 }, model, checkValue, { subtrees: new Map() });
    return validator.settle(child);
  };
}

function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Where the content of one element stands while its children are read. */
interface ContentRun {
  state: DfaState;
  readonly accepted: XmlElement[];
  readonly placed: Placed;
  misplaced: Set<string> | undefined;
  later: Map<string, number> | undefined;
}

/** Values repeat a lot ('0', '1', 'Normal'): a bounded number of verdicts is kept per declaration. */
const MEMO_PER_DECL = 64;

class Validator {
  private readonly problems: OptionProfileProblem[] = [];
  private readonly memo = new Map<ElementDecl, Map<string, ValueProblemLike | null>>();
  private readonly knownNames: Set<string>;
  /** Problems found after MAX_PROBLEMS were kept. */
  omitted = 0;
  /** The problems of the child of the root being validated, recorded for reuse (uncapped up to MAX_PROBLEMS). */
  private recording: OptionProfileProblem[] | undefined;
  private recordingOverflowed = false;
  /** Problems held in `options.subtrees` so far. */
  private recorded = 0;

  constructor(
    private readonly document: XmlDocument,
    private readonly model: ContentModel,
    private readonly checkValue: ValueChecker,
    private readonly options: ValidationOptions = {},
  ) {
    this.knownNames = new Set(allDeclarations(model).map((decl) => decl.name));
  }

  *run(): Steps<OptionProfileProblem[]> {
    const root = this.document.root;
    if (!root) return this.problems;
    const decl = this.model.roots.find((r) => r.name === root.name);
    if (!decl) {
      this.add('wrongRoot', root.nameStart, root.nameEnd, { name: root.name, roots: alternatives(this.model.roots.map((r) => r.name)) }, { element: root.name });
      return this.problems;
    }
    const content = decl.content;
    if (content.kind !== 'complex' || !content.particle) {
      this.element(root, decl);
      return this.problems;
    }
    // The root's children one step each (the profiles of an OPTION_PROFILES file).
    this.attributes(root, decl);
    const automaton = automatonFor(decl);
    const run = this.startContent(root, automaton, content.mixed);
    for (let index = 0; index < root.children.length; index++) {
      if (this.contentChild(root, decl, automaton, content.mixed, run, index)) yield;
    }
    this.endContent(root, decl, automaton, run);
    return this.problems;
  }

  private settledRoot: { readonly name: string; readonly automaton: ContentAutomaton | undefined } | undefined;

  /** See rootChildValidator. */
  settle(child: XmlElement): SubtreeProblems | undefined {
    const root = this.document.root;
    if (!root || child.parent !== root) return undefined;
    if (this.settledRoot?.name !== root.name) {
      const decl = this.model.roots.find((r) => r.name === root.name);
      const automaton = decl?.content.kind === 'complex' && decl.content.particle ? automatonFor(decl) : undefined;
      this.settledRoot = { name: root.name, automaton };
    }
    const decl = this.settledRoot.automaton?.particles.get(child.name)?.decl;
    if (!decl) return undefined;
    this.child(child, decl);
    return this.options.subtrees?.get(child);
  }

  private add(id: OptionProfileMessageId, start: number, end: number, args: MessageArgs, data: Omit<ProblemData, 'code'> = {}): void {
    const problem = problemOf(id, start, end, args, data);
    if (this.recording) {
      if (this.recording.length >= MAX_PROBLEMS) this.recordingOverflowed = true;
      // Messages quote values cut from the text; problems kept for reuse must not keep the text alive.
      else this.recording.push({ ...problem, message: ownString(problem.message) });
    }
    this.keep(problem);
  }

  /** The first MAX_PROBLEMS problems are kept, the rest counted. */
  private keep(problem: OptionProfileProblem): void {
    if (this.problems.length >= MAX_PROBLEMS) {
      this.omitted++;
      return;
    }
    this.problems.push(problem);
  }

  /** A child element: validated, or for a child of the root possibly reused from an earlier run. */
  private child(child: XmlElement, decl: ElementDecl): void {
    const subtrees = this.options.subtrees;
    if (!subtrees || child.parent !== this.document.root) {
      this.element(child, decl);
      return;
    }
    const earlier = this.options.reuse?.get(child);
    if (earlier && earlier.decl === decl) {
      const delta = child.start - earlier.start;
      const moved = delta === 0 ? earlier : { decl, start: child.start, problems: earlier.problems.map((p) => moveProblem(p, delta)) };
      for (const problem of moved.problems) this.keep(problem);
      subtrees.set(child, moved);
      this.recorded += moved.problems.length;
      return;
    }
    const recording: OptionProfileProblem[] = [];
    this.recording = recording;
    this.recordingOverflowed = false;
    this.element(child, decl);
    this.recording = undefined;
    if (this.recordingOverflowed || this.recorded + recording.length > MAX_REUSED_PROBLEMS) return;
    subtrees.set(child, { decl, start: child.start, problems: recording });
    this.recorded += recording.length;
  }

  private tooMany(child: XmlElement, parent: XmlElement, max: number, removal: Omit<ProblemData, 'code'>): void {
    this.add(max === 1 ? 'tooManyOnce' : 'tooMany', child.nameStart, child.nameEnd, { name: child.name, parent: parent.name, max }, removal);
  }

  private element(element: XmlElement, decl: ElementDecl): void {
    this.attributes(element, decl);
    const content = decl.content;
    if (content.kind === 'any') return;
    if (content.kind === 'simple') {
      this.simpleContent(element, decl, content.type);
      return;
    }
    if (!content.particle) {
      this.emptyContent(element, decl, content.mixed);
      return;
    }
    this.complexContent(element, decl, automatonFor(decl), content.mixed);
  }

  private attributes(element: XmlElement, decl: ElementDecl): void {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('xmlns') || attribute.name.startsWith('xsi:')) continue;
      const declared = decl.attributes.find((a) => a.name === attribute.name);
      if (!declared) {
        this.add('unknownAttribute', attribute.nameStart, attribute.nameEnd, { name: quote(attribute.name), element: element.name }, {
          element: element.name,
        });
        continue;
      }
      if (attribute.value === undefined) continue;
      const problem = this.checkValue(declared.type, attribute.value, `${element.name}/@${attribute.name}`, declared.fixed);
      if (problem) {
        this.add('invalidAttributeValue', attribute.valueStart!, attribute.valueEnd!, { message: problem.message }, {
          element: element.name,
          ...(problem.allowed ? { allowed: problem.allowed } : {}),
          valueStart: attribute.valueStart!,
          valueEnd: attribute.valueEnd!,
        });
      }
    }
    for (const declared of decl.attributes) {
      if (declared.required && !element.attributes.some((a) => a.name === declared.name)) {
        this.add('missingAttribute', element.nameStart, element.nameEnd, { name: declared.name, element: element.name }, {
          element: element.name,
        });
      }
    }
  }

  private simpleContent(element: XmlElement, decl: ElementDecl, type: SimpleTypeModel): void {
    let hasChildElement = false;
    for (const child of element.children) {
      if (child.kind === 'element') {
        hasChildElement = true;
        this.add('textOnly', child.nameStart, child.nameEnd, { parent: element.name, child: child.name }, {
          element: child.name,
          elementStart: child.start,
          elementEnd: child.end,
        });
      }
    }
    if (hasChildElement) return;
    // XSD: an element with no content at all takes its fixed or default value.
    const empty = isEmptyElement(element);
    const value = empty && (decl.fixed ?? decl.default) !== undefined ? (decl.fixed ?? decl.default)! : textValue(this.document.text, element);
    let byValue = this.memo.get(decl);
    if (!byValue) {
      byValue = new Map();
      this.memo.set(decl, byValue);
    }
    let problem = byValue.get(value);
    if (problem === undefined) {
      problem = this.checkValue(type, value, element.name, decl.fixed) ?? null;
      if (byValue.size < MEMO_PER_DECL && value.length <= 64) byValue.set(value, problem);
    }
    if (!problem) return;
    const [valueStart, valueEnd] = this.valueRange(element);
    const [start, end] = valueStart < valueEnd ? [valueStart, valueEnd] : [element.nameStart, element.nameEnd];
    const id: OptionProfileMessageId =
      problem.kind === 'enumeration' ? 'invalidEnumeration' : problem.kind === 'range' ? 'outOfRange' : problem.kind === 'fixed' ? 'fixedValue' : 'invalidValue';
    const allowed = problem.allowed ?? (problem.kind === 'fixed' && decl.fixed !== undefined ? [decl.fixed] : undefined);
    this.add(id, start, end, { message: problem.message }, {
      element: element.name,
      ...(allowed ? { allowed } : {}),
      ...(id === 'fixedValue' && decl.fixed !== undefined ? { replacement: decl.fixed } : {}),
      valueStart: element.startTagEnd,
      valueEnd: element.endTagStart ?? element.startTagEnd,
    });
  }

  /** The text value's extent without surrounding whitespace (for the diagnostic range). */
  private valueRange(element: XmlElement): [number, number] {
    const text = this.document.text;
    let start = element.startTagEnd;
    let end = element.endTagStart ?? element.end;
    if (element.selfClosing) return [start, start];
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    return [start, end];
  }

  /** Text in an element-only element that holds nothing else (not stored as a node by the parser). */
  private leafText(element: XmlElement, mixed: boolean): void {
    if (mixed || !hasUnstoredText(this.document.text, element)) return;
    this.textNotAllowed(element, { kind: 'text', start: element.startTagEnd, end: element.endTagStart ?? element.end, blank: false, hasReference: false });
  }

  private emptyContent(element: XmlElement, decl: ElementDecl, mixed: boolean): void {
    this.leafText(element, mixed);
    for (const child of element.children) {
      if (child.kind === 'element') {
        this.add('mustBeEmpty', child.nameStart, child.nameEnd, { parent: decl.name }, {
          element: child.name,
          elementStart: child.start,
          elementEnd: child.end,
        });
      } else if (!mixed && isText(child)) {
        this.textNotAllowed(element, child);
      }
    }
  }

  private textNotAllowed(parent: XmlElement, node: XmlNode): void {
    const text = this.document.text;
    let start = node.start;
    let end = node.end;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    this.add('textNotAllowed', start, end, { parent: parent.name }, { element: parent.name, elementStart: start, elementEnd: end });
  }

  private complexContent(element: XmlElement, decl: ElementDecl, automaton: ContentAutomaton, mixed: boolean): void {
    const run = this.startContent(element, automaton, mixed);
    for (let index = 0; index < element.children.length; index++) this.contentChild(element, decl, automaton, mixed, run, index);
    this.endContent(element, decl, automaton, run);
  }

  private startContent(element: XmlElement, automaton: ContentAutomaton, mixed: boolean): ContentRun {
    this.leafText(element, mixed);
    return { state: automaton.initial, accepted: [], placed: new Placed(), misplaced: undefined, later: undefined };
  }

  /** Reads the child at `index` of `element`; answers whether it was an element. */
  private contentChild(element: XmlElement, decl: ElementDecl, automaton: ContentAutomaton, mixed: boolean, run: ContentRun, index: number): boolean {
    const children = element.children;
    const child = children[index]!;
    if (child.kind !== 'element') {
      if (!mixed && isText(child)) this.textNotAllowed(element, child);
      return false;
    }
    const next = automaton.next(run.state, child.name);
    if (next) {
      const childDecl = run.state.allowed.get(child.name)!;
      run.state = next;
      run.accepted.push(child);
      run.placed.add(child);
      this.child(child, childDecl);
      return true;
    }
    run.misplaced ??= new Set<string>();
    run.later ??= lastIndexByName(children);
    const recovered = this.misfit(element, decl, automaton, run.state, child, run.placed, run.later, index, run.misplaced);
    if (recovered) {
      run.state = recovered;
      run.accepted.push(child);
      run.placed.add(child);
    }
    const particle = automaton.particles.get(child.name);
    if (particle) this.child(child, particle.decl);
    return true;
  }

  private endContent(element: XmlElement, decl: ElementDecl, automaton: ContentAutomaton, run: ContentRun): void {
    if (run.state.accepting) return;
    const missing = automaton.firstSteps(run.state, (s) => s.accepting);
    // A required element reported as out of order is present: do not also call it missing.
    if (missing.length > 0 && !missing.every((n) => run.misplaced?.has(n))) {
      this.add('missingAtEnd', element.nameStart, element.nameEnd, { parent: element.name, missing: alternatives(missing) }, {
        element: element.name,
        missing,
        parentDeclId: decl.id,
        insertAt: insertionPoint(element, run.accepted, automaton, missing[0]!),
      });
    }
  }

  /**
   * Diagnoses a child the automaton refuses in `state`. Returns the state to continue from when the
   * child can be accepted after reporting missing elements before it; undefined to skip the child.
   * `placed` holds the siblings accepted so far, `later` the last index of every sibling name.
   */
  private misfit(
    parent: XmlElement,
    decl: ElementDecl,
    automaton: ContentAutomaton,
    state: DfaState,
    child: XmlElement,
    placed: Placed,
    later: ReadonlyMap<string, number>,
    index: number,
    misplaced: Set<string>,
  ): DfaState | undefined {
    const removal = { element: child.name, elementStart: child.start, elementEnd: child.end };
    const particle = automaton.particles.get(child.name);
    if (!particle) {
      if (this.knownNames.has(child.name)) {
        const allowed = [...state.allowed.keys()];
        const id = allowed.length > 0 ? 'notAllowedHere' : 'notAllowedHereNone';
        this.add(id, child.nameStart, child.nameEnd, { name: child.name, parent: parent.name, allowed: allowed.join(', ') }, removal);
      } else {
        const suggestion = nearMiss(child.name, [...automaton.particles.keys()]);
        this.add('unknownElement', child.nameStart, child.nameEnd, { name: child.name, parent: parent.name, hint: suggestion ? `. Did you mean <${suggestion}>?` : '' }, {
          ...removal,
          ...(suggestion ? { replacement: suggestion } : {}),
        });
        // A misspelt name stands for the element it resembles when that one fits here, so one typo
        // is one diagnostic (not also "missing <PACKET_DELAY>").
        if (suggestion) return automaton.next(state, suggestion) ?? undefined;
      }
      return undefined;
    }
    // Missing required elements before this one: a short run of names that makes it fit, none of
    // which appears later (otherwise the later one is misplaced, not missing).
    const appearsLater = (name: string): boolean => (later.get(name) ?? -1) > index;
    const path = automaton.shortestPath(state, (s) => automaton.next(s, child.name) !== null, 4);
    if (path && path.length > 0 && !path.some(appearsLater)) {
      const missing = automaton.firstSteps(state, (s) => automaton.next(s, child.name) !== null);
      if (!missing.every((n) => misplaced.has(n))) this.add('missingBefore', child.nameStart, child.nameEnd, { parent: parent.name, missing: alternatives(missing), before: child.name }, {
        element: parent.name,
        missing,
        parentDeclId: decl.id,
        insertAt: lineStart(this.document.text, child.start),
      });
      let s = state;
      for (const name of path) s = automaton.next(s, name)!;
      return automaton.next(s, child.name) ?? undefined;
    }
    const taken = placed.firstOf(particle.choiceSiblings);
    if (taken) {
      const options = [taken.name, child.name, ...particle.choiceSiblings.filter((n) => n !== taken.name)].join(', ');
      this.add('choice', child.nameStart, child.nameEnd, { name: child.name, taken: taken.name, parent: parent.name, options }, removal);
      return undefined;
    }
    const count = placed.count(child.name);
    if (count > 0 && count >= particle.effectiveMax) {
      this.tooMany(child, parent, particle.effectiveMax, removal);
      return undefined;
    }
    const orderOf = (name: string): number | undefined => automaton.particles.get(name)?.order;
    // The last sibling placed so far that comes earlier in schema order, the first that comes later.
    let after = placed.lastBefore(particle.order, orderOf);
    const before = placed.firstAfter(particle.order, orderOf);
    if (!before) {
      // Nothing placed so far must follow it: it came too early, before siblings it must follow
      // (the last of those with the highest schema order below its own).
      const floor = after ? (orderOf(after.name) ?? -1) : -1;
      let best: { order: number; index: number } | undefined;
      for (const [name, last] of later) {
        const order = orderOf(name);
        if (last <= index || order === undefined || order >= particle.order || order < floor) continue;
        if (!best || order > best.order || (order === best.order && last > best.index)) best = { order, index: last };
      }
      if (best) after = parent.children[best.index] as XmlElement;
    }
    if (!before && count > 0) {
      // Same name again where the model does not repeat it: an occurrence problem after all.
      this.tooMany(child, parent, particle.effectiveMax, removal);
      return undefined;
    }
    misplaced.add(child.name);
    const id = after && before ? 'wrongOrderBetween' : after ? 'wrongOrderAfter' : before ? 'wrongOrderBefore' : 'wrongOrder';
    this.add(id, child.nameStart, child.nameEnd, { name: child.name, after: after?.name ?? '', before: before?.name ?? '' }, {
      ...removal,
      ...(before ? { moveTo: lineStart(this.document.text, before.start) } : after ? { moveTo: lineEnd(this.document.text, after.end) } : {}),
    });
    return undefined;
  }
}

/** A problem inside a child of the root that moved by `delta` with it (every offset is inside the child). */
function moveProblem(problem: OptionProfileProblem, delta: number): OptionProfileProblem {
  const data: { -readonly [K in keyof ProblemData]: ProblemData[K] } = { ...problem.data };
  for (const key of OFFSET_KEYS) if (data[key] !== undefined) data[key] += delta;
  return { ...problem, start: problem.start + delta, end: problem.end + delta, data };
}

const OFFSET_KEYS = ['elementStart', 'elementEnd', 'insertAt', 'moveTo', 'valueStart', 'valueEnd'] as const;

/** The index of the last child element of each name. */
function lastIndexByName(children: readonly XmlNode[]): Map<string, number> {
  const last = new Map<string, number>();
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.kind === 'element') last.set(child.name, i);
  }
  return last;
}

/**
 * The children of one element accepted so far, summarised per name (first, last, count), so that
 * diagnosing a misfit looks at the distinct names (bounded by the schema) rather than at every
 * sibling before it.
 */
class Placed {
  private readonly byName = new Map<string, { first: XmlElement; last: XmlElement; count: number }>();

  add(element: XmlElement): void {
    const entry = this.byName.get(element.name);
    if (entry) {
      entry.last = element;
      entry.count++;
    } else this.byName.set(element.name, { first: element, last: element, count: 1 });
  }

  count(name: string): number {
    return this.byName.get(name)?.count ?? 0;
  }

  /** The first placed element (in document order) with one of `names`. */
  firstOf(names: readonly string[]): XmlElement | undefined {
    let found: XmlElement | undefined;
    for (const name of names) {
      const first = this.byName.get(name)?.first;
      if (first && (!found || first.start < found.start)) found = first;
    }
    return found;
  }

  /** The last placed element whose schema order is below `order` (unknown names count as -1). */
  lastBefore(order: number, orderOf: (name: string) => number | undefined): XmlElement | undefined {
    let found: XmlElement | undefined;
    for (const [name, entry] of this.byName) {
      if ((orderOf(name) ?? -1) < order && (!found || entry.last.start > found.start)) found = entry.last;
    }
    return found;
  }

  /** The first placed element whose schema order is above `order`. */
  firstAfter(order: number, orderOf: (name: string) => number | undefined): XmlElement | undefined {
    let found: XmlElement | undefined;
    for (const [name, entry] of this.byName) {
      if ((orderOf(name) ?? -1) > order && (!found || entry.first.start < found.start)) found = entry.first;
    }
    return found;
  }
}

function isText(node: XmlNode): boolean {
  return (node.kind === 'text' && !node.blank) || (node.kind === 'cdata' && node.valueEnd > node.valueStart);
}


/** Offset at which a missing element goes: after the last present sibling that precedes it in schema order. */
function insertionPoint(parent: XmlElement, accepted: readonly XmlElement[], automaton: ContentAutomaton, name: string): number {
  const order = automaton.particles.get(name)?.order ?? Infinity;
  let previous: XmlElement | undefined;
  for (const a of accepted) if ((automaton.particles.get(a.name)?.order ?? -1) < order) previous = a;
  return previous ? previous.end : parent.startTagEnd;
}

/** The start of the line holding `offset` when only blanks precede it there; otherwise `offset`. */
function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && (text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x09)) i--;
  return i === 0 || text.charCodeAt(i - 1) === 0x0a ? i : offset;
}

/** The start of the next line when only blanks follow `offset` on its line; otherwise `offset`. */
function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09 || text.charCodeAt(i) === 0x0d)) i++;
  if (i === text.length) return i;
  return text.charCodeAt(i) === 0x0a ? i + 1 : offset;
}
