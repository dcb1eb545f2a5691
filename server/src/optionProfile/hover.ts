/**
 * Hover on an element name (start or end tag): the element's documentation from the schema, its
 * API parameter, its allowed values, how often it may occur, and the source of the rule.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ContentModel, ElementDecl } from '../schema/contentModel';
import { elementAt, type XmlDocument } from '../xml/xmlNodes';
import { automatonFor } from './contentAutomaton';
import { declOf, describeValues } from './schemaQueries';

export function hover(document: TextDocument, xml: XmlDocument, model: ContentModel, position: Position): Hover | null {
  const offset = document.offsetAt(position);
  const element = elementAt(xml, offset);
  if (!element) return null;
  let start: number;
  let end: number;
  if (offset >= element.nameStart && offset <= element.nameEnd) [start, end] = [element.nameStart, element.nameEnd];
  else if (element.endTagNameStart !== undefined && offset >= element.endTagNameStart && offset <= element.endTagNameEnd!) {
    [start, end] = [element.endTagNameStart, element.endTagNameEnd!];
  } else return null;
  const decl = declOf(model, element);
  if (!decl) return null;
  const parentDecl = element.parent ? declOf(model, element.parent) : undefined;
  return {
    contents: { kind: MarkupKind.Markdown, value: describeElement(decl, parentDecl) },
    range: { start: document.positionAt(start), end: document.positionAt(end) },
  };
}

/** The Markdown shown for an element (also used as completion documentation). */
export function describeElement(decl: ElementDecl, parent: ElementDecl | undefined): string {
  const lines = [`**${decl.name}**`];
  const docs = decl.docs;
  if (docs?.text) lines.push('', docs.text);
  const facts: string[] = [];
  if (docs?.apiParameter) facts.push(`API parameter: \`${docs.apiParameter}\``);
  if (decl.content.kind === 'simple') {
    const values = describeValues(decl.content.type, decl.fixed);
    if (values && !(docs?.text ?? '').includes(values)) facts.push(`Allowed values: ${values}`);
  } else if (decl.content.kind === 'complex' && !decl.content.particle) {
    facts.push('Empty element');
  }
  if (parent && parent.content.kind === 'complex') {
    const particle = automatonFor(parent).particles.get(decl.name);
    if (particle) {
      const occurs = particle.required ? 'required' : 'optional';
      const max = particle.effectiveMax === Infinity ? 'any number of times' : particle.effectiveMax > 1 ? `up to ${particle.effectiveMax} times` : 'once';
      const choice = particle.choiceSiblings.length > 0 ? `; alternative to ${particle.choiceSiblings.join(', ')}` : '';
      facts.push(`In ${parent.name}: ${occurs}, ${max}${choice}`);
    }
  }
  if (docs?.source) facts.push(`Source: ${docs.source}`);
  if (facts.length > 0) lines.push('', ...facts.map((f) => `- ${f}`));
  return lines.join('\n');
}
