import type { XmlElement, XmlNode } from '../../../server/src/xml/xmlNodes';

/**
 * An element's fields as a plain object, read through the XmlElement interface: the parser's
 * elements (ElementNode) keep `children` behind an accessor, which spreading and JSON.stringify do
 * not see. `children` are read as `childrenOf` gives them; the parent link is left out.
 */
export function plainElement(element: XmlElement, childrenOf: (element: XmlElement) => readonly XmlNode[] = (e) => e.children): Record<string, unknown> {
  return {
    kind: element.kind,
    name: element.name,
    start: element.start,
    nameStart: element.nameStart,
    nameEnd: element.nameEnd,
    startTagEnd: element.startTagEnd,
    selfClosing: element.selfClosing,
    endTagStart: element.endTagStart,
    endTagNameStart: element.endTagNameStart,
    endTagNameEnd: element.endTagNameEnd,
    end: element.end,
    attributes: element.attributes,
    children: childrenOf(element),
  };
}
