/**
 * QPS bodies read with the project's tolerant XML parser (server/src/xml/). A body inside a request
 * file is parsed on its own and `base` shifts its offsets back into the document.
 */
import { parseXml } from '../xml/xmlParser';
import { decodeReferences, elementAt, type XmlDocument, type XmlElement } from '../xml/xmlNodes';

export interface QpsXml {
  readonly document: XmlDocument;
  /** Offset of the body in the whole text. */
  readonly base: number;
}

export interface ElementValue {
  /** Text and CDATA content, references decoded, trimmed. */
  readonly text: string;
  /** Absolute offsets of the trimmed value; the content start when it is empty. */
  readonly start: number;
  readonly end: number;
}

export function parseQpsXml(text: string, from = 0, to = text.length): QpsXml {
  return { document: parseXml(from === 0 && to === text.length ? text : text.slice(from, to)), base: from };
}

export function childElements(element: XmlElement): XmlElement[] {
  const result: XmlElement[] = [];
  for (const child of element.children) if (child.kind === 'element') result.push(child);
  return result;
}

export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) if (child.kind === 'element' && child.name === name) return child;
  return undefined;
}

export function elementValue(xml: QpsXml, element: XmlElement): ElementValue {
  const source = xml.document.text;
  let value = '';
  let start = -1;
  let end = -1;
  // The parser does not store a leaf's text as a node: read it from the source range.
  if (element.children.length === 0 && !element.selfClosing && element.endTagStart !== undefined) {
    const raw = source.slice(element.startTagEnd, element.endTagStart);
    const trimmed = raw.trim();
    if (trimmed) {
      const from = element.startTagEnd + (raw.length - raw.trimStart().length);
      return { text: decodeReferences(trimmed), start: xml.base + from, end: xml.base + from + trimmed.length };
    }
  }
  for (const child of element.children) {
    let from: number;
    let to: number;
    if (child.kind === 'text') [from, to] = [child.start, child.end];
    else if (child.kind === 'cdata') [from, to] = [child.valueStart, child.valueEnd];
    else continue;
    const raw = source.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    if (start < 0) start = from + lead;
    end = from + lead + trimmed.length;
    value += child.kind === 'text' ? decodeReferences(raw) : raw;
  }
  const contentStart = element.startTagEnd;
  return start < 0 ? { text: '', start: xml.base + contentStart, end: xml.base + contentStart } : { text: value.trim(), start: xml.base + start, end: xml.base + end };
}

/** The innermost element at an absolute offset. */
export function qpsElementAt(xml: QpsXml, offset: number): XmlElement | undefined {
  return elementAt(xml.document, offset - xml.base);
}
