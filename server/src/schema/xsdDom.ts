/**
 * Reads an XSD file into a small element tree with line numbers, with the editor's XML parser
 * (xml/xmlParser.ts): it fetches nothing, skips a DOCTYPE and expands no entity (only the five
 * predefined ones and character references are decoded). Any well-formedness problem it reports is
 * a load error, except the entity declarations of a DOCTYPE, which are ignored unless used.
 * (fast-xml-parser did this before: about 100 ms of the first document's wait for an 80 KB XSD,
 * where this parser takes a few and is warm for the document that follows.)
 */
import { decodeReferences, textValue, XmlProblemKind, type XmlDocument, type XmlElement } from '../xml/xmlNodes';
import { parseXml } from '../xml/xmlParser';
import { quote } from '../util/limits';
import { lineIndex } from '../util/lineIndex';

export const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';

/** An element of the XSD document. `name` is the local name; `ns` its namespace URI. */
export interface XsdNode {
  readonly name: string;
  readonly ns: string | undefined;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XsdNode[];
  /** The element's text content (direct text and CDATA children, concatenated). */
  readonly text: string;
  /** 1-based line of the start tag. */
  readonly line: number;
  /** Prefix -> namespace URI bindings in scope, for resolving QName attribute values. */
  readonly scope: ReadonlyMap<string, string>;
}

export class XsdLoadError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    /** The text is not well-formed XML (the message then quotes the parser, which quotes the text). */
    readonly notWellFormed = false,
  ) {
    super(line === undefined ? message : `${message} (line ${line})`);
    this.name = 'XsdLoadError';
  }
}

/** Parses XSD text into its root element node. Throws XsdLoadError on malformed XML. */
export function parseXsdDocument(text: string): XsdNode {
  const document = parseXml(text);
  // One-based lines, as XSD load errors and nodes give them.
  const lineAt = lineIndex(text);
  const lineOf = (offset: number): number => lineAt(offset) + 1;
  const doctype = document.doctype;
  for (const problem of document.problems) {
    // Entity declarations in the DOCTYPE are never expanded; only their use is an error.
    if (doctype && problem.kind === XmlProblemKind.InternalEntityNotExpanded && problem.start < doctype.end) continue;
    const line = lineOf(problem.start);
    if (problem.kind === XmlProblemKind.InternalEntityNotExpanded || problem.kind === XmlProblemKind.UnknownEntity) {
      throw new XsdLoadError(`The XSD uses the entity ${quote(text.slice(problem.start, problem.end))} which is never expanded`, line);
    }
    throw new XsdLoadError(`The XSD is not well-formed XML: ${problem.message}`, line, true);
  }
  if (!document.root) throw new XsdLoadError('The XSD has no root element');
  return convert(document, document.root, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), lineOf);
}

function convert(document: XmlDocument, element: XmlElement, parentScope: ReadonlyMap<string, string>, lineOf: (offset: number) => number): XsdNode {
  let scope = parentScope;
  const attrs: Record<string, string> = {};
  for (const attribute of element.attributes) {
    const decoded = decodeReferences(attribute.value ?? '');
    const key = attribute.name;
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), decoded);
    } else attrs[key] = decoded;
  }
  const qname = element.name;
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const children: XsdNode[] = [];
  for (const child of element.children) if (child.kind === 'element') children.push(convert(document, child, scope, lineOf));
  return {
    name: colon < 0 ? qname : qname.slice(colon + 1),
    ns: scope.get(prefix),
    attrs,
    children,
    // Read when asked (only documentation is): the root's text would walk the whole file.
    get text() {
      return textValue(document.text, element);
    },
    line: lineOf(element.start),
    scope,
  };
}
