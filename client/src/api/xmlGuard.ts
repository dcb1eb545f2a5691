/**
 * What a response must pass before any parser reads it, the one entity decoder the parser uses,
 * and the long text runs kept away from the parser (see LONG_RUN). A linear walk over the markup (comments, CDATA sections and processing instructions are
 * skipped whole, so DOCTYPE text inside them is text) refuses a DOCTYPE anywhere but the prolog,
 * a second one, one whose internal subset declares entities, and any other `<!` declaration. Qualys
 * sends at most one DOCTYPE, in the prolog, naming its DTD by a SYSTEM id that nothing fetches.
 */
import { apiError } from './errors';
import { fail, ok, type Result } from './result';

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** The text of a reference's name ('amp', '#65', '#x41'), or undefined when it is none we decode. */
function referenceValue(name: string): string | undefined {
  const predefined = PREDEFINED[name];
  if (predefined !== undefined || name.charCodeAt(0) !== 0x23) return predefined;
  const code = /^#\d{1,7}$/.test(name) ? Number.parseInt(name.slice(1), 10) : /^#x[0-9a-fA-F]{1,6}$/.test(name) ? Number.parseInt(name.slice(2), 16) : Number.NaN;
  return isXmlChar(code) ? String.fromCodePoint(code) : undefined;
}

/**
 * Decodes XML's five predefined entities and character references, nothing else: a reference to
 * any other name (a DTD's entity, an HTML name) stays as written, so no entity is ever expanded.
 * One pass with indexOf (a regular expression with a callback was six times slower on 8 MB of &amp;).
 */
export function decodeReferences(text: string): string {
  let at = text.indexOf('&');
  if (at < 0) return text;
  const parts: string[] = [];
  let copied = 0;
  while (at >= 0) {
    const semicolon = text.indexOf(';', at + 1);
    if (semicolon < 0) break;
    const value = semicolon - at <= 10 ? referenceValue(text.slice(at + 1, semicolon)) : undefined;
    if (value === undefined) {
      at = text.indexOf('&', at + 1);
      continue;
    }
    if (at > copied) parts.push(text.slice(copied, at));
    parts.push(value);
    copied = semicolon + 1;
    at = text.indexOf('&', copied);
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/** The parser's entity decoder (fast-xml-parser's `entityDecoder` option): declared entities are ignored. */
export const referenceDecoder = {
  setExternalEntities: (): void => undefined,
  addInputEntities: (): void => undefined,
  reset: (): void => undefined,
  setXmlVersion: (): void => undefined,
  decode: decodeReferences,
};

function refuse(why: string): Result<never> {
  return fail(apiError('unsafe-xml', `The answer ${why}; it was not parsed (Qualys never sends one).`));
}

/** Index just after `marker` from `from`, or the end of the text. */
function after(text: string, marker: string, from: number): number {
  const index = text.indexOf(marker, from);
  return index < 0 ? text.length : index + marker.length;
}

/** The index of the `>` that ends the markup starting at `from`, skipping quoted values (which may hold `>`); -1 when it never ends. */
function markupEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x27) {
      i = text.indexOf(text[i]!, i + 1);
      if (i < 0) return -1;
    } else if (code === 0x3e) return i;
  }
  return -1;
}

/** A DOCTYPE's end (-1 when it never ends) and its internal subset, if it has one. */
function doctypeEnd(text: string, from: number): { end: number; subset?: string } {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x27) {
      i = text.indexOf(text[i]!, i + 1);
      if (i < 0) return { end: -1 };
    } else if (code === 0x3e) return { end: i };
    else if (code === 0x5b) {
      // The subset runs to the first ] outside quoted literals and comments.
      for (let j = i + 1; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (c === 0x22 || c === 0x27) j = text.indexOf(text[j]!, j + 1);
        else if (text.startsWith('<!--', j)) j = text.indexOf('-->', j + 4);
        else if (c === 0x5d) return { end: markupEnd(text, j + 1), subset: text.slice(i + 1, j) };
        if (j < 0) return { end: -1 };
      }
      return { end: -1 };
    }
  }
  return { end: -1 };
}

/**
 * Text runs and attribute values longer than this reach the validator and the parser as a token,
 * and their values are put back after parsing; longer runs of white space inside a tag become one
 * space. fast-xml-parser gathers text (and its validator, tag content) one character at a time
 * (`text += ch`), which builds a rope of one string object per character: an 8 MB text node made
 * some 8 million objects, and the garbage collector, not the parser, took nearly all of its ~2 s of
 * CPU (10 s on a busy extension host) and 400 MB. Comments, CDATA and tag names it reads with
 * indexOf and slices, so only these need it.
 */
const LONG_RUN = 64;
/** U+FFFF is not an XML character, so it cannot stand for anything in a document's text. */
const TOKEN = '\uFFFF';
const TOKEN_PATTERN = /\uFFFF(\d+)\uFFFF/g;

/** What the parser makes of a text run or an attribute value: line ends first, then trim, then references. */
function parsedValue(raw: string): string {
  return decodeReferences(raw.replace(/\r\n?/g, '\n').trim());
}

/** A token for the value (kept in `runs`), or nothing for an empty one (the parser drops those too). */
function tokenFor(raw: string, runs: string[]): string {
  const value = parsedValue(raw);
  return value ? `${TOKEN}${runs.push(value) - 1}${TOKEN}` : '';
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x9 || code === 0xa || code === 0xd;
}

/** A tag (from `<` to `>`) with its long attribute values tokenised and its long white space cut to one space. */
function shortenTag(tag: string, runs: string[]): string {
  const parts: string[] = [];
  let copied = 0;
  for (let i = 0; i < tag.length; i++) {
    const code = tag.charCodeAt(i);
    if (code === 0x22 || code === 0x27) {
      const close = tag.indexOf(tag[i]!, i + 1);
      if (close - i - 1 > LONG_RUN) {
        parts.push(tag.slice(copied, i + 1), tokenFor(tag.slice(i + 1, close), runs));
        copied = close;
      }
      i = close;
    } else if (isSpace(code)) {
      let j = i + 1;
      while (j < tag.length && isSpace(tag.charCodeAt(j))) j++;
      if (j - i > LONG_RUN) {
        parts.push(tag.slice(copied, i), ' ');
        copied = j;
      }
      i = j - 1;
    }
  }
  parts.push(tag.slice(copied));
  return parts.join('');
}

export interface PreparedXml {
  /** The document with each long text run and attribute value replaced by a token. */
  readonly text: string;
  /** The runs' values as the parser would give them: line ends normalised, trimmed, references decoded. */
  readonly runs: readonly string[];
  /** Whether what was taken out held line breaks (the validator's line numbers are then not the answer's). */
  readonly linesMoved: boolean;
}

/**
 * Checks the markup (DOCTYPE only in the prolog, once, declaring no entities; no other `<!`
 * declaration), then takes out the DOCTYPE, long text runs and long attribute values, in one
 * linear pass.
 */
export function prepareXml(text: string): Result<PreparedXml> {
  const swap = !text.includes(TOKEN);
  const parts: string[] = [];
  const runs: string[] = [];
  let copied = 0;
  let sawElement = false;
  let sawDoctype = false;
  let linesMoved = false;
  for (let textStart = 0; ; ) {
    const at = text.indexOf('<', textStart);
    const runEnd = at < 0 ? text.length : at;
    if (swap && sawElement && runEnd - textStart > LONG_RUN) {
      const run = text.slice(textStart, runEnd);
      parts.push(text.slice(copied, textStart), tokenFor(run, runs));
      linesMoved ||= run.includes('\n');
      copied = runEnd;
    }
    if (at < 0) break;
    let end: number;
    if (text.startsWith('<!--', at)) end = after(text, '-->', at + 4);
    else if (text.startsWith('<![CDATA[', at)) end = after(text, ']]>', at + 9);
    else if (text.startsWith('<?', at)) end = after(text, '?>', at + 2);
    else if (text.startsWith('<!', at)) {
      const name = /^<!([A-Za-z]*)/.exec(text.slice(at, at + 12))![1]!;
      if (name.toUpperCase() !== 'DOCTYPE') return refuse(`holds a markup declaration (<!${name.slice(0, 10)}) outside a DOCTYPE`);
      if (sawElement) return refuse('has a DOCTYPE inside the document, after its root element began');
      if (sawDoctype) return refuse('has a second DOCTYPE');
      sawDoctype = true;
      const doctype = doctypeEnd(text, at + 9);
      // Declarations of elements or attributes change nothing here; entities are refused even
      // though the decoder would never expand them.
      if (doctype.subset !== undefined && /ENTITY/i.test(doctype.subset)) return refuse('declares XML entities in its DOCTYPE');
      end = doctype.end < 0 ? -1 : doctype.end + 1;
      if (end > 0) {
        // Checked, it says nothing more: the validator and the parser never see it (a long one
        // cost them as much as a long text run).
        parts.push(text.slice(copied, at));
        linesMoved ||= text.slice(at, end).includes('\n');
        copied = end;
      }
    } else {
      sawElement = true;
      const close = markupEnd(text, at + 1);
      end = close < 0 ? -1 : close + 1;
      if (swap && close - at > LONG_RUN) {
        const tag = text.slice(at, end);
        const short = shortenTag(tag, runs);
        parts.push(text.slice(copied, at), short);
        linesMoved ||= short.length < tag.length && tag.includes('\n');
        copied = end;
      }
    }
    // Markup that never ends: the validator reports it.
    if (end < 0) break;
    textStart = end;
  }
  if (copied === 0) return ok({ text, runs, linesMoved });
  parts.push(text.slice(copied));
  return ok({ text: parts.join(''), runs, linesMoved });
}

/** Puts the long text runs back into the parsed document (in place; iterative, so depth costs no stack). */
export function restoreRuns(parsed: unknown, runs: readonly string[]): void {
  if (runs.length === 0) return;
  const put = (value: string): string => value.replace(TOKEN_PATTERN, (_, index: string) => runs[Number(index)] ?? '');
  const stack: unknown[] = [parsed];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (typeof value === 'string') {
        if (value.includes(TOKEN)) record[key] = put(value);
      } else if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
}
