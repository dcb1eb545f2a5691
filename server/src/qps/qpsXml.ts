/**
 * QPS bodies read with the project's tolerant XML parser (server/src/xml/). A body inside a request
 * file is parsed on its own and `base` shifts its offsets back into the document.
 */
import { parseXml } from '../xml/xmlParser';
import { elementAt, textValue, type XmlDocument, type XmlElement } from '../xml/xmlNodes';

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
  const from = element.startTagEnd;
  const to = element.endTagStart ?? element.end;
  const empty = { text: '', start: xml.base + from, end: xml.base + from };
  if (element.selfClosing || to <= from) return empty;
  // The parser keeps no text nodes for leaves: the value is read from the source range.
  const value = textValue(source, element).trim();
  if (!value) return empty;
  const raw = source.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const trail = raw.length - raw.trimEnd().length;
  return { text: value, start: xml.base + from + lead, end: xml.base + to - trail };
}

/** The innermost element at an absolute offset. */
export function qpsElementAt(xml: QpsXml, offset: number): XmlElement | undefined {
  return elementAt(xml.document, offset - xml.base);
}
