/**
 * What a response must pass before any parser reads it, and the one entity decoder the parser
 * uses. A linear walk over the markup (comments, CDATA sections and processing instructions are
 * skipped whole, so DOCTYPE text inside them is text) refuses a DOCTYPE anywhere but the prolog,
 * a second one, one whose internal subset declares entities, and any other `<!` declaration. Qualys
 * sends at most one DOCTYPE, in the prolog, naming its DTD by a SYSTEM id that nothing fetches.
 */
import { apiError } from './errors';
import { fail, ok, type Result } from './result';

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/**
 * Decodes XML's five predefined entities and character references, nothing else: a reference to
 * any other name (a DTD's entity, an HTML name) stays as written, so no entity is ever expanded.
 */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return PREDEFINED[name]!;
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
    return isXmlChar(code) ? String.fromCodePoint(code) : whole;
  });
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
  return fail(apiError('malformed', `The answer ${why}; it was not parsed (Qualys never sends one).`));
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

/** Refuses DOCTYPEs outside the prolog, repeated, or with an internal subset, and stray declarations. */
export function checkMarkup(text: string): Result<void> {
  let sawElement = false;
  let sawDoctype = false;
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at)) {
    if (text.startsWith('<!--', at)) at = after(text, '-->', at + 4);
    else if (text.startsWith('<![CDATA[', at)) at = after(text, ']]>', at + 9);
    else if (text.startsWith('<?', at)) at = after(text, '?>', at + 2);
    else if (text.startsWith('<!', at)) {
      const name = /^<!([A-Za-z]*)/.exec(text.slice(at, at + 12))![1]!;
      if (name.toUpperCase() !== 'DOCTYPE') return refuse(`holds a markup declaration (<!${name.slice(0, 10)}) outside a DOCTYPE`);
      if (sawElement) return refuse('has a DOCTYPE inside the document, after its root element began');
      if (sawDoctype) return refuse('has a second DOCTYPE');
      sawDoctype = true;
      const { end, subset } = doctypeEnd(text, at + 9);
      // Declarations of elements or attributes change nothing here; entities are refused even
      // though the decoder would never expand them.
      if (subset !== undefined && /ENTITY/i.test(subset)) return refuse('declares XML entities in its DOCTYPE');
      if (end < 0) return ok(undefined);
      at = end + 1;
    } else {
      sawElement = true;
      const end = markupEnd(text, at + 1);
      if (end < 0) return ok(undefined);
      at = end + 1;
    }
  }
  return ok(undefined);
}
