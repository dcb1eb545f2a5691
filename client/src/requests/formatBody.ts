/**
 * Pretty-prints response bodies for the response document. Both formatters only re-indent the text
 * they are given: the XML one never reads a DTD, never expands an entity (`&amp;` stays `&amp;`) and
 * copies a DOCTYPE's internal subset verbatim; the JSON one never converts numbers (a 20-digit ID
 * stays exact). Anything they cannot read is shown as it came.
 */

/** Bodies larger than this are shown unformatted: re-indenting them would only slow the editor down. */
export const MAX_FORMAT_BYTES = 4 * 1024 * 1024;

type XmlToken =
  | { readonly kind: 'open'; readonly text: string; readonly name: string }
  | { readonly kind: 'empty' | 'other' | 'text'; readonly text: string }
  | { readonly kind: 'close'; readonly text: string; readonly name: string };

const NAME = /[^\s/>]+/y;

function tagName(tag: string, from: number): string {
  NAME.lastIndex = from;
  return NAME.exec(tag)?.[0] ?? '';
}

/**
 * One token at the sticky position: a comment, CDATA, processing instruction, DOCTYPE (its internal
 * subset skipped as text, never read), other declaration, tag (quoted values may hold '>'), or text.
 */
const XML_TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>|<![^>]*>|<\/?[^\s<>"'/!?][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>|[^<]+/y;

/** Splits XML into tokens; undefined when a construct is not closed (the body is then shown raw). */
function tokenizeXml(xml: string): XmlToken[] | undefined {
  const tokens: XmlToken[] = [];
  XML_TOKEN.lastIndex = 0;
  while (XML_TOKEN.lastIndex < xml.length) {
    const match = XML_TOKEN.exec(xml);
    if (!match) return undefined;
    const text = match[0];
    if (text.charCodeAt(0) !== 60 /* < */ || text.startsWith('<![CDATA[')) tokens.push({ kind: 'text', text });
    else if (text.charCodeAt(1) === 47 /* / */) tokens.push({ kind: 'close', text, name: tagName(text, 2) });
    else if (text.charCodeAt(1) === 33 /* ! */ || text.charCodeAt(1) === 63 /* ? */) tokens.push({ kind: 'other', text });
    else if (text.endsWith('/>')) tokens.push({ kind: 'empty', text });
    else tokens.push({ kind: 'open', text, name: tagName(text, 1) });
  }
  return tokens;
}

/** Indents XML two spaces per level; an element holding only text stays on one line. */
export function formatXml(xml: string): string {
  if (xml.length > MAX_FORMAT_BYTES) return xml;
  const tokens = tokenizeXml(xml);
  if (!tokens) return xml;
  const lines: string[] = [];
  let depth = 0;
  const indents: string[] = [''];
  const indent = (): string => {
    const level = Math.max(0, depth);
    while (indents.length <= level) indents.push(indents[indents.length - 1] + '  ');
    return indents[level]!;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'text') {
      const trimmed = token.text.trim();
      if (trimmed) lines.push(indent() + trimmed);
      continue;
    }
    if (token.kind === 'open') {
      // <A>text</A> (or <A></A>) on one line, the text exactly as it came.
      let j = i + 1;
      let inner = '';
      while (j < tokens.length && tokens[j]!.kind === 'text') inner += tokens[j++]!.text;
      const next = tokens[j];
      if (next?.kind === 'close' && next.name === token.name) {
        lines.push(indent() + token.text + inner + next.text);
        i = j;
        continue;
      }
      lines.push(indent() + token.text);
      depth++;
      continue;
    }
    if (token.kind === 'close') depth--;
    lines.push(indent() + token.text);
  }
  return lines.join('\n');
}

/** Indents valid JSON two spaces per level without parsing its values. */
export function formatJson(json: string): string {
  if (json.length > MAX_FORMAT_BYTES) return json;
  try {
    JSON.parse(json);
  } catch {
    return json;
  }
  let out = '';
  let depth = 0;
  let inString = false;
  const newline = (): string => '\n' + '  '.repeat(depth);
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += json[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let k = i + 1;
      while (/\s/.test(json[k] ?? '')) k++;
      if (json[k] === close) {
        out += c + close;
        i = k;
      } else {
        depth++;
        out += c + newline();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') out += ',' + newline();
    else if (c === ':') out += ': ';
    else out += c;
  }
  return out;
}

export type BodyFormat = 'xml' | 'json' | 'text';

/** Decides by Content-Type, then by the first character. */
export function bodyFormat(body: string, contentType: string | undefined): BodyFormat {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json')) return 'json';
  if (type.includes('xml')) return 'xml';
  const first = body.trimStart()[0];
  if (first === '<') return 'xml';
  if (first === '{' || first === '[') return 'json';
  return 'text';
}

export function formatBody(body: string, format: BodyFormat): string {
  if (format === 'xml') return formatXml(body);
  if (format === 'json') return formatJson(body);
  return body;
}
