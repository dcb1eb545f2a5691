/**
 * Parses request files in the `.http` convention of REST Client and httpYac: requests separated
 * by `###` lines (text after `###` names the request), `@name = value` file variables, a request
 * line `METHOD URL [HTTP/1.1]`, query continuation lines starting with `?` or `&`, header lines,
 * a blank line and an optional body. Every parameter keeps the offsets of its name and value so
 * diagnostics, completion and quick fixes can point at them. The parser never fails: whatever
 * it cannot read is left out and the rest is still returned. Assertion lines (`?? status == 200`,
 * assertions.ts) may stand anywhere in a block; they are kept apart and are never part of the body.
 */
import type { BodyKind } from '../../../protocol';
import { isAssertionLine, readAssertionLine, type AssertionLine } from './assertions';

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface ParamToken {
  /** The decoded name. */
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** The decoded value ('' when there is no `=`), with known file variables substituted. */
  readonly value: string;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly hasEquals: boolean;
  readonly where: 'query' | 'body';
  /** The value holds a `{{variable}}` that is not a file variable, or a `%placeholder%`: it is not checked. */
  readonly templated: boolean;
  /** The whole `name=value` pair, for quick fixes that remove it. */
  readonly pairStart: number;
  readonly pairEnd: number;
}


export interface RequestBody {
  readonly kind: BodyKind;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface ParsedRequest {
  readonly index: number;
  readonly name: string | undefined;
  /** The `# @name` (REST Client's request name), which chained requests reference. */
  readonly requestName?: string;
  /** The block: from its `###` line (or the start of the file) to the next one. */
  readonly start: number;
  readonly end: number;
  readonly method: Token | undefined;
  readonly url: Token | undefined;
  /** The path part of the URL, without host, query and fragment. */
  readonly path: Token | undefined;
  /** Where the query string starts (the `?`), or undefined. */
  readonly queryStart: number | undefined;
  /** Where the URL and its continuation lines end: completion appends parameters there. */
  readonly urlEnd: number;
  readonly headers: readonly { readonly name: string; readonly value: string; readonly start: number; readonly end: number }[];
  readonly body: RequestBody | undefined;
  readonly params: readonly ParamToken[];
  /** Whether the URL is a Qualys one: a qualys host, a Qualys API path (/api/2.0/fo/, /qps/rest/, /pcrs/, /auth), or {{baseUrl}}/msp/*.php. */
  readonly isQualys: boolean;
  /** Uses {{gatewayUrl}}. */
  readonly gateway: boolean;
  /** The block's `??` assertion lines, in order. */
  readonly assertions: readonly AssertionLine[];
  /** Lines after the first assertion that follows the body which are neither assertions nor comments: not sent. */
  readonly strayLines: readonly Token[];
}

export interface RequestFile {
  readonly requests: readonly ParsedRequest[];
  readonly variables: ReadonlyMap<string, string>;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
// Linear-time patterns only: no two adjacent quantifiers may match the same characters (a lazy
// `(.*?)` before `[ \t]*$` costs the square of a run of blanks); blanks are trimmed in code instead.
const REQUEST_LINE = /^([A-Za-z]+)[ \t]+(\S.*)$/;
const HTTP_VERSION = /[ \t]HTTP\/\d(?:\.\d)?$/;
const VARIABLE_LINE = /^[ \t]*@[A-Za-z_][\w.-]*[ \t]*=/;
const HEADER_LINE = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)[ \t]*:(.*)$/;
const QUALYS_PATH = /^\/+(?:api\/\d+\.\d+\/fo\/|qps\/rest\/|pcrs\/|auth\/?$)/;
/** A v1 script: Qualys' only with {{baseUrl}} or a Qualys host (other products have /msp/ pages too). */
const V1_PATH = /^\/+msp\/[\w-]+\.php\/?$/;
/** `{{name}}`: the name holds no brace, so each `{{` is tried up to the next brace only. */
const TEMPLATE = /\{\{([^{}]*)\}\}/g;
const PLACEHOLDER = /^%[A-Za-z_][\w]*%$/;
/** `# @name launch` (or `// @name launch`): the name chained requests use. */
export const REQUEST_NAME = /^\s*(?:#|\/\/)\s*@name\s(.*)$/;

/** `text` without the spaces and tabs at its ends. */
function trimBlanks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** `METHOD target [HTTP/1.1]`: the method and the target (without the version and trailing blanks). */
function requestLine(line: string): [method: string, target: string] | undefined {
  const m = REQUEST_LINE.exec(line);
  if (!m) return undefined;
  let target = trimBlanks(m[2]!);
  const version = HTTP_VERSION.exec(target);
  if (version) target = trimBlanks(target.slice(0, version.index));
  return target ? [m[1]!, target] : undefined;
}

interface Line {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function splitLines(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start <= to) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    lines.push({ start, end: lineEnd, text: text.slice(start, lineEnd) });
    if (end >= to) break;
    start = end + 1;
  }
  return lines;
}

function isComment(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed.startsWith('#') || trimmed.startsWith('//');
}

function decode(raw: string): string {
  const plus = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  if (!plus.includes('%')) return plus;
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

/** Substitutes file variables; reports whether an unknown variable (or a placeholder) remains. */
function substitute(value: string, variables: ReadonlyMap<string, string>): { value: string; templated: boolean } {
  if (value.charCodeAt(0) === 37 /* % */ && PLACEHOLDER.test(value)) return { value, templated: true };
  if (!value.includes('{{')) return { value, templated: false };
  let templated = false;
  const result = value.replace(TEMPLATE, (whole, raw: string) => {
    const known = variables.get(raw.trim());
    if (known === undefined || known.includes('{{')) {
      templated = true;
      return whole;
    }
    return known;
  });
  return { value: result, templated };
}

/** Reads `a=b&c=d` pairs of one line or query string, `&` separated. */
function parsePairs(
  text: string,
  start: number,
  end: number,
  where: 'query' | 'body',
  variables: ReadonlyMap<string, string>,
  out: ParamToken[],
): void {
  let pos = start;
  while (pos <= end) {
    let next = text.indexOf('&', pos);
    if (next < 0 || next > end) next = end;
    let s = pos;
    let e = next;
    while (s < e && (text[s] === ' ' || text[s] === '\t' || text[s] === '?')) s++;
    while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
    if (e > s) {
      const eq = text.indexOf('=', s);
      const hasEquals = eq >= 0 && eq < e;
      const nameEnd = hasEquals ? eq : e;
      let ne = nameEnd;
      while (ne > s && (text[ne - 1] === ' ' || text[ne - 1] === '\t')) ne--;
      const valueStart = hasEquals ? eq + 1 : e;
      const rawValue = text.slice(valueStart, e);
      const { value, templated } = substitute(decode(rawValue), variables);
      out.push({
        name: decode(text.slice(s, ne)),
        nameStart: s,
        nameEnd: ne,
        value,
        valueStart,
        valueEnd: e,
        hasEquals,
        where,
        templated,
        pairStart: s,
        pairEnd: e,
      });
    }
    pos = next + 1;
  }
}

function bodyKind(contentType: string | undefined, body: string): BodyKind {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('x-www-form-urlencoded')) return 'form';
  const first = body.trimStart();
  if (/^<[ \t]/.test(first) || first.startsWith('<@')) return 'file';
  if (type.includes('xml')) return 'xml';
  if (type.includes('json')) return 'json';
  if (first.startsWith('<')) return 'xml';
  if (first.startsWith('[') || first.startsWith('{')) return 'json';
  if (!type && /^[^<{[\s][^=\n]*=/.test(first)) return 'form';
  return 'text';
}

function locatePath(url: Token): { path: Token | undefined; queryStart: number | undefined; isQualys: boolean; gateway: boolean } {
  const raw = url.text;
  let pathFrom = 0;
  let isQualys = false;
  let gateway = false;
  const variable = /^\{\{\s*(baseUrl|gatewayUrl)\s*\}\}/.exec(raw);
  if (variable) {
    // {{baseUrl}} alone does not make a REST Client request a Qualys one (many APIs use that
    // name); the Qualys API path below does.
    pathFrom = variable[0].length;
    gateway = variable[1] === 'gatewayUrl';
  } else {
    const scheme = /^[A-Za-z][\w+.-]*:\/\/([^/?#]*)/.exec(raw);
    if (scheme) {
      pathFrom = scheme[0].length;
      isQualys = /qualys/i.test(scheme[1]!) || /^<[^>]*>$/.test(scheme[1]!);
      gateway = /gateway/i.test(scheme[1]!);
    } else if (raw.startsWith('{{')) {
      const close = raw.indexOf('}}');
      pathFrom = close < 0 ? raw.length : close + 2;
    }
  }
  let pathEnd = raw.length;
  const q = raw.indexOf('?', pathFrom);
  const hash = raw.indexOf('#', pathFrom);
  if (q >= 0) pathEnd = q;
  if (hash >= 0 && hash < pathEnd) pathEnd = hash;
  const pathText = raw.slice(pathFrom, pathEnd);
  if (QUALYS_PATH.test(pathText) || (variable && V1_PATH.test(pathText))) isQualys = true;
  return {
    path: { text: pathText, start: url.start + pathFrom, end: url.start + pathEnd },
    queryStart: q >= 0 && (hash < 0 || q < hash) ? url.start + q : undefined,
    isQualys,
    gateway,
  };
}

/** Parses one block [start, end) of the text: a `###` line (optional) and one request. */
export function parseBlock(text: string, start: number, end: number, index: number, variables: ReadonlyMap<string, string>): ParsedRequest {
  const lines = splitLines(text, start, end);
  let name: string | undefined;
  let i = 0;
  if (lines[0] && lines[0].text.startsWith('###')) {
    const title = lines[0].text.slice(3).trim();
    name = title || undefined;
    i = 1;
  }
  let method: Token | undefined;
  let url: Token | undefined;
  const assertions: AssertionLine[] = [];
  const assertion = (line: Line): boolean => {
    if (!isAssertionLine(line.text)) return false;
    assertions.push(readAssertionLine(text, line.start, line.end));
    return true;
  };
  let requestName: string | undefined;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (assertion(line)) continue;
    if (!line.text.trim() || isComment(line.text) || VARIABLE_LINE.test(line.text)) {
      const named = REQUEST_NAME.exec(line.text);
      const title = named?.[1]!.trim();
      if (title && !name) name = title;
      if (title && !requestName) requestName = title;
      continue;
    }
    const m = requestLine(line.text);
    const lead = line.text.length - line.text.trimStart().length;
    if (m && METHODS.has(m[0].toUpperCase())) {
      const methodStart = line.start + lead;
      method = { text: m[0], start: methodStart, end: methodStart + m[0].length };
      const urlStart = line.start + line.text.indexOf(m[1], lead + m[0].length);
      url = { text: m[1], start: urlStart, end: urlStart + m[1].length };
    } else {
      const trimmed = line.text.trim();
      // A request line may be the URL alone (GET is implied) or a method being typed.
      const urlStart = line.start + lead;
      if (/^[A-Za-z]+$/.test(trimmed)) method = { text: trimmed, start: urlStart, end: urlStart + trimmed.length };
      else url = { text: trimmed, start: urlStart, end: urlStart + trimmed.length };
    }
    i++;
    break;
  }

  const params: ParamToken[] = [];
  let located: ReturnType<typeof locatePath> = { path: undefined, queryStart: undefined, isQualys: false, gateway: false };
  let urlEnd = url?.end ?? method?.end ?? start;
  if (url) {
    located = locatePath(url);
    if (located.queryStart !== undefined) {
      const hash = url.text.indexOf('#', located.queryStart - url.start);
      parsePairs(text, located.queryStart + 1, hash >= 0 ? url.start + hash : url.end, 'query', variables, params);
    }
  }
  // Query continuation lines (REST Client): indented or not, starting with ? or &.
  while (i < lines.length && /^\s*[?&]/.test(lines[i]!.text) && !isAssertionLine(lines[i]!.text)) {
    const line = lines[i]!;
    parsePairs(text, line.start, line.end, 'query', variables, params);
    urlEnd = line.end;
    i++;
  }

  const headers: { name: string; value: string; start: number; end: number }[] = [];
  let contentType: string | undefined;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.text.trim()) {
      i++;
      break;
    }
    if (isComment(line.text) || assertion(line)) continue;
    const h = HEADER_LINE.exec(line.text);
    if (!h) break; // a body without the blank line: read it as body rather than lose it
    const value = trimBlanks(h[2]!);
    headers.push({ name: h[1]!, value, start: line.start, end: line.end });
    if (h[1]!.toLowerCase() === 'content-type') contentType = value;
  }

  let body: RequestBody | undefined;
  // The body ends before the first assertion line; the lines after it are assertions (or ignored).
  let stop = lines.length;
  for (let j = i; j < lines.length; j++) {
    if (isAssertionLine(lines[j]!.text)) {
      stop = j;
      break;
    }
  }
  const strayLines: Token[] = [];
  for (let j = stop; j < lines.length; j++) {
    const line = lines[j]!;
    if (!assertion(line) && line.text.trim() && !isComment(line.text) && !VARIABLE_LINE.test(line.text)) strayLines.push({ text: line.text, start: line.start, end: line.end });
  }
  let last = stop - 1;
  while (last >= i && !lines[last]!.text.trim()) last--;
  if (i <= last) {
    const bodyStart = lines[i]!.start;
    const bodyEnd = lines[last]!.end;
    const bodyText = text.slice(bodyStart, bodyEnd);
    const kind = bodyKind(contentType, bodyText);
    body = { kind, start: bodyStart, end: bodyEnd, text: bodyText };
    if (kind === 'form') {
      for (let j = i; j <= last; j++) {
        const line = lines[j]!;
        if (!isComment(line.text)) parsePairs(text, line.start, line.end, 'body', variables, params);
      }
    }
  }

  return {
    index,
    name,
    ...(requestName ? { requestName } : {}),
    start,
    end,
    method,
    url,
    path: located.path,
    queryStart: located.queryStart,
    urlEnd,
    headers,
    body,
    params,
    isQualys: located.isQualys,
    gateway: located.gateway,
    assertions,
    strayLines,
  };
}

/** Offsets where blocks start: 0 and every line starting with `###`. */
export function blockStarts(text: string, from = 0, to = text.length): number[] {
  // `from` is itself a block start; a block starts at each line beginning with ### before `to`.
  const starts = [from];
  let pos = from;
  for (;;) {
    const found = text.indexOf('\n###', pos);
    if (found < 0 || found + 1 >= to) break;
    starts.push(found + 1);
    pos = found + 4;
  }
  return starts;
}

/** File variables (`@name = value`), wherever they are. */
export function parseVariables(text: string): Map<string, string> {
  const variables = new Map<string, string>();
  const re = /^[ \t]*@([A-Za-z_][\w.-]*)[ \t]*=(.*)$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) variables.set(m[1]!, trimBlanks(m[2]!));
  return variables;
}

export function parseRequestFile(text: string): RequestFile {
  const variables = parseVariables(text);
  const starts = blockStarts(text);
  const requests: ParsedRequest[] = [];
  for (let b = 0; b < starts.length; b++) {
    const start = starts[b]!;
    const end = b + 1 < starts.length ? starts[b + 1]! - 1 : text.length;
    const request = parseBlock(text, start, end, requests.length, variables);
    if (request.url || request.method) requests.push(request);
  }
  return { requests, variables };
}

/** Parses only the block around `offset`: completion on a large file does not wait for the rest. */
export function parseRequestAt(text: string, offset: number, variables?: ReadonlyMap<string, string>): ParsedRequest | undefined {
  let start = text.lastIndexOf('\n###', offset - 1);
  start = start < 0 ? 0 : start + 1;
  let end = text.indexOf('\n###', Math.max(offset, start + 1));
  end = end < 0 ? text.length : end;
  return parseBlock(text, start, end, -1, variables ?? parseVariables(text));
}

/** The `# @name` of every request of the file, with the offset of its line (the first one wins). */
export function requestNames(text: string): Map<string, number> {
  const names = new Map<string, number>();
  if (!text.includes('@name')) return names;
  const re = /^[ \t]*(?:#|\/\/)[ \t]*@name[ \t]+(\S+)[ \t]*\r?$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) if (!names.has(m[1]!)) names.set(m[1]!, m.index);
  return names;
}
