/**
 * A streaming XML scanner for Qualys answers: fed undici's body chunks as they arrive, it reports
 * each element's start and end, and the text of the elements its reader asks for. It builds no
 * tree and decodes no text nobody asked for, which is why it is several times faster than a
 * general parser here (bench/README.md, "XML parsers").
 *
 * It is strict where a client must be: a body cut short, end tags that do not match, a second root
 * or text outside the root make the document `malformed`; but it never fetches anything and never
 * expands an entity: only the five predefined entities and character references are decoded, any
 * other reference stays as written, and a DOCTYPE is accepted only before the root and only without
 * entity declarations. Every construct is bounded (tag length, depth), and the work is linear in the
 * input: comments and CDATA sections are consumed as they arrive, whatever their length.
 */
import { isAscii } from 'node:buffer';

/** What a reader wants of an element that starts. */
export const enum Want {
  /** Its children's events, not its text. */
  Children = 0,
  /** Its text too. */
  Text = 1,
  /**
   * Nothing: it is skipped to its end tag with no event for it or anything inside it. Inside, names
   * are not sliced out: each end tag is matched to its start tag by a hash of the name, and CDATA
   * and comments are respected; the element's own end tag is checked by name.
   */
  Skip = 2,
}

export interface XmlEvents {
  /** An element starts. `attributes` is the raw text after the name ('' when none). */
  open(name: string, attributes: string): Want | boolean;
  /** The element ends (not for skipped ones); `text` is its own text (CDATA and references decoded) when it was wanted. */
  close(name: string, text: string | undefined): void;
}

export interface ScannerLimits {
  /** Longest start tag, DOCTYPE or processing instruction, in characters (default 64 Mi: an 8 MB attribute value reads). */
  readonly maxMarkup?: number;
  /** Deepest element nesting. */
  readonly maxDepth?: number;
}

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOS = 0x27;
const OPEN_BRACKET = 0x5b;

/** ASCII name characters (letters, digits, '_', ':', '-', '.'); everything from U+0080 up counts as one. */
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  NAME_CHAR[c] = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x3a || c === 0x2d || c === 0x2e ? 1 : 0;
}

function isNameChar(c: number): boolean {
  return c < 128 ? NAME_CHAR[c] === 1 : true;
}

function isNameStart(c: number): boolean {
  return c < 128 ? NAME_CHAR[c] === 1 && !(c >= 0x30 && c <= 0x39) && c !== 0x2d && c !== 0x2e : true;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/**
 * Decodes the predefined entities and character references of `s`. Any other reference, and a
 * reference to a character XML does not allow, stays as written: nothing is ever expanded.
 */
export function decodeReferences(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 12) break;
    let value: string | undefined;
    if (s.charCodeAt(amp + 1) === 0x23) {
      const hex = s.charCodeAt(amp + 2) === 0x78;
      const digits = s.slice(amp + (hex ? 3 : 2), semi);
      if (digits && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
        const code = parseInt(digits, hex ? 16 : 10);
        if (isXmlChar(code)) value = String.fromCodePoint(code);
      }
    } else value = PREDEFINED[s.slice(amp + 1, semi)];
    if (value !== undefined) {
      out += s.slice(from, amp) + value;
      from = semi + 1;
    }
    amp = s.indexOf('&', value !== undefined ? semi + 1 : amp + 1);
  }
  return out + s.slice(from);
}

/** XML's end-of-line handling: CR LF and a lone CR read as LF (a &#13; reference still gives a CR). */
export function normalizeLines(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
}

/** The value of one attribute in a start tag's raw attribute text, decoded; undefined when absent. */
export function attributeValue(raw: string, name: string): string | undefined {
  const pattern = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = pattern.exec(raw); m; m = pattern.exec(raw)) {
    if (m[1] === name) return decodeReferences(normalizeLines(m[2] ?? m[3] ?? ''));
  }
  return undefined;
}

type Mode = 'markup' | 'comment' | 'cdata';

/** FNV-1a of the name starting at `from`: matches end tags to start tags where names are not sliced out. */
function nameHash(s: string, from: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isNameChar(c)) break;
    hash = Math.imul(hash ^ c, 0x01000193);
  }
  return hash;
}

function latin1(chunk: Uint8Array): string {
  return (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)).toString('latin1');
}

/** Slots of the element name cache (a power of two). */
const NAME_CACHE_SIZE = 256;

/** Whether `s` holds `name` from `from` to `to` (a loop: names are short, and this beats a call of startsWith). */
function sameName(s: string, from: number, to: number, name: string): boolean {
  if (to - from !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (s.charCodeAt(from + i) !== name.charCodeAt(i)) return false;
  return true;
}


export class XmlScanner {
  private buf = '';
  private pos = 0;
  private mode: Mode = 'markup';
  private readonly stack: string[] = [];
  /**
   * Per open element: its text so far when it is wanted (pieces appended: most texts are one piece,
   * and then no string is built), null when it is not, undefined when it is skipped (Want.Skip).
   */
  private readonly texts: (string | null | undefined)[] = [];
  private rootName: string | undefined;
  private rootClosed = false;
  private sawDoctype = false;
  /** Characters of an incomplete construct at `pos` already read (0 when none waits). */
  private waiting = 0;
  /**
   * Chunks that arrived while a construct waited and could not end it: kept apart and joined once
   * it can end, so a long tag arriving in many chunks costs its length, not its length times the
   * chunks. `waitQuote` is the quote a waiting start tag is inside (0 when none), `waitLast` the
   * last character read of the waiting construct.
   */
  private pending: string[] = [];
  private waitKind: 'tag' | 'pi' | 'other' = 'other';
  private waitQuote = 0;
  private waitLast = 0;
  private failure: string | undefined;
  private refused = false;
  private readonly decoder = new TextDecoder('utf-8');
  /** Whether the decoder may hold the start of a character cut by the chunk's end (then the next chunk goes through it). */
  private decoderPending = false;
  private readonly maxMarkup: number;
  private readonly maxDepth: number;
  /** Where the element being captured raw started in `buf`, and what went before in earlier chunks. */
  private rawFrom = -1;
  private rawParts: string[] = [];
  /** The current tag's start and end in `buf` (for raw capture). */
  private tagStart = 0;
  private tagEnd = 0;
  private chars = 0;
  /** Nesting inside a skipped element (0 when not skipping), and the hashes of the open names there. */
  private skipDepth = 0;
  private readonly skipNames: number[] = [];
  /** Element names read, by a hash of their characters (see internName). */
  private readonly names: (string | undefined)[] = new Array<string | undefined>(NAME_CACHE_SIZE).fill(undefined);

  constructor(private readonly events: XmlEvents, limits: ScannerLimits = {}) {
    this.maxMarkup = limits.maxMarkup ?? 64 << 20;
    this.maxDepth = limits.maxDepth ?? 256;
  }

  /** The root element's name, once its start tag has been read. */
  get root(): string | undefined {
    return this.rootName;
  }

  /** Why the document is not well-formed, once known. */
  get error(): string | undefined {
    return this.failure;
  }

  /** Whether the error is markup refused for safety (a DOCTYPE out of place or declaring entities, a declaration). */
  get unsafe(): boolean {
    return this.refused;
  }

  /** Characters read so far. */
  get length(): number {
    return this.chars;
  }

  /** Feeds the next chunk of the body (bytes are read as UTF-8). Does nothing after an error. */
  write(chunk: Buffer | Uint8Array | string): void {
    if (this.failure !== undefined) return;
    const text = typeof chunk === 'string' ? chunk : this.decode(chunk);
    if (text.length === 0) return;
    this.chars += text.length;
    const body = this.chars === text.length && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (this.waiting > 0 && this.mode === 'markup' && this.stillWaiting(body)) {
      this.pending.push(body);
      this.waiting += body.length;
      if (this.waiting > this.maxMarkup) this.fail(`a tag is longer than ${this.maxMarkup} characters`);
      return;
    }
    if (this.pending.length) {
      this.pending.push(body);
      this.append(this.pending.join(''));
      this.pending = [];
    } else this.append(body);
    this.scan();
  }

  /**
   * A chunk's text. An ASCII chunk (all of a simulator's pages, most of Qualys') is copied as Latin-1,
   * which is the same text at a fraction of the cost; the first chunk (its BOM), any other chunk and
   * any chunk after one that may have cut a character go through the streaming UTF-8 decoder.
   */
  private decode(chunk: Uint8Array): string {
    if (this.chars > 0 && !this.decoderPending && isAscii(chunk)) return latin1(chunk);
    this.decoderPending = chunk.length > 0 && chunk[chunk.length - 1]! >= 0x80;
    return this.decoder.decode(chunk, { stream: true });
  }

  /** Marks the construct at `pos` as waiting for more input (its kind says what can end it). */
  private wait(): void {
    const s = this.buf;
    const lt = this.pos;
    this.waiting = s.length - lt;
    this.waitLast = s.charCodeAt(s.length - 1);
    const c = s.charCodeAt(lt + 1);
    this.waitKind = c === QUESTION ? 'pi' : c === SLASH || c === BANG || Number.isNaN(c) ? 'other' : 'tag';
    this.waitQuote = 0;
    if (this.waitKind === 'tag') this.waitQuote = quoteAfter(s, lt + 1, s.length, 0);
    if (this.waiting > this.maxMarkup) this.fail(`a tag is longer than ${this.maxMarkup} characters`);
  }

  /** Whether the waiting construct certainly does not end in `text` (then `text` is only kept). */
  private stillWaiting(text: string): boolean {
    const last = this.waitLast;
    this.waitLast = text.charCodeAt(text.length - 1);
    if (this.waitKind === 'tag') {
      // A start tag ends at the first '>' outside quoted values.
      let quote = this.waitQuote;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === GT || c === 0x3c) return false;
        else if (c === QUOTE || c === APOS) quote = c;
      }
      this.waitQuote = quote;
      return true;
    }
    if (this.waitKind === 'pi') return !(text.includes('?>') || (last === QUESTION && text.charCodeAt(0) === GT));
    return text.indexOf('>') < 0;
  }

  /** The body is complete: answers the reason it is not a well-formed document, or undefined. */
  end(): string | undefined {
    if (this.failure !== undefined) return this.failure;
    const rest = this.decoder.decode();
    if (rest) this.write(rest);
    if (this.pending.length && this.failure === undefined) {
      // A construct still waiting is read once more, whole, for the precise reason it cannot end.
      this.append(this.pending.join(''));
      this.pending = [];
      this.scan();
    }
    if (this.failure !== undefined) return this.failure;
    if (this.mode !== 'markup' || (this.pos < this.buf.length && this.buf.slice(this.pos).trim() !== '')) {
      return this.fail(this.stack.length ? `it ends inside <${this.stack[this.stack.length - 1]}>; it was cut short` : 'it ends inside markup; it was cut short');
    }
    if (this.stack.length > 0) return this.fail(`<${this.stack[this.stack.length - 1]}> is never closed; the answer was cut short`);
    if (this.rootName === undefined) return this.fail('it has no root element');
    return undefined;
  }

  /**
   * Starts keeping the raw text of the element whose start tag is being reported (call from
   * `open`); `takeRaw` from its `close` answers it, start and end tags included.
   */
  captureRaw(): void {
    this.rawFrom = this.tagStart;
    this.rawParts = [];
  }

  takeRaw(): string {
    if (this.rawFrom < 0) return '';
    const raw = this.rawParts.length ? this.rawParts.join('') + this.buf.slice(0, this.tagEnd) : this.buf.slice(this.rawFrom, this.tagEnd);
    this.rawFrom = -1;
    this.rawParts = [];
    return raw;
  }

  /** `unsafe`: markup Qualys never sends (a DOCTYPE out of place, declarations), refused rather than read. */
  private fail(message: string, unsafe = false): string {
    if (this.failure === undefined) {
      this.failure = message;
      this.refused = unsafe;
    }
    return this.failure;
  }

  private append(text: string): void {
    if (this.pos >= this.buf.length) {
      if (this.rawFrom >= 0) this.rawParts.push(this.buf.slice(this.rawFrom));
      this.buf = text;
    } else {
      if (this.rawFrom >= 0) this.rawParts.push(this.buf.slice(this.rawFrom, this.pos));
      // Joined, not concatenated: a flat string, which the character loops read much faster than a rope.
      this.buf = [this.buf.slice(this.pos), text].join('');
    }
    if (this.rawFrom >= 0) this.rawFrom = 0;
    this.pos = 0;
  }

  private scan(): void {
    const s = this.buf;
    const len = s.length;
    // What waited is read again now; it waits again (wait()) if it still cannot end.
    this.waiting = 0;
    while (this.failure === undefined) {
      if (this.mode === 'comment' && !this.finishComment()) return;
      if (this.mode === 'cdata' && !this.finishCdata()) return;
      if (this.skipDepth > 0) {
        if (!this.skip()) return;
        continue;
      }
      const pos = this.pos;
      if (pos >= len) return;
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        this.text(pos, len, false);
        return;
      }
      if (lt > pos) this.text(pos, lt, true);
      if (lt + 1 >= len) {
        this.pos = lt;
        return;
      }
      this.tagStart = lt;
      const c = s.charCodeAt(lt + 1);
      let next: number;
      if (c === SLASH) next = this.endTag(lt);
      else if (c === BANG) next = this.bang(lt);
      else if (c === QUESTION) next = this.instruction(lt);
      else next = this.startTag(lt);
      if (next < 0) {
        // Incomplete: wait for more, within bounds.
        this.pos = lt;
        this.wait();
        return;
      }
      this.pos = next;
    }
  }

  /** Text between markup. Outside the root only whitespace is allowed; inside, only wanted text is decoded. */
  private text(from: number, to: number, complete: boolean): void {
    const s = this.buf;
    const depth = this.stack.length;
    if (depth === 0) {
      for (let i = from; i < to; i++) {
        if (!isSpace(s.charCodeAt(i))) {
          this.fail(this.rootClosed ? 'there is text after the root element' : this.rootName === undefined ? 'it does not start with markup; it is not XML' : 'there is text outside the root element');
          return;
        }
      }
      this.pos = to;
      return;
    }
    const sofar = this.texts[depth - 1];
    if (typeof sofar !== 'string') {
      this.pos = to;
      return;
    }
    let end = to;
    if (!complete) {
      // Keep back a reference, or a CR that may start a CR LF, cut by the chunk boundary.
      const amp = s.lastIndexOf('&', to - 1);
      if (amp >= from && s.indexOf(';', amp) < 0 && to - amp < 12) end = amp;
      else if (s.charCodeAt(to - 1) === 0x0d) end = to - 1;
    }
    if (end > from) this.texts[depth - 1] = sofar + decodeReferences(normalizeLines(s.slice(from, end)));
    this.pos = end;
  }

  private startTag(lt: number): number {
    const s = this.buf;
    const len = s.length;
    if (!isNameStart(s.charCodeAt(lt + 1))) {
      this.fail(`'<' followed by '${s[lt + 1]}' is not a tag`);
      return lt + 1;
    }
    let i = lt + 2;
    let hash = Math.imul(0x811c9dc5 ^ s.charCodeAt(lt + 1), 0x01000193);
    for (; i < len; i++) {
      const n = s.charCodeAt(i);
      if (!isNameChar(n)) break;
      hash = Math.imul(hash ^ n, 0x01000193);
    }
    if (i >= len) return -1;
    const nameEnd = i;
    let c = s.charCodeAt(i);
    let attributes = '';
    let empty = false;
    if (c === GT) i++;
    else if (c === SLASH) {
      if (i + 1 >= len) return -1;
      if (s.charCodeAt(i + 1) !== GT) return this.malformedTag(s.slice(lt + 1, nameEnd));
      empty = true;
      i += 2;
    } else {
      // Attributes: name = "value" pairs, where a quoted value may hold '>'.
      for (;;) {
        while (i < len && isSpace(s.charCodeAt(i))) i++;
        if (i >= len) return -1;
        c = s.charCodeAt(i);
        if (c === GT) {
          attributes = s.slice(nameEnd, i);
          i++;
          break;
        }
        if (c === SLASH) {
          if (i + 1 >= len) return -1;
          if (s.charCodeAt(i + 1) !== GT) return this.malformedTag(s.slice(lt + 1, nameEnd));
          attributes = s.slice(nameEnd, i);
          empty = true;
          i += 2;
          break;
        }
        if (i === nameEnd || !isSpace(s.charCodeAt(i - 1)) || !isNameStart(c)) return this.malformedTag(s.slice(lt + 1, nameEnd));
        while (i < len && isNameChar(s.charCodeAt(i))) i++;
        while (i < len && isSpace(s.charCodeAt(i))) i++;
        if (i >= len) return -1;
        if (s.charCodeAt(i) !== EQUALS) return this.malformedTag(s.slice(lt + 1, nameEnd));
        i++;
        while (i < len && isSpace(s.charCodeAt(i))) i++;
        if (i >= len) return -1;
        const quote = s.charCodeAt(i);
        if (quote !== QUOTE && quote !== APOS) return this.malformedTag(s.slice(lt + 1, nameEnd));
        const close = s.indexOf(quote === QUOTE ? '"' : "'", i + 1);
        if (close < 0) return -1;
        const lessThan = s.indexOf('<', i + 1);
        if (lessThan >= 0 && lessThan < close) return this.malformedTag(s.slice(lt + 1, nameEnd));
        i = close + 1;
      }
    }
    const name = this.internName(s, lt + 1, nameEnd, hash);
    this.tagEnd = i;
    this.openElement(name, attributes);
    if (empty && this.failure === undefined) this.closeElement(name);
    return i;
  }

  /**
   * The element name at `from`..`to`, as the same internalized string each time it is read (a
   * property key's string), so that the readers' rule lookups by name compare pointers instead of
   * hashing a fresh slice, and no name keeps a chunk's text alive.
   */
  private internName(s: string, from: number, to: number, hash: number): string {
    const slot = (hash ^ (hash >>> 15)) & (NAME_CACHE_SIZE - 1);
    const known = this.names[slot];
    if (known !== undefined && sameName(s, from, to, known)) return known;
    const name = Object.keys({ [s.slice(from, to)]: 0 })[0]!;
    this.names[slot] = name;
    return name;
  }

  private malformedTag(name: string): number {
    this.fail(`the start tag <${name}> is malformed`);
    return this.buf.length;
  }

  private openElement(name: string, attributes: string): void {
    const depth = this.stack.length;
    if (depth === 0) {
      if (this.rootName !== undefined) {
        this.fail(`<${name}> is a second root element`);
        return;
      }
      this.rootName = name;
    }
    if (depth >= this.maxDepth) {
      this.fail(`elements are nested deeper than ${this.maxDepth} levels`);
      return;
    }
    this.stack.push(name);
    const want = this.events.open(name, attributes);
    if (want === Want.Skip) {
      this.texts.push(undefined);
      this.skipDepth = 1;
    } else this.texts.push(want === true || want === Want.Text ? '' : null);
  }

  /**
   * Runs through a skipped element: tags are balanced (a start tag's end found past quoted values),
   * CDATA and comments are consumed whole, nothing is decoded or reported. Answers false when more
   * input is needed; true once the element has ended, or a construct needs the usual handling.
   */
  private skip(): boolean {
    const s = this.buf;
    const len = s.length;
    let pos = this.pos;
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt < 0 || lt + 1 >= len) {
        this.pos = lt < 0 ? len : lt;
        return false;
      }
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) {
          this.pos = lt;
          this.wait();
          return false;
        }
        if (--this.skipDepth === 0) {
          // The skipped element's own end: checked by name like any other.
          this.tagStart = lt;
          this.pos = this.endTag(lt);
          return true;
        }
        if (nameHash(s, lt + 2) !== this.skipNames.pop()) {
          this.fail(`an end tag inside <${this.stack[this.stack.length - 1]}> does not match its start tag`);
          return false;
        }
        pos = gt + 1;
      } else if (c === BANG) {
        if (s.startsWith('<!--', lt)) {
          this.mode = 'comment';
          this.pos = lt + 4;
          return true;
        }
        if (s.startsWith('<![CDATA[', lt)) {
          this.mode = 'cdata';
          this.pos = lt + 9;
          return true;
        }
        if (len < lt + 9) {
          this.pos = lt;
          return false;
        }
        this.fail(`a declaration ('${s.slice(lt, lt + 9)}') is allowed only as the DOCTYPE before the root element`, true);
        return false;
      } else if (c === QUESTION) {
        const close = s.indexOf('?>', lt + 2);
        if (close < 0) {
          this.pos = lt;
          this.wait();
          return false;
        }
        pos = close + 2;
      } else {
        // A start tag: its end is the first '>' outside quotes.
        let i = lt + 1;
        let quote = 0;
        for (; i < len; i++) {
          const d = s.charCodeAt(i);
          if (quote) {
            if (d === quote) quote = 0;
          } else if (d === GT) break;
          else if (d === QUOTE || d === APOS) quote = d;
          else if (d === 0x3c) {
            this.fail(`a start tag inside <${this.stack[this.stack.length - 1]}> is malformed`);
            return false;
          }
        }
        if (i >= len) {
          this.pos = lt;
          this.wait();
          return false;
        }
        if (s.charCodeAt(i - 1) !== SLASH) {
          if (this.stack.length + this.skipDepth >= this.maxDepth) {
            this.fail(`elements are nested deeper than ${this.maxDepth} levels`);
            return false;
          }
          this.skipDepth++;
          this.skipNames.push(nameHash(s, lt + 1));
        }
        pos = i + 1;
      }
      this.pos = pos;
    }
  }

  private closeElement(name: string): void {
    const text = this.texts.pop();
    this.stack.pop();
    if (this.stack.length === 0) this.rootClosed = true;
    if (text === undefined) return;
    this.events.close(name, text === null ? undefined : text);
  }

  private endTag(lt: number): number {
    const s = this.buf;
    const gt = s.indexOf('>', lt + 2);
    if (gt < 0) return -1;
    const depth = this.stack.length;
    const open = depth > 0 ? this.stack[depth - 1]! : undefined;
    if (open !== undefined && sameName(s, lt + 2, gt, open)) {
      this.tagEnd = gt + 1;
      this.closeElement(open);
      return gt + 1;
    }
    let nameEnd = lt + 2;
    while (nameEnd < gt && isNameChar(s.charCodeAt(nameEnd))) nameEnd++;
    for (let i = nameEnd; i < gt; i++) {
      if (!isSpace(s.charCodeAt(i))) {
        this.fail(`the end tag </${s.slice(lt + 2, gt)}> is malformed`);
        return gt + 1;
      }
    }
    if (open === undefined || !sameName(s, lt + 2, nameEnd, open)) {
      const name = s.slice(lt + 2, nameEnd);
      this.fail(open === undefined ? `</${name}> closes nothing` : `</${name}> does not close <${open}>`);
      return gt + 1;
    }
    this.tagEnd = gt + 1;
    this.closeElement(open);
    return gt + 1;
  }

  /** `<!--`, `<![CDATA[` or `<!DOCTYPE`. */
  private bang(lt: number): number {
    const s = this.buf;
    if (s.length < lt + 9) return s.startsWith('<!--', lt) ? this.startComment(lt) : -1;
    if (s.startsWith('<!--', lt)) return this.startComment(lt);
    if (s.startsWith('<![CDATA[', lt)) {
      if (this.stack.length === 0) {
        this.fail('a CDATA section is outside the root element');
        return s.length;
      }
      this.mode = 'cdata';
      return lt + 9;
    }
    if (s.startsWith('<!DOCTYPE', lt)) return this.doctype(lt);
    this.fail(`a declaration ('${s.slice(lt, lt + 9)}') is allowed only as the DOCTYPE before the root element`, true);
    return s.length;
  }

  private startComment(lt: number): number {
    if (this.buf.length < lt + 4) return -1;
    this.mode = 'comment';
    return lt + 4;
  }

  /** Consumes a comment up to its '-->', across chunks; false when more input is needed. */
  private finishComment(): boolean {
    const s = this.buf;
    const close = s.indexOf('-->', this.pos);
    if (close < 0) {
      // Keep the last two characters: they may be the start of '-->'.
      this.pos = Math.max(this.pos, s.length - 2);
      return false;
    }
    this.mode = 'markup';
    this.pos = close + 3;
    return true;
  }

  /** Consumes a CDATA section up to its ']]>', across chunks, keeping its text when wanted. */
  private finishCdata(): boolean {
    const s = this.buf;
    const close = s.indexOf(']]>', this.pos);
    const depth = this.stack.length - 1;
    const sofar = this.texts[depth];
    if (close < 0) {
      let keep = Math.max(this.pos, s.length - 2);
      if (keep > this.pos && s.charCodeAt(keep - 1) === 0x0d) keep--;
      if (typeof sofar === 'string' && keep > this.pos) this.texts[depth] = sofar + normalizeLines(s.slice(this.pos, keep));
      this.pos = keep;
      return false;
    }
    if (typeof sofar === 'string' && close > this.pos) this.texts[depth] = sofar + normalizeLines(s.slice(this.pos, close));
    this.mode = 'markup';
    this.pos = close + 3;
    return true;
  }

  /** A processing instruction (the XML declaration among them): skipped. */
  private instruction(lt: number): number {
    const close = this.buf.indexOf('?>', lt + 2);
    return close < 0 ? -1 : close + 2;
  }

  /**
   * A DOCTYPE: allowed once, before the root, and never read beyond finding its end. An internal
   * subset that declares entities is refused (Qualys never sends one; it is how entity bombs start).
   */
  private doctype(lt: number): number {
    const s = this.buf;
    if (this.rootName !== undefined) {
      this.fail('a DOCTYPE appears after the root element started', true);
      return s.length;
    }
    if (this.sawDoctype) {
      this.fail('a second DOCTYPE follows the first', true);
      return s.length;
    }
    // Qualys' DOCTYPEs are one line; a long one is refused before it costs a rescan per chunk.
    if (s.length - lt > MAX_DOCTYPE && s.indexOf('>', lt) < 0) return this.longDoctype();
    let i = lt + 9;
    let quote = 0;
    let subset = -1;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === QUOTE || c === APOS) quote = c;
      else if (c === OPEN_BRACKET && subset < 0) {
        subset = i;
        i = subsetEnd(s, i + 1);
        if (i < 0) return -1;
      } else if (c === GT) break;
    }
    if (i >= s.length) return s.length - lt > MAX_DOCTYPE ? this.longDoctype() : -1;
    if (i - lt > MAX_DOCTYPE) return this.longDoctype();
    // Anything that declares an entity, anywhere in the subset (quoted literals included), is refused.
    if (subset >= 0 && /<!ENTITY/i.test(s.slice(subset, i))) {
      this.fail('it declares XML entities in its DOCTYPE; it was not read', true);
      return s.length;
    }
    this.sawDoctype = true;
    return i + 1;
  }

  private longDoctype(): number {
    this.fail(`its DOCTYPE is longer than ${MAX_DOCTYPE} characters; it was not read`, true);
    return this.buf.length;
  }
}

/** The longest DOCTYPE read, internal subset included, in characters. */
const MAX_DOCTYPE = 1 << 20;

/** The quote (a character code) that `s` is inside at `to`, reading a start tag from `from` inside `quote`; 0 when none. */
function quoteAfter(s: string, from: number, to: number, quote: number): number {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === QUOTE || c === APOS) quote = c;
  }
  return quote;
}

/** The index of the `]` that ends an internal subset starting at `from`, past quoted literals and comments; -1 when not yet read. */
function subsetEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === QUOTE || c === APOS) {
      i = s.indexOf(c === QUOTE ? '"' : "'", i + 1);
      if (i < 0) return -1;
    } else if (c === 0x3c && s.startsWith('<!--', i)) {
      i = s.indexOf('-->', i + 4);
      if (i < 0) return -1;
      i += 2;
    } else if (c === 0x5d) return i;
  }
  return -1;
}

/** Whether an attribute-free element name is well-formed (for rule tables). */
export function isXmlName(name: string): boolean {
  if (!name || !isNameStart(name.charCodeAt(0))) return false;
  for (let i = 1; i < name.length; i++) if (!isNameChar(name.charCodeAt(i))) return false;
  return true;
}
