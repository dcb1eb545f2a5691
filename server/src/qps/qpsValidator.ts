/**
 * Checks a QPS ServiceRequest body against server/data/qps-catalog.json: the element tree,
 * every leaf value (enumerations, integer ranges), performance keys and their ranges, blackout
 * hours and day flags, and the rules between elements (GovCloud excludes all regions).
 */
import { closest } from '../request/similarity';
import type { QpsCatalog, QpsElementSpec, QpsValueType } from './qpsCatalog';
import type { QpsMessageId } from './qpsMessages';
import { scanXml, type XmlElement } from './xmlScan';

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

function valueRange(element: XmlElement): { start: number; end: number } {
  return element.text ? { start: element.textStart, end: element.textEnd } : { start: element.nameStart, end: element.nameEnd };
}

function checkValue(name: string, spec: QpsValueType, element: XmlElement, problems: QpsProblem[]): void {
  const value = element.text;
  const at = valueRange(element);
  if (value === '') {
    if (!spec.allowEmpty && spec.type !== 'string') problems.push({ id: 'emptyValue', args: { name }, ...at });
    return;
  }
  if (spec.type === 'enum') {
    const values = spec.values ?? [];
    if (values.includes(value)) return;
    const suggestion = closest(value, values);
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

function checkKeyValue(catalog: QpsCatalog, table: string, element: XmlElement, seenKeys: Map<string, XmlElement>, problems: QpsProblem[]): void {
  const keys = catalog.keyValues.get(table)!;
  const keyElement = element.children.find((c) => c.name === 'key');
  const valueElement = element.children.find((c) => c.name === 'value');
  if (!keyElement || !keyElement.text) return;
  const key = keyElement.text;
  const spec = keys.get(key);
  if (!spec) {
    const suggestion = closest(key, keys.keys());
    problems.push({ id: 'unknownKey', args: { key, hint: suggestion ? ` Did you mean '${suggestion}'?` : '' }, ...valueRange(keyElement), ...(suggestion ? { suggestion } : {}) });
    return;
  }
  if (seenKeys.has(key)) problems.push({ id: 'duplicate', args: { name: key }, ...valueRange(keyElement) });
  seenKeys.set(key, element);
  if (valueElement) checkValue(key, spec, valueElement, problems);
}

function walk(catalog: QpsCatalog, spec: QpsElementSpec, element: XmlElement, problems: QpsProblem[]): void {
  if (spec.value) {
    checkValue(element.name, spec.value, element, problems);
    return;
  }
  if (!spec.children) return;
  const counts = new Map<string, number>();
  const seenKeys = new Map<string, XmlElement>();
  for (const child of element.children) {
    const childSpec = spec.children.get(child.name);
    if (!childSpec) {
      if (spec.open) continue;
      const suggestion = closest(child.name, spec.children.keys());
      problems.push({
        id: 'unknownElement',
        args: { name: child.name, parent: element.name, allowed: [...spec.children.keys()].join(', '), hint: suggestion ? ` Did you mean <${suggestion}>?` : '' },
        start: child.nameStart,
        end: child.nameEnd,
        ...(suggestion ? { suggestion } : {}),
      });
      continue;
    }
    const count = (counts.get(child.name) ?? 0) + 1;
    counts.set(child.name, count);
    if (count > 1 && !childSpec.repeat) problems.push({ id: 'duplicate', args: { name: `<${child.name}>` }, start: child.nameStart, end: child.nameEnd });
    if (childSpec.keyValue) checkKeyValue(catalog, childSpec.keyValue, child, seenKeys, problems);
    walk(catalog, childSpec, child, problems);
  }
}

function checkRules(catalog: QpsCatalog, object: XmlElement, problems: QpsProblem[]): void {
  for (const rule of catalog.rules) {
    if (rule.object !== object.name) continue;
    const first = object.children.find((c) => c.name === rule.if.element);
    const second = object.children.find((c) => c.name === rule.then.element);
    if (first?.text === rule.if.equals && second?.text === rule.then.equals) {
      problems.push({
        id: 'conflict',
        args: { then: rule.then.element, thenValue: rule.then.equals, if: rule.if.element, ifValue: rule.if.equals },
        ...valueRange(second),
      });
    }
  }
}

/**
 * Validates text[from, to) as a ServiceRequest. `expectedObject` is the object the endpoint takes
 * (from the request catalog), when known.
 */
export function validateServiceRequest(catalog: QpsCatalog, text: string, from = 0, to = text.length, expectedObject?: string): QpsProblem[] {
  const scan = scanXml(text, from, to);
  const problems: QpsProblem[] = scan.errors.map((e) => ({ id: 'xmlSyntax', args: { message: e.message }, start: e.start, end: e.end }));
  const root = scan.roots[0];
  if (!root) return problems;
  if (root.name !== catalog.root) {
    problems.push({ id: 'wrongRoot', args: { expected: catalog.root, name: root.name }, start: root.nameStart, end: root.nameEnd });
    return problems;
  }
  for (const child of root.children) {
    const spec = catalog.rootChildren.get(child.name);
    if (!spec) {
      const suggestion = closest(child.name, catalog.rootChildren.keys());
      problems.push({
        id: 'unknownElement',
        args: { name: child.name, parent: root.name, allowed: [...catalog.rootChildren.keys()].join(', '), hint: suggestion ? ` Did you mean <${suggestion}>?` : '' },
        start: child.nameStart,
        end: child.nameEnd,
        ...(suggestion ? { suggestion } : {}),
      });
      continue;
    }
    if (child.name !== 'data') continue;
    for (const object of child.children) {
      const objectSpec = catalog.objects.get(object.name);
      if (expectedObject && object.name !== expectedObject) {
        problems.push({ id: 'wrongObject', args: { expected: expectedObject, name: object.name }, start: object.nameStart, end: object.nameEnd });
        continue;
      }
      if (!objectSpec) continue;
      walk(catalog, objectSpec, object, problems);
      checkRules(catalog, object, problems);
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
