/**
 * Checks a QPS ServiceRequest body against server/data/qps-catalog.json: the element tree,
 * every leaf value (enumerations, integer ranges), performance keys and their ranges, blackout
 * hours and day flags, and the rules between elements (GovCloud excludes all regions).
 */
import type { XmlElement } from '../xml/xmlNodes';
import { nearMiss } from '../common/nearMiss';
import type { QpsCatalog, QpsElementSpec, QpsValueType } from './qpsCatalog';
import type { QpsMessageId } from './qpsMessages';
import { childElement, childElements, elementValue, parseQpsXml, type QpsXml } from './qpsXml';

export interface QpsProblem {
  readonly id: QpsMessageId;
  readonly args: Record<string, string | number>;
  readonly start: number;
  readonly end: number;
  readonly suggestion?: string;
}

function rangeText(spec: QpsValueType): string {
  if (spec.min !== undefined && spec.max !== undefined) return `between ${spec.min} and ${spec.max}`;
  if (spec.min !== undefined) return `${spec.min} or more`;
  return `${spec.max ?? ''} or less`;
}

/** The value's range, or the element name when the value is empty. */
function valueRange(xml: QpsXml, element: XmlElement): { start: number; end: number } {
  const value = elementValue(xml, element);
  return value.text ? { start: value.start, end: value.end } : { start: xml.base + element.nameStart, end: xml.base + element.nameEnd };
}

function nameRange(xml: QpsXml, element: XmlElement): { start: number; end: number } {
  return { start: xml.base + element.nameStart, end: xml.base + element.nameEnd };
}

function checkValue(xml: QpsXml, name: string, spec: QpsValueType, element: XmlElement, problems: QpsProblem[]): void {
  const value = elementValue(xml, element).text;
  const at = valueRange(xml, element);
  if (value === '') {
    if (!spec.allowEmpty && spec.type !== 'string') problems.push({ id: 'emptyValue', args: { name }, ...at });
    return;
  }
  if (spec.type === 'enum') {
    const values = spec.values ?? [];
    if (values.includes(value)) return;
    const suggestion = nearMiss(value, values);
    problems.push({
      id: spec.strict ? 'badEnum' : 'badEnumLoose',
      args: { name, value, allowed: values.join(', '), hint: suggestion ? ` Did you mean '${suggestion}'?` : '' },
      ...at,
      ...(suggestion && spec.strict ? { suggestion } : {}),
    });
  } else if (spec.type === 'integer') {
    if (!/^-?\d+$/.test(value)) {
      problems.push({ id: 'badInteger', args: { name, value }, ...at });
      return;
    }
    const n = Number(value);
    if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
      problems.push({ id: 'outOfRange', args: { name, value, range: rangeText(spec) }, ...at });
    }
  }
}

function checkKeyValue(xml: QpsXml, catalog: QpsCatalog, table: string, element: XmlElement, seenKeys: Set<string>, problems: QpsProblem[]): void {
  const keys = catalog.keyValues.get(table)!;
  const keyElement = childElement(element, 'key');
  const valueElement = childElement(element, 'value');
  if (!keyElement) return;
  const key = elementValue(xml, keyElement).text;
  if (!key) return;
  const spec = keys.get(key);
  if (!spec) {
    const suggestion = nearMiss(key, keys.keys());
    problems.push({ id: 'unknownKey', args: { key, hint: suggestion ? ` Did you mean '${suggestion}'?` : '' }, ...valueRange(xml, keyElement), ...(suggestion ? { suggestion } : {}) });
    return;
  }
  if (seenKeys.has(key)) problems.push({ id: 'duplicate', args: { name: key }, ...valueRange(xml, keyElement) });
  seenKeys.add(key);
  if (valueElement) checkValue(xml, key, spec, valueElement, problems);
}

function walk(xml: QpsXml, catalog: QpsCatalog, spec: QpsElementSpec, element: XmlElement, problems: QpsProblem[]): void {
  if (spec.value) {
    checkValue(xml, element.name, spec.value, element, problems);
    return;
  }
  if (!spec.children) return;
  const counts = new Map<string, number>();
  const seenKeys = new Set<string>();
  for (const child of childElements(element)) {
    const childSpec = spec.children.get(child.name);
    if (!childSpec) {
      if (spec.open) continue;
      const suggestion = nearMiss(child.name, spec.children.keys());
      problems.push({
        id: 'unknownElement',
        args: { name: child.name, parent: element.name, allowed: [...spec.children.keys()].join(', '), hint: suggestion ? ` Did you mean <${suggestion}>?` : '' },
        ...nameRange(xml, child),
        ...(suggestion ? { suggestion } : {}),
      });
      continue;
    }
    const count = (counts.get(child.name) ?? 0) + 1;
    counts.set(child.name, count);
    if (count > 1 && !childSpec.repeat) problems.push({ id: 'duplicate', args: { name: `<${child.name}>` }, ...nameRange(xml, child) });
    if (childSpec.keyValue) checkKeyValue(xml, catalog, childSpec.keyValue, child, seenKeys, problems);
    walk(xml, catalog, childSpec, child, problems);
  }
}

function checkRules(xml: QpsXml, catalog: QpsCatalog, object: XmlElement, problems: QpsProblem[]): void {
  for (const rule of catalog.rules) {
    if (rule.object !== object.name) continue;
    const first = childElement(object, rule.if.element);
    const second = childElement(object, rule.then.element);
    if (first && second && elementValue(xml, first).text === rule.if.equals && elementValue(xml, second).text === rule.then.equals) {
      problems.push({
        id: 'conflict',
        args: { then: rule.then.element, thenValue: rule.then.equals, if: rule.if.element, ifValue: rule.if.equals },
        ...valueRange(xml, second),
      });
    }
  }
}

/**
 * Validates text[from, to) as a ServiceRequest. `expectedObject` is the object the endpoint takes
 * (from the request catalog), when known.
 */
export function validateServiceRequest(catalog: QpsCatalog, text: string, from = 0, to = text.length, expectedObject?: string): QpsProblem[] {
  const xml = parseQpsXml(text, from, to);
  const problems: QpsProblem[] = xml.document.problems.map((p) => ({ id: 'xmlSyntax', args: { message: p.message.replace(/\.$/, '') }, start: xml.base + p.start, end: xml.base + p.end }));
  const root = xml.document.root;
  if (!root) return problems;
  if (root.name !== catalog.root) {
    problems.push({ id: 'wrongRoot', args: { expected: catalog.root, name: root.name }, ...nameRange(xml, root) });
    return problems;
  }
  for (const child of childElements(root)) {
    const spec = catalog.rootChildren.get(child.name);
    if (!spec) {
      const suggestion = nearMiss(child.name, catalog.rootChildren.keys());
      problems.push({
        id: 'unknownElement',
        args: { name: child.name, parent: root.name, allowed: [...catalog.rootChildren.keys()].join(', '), hint: suggestion ? ` Did you mean <${suggestion}>?` : '' },
        ...nameRange(xml, child),
        ...(suggestion ? { suggestion } : {}),
      });
      continue;
    }
    if (child.name !== 'data') continue;
    for (const object of childElements(child)) {
      if (expectedObject && object.name !== expectedObject) {
        problems.push({ id: 'wrongObject', args: { expected: expectedObject, name: object.name }, ...nameRange(xml, object) });
        continue;
      }
      const objectSpec = catalog.objects.get(object.name);
      if (!objectSpec) continue;
      walk(xml, catalog, objectSpec, object, problems);
      checkRules(xml, catalog, object, problems);
    }
  }
  return problems;
}

/** The catalog entry of an element, found by walking from the root; undefined outside the catalog. */
export function specOf(catalog: QpsCatalog, element: XmlElement): QpsElementSpec | undefined {
  const path: XmlElement[] = [];
  for (let e: XmlElement | undefined = element; e; e = e.parent) path.unshift(e);
  if (path[0]?.name !== catalog.root) return undefined;
  if (path.length === 1) return { name: catalog.root, description: 'A QPS request.', children: catalog.rootChildren, repeat: false, open: false };
  let spec = catalog.rootChildren.get(path[1]!.name);
  if (!spec) return undefined;
  if (path[1]!.name === 'data') {
    if (path.length === 2) return { ...spec, children: catalog.objects };
    spec = catalog.objects.get(path[2]!.name);
    for (let i = 3; spec && i < path.length; i++) spec = spec.children?.get(path[i]!.name);
    return spec;
  }
  return path.length === 2 ? spec : undefined;
}
