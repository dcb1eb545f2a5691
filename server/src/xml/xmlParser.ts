/**
 * An error-tolerant XML parser for editors, written for speed (see bench/README.md: @xml-tools/parser
 * took ~1.6 s on a 9 MB option profile file; this one parses it in well under the 300 ms budget).
 *
 * It walks the text once with `indexOf` and `charCodeAt`, builds the tree of xmlNodes.ts with offsets
 * for every node, and never stops at a mistake: each one becomes an XmlProblem with a precise range
 * and the parser resynchronises at the next '<'. Unclosed elements are closed by the nearest matching
 * ancestor end tag, as an HTML parser does.
 *
 * Security: a DOCTYPE is parsed and skipped; nothing is ever fetched; only the five predefined
 * entities and character references are decoded, and internal-subset entity declarations are
 * reported, never expanded, so the work is linear in the input by construction.
 *
 * Bounds (util/limits.ts): elements nested deeper than MAX_DEPTH are reported once where the limit
 * is crossed and their content is skipped (tags only counted), so every walk over the tree is at
 * most MAX_DEPTH deep; at most MAX_PROBLEMS problems are kept (the rest counted); names quoted in
 * messages are cut to MAX_QUOTED characters; every forward search for a delimiter is remembered, so
 * a thousand unclosed `<!x` or `</a` do not each scan to the end of the text.
 */
import type { Steps } from '../common/steps';
import { MAX_DEPTH, MAX_PROBLEMS, quote as cut } from '../util/limits';
import {
  isPredefinedEntity,
  ownString,
  isXmlChar,
  XmlProblemKind,
  type XmlAttribute,
  type XmlDocument,
  type XmlElement,
  type XmlNode,
  type XmlProblem,
  type XmlText,
} from './xmlNodes';
import { END, END_TAG_START, NODE_CDATA, NODE_COMMENT, NODE_ELEMENT, NODE_PI, RECORD, SELF_CLOSING } from './xmlRecord';

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const AMP = 0x26;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOS = 0x27;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const SEMICOLON = 0x3b;

/** ASCII name-start and name characters; everything from U+0080 up is accepted as a name character. */
const NAME_START = new Uint8Array(128);
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  NAME_START[c] = letter || c === 0x5f || c === 0x3a ? 1 : 0;
  NAME_CHAR[c] = NAME_START[c] || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e ? 1 : 0;
}

function isNameStart(c: number): boolean {
  return c < 128 ? NAME_START[c] === 1 : c >= 0xc0;
}
function isNameChar(c: number): boolean {
  return c < 128 ? NAME_CHAR[c] === 1 : c >= 0xb7;
}
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** Element and attribute names met by any parse, as copies (see Parser.intern); bounded. */
const SHARED_NAMES = new Map<string, string>();
const MAX_SHARED_NAMES = 10_000;

/** Shared by every element without attributes (almost all of them), to save an array each. */
const NO_ATTRIBUTES: XmlAttribute[] = [];
/** Shared by every element without child nodes (leaves, whose text is read from the source range). */
const NO_CHILDREN: XmlNode[] = [];

export interface ParseOptions {
  /**
   * Keep the text of an element that holds only text as a child node (default true). The option
   * profile service turns it off: on a 10 MB file these nodes are a third of the tree, and it reads
   * values from the source range (textValue) instead.
   */
  readonly storeLeafText?: boolean;
  /**
   * Called with each element child of the root once it is complete, in document order, when no
   * well-formedness problem was reported from its '<' to the next construct inside the root. The
   * option profile service validates such a child there and then, while its subtree is young, and
   * lets the subtree go (xmlLazy.ts): a tree that is not kept is not copied by the garbage collector.
   * `record` is the child's subtree as xmlRecord.ts describes it, written as the parser read it, so
   * letting the subtree go needs no second walk over it.
   */
  readonly settled?: (child: XmlElement, record: Int32Array | undefined) => void;
}

export function parseXml(text: string, options: ParseOptions = {}): XmlDocument {
  return new Parser(text, options.storeLeafText !== false, undefined, options.settled).parse();
}

/**
 * parseXml in steps (common/steps.ts): a step ends after each child of the root, so a caller that
 * validates children as they settle can let the event loop run between them.
 */
export function* parseXmlSteps(text: string, options: ParseOptions = {}): Steps<XmlDocument> {
  const parser = new Parser(text, options.storeLeafText !== false, undefined, options.settled);
  for (;;) {
    const document = parser.parse(true);
    if (document) return document;
    yield;
  }
}

/**
 * The element that starts at `start`, a child of a root element named `rootName`, parsed again
 * from `text` with its whole subtree (xmlLazy.ts): the parse stops at the next construct directly
 * inside the root. Undefined when no element starts there.
 */
export function parseRootChild(text: string, start: number, rootName: string, options: ParseOptions = {}): XmlElement | undefined {
  const root: XmlElement = {
    kind: 'element',
    name: rootName,
    start: 0,
    nameStart: 0,
    nameEnd: 0,
    startTagEnd: 0,
    selfClosing: false,
    end: 0,
    attributes: NO_ATTRIBUTES,
    children: NO_CHILDREN,
    parent: undefined,
  };
  const parser = new Parser(text, options.storeLeafText !== false, {
    pos: start,
    root,
    topLevel: [root],
    problems: [],
    childProblems: [],
    doctype: undefined,
    entities: new Set(),
    syncFrom: start + 1,
    sync: (_offset, rootChildren) => rootChildren > 0,
  });
  parser.parse();
  const child = root.children[0];
  return child?.kind === 'element' && child.start === start ? child : undefined;
}

/**
 * The parser's state where it reached the '<' of a child of the root element, from which an
 * incremental reparse (xmlIncremental.ts) continues on a new text: everything before `pos` is taken
 * as it was parsed. The arrays are the caller's and are extended in place.
 */
export interface ResumeState {
  readonly pos: number;
  /** The open root element; its `children` hold the nodes before `pos`. */
  readonly root: XmlElement;
  /** Top-level nodes up to and including the root. */
  readonly topLevel: XmlNode[];
  /** Problems reported before `pos`, in the order the parser reported them (none left out by the cap). */
  readonly problems: XmlProblem[];
  /** `XmlResumeInfo.childProblems` of the root's children before `pos`. */
  readonly childProblems: number[];
  readonly doctype: XmlDocument['doctype'];
  readonly entities: ReadonlySet<string>;
  /**
   * Asked at each '<' directly inside the root at or after `syncFrom` (with the root's child count
   * so far): true ends the parse there, because the rest was parsed before from the same state.
   */
  readonly syncFrom: number;
  readonly sync: (offset: number, rootChildren: number) => boolean;
}

/** A resumed parse: the document up to `syncedAt` when it stopped there, else up to the end. */
export function resumeXml(text: string, options: ParseOptions, state: ResumeState): { readonly document: XmlDocument; readonly syncedAt: number | undefined } {
  const parser = new Parser(text, options.storeLeafText !== false, state);
  const document = parser.parse();
  return { document, syncedAt: parser.syncedAt };
}

class Parser {
  private pos = 0;
  private readonly len: number;
  private readonly problems: XmlProblem[] = [];
  private readonly stack: XmlElement[] = [];
  /** How many elements of each name are open (on the stack): an end tag nothing matches is known at once. */
  private readonly openByName = new Map<string, number>();
  private readonly topLevel: XmlNode[] = [];
  private root: XmlElement | undefined;
  private doctype: { start: number; end: number; rootName: string } | undefined;
  private readonly declaredEntities = new Set<string>();
  /** Problems not kept once MAX_PROBLEMS were. */
  private omittedProblems = 0;
  /** Open elements below MAX_DEPTH: not in the tree, their tags only counted. */
  private overflow = 0;
  /** The last forward search per needle: [from, found at] (found -1: none at or after `from`). */
  private readonly searches = new Map<string, [number, number]>();
  /** Per child of the root: problems reported when the parser reached its '<' (-1: not resumable there). */
  private readonly childProblems: number[] = [];
  /** The '<' the main loop is at directly inside the root, and the problem count there. */
  private constructStart = -1;
  private constructProblems = -1;
  private readonly resume: ResumeState | undefined;
  syncedAt: number | undefined;

  /** Children of the root handed to `settled` so far (or passed over: not complete, not clean). */
  private settledCount = 0;

  /**
   * With `settled`: the record (xmlRecord.ts) of the subtree of `recordedChild`, the child of the
   * root read last, `recordLength` numbers of it written; offsets relative to `recordBase`, its start.
   */
  private record: Int32Array | undefined;
  private recordLength = 0;
  private recordBase = 0;
  private recordedChild: XmlElement | undefined;
  /** Parallel to `stack`: where each open element's entry is in the record (-1: none). */
  private readonly recordAt: number[] = [];
  /** The entry of the element pop() took off the stack (-1: none). */
  private poppedAt = -1;

  constructor(
    private readonly text: string,
    private readonly storeLeafText = true,
    resume?: ResumeState,
    private readonly settled?: (child: XmlElement, record: Int32Array | undefined) => void,
  ) {
    this.len = text.length;
    if (settled) this.record = new Int32Array(RECORD * 256);
    if (resume) {
      this.resume = resume;
      this.pos = resume.pos;
      this.problems = resume.problems;
      this.root = resume.root;
      if (resume.root.children.length === 0) resume.root.children = NO_CHILDREN;
      this.push(resume.root);
      this.topLevel = resume.topLevel;
      this.doctype = resume.doctype;
      this.declaredEntities = new Set(resume.entities);
      this.childProblems = resume.childProblems;
    }
  }

  /** Children of the root there were when the parse last paused. */
  private pausedAt = 0;

  /** The document; with `pausing`, undefined after each child of the root (call again to go on). */
  parse(pausing: true): XmlDocument | undefined;
  parse(): XmlDocument;
  parse(pausing = false): XmlDocument | undefined {
    const text = this.text;
    while (this.pos < this.len) {
      const lt = text.indexOf('<', this.pos);
      if (lt < 0) {
        this.addText(this.pos, this.len);
        this.pos = this.len;
        break;
      }
      if (this.overflow > 0) {
        this.skipTooDeep(lt);
        continue;
      }
      if (lt > this.pos) this.addText(this.pos, lt);
      this.pos = lt;
      if (this.stack.length === 1 && this.stack[0] === this.root) {
        // Directly inside the root: where an incremental reparse may start or stop.
        // Text held back for the root would become its first child: no resumption there.
        const holding = this.pendingParent === this.root;
        const resume = this.resume;
        if (resume && lt >= resume.syncFrom && !holding && resume.sync(lt, this.root.children.length)) {
          this.syncedAt = lt;
          return this.document();
        }
        if (this.settled) this.settle(holding);
        if (pausing && this.stack[0].children.length > this.pausedAt) {
          this.pausedAt = this.stack[0].children.length;
          return undefined;
        }
        this.constructStart = lt;
        this.constructProblems = holding || this.omittedProblems > 0 ? -1 : this.problems.length;
      }
      const next = text.charCodeAt(lt + 1);
      if (next === SLASH) this.endTag();
      else if (next === BANG) this.bang();
      else if (next === QUESTION) this.processingInstruction();
      else if (isNameStart(next)) this.startTag();
      else {
        this.problem(XmlProblemKind.UnescapedLessThan, lt, lt + 1, "'<' must start a tag; write '&lt;' for a literal '<'");
        this.addText(lt, lt + 1);
        this.pos = lt + 1;
      }
    }
    if (this.settled && this.stack.length === 1 && this.stack[0] === this.root) this.settle(this.pendingParent === this.root);
    while (this.stack.length > 0) {
      const open = this.stack.pop()!;
      open.end = this.len;
      this.problem(XmlProblemKind.UnclosedElement, open.nameStart, open.nameEnd, `<${cut(open.name)}> is never closed: add </${cut(open.name)}>`, {
        name: open.name,
        replacement: `</${open.name}>`,
        insertAt: this.len,
      });
    }
    if (!this.root) this.problem(XmlProblemKind.NoRoot, 0, Math.min(this.len, 1), 'The document has no root element');
    return this.document();
  }

  /**
   * Hands the root's children completed since the last call to `settled`: those that are elements
   * with no problem reported between their '<' and now (the parser stands directly inside the root,
   * so every child so far is closed). Text held back for the root counts as a problem here.
   */
  private settle(holding: boolean): void {
    const children = this.root!.children;
    const last = children.length - 1;
    for (let j = this.settledCount; j <= last; j++) {
      const child = children[j]!;
      const before = this.childProblems[j]!;
      const after = j < last ? this.childProblems[j + 1]! : holding ? -1 : this.problems.length;
      if (child.kind === 'element' && before >= 0 && after === before && this.omittedProblems === 0) {
        this.settled!(child, child === this.recordedChild ? this.record!.slice(0, this.recordLength) : undefined);
      }
    }
    this.settledCount = children.length;
  }

  private document(): XmlDocument {
    const resume = { childProblems: this.childProblems, entities: this.declaredEntities };
    const doc: XmlDocument = { text: this.text, children: this.topLevel, root: this.root, problems: this.problems, omittedProblems: this.omittedProblems, resume };
    return this.doctype ? { ...doc, doctype: this.doctype } : doc;
  }

  /**
   * One string per distinct name: a 10 MB document has 150,000 elements but a few hundred names, and
   * long-lived duplicates are what the garbage collector copies. Names are copies (ownString), shared
   * by every parse up to MAX_SHARED_NAMES, then per parse.
   */
  private readonly names = new Map<string, string>();
  private intern(name: string): string {
    const shared = SHARED_NAMES.get(name);
    if (shared !== undefined) return shared;
    const known = this.names.get(name);
    if (known !== undefined) return known;
    const own = ownString(name);
    if (SHARED_NAMES.size < MAX_SHARED_NAMES) SHARED_NAMES.set(own, own);
    else this.names.set(own, own);
    return own;
  }


  private problem(kind: XmlProblemKind, start: number, end: number, message: string, data?: XmlProblem['data']): void {
    if (this.problems.length >= MAX_PROBLEMS) {
      this.omittedProblems++;
      return;
    }
    // Copies: problems are kept across versions (xmlIncremental.ts) and must not keep this text alive.
    const own = ownString(message);
    if (!data) {
      this.problems.push({ kind, start, end, message: own });
      return;
    }
    const copy = {
      ...data,
      ...(data.name !== undefined ? { name: ownString(data.name) } : {}),
      ...(data.replacement !== undefined ? { replacement: ownString(data.replacement) } : {}),
    };
    this.problems.push({ kind, start, end, message: own, data: copy });
  }

  /**
   * `text.indexOf(needle, from)`, remembering the answer: a later search from a point between the
   * last `from` and the occurrence found (or anywhere after it, when there was none) reuses it.
   */
  private find(needle: string, from: number): number {
    const last = this.searches.get(needle);
    if (last && from >= last[0] && (last[1] < 0 || from <= last[1])) return last[1];
    const at = this.text.indexOf(needle, from);
    this.searches.set(needle, [from, at]);
    return at;
  }

  /**
   * Inside elements nested deeper than MAX_DEPTH: reads the markup at `lt` only to keep count of
   * open elements (comments and CDATA skipped whole, so a '<' in them is not a tag).
   */
  private skipTooDeep(lt: number): void {
    const text = this.text;
    const next = text.charCodeAt(lt + 1);
    let end: number;
    if (text.startsWith('<!--', lt)) {
      const close = this.find('-->', lt + 4);
      end = close < 0 ? this.len : close + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const close = this.find(']]>', lt + 9);
      end = close < 0 ? this.len : close + 3;
    } else {
      const gt = this.find('>', lt + 1);
      end = gt < 0 ? this.len : gt + 1;
      if (next === SLASH) this.overflow--;
      else if (isNameStart(next) && text.charCodeAt(end - 2) !== SLASH) this.overflow++;
    }
    this.pos = end;
  }

  private get parent(): XmlElement | undefined {
    return this.stack[this.stack.length - 1];
  }

  private append(node: XmlNode): void {
    const parent = this.parent;
    if (!parent) {
      this.topLevel.push(node);
      return;
    }
    if (parent.children === NO_CHILDREN) {
      parent.children = [];
      // Text held back for this parent turns out not to be its only content: keep it.
      if (this.pendingParent === parent) {
        parent.children.push({ kind: 'text', start: this.pendingStart, end: this.pendingEnd, blank: false, hasReference: this.pendingReference });
        if (parent === this.root) this.childProblems.push(-1);
      }
    }
    this.pendingParent = undefined;
    parent.children.push(node);
    if (parent === this.root) this.childProblems.push(node.start === this.constructStart ? this.constructProblems : -1);
  }

  /**
   * The text of an element that has no other child yet. A leaf's value (most of a document's text)
   * is never stored as a node: readers take it from the source range (textValue). It becomes a node
   * only when markup follows it in the same element.
   */
  private pendingParent: XmlElement | undefined;
  private pendingStart = 0;
  private pendingEnd = 0;
  private pendingReference = false;

  private addText(start: number, end: number): void {
    const text = this.text;
    let blank = true;
    let hasReference = false;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) continue;
      blank = false;
      if (c === AMP) {
        hasReference = true;
        i = this.reference(i, end) - 1;
      } else if (c === GT && i >= start + 2 && text.charCodeAt(i - 1) === CLOSE_BRACKET && text.charCodeAt(i - 2) === CLOSE_BRACKET) {
        this.problem(XmlProblemKind.CDataEndInText, i - 2, i + 1, "']]>' is not allowed in text; write ']]&gt;'");
      } else if (c < 0x20 || (c >= 0xfffe && c <= 0xffff)) {
        this.problem(XmlProblemKind.InvalidCharReference, i, i + 1, `The character U+${c.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`);
      }
    }
    if (!this.parent && !blank) {
      let s = start;
      let e = end;
      while (isSpace(text.charCodeAt(s))) s++;
      while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
      const where = this.root ? 'after the root element' : 'before the root element';
      this.problem(XmlProblemKind.TextOutsideRoot, s, e, `Text is not allowed ${where}`);
    }
    // Whitespace between tags is not stored: it is most of a pretty-printed document's nodes, and
    // nothing needs it (text values are read from the source range, see textValue).
    if (blank) return;
    const parent = this.parent;
    if (parent && parent.children === NO_CHILDREN && !this.storeLeafText) {
      // Held as numbers: most leaves never need the node.
      this.pendingParent = parent;
      this.pendingStart = start;
      this.pendingEnd = end;
      this.pendingReference = hasReference;
    } else this.append({ kind: 'text', start, end, blank, hasReference } satisfies XmlText);
  }

  /** Checks the reference starting at `amp`; returns the offset after it. */
  private reference(amp: number, limit: number): number {
    const text = this.text;
    let i = amp + 1;
    if (text.charCodeAt(i) === 0x23) {
      const hex = text.charCodeAt(i + 1) === 0x78;
      i += hex ? 2 : 1;
      const digitsStart = i;
      while (i < limit && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(text[i]!)) i++;
      if (i === digitsStart || text.charCodeAt(i) !== SEMICOLON) {
        this.problem(XmlProblemKind.MalformedReference, amp, i, "A character reference must look like '&#65;' or '&#x41;'");
        return i;
      }
      const code = parseInt(text.slice(digitsStart, i), hex ? 16 : 10);
      if (!isXmlChar(code)) {
        this.problem(XmlProblemKind.InvalidCharReference, amp, i + 1, `'${cut(text.slice(amp, i + 1))}' refers to a character XML does not allow`);
      }
      return i + 1;
    }
    const nameStart = i;
    if (isNameStart(text.charCodeAt(i))) {
      i++;
      while (i < limit && isNameChar(text.charCodeAt(i))) i++;
    }
    if (i === nameStart || text.charCodeAt(i) !== SEMICOLON) {
      this.problem(XmlProblemKind.MalformedReference, amp, amp + 1, "A bare '&' is not allowed: write '&amp;'", { replacement: '&amp;' });
      return amp + 1;
    }
    const name = text.slice(nameStart, i);
    if (!isPredefinedEntity(name)) {
      if (this.declaredEntities.has(name)) {
        this.problem(
          XmlProblemKind.InternalEntityNotExpanded,
          amp,
          i + 1,
          `The entity '&${cut(name)};' is declared in the DOCTYPE but is not expanded (only &lt; &gt; &amp; &apos; &quot; and character references are)`,
        );
      } else {
        this.problem(XmlProblemKind.UnknownEntity, amp, i + 1, `Unknown entity '&${cut(name)};': only &lt; &gt; &amp; &apos; &quot; and character references are allowed`);
      }
    }
    return i + 1;
  }

  readNameAt(from: number): number {
    return this.readName(from);
  }

  private readName(from: number): number {
    let i = from;
    const text = this.text;
    while (i < this.len && isNameChar(text.charCodeAt(i))) i++;
    return i;
  }

  private skipSpaces(from: number): number {
    let i = from;
    while (i < this.len && isSpace(this.text.charCodeAt(i))) i++;
    return i;
  }

  private startTag(): void {
    const text = this.text;
    const start = this.pos;
    const nameStart = start + 1;
    const nameEnd = this.readName(nameStart);
    if (this.stack.length >= MAX_DEPTH) {
      this.problem(
        XmlProblemKind.TooDeep,
        nameStart,
        nameEnd,
        `Elements are nested more than ${MAX_DEPTH} levels deep here: <${cut(text.slice(nameStart, nameEnd))}> and everything in it is not read`,
      );
      this.skipTooDeep(start);
      return;
    }
    const name = this.intern(text.slice(nameStart, nameEnd));
    const element: XmlElement = {
      kind: 'element',
      name,
      start,
      nameStart,
      nameEnd,
      startTagEnd: nameEnd,
      selfClosing: false,
      endTagStart: undefined,
      endTagNameStart: undefined,
      endTagNameEnd: undefined,
      end: nameEnd,
      attributes: NO_ATTRIBUTES,
      children: NO_CHILDREN,
      parent: this.parent,
    };
    if (!this.parent) {
      if (this.root) this.problem(XmlProblemKind.MultipleRoots, nameStart, nameEnd, `Only one root element is allowed; <${cut(name)}> is a second one`);
      else this.root = element;
    }
    this.append(element);
    let i = nameEnd;
    let closed = false;
    let attributeNames: Set<string> | undefined;
    while (i < this.len) {
      i = this.skipSpaces(i);
      const c = text.charCodeAt(i);
      if (c === GT) {
        i++;
        closed = true;
        break;
      }
      if (c === SLASH && text.charCodeAt(i + 1) === GT) {
        element.selfClosing = true;
        i += 2;
        closed = true;
        break;
      }
      if (c === BACKSLASH && text.charCodeAt(i + 1) === GT) {
        this.problem(XmlProblemKind.BrokenSelfClose, i, i + 2, `'\\>' is not a tag end: write '>' to open <${cut(name)}> (or '/>' for an empty element)`, {
          replacement: '>',
          name,
        });
        i += 2;
        closed = true;
        break;
      }
      if (c === LT || Number.isNaN(c)) break;
      if (isNameStart(c)) {
        i = this.attribute(element, i, (attributeNames ??= new Set()));
        continue;
      }
      const junkEnd = i + 1;
      this.problem(XmlProblemKind.MalformedAttribute, i, junkEnd, `Unexpected '${text[i]}' in the start tag of <${cut(name)}>`);
      i = junkEnd;
    }
    element.startTagEnd = i;
    element.end = i;
    this.pos = i;
    if (!closed) {
      this.problem(XmlProblemKind.UnterminatedStartTag, nameStart, nameEnd, `The start tag <${cut(name)} is not closed with '>'`, { name });
    }
    let recordAt = -1;
    if (this.record) {
      if (this.stack.length === 1 && this.stack[0] === this.root) {
        // A child of the root: its subtree's record starts.
        this.recordedChild = element;
        this.recordBase = start;
        this.recordLength = 0;
      } else recordAt = this.recordNode(NODE_ELEMENT | (element.selfClosing ? SELF_CLOSING : 0), start, i, nameStart, nameEnd, i);
    }
    if (!element.selfClosing) this.push(element, recordAt);
  }

  private attributesOf(element: XmlElement): XmlAttribute[] {
    if (element.attributes === NO_ATTRIBUTES) element.attributes = [];
    return element.attributes;
  }

  private attribute(element: XmlElement, from: number, seen: Set<string>): number {
    const text = this.text;
    const nameEnd = this.readName(from);
    const name = this.intern(text.slice(from, nameEnd));
    let i = this.skipSpaces(nameEnd);
    if (seen.has(name)) {
      this.problem(XmlProblemKind.DuplicateAttribute, from, nameEnd, `The attribute ${cut(name)} appears twice on <${cut(element.name)}>`);
    }
    seen.add(name);
    if (text.charCodeAt(i) !== EQUALS) {
      this.problem(XmlProblemKind.MalformedAttribute, from, nameEnd, `The attribute ${cut(name)} of <${cut(element.name)}> has no value (write ${cut(name)}="...")`);
      this.attributesOf(element).push({ name, nameStart: from, nameEnd });
      return i;
    }
    i = this.skipSpaces(i + 1);
    const quote = text.charCodeAt(i);
    if (quote !== QUOTE && quote !== APOS) {
      // An unquoted value: take it up to the next space or tag end, so it is reported once.
      let end = i;
      while (end < this.len) {
        const c = text.charCodeAt(end);
        if (isSpace(c) || c === GT || c === LT || (c === SLASH && text.charCodeAt(end + 1) === GT)) break;
        end++;
      }
      this.problem(XmlProblemKind.MalformedAttribute, from, i, `The value of ${cut(name)} must be in quotes`);
      this.attributesOf(element).push({ name, nameStart: from, nameEnd, value: ownString(text.slice(i, end)), valueStart: i, valueEnd: end });
      return end;
    }
    const valueStart = i + 1;
    let valueEnd = valueStart;
    while (valueEnd < this.len) {
      const c = text.charCodeAt(valueEnd);
      if (c === quote || c === LT) break;
      if (c === AMP) {
        valueEnd = this.reference(valueEnd, this.len);
        continue;
      }
      valueEnd++;
    }
    const attribute: XmlAttribute = { name, nameStart: from, nameEnd, value: ownString(text.slice(valueStart, valueEnd)), valueStart, valueEnd };
    this.attributesOf(element).push(attribute);
    if (text.charCodeAt(valueEnd) !== quote) {
      this.problem(XmlProblemKind.MalformedAttribute, from, valueEnd, `The value of ${cut(name)} is not closed with ${String.fromCharCode(quote)}`);
      return valueEnd;
    }
    return valueEnd + 1;
  }

  private endTag(): void {
    const text = this.text;
    const start = this.pos;
    let nameStart = start + 2;
    if (isSpace(text.charCodeAt(nameStart))) {
      const after = this.skipSpaces(nameStart);
      this.problem(XmlProblemKind.InvalidName, start, after, "No space is allowed between '</' and the element name");
      nameStart = after;
    }
    const nameEnd = this.readName(nameStart);
    // Almost always the open element's name: compared in place, not cut out.
    const open = this.parent?.name;
    const name = open !== undefined && nameEnd - nameStart === open.length && text.startsWith(open, nameStart) ? open : text.slice(nameStart, nameEnd);
    let i = this.skipSpaces(nameEnd);
    if (text.charCodeAt(i) === GT) i++;
    else if (text.charCodeAt(i) === BACKSLASH && text.charCodeAt(i + 1) === GT) {
      this.problem(XmlProblemKind.BrokenSelfClose, i, i + 2, `'\\>' is not a tag end: write '>' to close </${cut(name)}>`, { replacement: '>', name });
      i += 2;
    } else {
      // Junk before the '>' (a name broken across lines, OCR noise) belongs to the end tag.
      const close = this.find('>', i);
      const next = this.find('<', i);
      if (close >= 0 && (next < 0 || close < next)) {
        this.problem(XmlProblemKind.InvalidName, nameEnd, close, `Unexpected '${cut(text.slice(nameEnd, close).trim())}' in the end tag </${cut(name)}>`);
        i = close + 1;
      } else {
        this.problem(XmlProblemKind.UnterminatedStartTag, start, nameEnd, `The end tag </${cut(name)} is not closed with '>'`, { name });
      }
    }
    this.pos = i;
    if (nameEnd === nameStart) {
      this.problem(XmlProblemKind.InvalidName, start, i, "An end tag needs an element name after '</'");
      return;
    }
    const depth = this.findOpen(name);
    if (depth < 0) {
      const top = this.parent;
      if (top && similarNames(top.name, name)) {
        this.problem(XmlProblemKind.MismatchedEndTag, nameStart, nameEnd, `The end tag </${cut(name)}> does not match the open element <${cut(top.name)}>`, {
          name: top.name,
          replacement: top.name,
        });
        this.close(this.pop(), start, nameStart, nameEnd, i);
      } else if (top) {
        this.problem(XmlProblemKind.UnexpectedEndTag, nameStart, nameEnd, `</${cut(name)}> has no matching start tag (the open element is <${cut(top.name)}>)`, { name });
      } else {
        this.problem(XmlProblemKind.UnexpectedEndTag, nameStart, nameEnd, `</${cut(name)}> has no matching start tag`, { name });
      }
      return;
    }
    while (this.stack.length - 1 > depth) {
      const open = this.pop();
      open.end = start;
      this.recordEnd(start, -1);
      this.problem(XmlProblemKind.UnclosedElement, open.nameStart, open.nameEnd, `<${cut(open.name)}> is not closed before </${cut(name)}>: add </${cut(open.name)}>`, {
        name: open.name,
        replacement: `</${open.name}>`,
        insertAt: start,
      });
    }
    this.close(this.pop(), start, nameStart, nameEnd, i);
  }

  /** Closes `element`, just popped off the stack, at its end tag. */
  private close(element: XmlElement, endTagStart: number, nameStart: number, nameEnd: number, end: number): void {
    element.endTagStart = endTagStart;
    element.endTagNameStart = nameStart;
    element.endTagNameEnd = nameEnd;
    element.end = end;
    this.recordEnd(end, endTagStart);
  }

  /** The end of the element pop() took last, in its record entry. */
  private recordEnd(end: number, endTagStart: number): void {
    const at = this.poppedAt;
    if (at < 0) return;
    const record = this.record!;
    record[at + END] = end - this.recordBase;
    record[at + END_TAG_START] = endTagStart < 0 ? -1 : endTagStart - this.recordBase;
  }

  /**
   * A new entry in the record when the parser is inside a child of the root (the stack holds the
   * root and at least that child), else -1; returns where it is.
   */
  private recordNode(kind: number, start: number, end: number, nameStart: number, nameEnd: number, startTagEnd: number): number {
    const stack = this.stack;
    if (!this.record || stack.length < 2 || stack[0] !== this.root) return -1;
    let record = this.record;
    const at = this.recordLength;
    if (at + RECORD > record.length) {
      const grown = new Int32Array(record.length * 2);
      grown.set(record);
      this.record = record = grown;
    }
    const base = this.recordBase;
    record[at] = kind;
    record[at + 1] = stack.length - 1;
    record[at + 2] = start - base;
    record[at + 3] = end - base;
    record[at + 4] = nameStart - base;
    record[at + 5] = nameEnd - base;
    record[at + 6] = startTagEnd - base;
    record[at + 7] = -1;
    this.recordLength = at + RECORD;
    return at;
  }

  private push(element: XmlElement, recordAt = -1): void {
    this.stack.push(element);
    this.recordAt.push(recordAt);
    this.openByName.set(element.name, (this.openByName.get(element.name) ?? 0) + 1);
  }

  private pop(): XmlElement {
    const element = this.stack.pop()!;
    this.poppedAt = this.recordAt.pop()!;
    this.openByName.set(element.name, this.openByName.get(element.name)! - 1);
    return element;
  }

  /**
   * The stack index of the innermost open element named `name`, or -1. Linear overall: a name
   * that is not open is answered from the count, and a search that finds one closes everything
   * it passed over.
   */
  private findOpen(name: string): number {
    if (!this.openByName.get(name)) return -1;
    for (let i = this.stack.length - 1; i >= 0; i--) if (this.stack[i]!.name === name) return i;
    return -1;
  }

  private bang(): void {
    const text = this.text;
    const start = this.pos;
    if (text.startsWith('<!--', start)) return this.comment(start);
    if (text.startsWith('<![CDATA[', start)) return this.cdata(start, start + 9, false);
    if (text.startsWith('<!DOCTYPE', start)) return this.doctypeDecl(start);
    // OCR and typing slips: "<!CDATA[", "<! [ CDATA[", "<![CDATA" without '['.
    const cdataMatch = /^<!\s*\[?\s*CDATA\s*\[?/i.exec(text.slice(start, start + 20));
    if (cdataMatch) {
      const contentStart = start + cdataMatch[0].length;
      this.problem(XmlProblemKind.MalformedCData, start, contentStart, `Malformed CDATA section '${cdataMatch[0]}': write '<![CDATA['`, {
        replacement: '<![CDATA[',
      });
      return this.cdata(start, contentStart, true);
    }
    if (text.charCodeAt(start + 2) === 0x2d) {
      const close = this.find('>', start);
      const end = close < 0 ? this.len : close + 1;
      this.problem(XmlProblemKind.MalformedComment, start, Math.min(end, start + 4), "A comment must start with '<!--'", { replacement: '<!--' });
      this.append({ kind: 'comment', start, end });
      this.recordNode(NODE_COMMENT, start, end, this.recordBase, this.recordBase, this.recordBase);
      this.pos = end;
      return;
    }
    const close = this.find('>', start);
    const next = this.find('<', start + 1);
    const end = close < 0 || (next >= 0 && next < close) ? (next < 0 ? this.len : next) : close + 1;
    const word = /^<![A-Za-z]*/.exec(text.slice(start, start + 20))![0];
    this.problem(XmlProblemKind.MalformedDeclaration, start, start + Math.max(word.length, 2), `'${word}' is not allowed here: only comments, CDATA sections and one DOCTYPE`);
    this.pos = end;
  }

  private comment(start: number): void {
    const text = this.text;
    const close = this.find('-->', start + 4);
    const end = close < 0 ? this.len : close + 3;
    const bodyEnd = close < 0 ? this.len : close;
    const dashes = text.indexOf('--', start + 4);
    if (dashes >= 0 && dashes < bodyEnd) {
      this.problem(XmlProblemKind.MalformedComment, dashes, dashes + 2, "'--' is not allowed inside a comment");
    }
    if (close < 0) this.problem(XmlProblemKind.UnterminatedComment, start, start + 4, "The comment is never closed with '-->'");
    this.append({ kind: 'comment', start, end });
    this.recordNode(NODE_COMMENT, start, end, this.recordBase, this.recordBase, this.recordBase);
    this.pos = end;
  }

  private cdata(start: number, valueStart: number, malformed: boolean): void {
    const close = this.find(']]>', valueStart);
    let valueEnd: number;
    let end: number;
    if (close < 0) {
      // An unterminated CDATA would swallow the rest of the document; stop at the next tag instead.
      const next = this.find('<', valueStart);
      valueEnd = next < 0 ? this.len : next;
      end = valueEnd;
      this.problem(XmlProblemKind.UnterminatedCData, start, malformed ? valueStart : start + 9, "The CDATA section is never closed with ']]>'");
    } else {
      valueEnd = close;
      end = close + 3;
    }
    if (!this.parent) this.problem(XmlProblemKind.TextOutsideRoot, start, end, 'A CDATA section is not allowed outside the root element');
    this.append({ kind: 'cdata', start, end, valueStart, valueEnd });
    this.recordNode(NODE_CDATA, start, end, valueStart, valueEnd, this.recordBase);
    this.pos = end;
  }

  private doctypeDecl(start: number): void {
    const text = this.text;
    let i = this.skipSpaces(start + 9);
    const nameEnd = this.readName(i);
    const rootName = ownString(text.slice(i, nameEnd));
    i = nameEnd;
    // External id and internal subset; quoted strings are skipped whole, the subset to its ']'.
    while (i < this.len) {
      const c = text.charCodeAt(i);
      if (c === QUOTE || c === APOS) {
        const q = text.indexOf(String.fromCharCode(c), i + 1);
        i = q < 0 ? this.len : q + 1;
      } else if (c === OPEN_BRACKET) {
        i = this.internalSubset(i + 1);
      } else if (c === GT) {
        i++;
        break;
      } else if (c === LT) {
        break;
      } else i++;
    }
    if (this.root || this.stack.length > 0 || this.doctype) {
      this.problem(XmlProblemKind.MisplacedDoctype, start, start + 9, 'A DOCTYPE must come once, before the root element');
    } else {
      this.doctype = { start, end: i, rootName };
    }
    this.pos = i;
  }

  /** Skips an internal DTD subset, noting entity declarations (reported, never expanded). */
  private internalSubset(from: number): number {
    const text = this.text;
    let i = from;
    while (i < this.len) {
      const c = text.charCodeAt(i);
      if (c === CLOSE_BRACKET) return i + 1;
      if (c === QUOTE || c === APOS) {
        const q = text.indexOf(String.fromCharCode(c), i + 1);
        i = q < 0 ? this.len : q + 1;
        continue;
      }
      if (text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        i = close < 0 ? this.len : close + 3;
        continue;
      }
      if (text.startsWith('<!ENTITY', i)) {
        let j = this.skipSpaces(i + 8);
        if (text.charCodeAt(j) === 0x25) j = this.skipSpaces(j + 1); // parameter entity
        const nameEnd = this.readName(j);
        const name = ownString(text.slice(j, nameEnd));
        this.declaredEntities.add(name);
        this.problem(
          XmlProblemKind.InternalEntityNotExpanded,
          i,
          nameEnd,
          `The entity declaration '${cut(name)}' is ignored: entities declared in a DOCTYPE are never expanded (Qualys imports do not need them)`,
        );
        i = nameEnd;
        continue;
      }
      i++;
    }
    return i;
  }

  private processingInstruction(): void {
    const text = this.text;
    const start = this.pos;
    const targetEnd = this.readName(start + 2);
    const target = ownString(text.slice(start + 2, targetEnd));
    const close = this.find('?>', targetEnd);
    const nextTag = this.find('<', targetEnd);
    let end: number;
    if (close < 0 || (nextTag >= 0 && nextTag < close)) {
      end = nextTag < 0 ? this.len : nextTag;
      this.problem(XmlProblemKind.MalformedDeclaration, start, targetEnd, `<?${cut(target)} is not closed with '?>'`);
    } else end = close + 2;
    if (target.toLowerCase() === 'xml') {
      const atStart = start === 0 || (start === 1 && text.charCodeAt(0) === 0xfeff);
      if (!atStart) {
        this.problem(XmlProblemKind.MisplacedDeclaration, start, targetEnd, "The XML declaration '<?xml ...?>' must be the very first thing in the file");
      } else if (target !== 'xml' || !/^\s+version\s*=\s*["']1\.[0-9]+["']/.test(text.slice(targetEnd, end))) {
        this.problem(XmlProblemKind.MalformedDeclaration, start, end, 'The XML declaration must read <?xml version="1.0" ...?>');
      }
    } else if (target.length === 0) {
      this.problem(XmlProblemKind.MalformedDeclaration, start, start + 2, "'<?' must be followed by a processing instruction name");
    }
    this.append({ kind: 'pi', target, start, end });
    this.recordNode(NODE_PI, start, end, this.recordBase, this.recordBase, this.recordBase);
    this.pos = end;
  }
}

/** Whether a mismatched end tag is probably a typo of the open element's name. */
function similarNames(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  if (n >= 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  if (a.length !== b.length) return false;
  const allowed = Math.min(2, Math.floor(n / 5));
  let differences = 0;
  for (let i = 0; i < n; i++) if (a[i] !== b[i] && ++differences > allowed) return false;
  return differences <= allowed;
}

/**
 * The name of the first element, skipping the XML declaration, comments, processing instructions
 * and a DOCTYPE (with its internal subset): a cheap look at what kind of document this is. It reads
 * only the prolog, never the whole text.
 */
export function firstElementName(text: string): string | undefined {
  let i = 0;
  const len = text.length;
  while (i < len) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return undefined;
    if (/\S/.test(text.slice(i, lt).replace(/^\uFEFF/, ''))) return undefined;
    const c = text.charCodeAt(lt + 1);
    if (c === QUESTION) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (c === BANG) {
      // DOCTYPE: skip quoted strings and an internal subset up to the closing '>'.
      let j = lt + 2;
      let depth = 0;
      while (j < len) {
        const d = text.charCodeAt(j);
        if (d === QUOTE || d === APOS) {
          const q = text.indexOf(String.fromCharCode(d), j + 1);
          if (q < 0) return undefined;
          j = q + 1;
          continue;
        }
        if (d === OPEN_BRACKET) depth++;
        else if (d === CLOSE_BRACKET) depth--;
        else if (d === GT && depth <= 0) break;
        j++;
      }
      i = j + 1;
    } else if (isNameStart(c)) {
      const end = new Parser(text, true).readNameAt(lt + 1);
      return text.slice(lt + 1, end);
    } else return undefined;
  }
  return undefined;
}
