/**
 * A small, tolerant XML scanner for QPS request bodies: every element with the offsets of its
 * name, content and text, and a list of well-formedness errors; it keeps going after an error.
 * It reads no DTD and expands only the five predefined entities and character references.
 * (The option profile area is building a general tolerant parser in server/src/xml/; when it
 * lands in main this scanner should give way to it.)
 */

export interface XmlElement {
  readonly name: string;
  readonly start: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** End of the start tag (after `>`), or of the name when the tag is not finished. */
  contentStart: number;
  /** Start of the end tag, or where the element was cut off. */
  contentEnd: number;
  end: number;
  readonly children: XmlElement[];
  readonly parent: XmlElement | undefined;
  /** Text and CDATA content, entities expanded, trimmed. */
  text: string;
  textStart: number;
  textEnd: number;
  closed: boolean;
}

export interface XmlError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface XmlScan {
  readonly roots: readonly XmlElement[];
  readonly errors: readonly XmlError[];
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function expand(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
}

function addText(element: XmlElement | undefined, raw: string, start: number): void {
  if (!element) return;
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (!trimmed) return;
  if (!element.text) {
    element.textStart = start + lead;
  }
  element.text += (element.text ? ' ' : '') + expand(trimmed);
  element.textEnd = start + lead + trimmed.length;
}

/** Scans text[from, to). Offsets are absolute in `text`. */
export function scanXml(text: string, from = 0, to = text.length): XmlScan {
  const roots: XmlElement[] = [];
  const errors: XmlError[] = [];
  const stack: XmlElement[] = [];
  let pos = from;
  while (pos < to) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt < 0 || lt > to ? to : lt;
    if (textEnd > pos) addText(stack[stack.length - 1], text.slice(pos, textEnd), pos);
    if (textEnd >= to) break;
    pos = lt;
    if (text.startsWith('<!--', pos)) {
      const close = text.indexOf('-->', pos + 4);
      pos = close < 0 || close > to ? to : close + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', pos)) {
      const close = text.indexOf(']]>', pos + 9);
      const contentEnd = close < 0 || close > to ? to : close;
      const top = stack[stack.length - 1];
      if (top) {
        const raw = text.slice(pos + 9, contentEnd);
        if (raw.trim()) {
          if (!top.text) top.textStart = pos + 9;
          top.text += raw.trim();
          top.textEnd = contentEnd;
        }
      }
      if (close < 0 || close > to) errors.push({ message: 'CDATA section is not closed with ]]>', start: pos, end: pos + 9 });
      pos = close < 0 || close > to ? to : close + 3;
      continue;
    }
    if (text.startsWith('<?', pos) || text.startsWith('<!', pos)) {
      const close = text.indexOf('>', pos);
      pos = close < 0 || close > to ? to : close + 1;
      continue;
    }
    const gt = text.indexOf('>', pos);
    const nextLt = text.indexOf('<', pos + 1);
    const tagEnd = gt < 0 || gt > to || (nextLt >= 0 && nextLt < gt) ? -1 : gt;
    if (text[pos + 1] === '/') {
      const m = /^[^\s>/<]+/.exec(text.slice(pos + 2, Math.min(to, pos + 200)));
      const name = m ? m[0] : '';
      const end = tagEnd < 0 ? pos + 2 + name.length : tagEnd + 1;
      let index = stack.map((e) => e.name).lastIndexOf(name);
      const top = stack[stack.length - 1];
      // A misspelt end tag (</nam> for <name>) most likely closes the innermost element: taking it
      // so keeps the rest of the document in its place.
      if (index < 0 && top && name && (top.name.startsWith(name) || name.startsWith(top.name))) {
        errors.push({ message: `Closing tag </${name}> does not match <${top.name}>`, start: pos, end });
        index = stack.length - 1;
      }
      if (index < 0) {
        errors.push({ message: `Closing tag </${name}> has no matching start tag`, start: pos, end });
      } else {
        while (stack.length > index + 1) {
          const open = stack.pop()!;
          open.contentEnd = pos;
          open.end = pos;
          errors.push({ message: `<${open.name}> is not closed`, start: open.nameStart, end: open.nameEnd });
        }
        const element = stack.pop()!;
        element.contentEnd = pos;
        element.end = end;
        element.closed = true;
      }
      if (tagEnd < 0) errors.push({ message: `Closing tag </${name}> is not finished with >`, start: pos, end });
      pos = end;
      continue;
    }
    const m = /^[^\s>/<]+/.exec(text.slice(pos + 1, Math.min(to, pos + 200)));
    if (!m) {
      errors.push({ message: "'<' does not start a tag (write &lt; in text)", start: pos, end: pos + 1 });
      pos++;
      continue;
    }
    const parent = stack[stack.length - 1];
    const nameStart = pos + 1;
    const element: XmlElement = {
      name: m[0],
      start: pos,
      nameStart,
      nameEnd: nameStart + m[0].length,
      contentStart: tagEnd < 0 ? nameStart + m[0].length : tagEnd + 1,
      contentEnd: to,
      end: to,
      children: [],
      parent,
      text: '',
      textStart: tagEnd < 0 ? nameStart + m[0].length : tagEnd + 1,
      textEnd: tagEnd < 0 ? nameStart + m[0].length : tagEnd + 1,
      closed: false,
    };
    (parent ? parent.children : roots).push(element);
    if (tagEnd < 0) {
      errors.push({ message: `Start tag <${element.name}> is not finished with >`, start: element.nameStart, end: element.nameEnd });
      stack.push(element);
      pos = element.nameEnd;
      continue;
    }
    if (text[tagEnd - 1] === '/') {
      element.contentEnd = tagEnd + 1;
      element.end = tagEnd + 1;
      element.closed = true;
    } else {
      stack.push(element);
    }
    pos = tagEnd + 1;
  }
  for (const open of stack) errors.push({ message: `<${open.name}> is not closed`, start: open.nameStart, end: open.nameEnd });
  return { roots, errors };
}

/** The innermost element whose range holds `offset`. */
export function elementAt(roots: readonly XmlElement[], offset: number): XmlElement | undefined {
  let found: XmlElement | undefined;
  let level: readonly XmlElement[] = roots;
  for (;;) {
    const hit = level.find((e) => e.start <= offset && offset <= e.end);
    if (!hit) return found;
    found = hit;
    level = hit.children;
  }
}
