/**
 * Translates an XSD regular expression (XML Schema Part 2, appendix F) into a JavaScript RegExp.
 * The differences that matter: XSD patterns are implicitly anchored; `^` and `$` are ordinary
 * characters; `.` excludes only \n and \r; \d and \w are Unicode-wide; \i and \c are the XML name
 * classes; `\s` is four characters; classes may subtract (`[a-z-[aeiou]]`). Unicode block escapes
 * (\p{IsBasicLatin}) have no JavaScript equivalent and are rejected.
 */
import { XML_NAME_CHAR_CLASS, XML_NAME_START_CLASS } from './xsdBuiltins';

export class XsdRegexError extends Error {}

/** Escapes that stand for a set of characters: [JS class content, or undefined], [JS atom]. */
const MULTI: Record<string, { inClass?: string; atom: string }> = {
  d: { inClass: '\\p{Nd}', atom: '\\p{Nd}' },
  D: { atom: '\\P{Nd}' },
  s: { inClass: ' \\t\\n\\r', atom: '[ \\t\\n\\r]' },
  S: { atom: '[^ \\t\\n\\r]' },
  w: { atom: '[^\\p{P}\\p{Z}\\p{C}]' },
  W: { inClass: '\\p{P}\\p{Z}\\p{C}', atom: '[\\p{P}\\p{Z}\\p{C}]' },
  i: { inClass: XML_NAME_START_CLASS, atom: `[${XML_NAME_START_CLASS}]` },
  I: { atom: `[^${XML_NAME_START_CLASS}]` },
  c: { inClass: XML_NAME_CHAR_CLASS, atom: `[${XML_NAME_CHAR_CLASS}]` },
  C: { atom: `[^${XML_NAME_CHAR_CLASS}]` },
};
const SINGLE: Record<string, string> = { n: '\\n', r: '\\r', t: '\\t' };
const ESCAPABLE = new Set(['\\', '|', '.', '?', '*', '+', '(', ')', '{', '}', '-', '[', ']', '^', '$']);

const cache = new Map<string, RegExp>();

/** The anchored JavaScript equivalent of an XSD pattern. Throws XsdRegexError when untranslatable. */
export function xsdRegex(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const translator = new Translator(pattern);
    const body = translator.branches();
    if (translator.pos < pattern.length) throw new XsdRegexError(`unexpected '${pattern[translator.pos]}' at ${translator.pos}`);
    try {
      re = new RegExp(`^(?:${body})$`, 'u');
    } catch (e) {
      throw new XsdRegexError((e as Error).message);
    }
    cache.set(pattern, re);
  }
  return re;
}

class Translator {
  pos = 0;
  constructor(private readonly src: string) {}

  branches(): string {
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === ')') break;
      if (c === '|') {
        out += '|';
        this.pos++;
      } else if (c === '(') {
        this.pos++;
        const inner = this.branches();
        if (this.src[this.pos] !== ')') throw new XsdRegexError('unclosed group');
        this.pos++;
        out += `(?:${inner})`;
      } else if (c === '[') out += this.charClass();
      else if (c === '\\') out += this.escapeAtom();
      else if (c === '.') {
        out += '[^\\n\\r]';
        this.pos++;
      } else if (c === '^' || c === '$' || c === '/') {
        out += `\\${c}`;
        this.pos++;
      } else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
        if (!m) throw new XsdRegexError(`bad quantifier at ${this.pos}`);
        out += m[0];
        this.pos += m[0].length;
      } else if (c === ']' || c === '}') throw new XsdRegexError(`unescaped '${c}' at ${this.pos}`);
      else {
        out += c;
        this.pos++;
      }
    }
    return out;
  }

  /** An escape outside a class, as a JS atom. */
  private escapeAtom(): string {
    const e = this.src[this.pos + 1];
    if (e === undefined) throw new XsdRegexError('trailing backslash');
    this.pos += 2;
    if (e === 'p' || e === 'P') return this.category(e);
    const multi = MULTI[e];
    if (multi) return multi.atom;
    if (SINGLE[e]) return SINGLE[e];
    if (e === '-') return '-';
    if (ESCAPABLE.has(e)) return `\\${e}`;
    throw new XsdRegexError(`unknown escape \\${e}`);
  }

  private category(e: string): string {
    const m = /^\{([A-Za-z0-9-]+)\}/.exec(this.src.slice(this.pos));
    if (!m) throw new XsdRegexError(`bad \\${e} escape`);
    this.pos += m[0].length;
    if (m[1].startsWith('Is')) throw new XsdRegexError(`Unicode block escapes (\\${e}{${m[1]}}) are not supported`);
    return `\\${e}{${m[1]}}`;
  }

  /**
   * A character class, possibly negated, possibly with subtraction, as a JS atom. Pieces that can
   * live inside a JS class are kept there; negated multi-character escapes become alternatives.
   */
  private charClass(): string {
    this.pos++; // [
    let negated = false;
    if (this.src[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    let inside = '';
    const alternatives: string[] = [];
    let subtraction: string | undefined;
    let first = true;
    while (this.pos < this.src.length && this.src[this.pos] !== ']') {
      const c = this.src[this.pos];
      if (c === '-' && this.src[this.pos + 1] === '[') {
        this.pos++;
        subtraction = this.charClass();
        break;
      }
      if (c === '[') throw new XsdRegexError(`'[' inside a class at ${this.pos}`);
      if (c === '\\') {
        const e = this.src[this.pos + 1];
        if (e === 'p' || e === 'P') {
          this.pos += 2;
          inside += this.category(e);
        } else if (MULTI[e]) {
          this.pos += 2;
          const multi = MULTI[e];
          if (multi.inClass !== undefined) inside += multi.inClass;
          else alternatives.push(multi.atom);
        } else {
          inside += this.classChar();
          if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.src[this.pos + 1] !== '[') {
            this.pos++;
            inside += `-${this.classChar()}`;
          }
        }
      } else {
        if (c === '-' && !first && this.src[this.pos + 1] !== ']') throw new XsdRegexError(`unescaped '-' in a class at ${this.pos}`);
        inside += this.classChar();
        if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.src[this.pos + 1] !== '[') {
          this.pos++;
          inside += `-${this.classChar()}`;
        }
      }
      first = false;
    }
    if (this.src[this.pos] !== ']') throw new XsdRegexError('unclosed character class');
    this.pos++;
    const parts = [...(inside ? [`[${inside}]`] : []), ...alternatives];
    if (parts.length === 0) throw new XsdRegexError('empty character class');
    let atom = parts.length === 1 ? parts[0] : `(?:${parts.join('|')})`;
    if (negated) atom = alternatives.length === 0 ? `[^${inside}]` : `(?:(?!${atom})[^])`;
    if (subtraction) atom = `(?:(?!${subtraction})${atom})`;
    return atom;
  }

  /** One character of a class (literal or single-character escape), escaped for a JS u-mode class. */
  private classChar(): string {
    const c = this.src[this.pos];
    if (c === '\\') {
      const e = this.src[this.pos + 1];
      this.pos += 2;
      if (SINGLE[e]) return SINGLE[e];
      if (ESCAPABLE.has(e)) return `\\${e}`;
      throw new XsdRegexError(`unknown escape \\${e} in a class`);
    }
    this.pos += c.length;
    const cp = String.fromCodePoint(this.src.codePointAt(this.pos - 1) ?? 0);
    if (cp.length === 2) this.pos++;
    return /[\\\]^[-]/.test(c) ? `\\${c}` : cp.length === 2 ? cp : c;
  }
}
