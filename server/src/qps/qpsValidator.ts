/**
 * Checks a QPS ServiceRequest body against the QPS catalog (server/data/qps/): the element tree,
 * every leaf value (enumerations, integer ranges, dates), performance keys and their ranges,
 * blackout hours and day flags, the rules between elements (GovCloud excludes all regions), the
 * Criteria of `filters` (qpsCriteria.ts) and, in a request file, the parts the operation uses.
 */
import type { XmlElement } from '../xml/xmlNodes';
import { nearMiss, NearMissMemo } from '../common/nearMiss';
import type { QpsCatalog, QpsElementSpec, QpsObjectSpec, QpsRequestContext, QpsValueType } from './qpsCatalogTypes';
import { checkCriteria, isQpsDate } from './qpsCriteria';
import type { QpsMessageId } from './qpsMessages';
import { childElement, childElements, elementValue, parseQpsXml, type QpsXml } from './qpsXml';

const memo = new NearMissMemo();

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

function checkValue(xml: QpsXml, name: string, spec: QpsValueType, element: XmlElement, problems: QpsProblem[], placeholder?: RegExp): void {
  const value = elementValue(xml, element).text;
  const at = valueRange(xml, element);
  if (value === '') {
    if (!spec.allowEmpty && spec.type !== 'string') problems.push({ id: 'emptyValue', args: { name }, ...at });
    return;
  }
  // A value filled in later ({{limit}}, ${ids.length}, $tcount) is not checked.
  if (placeholder?.test(value)) return;
  if (spec.type === 'enum') {
    const values = spec.values ?? [];
    if (values.includes(value)) return;
    const suggestion = nearMiss(value, values);
    problems.push({
      id: spec.strict ? 'badEnum' : 'badEnumLoose',
      args: { name, value, allowed: values.join(', '), hint: suggestion ? ` Did you mean '${suggestion}'?` : '' },
      ...at,
      ...(suggestion ? { suggestion } : {}),
    });
  } else if (spec.type === 'integer') {
    if (!/^-?\d+$/.test(value)) {
      problems.push({ id: 'badInteger', args: { name, value }, ...at });
      return;
    }
    const n = Number(value);
    if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
      problems.push({ id: 'outOfRange', args: { name, value, range: rangeText(spec) }, ...at });
    } else if (spec.softMax !== undefined && n > spec.softMax) {
      problems.push({ id: 'softRange', args: { name, value, range: rangeText({ ...spec, max: spec.softMax }) }, ...at });
    }
  } else if (spec.type === 'date' && !isQpsDate(value)) {
    problems.push({ id: 'badDate', args: { name, value }, ...at });
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
  if (valueElement) checkValue(xml, key, spec, valueElement, problems, catalog.placeholder);
}

/** Where an element is checked: the object the Criteria of `filters` refer to, and the request's context. */
interface WalkScope {
  readonly object: QpsObjectSpec | undefined;
  readonly context: QpsRequestContext | undefined;
}

function walk(xml: QpsXml, catalog: QpsCatalog, spec: QpsElementSpec, element: XmlElement, problems: QpsProblem[], scope: WalkScope): void {
  if (spec.role === 'criteria') checkCriteria(xml, catalog, element, scope.object, scope.context, problems);
  if (spec.value) {
    checkValue(xml, element.name, spec.value, element, problems, catalog.placeholder);
    return;
  }
  if (!spec.children) return;
  const counts = new Map<string, number>();
  const seenKeys = new Set<string>();
  for (const child of childElements(element)) {
    const childSpec = spec.children.get(child.name);
    if (!childSpec) {
      if (spec.open) continue;
      if (spec.partial) {
        const children = spec.children;
        const near = memo.nearMiss(children, child.name, () => children.keys());
        if (near) problems.push({ id: 'unknownElementNear', args: { name: child.name, parent: element.name, suggestion: near }, ...nameRange(xml, child), suggestion: near });
        continue;
      }
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
    walk(xml, catalog, childSpec, child, problems, scope);
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

/** The object Criteria refer to: the endpoint's, else the first catalogued object in `<data>` (a bare `.xml` file). */
export function criteriaObject(catalog: QpsCatalog, root: XmlElement, expectedObject: string | undefined): QpsObjectSpec | undefined {
  if (expectedObject) return catalog.objects.get(expectedObject);
  const data = childElement(root, 'data');
  for (const object of data ? childElements(data) : []) {
    const spec = catalog.objects.get(object.name);
    if (spec) return spec;
  }
  return undefined;
}

/**
 * Validates text[from, to) as a ServiceRequest. `expectedObject` is the object the endpoint takes
 * (from the request catalog), when known; `context` what the request's operation says of the body;
 * `xml` the body already parsed, when the caller has it.
 */
export function validateServiceRequest(
  catalog: QpsCatalog,
  text: string,
  from = 0,
  to = text.length,
  expectedObject?: string,
  context?: QpsRequestContext,
  xml: QpsXml = parseQpsXml(text, from, to),
): QpsProblem[] {
  const problems: QpsProblem[] = xml.document.problems.map((p) => ({ id: 'xmlSyntax', args: { message: p.message.replace(/\.$/, '') }, start: xml.base + p.start, end: xml.base + p.end }));
  const root = xml.document.root;
  if (!root) return problems;
  if (root.name !== catalog.root) {
    problems.push({ id: 'wrongRoot', args: { expected: catalog.root, name: root.name }, ...nameRange(xml, root) });
    return problems;
  }
  const scope: WalkScope = { object: criteriaObject(catalog, root, expectedObject), context };
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
    if (context?.parts && !context.parts.includes(child.name)) {
      const parts = context.parts.length ? context.parts.map((p) => `<${p}>`).join(', ') : 'no body content';
      problems.push({ id: 'unexpectedPart', args: { operation: context.operation ?? 'this', part: child.name, parts }, ...nameRange(xml, child) });
      continue;
    }
    if (child.name !== 'data') {
      walk(xml, catalog, spec, child, problems, scope);
      continue;
    }
    for (const object of childElements(child)) {
      if (expectedObject && object.name !== expectedObject) {
        problems.push({ id: 'wrongObject', args: { expected: expectedObject, name: object.name }, ...nameRange(xml, object) });
        continue;
      }
      const objectSpec = catalog.objects.get(object.name);
      if (!objectSpec) continue;
      walk(xml, catalog, objectSpec, object, problems, scope);
      checkRules(xml, catalog, object, problems);
    }
  }
  return problems;
}

/** The catalog entry of an element, found by walking from the root; undefined outside the catalog. */
export function specOf(catalog: QpsCatalog, element: XmlElement): QpsElementSpec | undefined {
  const path: XmlElement[] = [];
  for (let e: XmlElement | undefined = element; e; e = e.parent) path.push(e);
  path.reverse();
  if (path[0]?.name !== catalog.root) return undefined;
  if (path.length === 1) return { name: catalog.root, description: 'A QPS request.', source: '', children: catalog.rootChildren, repeat: false, open: false, partial: false };
  let spec = catalog.rootChildren.get(path[1]!.name);
  if (!spec) return undefined;
  let i = 2;
  if (path[1]!.name === 'data') {
    if (path.length === 2) return { ...spec, children: catalog.objects };
    spec = catalog.objects.get(path[2]!.name);
    i = 3;
  }
  for (; spec && i < path.length; i++) spec = spec.children?.get(path[i]!.name);
  return spec;
}
