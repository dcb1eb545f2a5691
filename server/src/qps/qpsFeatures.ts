/**
 * Diagnostics, hover and completion for a QPS ServiceRequest, whether it is a whole `.xml`
 * document or the body of a request in a request file (`from`/`to` bound it in the text).
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Diagnostic, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { QpsCatalog, QpsElementSpec, QpsObjectSpec, QpsRequestContext } from './qpsCatalogTypes';
import { replaceFix } from '../common/quickFix';
import { qpsTable } from './qpsMessages';
import type { XmlElement } from '../xml/xmlNodes';
import { attribute, attributeValue } from './qpsCriteria';
import { criteriaAttributeAt, criteriaAttributeItems, criteriaValues, fieldMarkdown, operatorMarkdown, unknownFieldMarkdown } from './qpsCriteriaFeatures';
import { criteriaObject, specOf, validateServiceRequest } from './qpsValidator';
import { childElement, elementValue, parseQpsXml, qpsElementAt, type QpsXml } from './qpsXml';
import { capDiagnostics } from '../util/diagnosticCap';
import { MAX_PROBLEMS } from '../util/limits';

/** At most MAX_PROBLEMS diagnostics, then one saying how many more there are (util/diagnosticCap.ts). */
export function qpsDiagnostics(catalog: QpsCatalog, document: TextDocument, text: string, from: number, to: number, expectedObject?: string, context?: QpsRequestContext): Diagnostic[] {
  const xml = parseQpsXml(text, from, to);
  const problems = validateServiceRequest(catalog, text, from, to, expectedObject, context, xml);
  const shown = problems.length > MAX_PROBLEMS ? problems.slice(0, MAX_PROBLEMS + 1) : problems;
  const diagnostics = shown.map((p): Diagnostic => {
    const range = { start: document.positionAt(p.start), end: document.positionAt(Math.max(p.end, p.start + 1)) };
    return qpsTable.diagnostic(p.id, range, p.args, p.suggestion ? replaceFix(p.suggestion) : undefined);
  });
  return capDiagnostics(diagnostics, qpsTable.source, problems.length - shown.length + xml.document.omittedProblems);
}

/** The key table entry a `<key>` or `<value>` of a key/value element refers to. */
function keyContext(xml: QpsXml, catalog: QpsCatalog, element: XmlElement): { table: string; key?: string } | undefined {
  const parent = element.parent;
  if (!parent || (element.name !== 'key' && element.name !== 'value')) return undefined;
  const parentSpec = specOf(catalog, parent);
  if (!parentSpec?.keyValue) return undefined;
  const keyElement = childElement(parent, 'key');
  const key = keyElement ? elementValue(xml, keyElement).text : '';
  return { table: parentSpec.keyValue, ...(key ? { key } : {}) };
}

function describe(catalog: QpsCatalog, spec: QpsElementSpec): string {
  const lines = [`**<${spec.name}>**`, '', spec.description];
  if (spec.value?.values) lines.push('', `Values: ${spec.value.values.map((v) => `\`${v}\``).join(', ')}${spec.value.strict ? '' : ' (documented so far; others are warnings)'}`);
  if (spec.value?.type === 'date') lines.push('', 'A date in UTC: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.');
  if (spec.value?.min !== undefined || spec.value?.max !== undefined) lines.push('', `Range: ${spec.value.min ?? ''}..${spec.value.max ?? ''}`);
  if (spec.value?.softMax !== undefined) lines.push('', `Documented maximum: ${spec.value.softMax}`);
  if (spec.children) lines.push('', `Children: ${[...spec.children.keys()].join(', ')}${spec.partial || spec.open ? ' (the catalog lists some of them)' : ''}`);
  if (spec.source) lines.push('', `_Source: ${catalog.sources[spec.source] ?? spec.source}_`);
  return lines.join('\n');
}

/** The object the Criteria of this body refer to (the endpoint's, or the one in `<data>`). */
function objectOf(catalog: QpsCatalog, xml: QpsXml, context: QpsRequestContext | undefined): QpsObjectSpec | undefined {
  const root = xml.document.root;
  return root && root.name === catalog.root ? criteriaObject(catalog, root, context?.object) : undefined;
}

/** Hover on the `field` or `operator` attribute of a Criteria. */
function criteriaHover(catalog: QpsCatalog, xml: QpsXml, element: XmlElement, offset: number, context: QpsRequestContext | undefined): Hover | null {
  const at = element.attributes.find((a) => offset >= xml.base + a.nameStart && offset <= xml.base + (a.valueEnd ?? a.nameEnd) + 1);
  if (!at || (at.name !== 'field' && at.name !== 'operator')) return null;
  const object = objectOf(catalog, xml, context);
  const fieldAttr = attribute(element, 'field');
  const field = fieldAttr ? attributeValue(xml, fieldAttr).text : undefined;
  const spec = field !== undefined ? object?.criteria.get(field) : undefined;
  let value: string | undefined;
  if (at.name === 'field') value = spec && object ? fieldMarkdown(catalog, object, spec) : object && field ? unknownFieldMarkdown(object, field) : undefined;
  else value = operatorMarkdown(catalog, attributeValue(xml, at).text, spec);
  return value ? { contents: { kind: 'markdown', value } } : null;
}

export function qpsHover(catalog: QpsCatalog, text: string, from: number, to: number, offset: number, context?: QpsRequestContext): Hover | null {
  const xml = parseQpsXml(text, from, to);
  const element = qpsElementAt(xml, offset);
  if (!element) return null;
  if (element.name === 'Criteria' && offset > xml.base + element.nameEnd && offset < xml.base + element.startTagEnd) {
    const hover = criteriaHover(catalog, xml, element, offset, context);
    if (hover) return hover;
  }
  const key = keyContext(xml, catalog, element);
  if (key?.key) {
    const spec = catalog.keyValues.get(key.table)?.get(key.key);
    if (spec) {
      const range = spec.min !== undefined || spec.max !== undefined ? `\n\nRange: ${spec.min ?? ''}..${spec.max ?? ''}` : '';
      const values = spec.values ? `\n\nValues: ${spec.values.join(', ')}` : '';
      return { contents: { kind: 'markdown', value: `**${spec.key}** (${spec.label})\n\n${spec.description}${range}${values}` } };
    }
  }
  const spec = specOf(catalog, element);
  return spec ? { contents: { kind: 'markdown', value: describe(catalog, spec) } } : null;
}

/** The element whose content holds the '<' at `tagStart` (the '<' itself may have opened a new, unnamed element). */
function enclosing(xml: QpsXml, tagStart: number): XmlElement | undefined {
  let element = qpsElementAt(xml, tagStart);
  while (element && xml.base + element.start >= tagStart) element = element.parent;
  return element;
}

/** A Criteria with its two attributes, the value of `field` to fill first. */
const CRITERIA_SNIPPET = 'Criteria field="$1" operator="${2|EQUALS,NOT EQUALS,CONTAINS,IN,GREATER,LESSER|}">$0</Criteria>';

export function qpsCompletion(catalog: QpsCatalog, document: TextDocument, text: string, from: number, to: number, offset: number, context?: QpsRequestContext): CompletionList | null {
  const xml = parseQpsXml(text, from, to);
  const attributeAt = criteriaAttributeAt(text, from, to, offset);
  if (attributeAt) {
    const range = { start: document.positionAt(attributeAt.start), end: document.positionAt(attributeAt.end) };
    const items = criteriaAttributeItems(catalog, objectOf(catalog, xml, context), attributeAt).map(({ newText, ...item }): CompletionItem => ({ ...item, textEdit: { range, newText } }));
    return items.length ? { isIncomplete: false, items } : null;
  }
  // After '<' (and a partial name): the children the enclosing element may have.
  const tagStart = text.lastIndexOf('<', offset - 1);
  if (tagStart >= from && /^<[\w]*$/.test(text.slice(tagStart, offset))) {
    const parent = tagStart > from ? enclosing(xml, tagStart) : undefined;
    const spec = parent ? specOf(catalog, parent) : undefined;
    const names = parent ? [...(spec?.children?.keys() ?? [])] : [catalog.root];
    const range = { start: document.positionAt(tagStart + 1), end: document.positionAt(offset) };
    // A Criteria comes with its attributes unless the tag already goes on.
    const bare = !/^[\w]*[\s>/]/.test(text.slice(offset, offset + 40));
    return {
      isIncomplete: false,
      items: names.map((name): CompletionItem => {
        const child = spec?.children?.get(name);
        if (child?.role === 'criteria' && bare) return { label: name, kind: CompletionItemKind.Property, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: CRITERIA_SNIPPET } };
        return { label: name, kind: CompletionItemKind.Property, textEdit: { range, newText: name } };
      }),
    };
  }
  const element = qpsElementAt(xml, offset);
  if (!element) return null;
  const contentStart = xml.base + element.startTagEnd;
  const contentEnd = xml.base + (element.endTagStart ?? element.end);
  if (offset < contentStart || offset > contentEnd) return null;
  const range = { start: document.positionAt(contentStart), end: document.positionAt(contentEnd) };
  const key = keyContext(xml, catalog, element);
  let values: readonly string[];
  const elementSpec = specOf(catalog, element);
  if (key && element.name === 'key') values = [...(catalog.keyValues.get(key.table)?.keys() ?? [])];
  else if (key?.key) values = catalog.keyValues.get(key.table)?.get(key.key)?.values ?? [];
  else if (elementSpec?.role === 'criteria') {
    const field = attribute(element, 'field');
    values = criteriaValues(field ? objectOf(catalog, xml, context)?.criteria.get(attributeValue(xml, field).text) : undefined);
  } else values = elementSpec?.value?.values ?? [];
  if (!values.length) return null;
  return { isIncomplete: false, items: values.map((value): CompletionItem => ({ label: value, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: value } })) };
}
