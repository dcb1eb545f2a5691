/**
 * Diagnostics, hover and completion for a QPS ServiceRequest, whether it is a whole `.xml`
 * document or the body of a request in a request file (`from`/`to` bound it in the text).
 */
import { CompletionItemKind, type CompletionItem, type CompletionList, type Diagnostic, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { QpsCatalog, QpsElementSpec } from './qpsCatalog';
import { formatQps, qpsMessages, QPS_SOURCE } from './qpsMessages';
import type { XmlElement } from '../xml/xmlNodes';
import { specOf, validateServiceRequest } from './qpsValidator';
import { childElement, elementValue, parseQpsXml, qpsElementAt, type QpsXml } from './qpsXml';

export function qpsDiagnostics(catalog: QpsCatalog, document: TextDocument, text: string, from: number, to: number, expectedObject?: string): Diagnostic[] {
  return validateServiceRequest(catalog, text, from, to, expectedObject).map((p) => {
    const message = qpsMessages[p.id];
    return {
      range: { start: document.positionAt(p.start), end: document.positionAt(Math.max(p.end, p.start + 1)) },
      severity: message.severity,
      code: message.code,
      source: QPS_SOURCE,
      message: formatQps(p.id, p.args),
      ...(p.suggestion ? { data: { fix: 'replace', newText: p.suggestion, title: `Change to '${p.suggestion}'` } } : {}),
    };
  });
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

function describe(spec: QpsElementSpec): string {
  const lines = [`**<${spec.name}>**`, '', spec.description];
  if (spec.value?.values) lines.push('', `Values: ${spec.value.values.map((v) => `\`${v}\``).join(', ')}`);
  if (spec.value?.min !== undefined || spec.value?.max !== undefined) lines.push('', `Range: ${spec.value.min ?? ''}..${spec.value.max ?? ''}`);
  if (spec.children) lines.push('', `Children: ${[...spec.children.keys()].join(', ')}`);
  return lines.join('\n');
}

export function qpsHover(catalog: QpsCatalog, text: string, from: number, to: number, offset: number): Hover | null {
  const xml = parseQpsXml(text, from, to);
  const element = qpsElementAt(xml, offset);
  if (!element) return null;
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
  return spec ? { contents: { kind: 'markdown', value: describe(spec) } } : null;
}

/** The element whose content holds the '<' at `tagStart` (the '<' itself may have opened a new, unnamed element). */
function enclosing(xml: QpsXml, tagStart: number): XmlElement | undefined {
  let element = qpsElementAt(xml, tagStart);
  while (element && xml.base + element.start >= tagStart) element = element.parent;
  return element;
}

export function qpsCompletion(catalog: QpsCatalog, document: TextDocument, text: string, from: number, to: number, offset: number): CompletionList | null {
  const xml = parseQpsXml(text, from, to);
  // After '<' (and a partial name): the children the enclosing element may have.
  const tagStart = text.lastIndexOf('<', offset - 1);
  if (tagStart >= from && /^<[\w]*$/.test(text.slice(tagStart, offset))) {
    const parent = tagStart > from ? enclosing(xml, tagStart) : undefined;
    const spec = parent ? specOf(catalog, parent) : undefined;
    const names = parent ? [...(spec?.children?.keys() ?? [])] : [catalog.root];
    const range = { start: document.positionAt(tagStart + 1), end: document.positionAt(offset) };
    return { isIncomplete: false, items: names.map((name): CompletionItem => ({ label: name, kind: CompletionItemKind.Property, textEdit: { range, newText: name } })) };
  }
  const element = qpsElementAt(xml, offset);
  if (!element) return null;
  const contentStart = xml.base + element.startTagEnd;
  const contentEnd = xml.base + (element.endTagStart ?? element.end);
  if (offset < contentStart || offset > contentEnd) return null;
  const range = { start: document.positionAt(contentStart), end: document.positionAt(contentEnd) };
  const key = keyContext(xml, catalog, element);
  let values: readonly string[];
  if (key && element.name === 'key') values = [...(catalog.keyValues.get(key.table)?.keys() ?? [])];
  else if (key?.key) values = catalog.keyValues.get(key.table)?.get(key.key)?.values ?? [];
  else values = specOf(catalog, element)?.value?.values ?? [];
  if (!values.length) return null;
  return { isIncomplete: false, items: values.map((value): CompletionItem => ({ label: value, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: value } })) };
}
