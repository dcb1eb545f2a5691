/**
 * Reads the words of a curl command (curlWords.ts) the way curl does: method, URL, headers and
 * body, with credentials left out. What cannot be carried into a request file (a multipart form,
 * a body from standard input with nothing redirected, an option it does not know) stops the
 * reading with a problem on the word where it stopped. Repairs only what PDFs break: a URL or a
 * value wrapped over lines, an option split at its hyphen, a `-X` lost before the method.
 */
import { longOption, shortOption, type CurlOption } from './curlOptions';
import { splitCurlWords, type CurlWord, type WordProblem } from './curlWords';

export type CurlBody = { readonly kind: 'inline'; readonly text: string } | { readonly kind: 'file'; readonly path: string };

export interface CurlCall {
  readonly method: string;
  readonly url: string;
  readonly urlStart: number;
  readonly urlEnd: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: CurlBody;
  /** What was read and deliberately left out (credentials), for the caller to mention. */
  readonly dropped: readonly string[];
}

export type CurlReading = { readonly ok: true; readonly call: CurlCall; readonly end: number } | { readonly ok: false; readonly problem: WordProblem; readonly end: number };

const METHOD_WORD = /^(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)$/;
const SCHEME = /^[A-Za-z][\w+.-]*:\/\//;
/** Headers that carry credentials: the account supplies its own, and a file must never hold them. */
const CREDENTIAL_HEADER = /^(?:authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|x-access-token)$/i;
/** A line wrap inside a value copied from a PDF: the break and the indentation after it. */
const WRAP = /\r?\n[ \t]*/g;

interface DataPart {
  readonly word: CurlWord;
  readonly role: 'data' | 'data-raw' | 'data-binary' | 'data-urlencode' | 'json';
}

function problemAt(word: CurlWord, message: string): WordProblem {
  return { message, start: word.start, end: word.end };
}

function encodeForm(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

/** `--data-urlencode` forms: `content`, `=content`, `name=content`, `@file`, `name@file`. */
function urlencoded(value: string): string | { file: string } {
  const eq = value.indexOf('=');
  const at = value.indexOf('@');
  if (at >= 0 && (eq < 0 || at < eq)) return { file: value.slice(at + 1) };
  if (eq < 0) return encodeForm(value);
  return eq === 0 ? encodeForm(value.slice(1)) : `${value.slice(0, eq)}=${encodeForm(value.slice(eq + 1))}`;
}

export function readCurl(text: string, from = 0, to = text.length): CurlReading {
  const split = splitCurlWords(text, from, to);
  if (split.problem) return { ok: false, problem: split.problem, end: split.end };
  const words = [...split.words];
  const end = split.end;
  const fail = (word: CurlWord, message: string): CurlReading => ({ ok: false, problem: problemAt(word, message), end });

  // The command word: `curl`, `curl.exe`, after a `$ ` prompt; `Curl-X` lost its space in a PDF.
  while (words[0]?.value === '$' && !words[0].quoted) words.shift();
  const head = words.shift();
  const glued = head && /^curl(?:\.exe)?(-.+)$/i.exec(head.value);
  if (!head || !/^curl(?:\.exe)?(?:-.+)?$/i.test(head.value)) {
    return { ok: false, problem: { message: 'This is not a curl command.', start: head?.start ?? from, end: head?.end ?? from }, end };
  }
  if (glued) words.unshift({ ...head, value: glued[1]!, start: head.end - glued[1]!.length });

  let method: string | undefined;
  let positionalMethod: string | undefined;
  let url: { value: string; start: number; end: number } | undefined;
  let previousValue: CurlWord | undefined;
  let lastOption: CurlOption['role'] | undefined;
  const headers: [string, string][] = [];
  const data: DataPart[] = [];
  const dropped: string[] = [];
  let get = false;
  let head_ = false;
  let upload: string | undefined;
  let stdin: string | undefined;

  const takeOption = (option: CurlOption, word: CurlWord, value: CurlWord | undefined): CurlReading | undefined => {
    if (option.value && !value) return fail(word, `${word.value} needs a value after it.`);
    const v = value?.value ?? '';
    switch (option.role) {
      case 'header': {
        const line = v.replace(WRAP, '');
        const colon = line.search(/[:;]/);
        if (colon <= 0) break; // curl ignores a header without a name and a colon
        const name = line.slice(0, colon).trim();
        const rest = line.slice(colon + 1).trim();
        if (line[colon] === ':' && rest === '') break; // `Name:` removes a header curl would send
        if (CREDENTIAL_HEADER.test(name)) dropped.push(`the ${name} header`);
        else headers.push([name, rest]);
        break;
      }
      case 'data':
      case 'data-raw':
      case 'data-binary':
      case 'data-urlencode':
      case 'json':
        data.push({ word: value!, role: option.role });
        break;
      case 'method':
        method = v.trim().toUpperCase();
        if (!/^[A-Z]+$/.test(method)) return fail(value!, `'${v}' is not an HTTP method.`);
        break;
      case 'user':
        dropped.push('the -u credentials');
        break;
      case 'url':
        if (url) return fail(value!, 'A second URL: convert one request at a time.');
        url = { value: v, start: value!.start, end: value!.end };
        break;
      case 'get':
        get = true;
        break;
      case 'head':
        head_ = true;
        break;
      case 'user-agent':
        headers.push(['User-Agent', v]);
        break;
      case 'referer':
        headers.push(['Referer', v]);
        break;
      case 'cookie':
        dropped.push('the cookies');
        break;
      case 'bearer':
        dropped.push('the bearer token');
        break;
      case 'upload':
        upload = v;
        break;
      case 'form':
        return fail(word, `${word.value}: a multipart form cannot be written in a request file; send it with curl.`);
      case 'config':
        return fail(word, `${word.value}: options read from a config file cannot be converted.`);
      case 'ignored':
        break;
    }
    if (value) previousValue = value;
    lastOption = option.role;
    return undefined;
  };

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.operator) {
      if (word.operator === '|') break; // a pipe: what follows is another program
      const target = words[i + 1];
      if (!target || target.operator) return fail(word, `'${word.operator}' needs a file name after it.`);
      if (word.operator === '<') stdin = target.value;
      i++;
      continue;
    }
    if (word.bare && word.value.startsWith('--') && word.value.length > 2) {
      let name = word.value.slice(2);
      let inline: string | undefined;
      const eq = name.indexOf('=');
      if (eq > 0) {
        inline = name.slice(eq + 1);
        name = name.slice(0, eq);
      }
      let option = longOption(name);
      let consumed = word;
      // `--data-` at the end of a line and `binary` on the next: an option a PDF wrapped.
      const next = words[i + 1];
      if (!option && name.endsWith('-') && next?.newLine) {
        option = longOption(name + next.value);
        if (option) {
          consumed = { ...word, value: `--${name}${next.value}`, end: next.end };
          i++;
        }
      }
      if (!option) return fail(word, `The curl option ${word.value.split('=')[0]} is not one the converter knows.`);
      let value: CurlWord | undefined;
      if (option.value) {
        if (inline !== undefined) value = { ...word, value: inline, start: word.start + 3 + name.length };
        else {
          value = words[i + 1];
          if (value?.operator) value = undefined;
          else i++;
        }
      }
      const failed = takeOption(option, consumed, value);
      if (failed) return failed;
      continue;
    }
    if (word.bare && /^-[^-]/.test(word.value)) {
      // Short options, possibly combined (-sSk) or with a value attached (-XPOST, -d"…").
      for (let k = 1; k < word.value.length; k++) {
        const letter = word.value[k]!;
        const option = shortOption(letter);
        const at: CurlWord = { ...word, value: `-${letter}`, start: word.start + k - 1, end: word.start + k + 1 };
        if (!option) return fail(at, `The curl option -${letter} is not one the converter knows.`);
        if (!option.value) {
          const failed = takeOption(option, at, undefined);
          if (failed) return failed;
          continue;
        }
        let value: CurlWord | undefined;
        if (k + 1 < word.value.length) value = { ...word, value: word.value.slice(k + 1), start: Math.min(word.start + k + 1, word.end) };
        else {
          value = words[i + 1];
          if (value?.operator) value = undefined;
          else i++;
        }
        const failed = takeOption(option, at, value);
        if (failed) return failed;
        break;
      }
      continue;
    }
    // A positional word: the URL, a method that lost its -X, or the rest of a URL a PDF wrapped.
    const plain = word.value.replace(WRAP, '').trim();
    if (METHOD_WORD.test(plain) && !method) {
      positionalMethod = plain;
      continue;
    }
    // `-u username: password`: a space after the colon (as OCR and careless copies have it) makes the
    // password curl's URL; stop here rather than send to a host named after it.
    if (!word.newLine && lastOption === 'user' && previousValue?.value.endsWith(':') && words[i - 1]?.end === previousValue.end && !SCHEME.test(plain) && !plain.includes('/')) {
      return fail(word, `'${plain}' is read as the URL: -u takes one word, and a space after '${previousValue.value}' splits the credentials. Remove the -u option (the account signs in) or the space.`);
    }
    if (!url) {
      url = { value: word.value, start: word.start, end: word.end };
      continue;
    }
    if (word.newLine && !SCHEME.test(plain) && plain !== '') {
      url = { value: url.value + word.value, start: url.start, end: word.end };
      continue;
    }
    const hint = previousValue?.value.endsWith(':') && previousValue.end < word.start ? ' (-u takes one word: is there a space in the credentials?)' : '';
    return fail(word, `'${plain}' would be a second URL: curl sends one request per URL; convert one at a time or quote the URL.${hint}`);
  }

  if (!url) return { ok: false, problem: { message: 'This curl command has no URL.', start: head.start, end: head.end }, end };
  let urlText = url.value.replace(WRAP, '').trim();
  if (!SCHEME.test(urlText) && !urlText.startsWith('{{') && !urlText.startsWith('/')) urlText = `https://${urlText}`;
  const userinfo = /^([A-Za-z][\w+.-]*:\/\/)([^/?#@]*@)/.exec(urlText);
  if (userinfo) {
    urlText = userinfo[1]! + urlText.slice(userinfo[0].length);
    dropped.push('the credentials in the URL');
  }

  // The body: inline parts joined with '&' as curl joins them, or one file.
  let body: CurlBody | undefined;
  const inline: string[] = [];
  const contentType = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1].toLowerCase();
  const formLike = contentType === undefined || contentType.includes('x-www-form-urlencoded');
  for (const part of data) {
    const value = part.word.value;
    let file: string | undefined;
    if (part.role === 'data-urlencode') {
      const encoded = urlencoded(formLike ? value.replace(WRAP, '') : value);
      if (typeof encoded === 'string') inline.push(encoded);
      else file = encoded.file;
    } else if (part.role !== 'data-raw' && value.startsWith('@')) file = value.slice(1);
    else inline.push(formLike && part.role !== 'json' ? value.replace(WRAP, '') : value);
    if (file !== undefined) {
      if (file === '-') {
        if (stdin === undefined) return fail(part.word, 'The body is read from standard input: redirect a file (< file.xml) or paste the body.');
        file = stdin;
      }
      if (body || data.length > 1) return fail(part.word, 'A file body together with other data cannot be written in a request file.');
      body = { kind: 'file', path: file };
    }
  }
  if (inline.length > 0) body = { kind: 'inline', text: inline.join('&') };
  if (upload !== undefined) {
    if (body) return { ok: false, problem: { message: '-T and a body together cannot be converted.', start: head.start, end: head.end }, end };
    body = { kind: 'file', path: upload };
  }
  if (data.some((d) => d.role === 'json')) {
    if (!headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/json']);
    if (!headers.some(([n]) => n.toLowerCase() === 'accept')) headers.push(['Accept', 'application/json']);
  }
  if (get && body?.kind === 'inline') {
    urlText += (urlText.includes('?') ? '&' : '?') + body.text;
    body = undefined;
  } else if (get && body) return { ok: false, problem: { message: '-G with a file body cannot be converted.', start: head.start, end: head.end }, end };
  else if (body?.kind === 'inline' && data.length > 0 && !contentType && !data.some((d) => d.role === 'json')) {
    // What curl sends with -d when no Content-Type is given.
    headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  const finalMethod = method ?? positionalMethod ?? (head_ ? 'HEAD' : get ? 'GET' : upload !== undefined ? 'PUT' : body ? 'POST' : 'GET');
  return {
    ok: true,
    call: { method: finalMethod, url: urlText, urlStart: url.start, urlEnd: url.end, headers, ...(body ? { body } : {}), dropped: [...new Set(dropped)] },
    end,
  };
}
