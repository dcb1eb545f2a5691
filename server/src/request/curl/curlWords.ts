/**
 * Splits a pasted curl command into shell words, keeping where each came from. It reads what
 * people paste: POSIX shells (single, double and `$'…'` quotes, backslash escapes and line
 * continuations), Windows cmd (`^` continuations and escapes), PowerShell's backtick continuation,
 * and text copied out of PDFs, where a command runs over several lines without continuations and
 * a quoted value is broken in the middle. It never evaluates anything (`$VAR` stays as written).
 *
 * The command ends at a blank line, a `###` line, a line starting another `curl`, a `;`, `&&` or
 * `||`, or the end of the text; a pipe ends it too (what follows is read but not used).
 */
import { isKnownOption } from './curlOptions';

export interface CurlWord {
  /** The word after quote removal and escapes. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** Any part of it was quoted: a quoted `>` is a value, not a redirect. */
  readonly quoted: boolean;
  /** It starts with an unquoted character: `-d"…"` is an option with its value, `"-d"` a value. */
  readonly bare: boolean;
  /** The word starts on a later line than the word before it, without a continuation (a PDF line wrap). */
  readonly newLine: boolean;
  /** A shell operator: `>`, `>>`, `<`, `|`, `2>`, `&>`; the command ends at `;`, `&&`, `||`. */
  readonly operator?: string;
}

export interface WordProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface SplitWords {
  readonly words: readonly CurlWord[];
  /** Where the command ends (exclusive): the rest of the text is not part of it. */
  readonly end: number;
  readonly problem?: WordProblem;
}

const DOUBLE_QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);
const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019']);
const METHOD_WORD = /^(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)$/;
const ANSI_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\u0007', b: '\b', e: '\u001b', E: '\u001b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
/** A line that starts another command (an optional `$ ` prompt, then curl). */
export const CURL_LINE = /^[ \t]*(?:\$[ \t]+)?curl(?:\.exe)?(?=[ \t\r\n]|-|$)/i;

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/** The length of a line break at `i` (`\n` or `\r\n`), else 0. */
function lineBreak(text: string, i: number): number {
  if (text[i] === '\n') return 1;
  if (text[i] === '\r' && text[i + 1] === '\n') return 2;
  return 0;
}

/**
 * A line of prose after a command copied from documentation (`XML output:`, `JSON Output`,
 * `JSON Output (Compressed)`, `Response:`): words only, naming what follows or ending with a colon. A URL or a value a PDF
 * wrapped always has a character of its own (`/`, `=`, `&`, `.`, a quote) or is one word.
 */
const PROSE_LINE = /^[ \t]*(?:(?:[A-Za-z]+[ \t]+)*(?:output|response|result)[ \t]*:?(?:[ \t]*\([\w \t]*\))?|[A-Za-z]+(?:[ \t]+[A-Za-z]+)*[ \t]*:)[ \t]*$/i;

/** Whether the line starting at `i` ends the command: blank, a `###` separator, another curl, or prose. */
function endsCommand(text: string, i: number, to: number): boolean {
  let j = i;
  while (j < to && isBlank(text[j])) j++;
  if (j >= to || lineBreak(text, j) > 0) return true;
  const rest = text.slice(i, Math.min(to, i + 200));
  if (rest.startsWith('###') || CURL_LINE.test(rest)) return true;
  const eol = rest.search(/\r?\n/);
  return PROSE_LINE.test(eol < 0 ? rest : rest.slice(0, eol));
}

/** An unquoted option glued to the quoted text before it (`"…"-H`): a space lost in a PDF. */
function gluedOption(text: string, i: number, to: number): boolean {
  const m = /^--?[A-Za-z][\w.-]*/.exec(text.slice(i, Math.min(to, i + 40)));
  if (!m) return false;
  const after = text[i + m[0].length];
  return isKnownOption(m[0]) || (m[0].length === 2 && (after === '"' || after === "'"));
}

export function splitCurlWords(text: string, from = 0, to = text.length): SplitWords {
  const cmd = /\^\r?\n/.test(text.slice(from, to));
  const words: CurlWord[] = [];
  let i = from;
  let newLine = false;
  let end = to;

  // The word being read.
  let value = '';
  let start = -1;
  let quoted = false;
  let bare = false;
  let wordNewLine = false;

  const begin = (): void => {
    if (start < 0) {
      const c = text[i]!;
      bare = !(DOUBLE_QUOTES.has(c) || SINGLE_QUOTES.has(c) || (c === '$' && text[i + 1] === "'"));
      start = i;
      wordNewLine = newLine;
      newLine = false;
    }
  };
  const finish = (at: number): void => {
    if (start < 0) return;
    words.push({ value, start, end: at, quoted, bare, newLine: wordNewLine });
    value = '';
    start = -1;
    quoted = false;
  };
  const operator = (op: string, at: number): void => {
    finish(at);
    words.push({ value: op, start: at, end: at + op.length, quoted: false, bare: true, newLine, operator: op });
    newLine = false;
  };

  while (i < to) {
    const ch = text[i]!;
    const br = lineBreak(text, i);
    // Continuations: backslash, cmd's caret, PowerShell's backtick, each at the end of a line (spaces after it forgiven).
    if (ch === '\\' || (ch === '^' && cmd) || ch === '`') {
      let j = i + 1;
      while (j < to && isBlank(text[j])) j++;
      const cont = lineBreak(text, j);
      if (cont > 0) {
        finish(i);
        i = j + cont;
        continue;
      }
    }
    if (br > 0) {
      finish(i);
      i += br;
      if (endsCommand(text, i, to)) {
        end = i - br;
        break;
      }
      newLine = true;
      continue;
    }
    if (isBlank(ch)) {
      finish(i);
      i++;
      continue;
    }
    if (start < 0 && ch === '#') {
      // A shell comment: to the end of the line.
      while (i < to && lineBreak(text, i) === 0) i++;
      continue;
    }
    // Operators at a word boundary (or glued to the end of a word, as shells read them).
    if (ch === ';') {
      finish(i);
      end = i;
      break;
    }
    if (ch === '|' || (ch === '&' && text[i + 1] === '&')) {
      const two = text.slice(i, i + 2);
      if (two === '||' || two === '&&') {
        finish(i);
        end = i;
        break;
      }
      operator('|', i);
      i++;
      continue;
    }
    if (ch === '&' && (start < 0 || isBlank(text[i + 1]) || i + 1 >= to || lineBreak(text, i + 1) > 0)) {
      // `&` alone backgrounds the command in a shell; inside a word (`?a=1&b=2` unquoted) it is the URL's.
      if (text[i + 1] === '>') {
        operator('&>', i);
        i += 2;
      } else {
        finish(i);
        i++;
      }
      continue;
    }
    if (ch === '<' && start >= 0) {
      // A documentation placeholder inside a word (`https://<qualys_base_url>/…`) is text, not a redirect.
      const placeholder = /^<[\w.-]+>/.exec(text.slice(i, Math.min(to, i + 80)));
      if (placeholder) {
        value += placeholder[0];
        i += placeholder[0].length;
        continue;
      }
    }
    if (ch === '>' || ch === '<') {
      if (start >= 0 && value === '2' && !quoted && i === start + 1 && ch === '>') {
        start = -1;
        value = '';
        operator('2>', i - 1);
        i++;
        if (text[i] === '&' && text[i + 1] === '1') i += 2;
        continue;
      }
      const op = ch === '>' && text[i + 1] === '>' ? '>>' : ch;
      operator(op, i);
      i += op.length;
      continue;
    }
    // Quotes.
    if (ch === '$' && text[i + 1] === "'") {
      begin();
      quoted = true;
      const open = i;
      i += 2;
      let closed = false;
      while (i < to) {
        const c = text[i]!;
        if (c === "'") {
          closed = true;
          i++;
          break;
        }
        if (c === '\\' && i + 1 < to) {
          const n = text[i + 1]!;
          if (ANSI_ESCAPES[n] !== undefined) {
            value += ANSI_ESCAPES[n];
            i += 2;
          } else if ((n === 'x' || n === 'u' || n === 'U') && /^[0-9A-Fa-f]/.test(text[i + 2] ?? '')) {
            const hex = /^[0-9A-Fa-f]+/.exec(text.slice(i + 2, i + 2 + (n === 'x' ? 2 : n === 'u' ? 4 : 8)))![0];
            value += String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
            i += 2 + hex.length;
          } else if (/[0-7]/.test(n)) {
            const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
            value += String.fromCharCode(parseInt(oct, 8) & 0xff);
            i += 1 + oct.length;
          } else {
            value += c + n;
            i += 2;
          }
          continue;
        }
        value += c;
        i++;
      }
      if (!closed) return { words, end: to, problem: { message: "This $'…' quote is never closed.", start: open, end: open + 2 } };
      continue;
    }
    if (DOUBLE_QUOTES.has(ch) || SINGLE_QUOTES.has(ch)) {
      const double = DOUBLE_QUOTES.has(ch);
      const closers = double ? DOUBLE_QUOTES : SINGLE_QUOTES;
      // `POST"https://…"`: a method glued to the quoted URL after it (a space lost in a PDF).
      if (start >= 0 && !quoted && METHOD_WORD.test(value)) finish(i);
      begin();
      quoted = true;
      const open = i;
      i++;
      let closed = false;
      while (i < to) {
        const c = text[i]!;
        if (closers.has(c)) {
          closed = true;
          i++;
          break;
        }
        if (double && c === '\\' && i + 1 < to) {
          const n = text[i + 1]!;
          const cont = lineBreak(text, i + 1);
          if (cont > 0) {
            i += 1 + cont;
            continue;
          }
          if (n === '"' || n === '\\' || n === '$' || n === '`') {
            value += n;
            i += 2;
            continue;
          }
        }
        value += c;
        i++;
      }
      if (!closed) return { words, end: to, problem: { message: `This ${double ? 'double' : 'single'} quote is never closed.`, start: open, end: open + 1 } };
      // `"…"-H`: an option glued to a quoted value; `POST"https://…"` is handled by the reader.
      if (i < to && (text[i] === '-') && gluedOption(text, i, to)) finish(i);
      continue;
    }
    if (ch === '\\' && i + 1 < to) {
      begin();
      value += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '^' && cmd && i + 1 < to) {
      begin();
      value += text[i + 1];
      i += 2;
      continue;
    }
    begin();
    value += ch;
    i++;
  }
  finish(Math.min(i, to));
  return { words, end };
}
