/**
 * `filters/Criteria` of a ServiceRequest: the `field` attribute against the object's criteria
 * fields, the `operator` against the documented operators (of the field's type, or the field's
 * own list), and the value against the field's type (integers, dates, booleans, keywords).
 * A field, operator or value that is a placeholder (`{{x}}`, `${x}`, `%s`) is not checked.
 */
import type { XmlAttribute, XmlElement } from '../xml/xmlNodes';
import { decodeReferences } from '../xml/xmlNodes';
import { nearMiss, NearMissMemo } from '../common/nearMiss';
import type { QpsCatalog, QpsCriteriaField, QpsObjectSpec, QpsRequestContext } from './qpsCatalogTypes';
import type { QpsProblem } from './qpsValidator';
import { elementValue, type QpsXml } from './qpsXml';

const memo = new NearMissMemo();

export function attribute(element: XmlElement, name: string): XmlAttribute | undefined {
  for (const a of element.attributes) if (a.name === name) return a;
  return undefined;
}

/** The decoded value of an attribute and its absolute range (the value between the quotes). */
export function attributeValue(xml: QpsXml, attr: XmlAttribute): { text: string; start: number; end: number } {
  const start = xml.base + (attr.valueStart ?? attr.nameEnd);
  const end = xml.base + (attr.valueEnd ?? attr.nameEnd);
  return { text: decodeReferences(attr.value ?? ''), start, end };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** YYYY-MM-DD with an optional time (seconds, fractions and a zone are optional): what Qualys and the clients that call it write. */
export function isQpsDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate()) return false;
  return m[4] === undefined || (Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6] ?? 0) <= 59);
}

/** The Criteria's own problems: the attributes, the operator for the field, the value for its type. */
export function checkCriteria(xml: QpsXml, catalog: QpsCatalog, element: XmlElement, object: QpsObjectSpec | undefined, context: QpsRequestContext | undefined, problems: QpsProblem[]): void {
  const nameAt = { start: xml.base + element.nameStart, end: xml.base + element.nameEnd };
  const fieldAttr = attribute(element, 'field');
  const operatorAttr = attribute(element, 'operator');
  if (!fieldAttr) problems.push({ id: 'missingAttribute', args: { attribute: 'field' }, ...nameAt });
  if (!operatorAttr) problems.push({ id: 'missingAttribute', args: { attribute: 'operator' }, ...nameAt });
  const field = fieldAttr && attributeValue(xml, fieldAttr);
  const operator = operatorAttr && attributeValue(xml, operatorAttr);
  const isPlaceholder = (text: string): boolean => catalog.placeholder.test(text);

  let spec: QpsCriteriaField | undefined;
  if (field && object && field.text && !isPlaceholder(field.text)) {
    spec = object.criteria.get(field.text);
    if (!spec) reportUnknownField(object, field, problems);
  }

  let op: string | undefined;
  if (operator && operator.text && !isPlaceholder(operator.text)) {
    if (!catalog.operators.has(operator.text)) {
      const suggestion = nearMiss(operator.text, catalog.operators.keys());
      problems.push({
        id: 'unknownOperator',
        args: { operator: operator.text, allowed: [...catalog.operators.keys()].join(', '), hint: suggestion ? ` Did you mean '${suggestion}'?` : '' },
        start: operator.start,
        end: operator.end,
        ...(suggestion ? { suggestion } : {}),
      });
    } else {
      op = operator.text;
      // A field's own documented list is a warning; the table by type is not: Qualys' own scripts use CONTAINS on IDs and booleans, qualysdk IN on names.
      if (spec && !spec.operators.includes(op)) {
        problems.push({ id: spec.ownOperators ? 'operatorNotForField' : 'operatorNotForType', args: { operator: op, field: spec.name, type: spec.type, allowed: spec.operators.join(', ') }, start: operator.start, end: operator.end });
      }
      if (context?.forbiddenOperators?.includes(op)) {
        problems.push({ id: 'operatorForbidden', args: { operator: op, operation: context.operation ?? 'this' }, start: operator.start, end: operator.end });
      }
    }
  }
  if (spec && op && op !== 'NONE' && op !== 'IS EMPTY') checkCriteriaValue(xml, catalog, element, spec, op, problems);
}

function reportUnknownField(object: QpsObjectSpec, field: { text: string; start: number; end: number }, problems: QpsProblem[]): void {
  const at = { start: field.start, end: field.end };
  const suggestion = memo.nearMiss(object.criteria, field.text, () => object.criteria.keys());
  if (object.criteriaComplete) {
    problems.push({
      id: 'unknownField',
      args: { field: field.text, object: object.name, allowed: [...object.criteria.keys()].join(', '), hint: suggestion ? ` Did you mean '${suggestion}'?` : '' },
      ...at,
      ...(suggestion ? { suggestion } : {}),
    });
  } else if (suggestion) {
    problems.push({ id: 'unknownFieldNear', args: { field: field.text, object: object.name, suggestion }, ...at, suggestion });
  } else {
    problems.push({ id: 'unknownFieldInfo', args: { field: field.text, object: object.name }, ...at });
  }
}

function checkCriteriaValue(xml: QpsXml, catalog: QpsCatalog, element: XmlElement, spec: QpsCriteriaField, op: string, problems: QpsProblem[]): void {
  const value = elementValue(xml, element);
  const at = value.text ? { start: value.start, end: value.end } : { start: xml.base + element.nameStart, end: xml.base + element.nameEnd };
  if (catalog.placeholder.test(value.text)) return;
  if (value.text === '') {
    if (spec.type !== 'text' && spec.type !== 'keyword') problems.push({ id: 'criteriaEmpty', args: { field: spec.name, operator: op }, ...at });
    return;
  }
  const items = op === 'IN' ? value.text.split(',').map((item) => item.trim()) : [value.text];
  switch (spec.type) {
    case 'integer':
      if (!items.every((item) => /^-?\d+$/.test(item))) problems.push({ id: 'criteriaInteger', args: { field: spec.name, what: op === 'IN' ? 'integers separated by commas' : 'an integer', value: value.text }, ...at });
      break;
    case 'date':
      if (!items.every(isQpsDate)) problems.push({ id: 'criteriaDate', args: { field: spec.name, value: value.text }, ...at });
      break;
    case 'boolean':
      if (!/^(true|false)$/i.test(value.text)) problems.push({ id: 'criteriaBoolean', args: { field: spec.name, value: value.text }, ...at });
      break;
    case 'keyword': {
      const values = spec.values;
      if (!values) break;
      const bad = items.find((item) => !values.some((v) => v.toLowerCase() === item.toLowerCase()));
      if (bad === undefined) break;
      const suggestion = nearMiss(bad, values);
      problems.push({
        id: 'criteriaKeyword',
        args: { value: bad, field: spec.name, allowed: values.join(', '), hint: suggestion ? ` Did you mean '${suggestion}'?` : '' },
        ...at,
        ...(suggestion && items.length === 1 ? { suggestion } : {}),
      });
      break;
    }
    default:
      break;
  }
}
