/**
 * Loads server/data/qps-catalog.json: the element trees of QPS ServiceRequest bodies, their value
 * types and the rules between elements. Checked at load so that a bad edit fails the tests.
 */
import { readFileSync } from 'node:fs';
import { dataPath } from '../util/dataPath';

export interface QpsValueType {
  readonly type: 'string' | 'integer' | 'enum';
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly allowEmpty?: boolean;
  /** false: a value outside `values` is a warning, not an error. */
  readonly strict: boolean;
}

export interface QpsElementSpec {
  readonly name: string;
  readonly description: string;
  readonly value?: QpsValueType;
  readonly children?: ReadonlyMap<string, QpsElementSpec>;
  readonly repeat: boolean;
  /** Unknown children are not reported (the catalog of this element is partial). */
  readonly open: boolean;
  /** The element is a key/value pair checked against this table of keys. */
  readonly keyValue?: string;
}

export interface QpsKeySpec extends QpsValueType {
  readonly key: string;
  readonly label: string;
  readonly description: string;
}

export interface QpsRule {
  readonly kind: 'excludes';
  readonly object: string;
  readonly if: { readonly element: string; readonly equals: string };
  readonly then: { readonly element: string; readonly equals: string };
  readonly source: string;
}

export interface QpsCatalog {
  readonly root: string;
  readonly rootChildren: ReadonlyMap<string, QpsElementSpec>;
  readonly objects: ReadonlyMap<string, QpsElementSpec>;
  readonly keyValues: ReadonlyMap<string, ReadonlyMap<string, QpsKeySpec>>;
  readonly rules: readonly QpsRule[];
}

type Json = Record<string, unknown>;

export class QpsCatalogError extends Error {}

function valueType(raw: Json, types: Json, where: string): QpsValueType | undefined {
  let source = raw;
  if (typeof raw.ref === 'string') {
    const ref = types[raw.ref];
    if (!ref || typeof ref !== 'object') throw new QpsCatalogError(`qps catalog, ${where}: unknown type '${raw.ref}'`);
    source = ref as Json;
  }
  const type = source.type;
  if (type === undefined) return undefined;
  if (type !== 'string' && type !== 'integer' && type !== 'enum') throw new QpsCatalogError(`qps catalog, ${where}: unknown type '${String(type)}'`);
  if (type === 'enum' && !Array.isArray(source.values)) throw new QpsCatalogError(`qps catalog, ${where}: an enum needs values`);
  return {
    type,
    ...(Array.isArray(source.values) ? { values: source.values as string[] } : {}),
    ...(typeof source.min === 'number' ? { min: source.min } : {}),
    ...(typeof source.max === 'number' ? { max: source.max } : {}),
    ...(raw.allowEmpty === true ? { allowEmpty: true } : {}),
    strict: source.strict !== false,
  };
}

function element(name: string, raw: unknown, types: Json, keyTables: Json, where: string): QpsElementSpec {
  if (!raw || typeof raw !== 'object') throw new QpsCatalogError(`qps catalog, ${where}: expected an object`);
  const json = raw as Json;
  const value = valueType(json, types, where);
  let children: Map<string, QpsElementSpec> | undefined;
  if (json.children !== undefined) {
    if (value) throw new QpsCatalogError(`qps catalog, ${where}: an element has a value or children, not both`);
    children = new Map();
    for (const [child, spec] of Object.entries(json.children as Json)) children.set(child, element(child, spec, types, keyTables, `${where}/${child}`));
  }
  if (typeof json.keyValue === 'string' && !(json.keyValue in keyTables)) throw new QpsCatalogError(`qps catalog, ${where}: unknown key table '${json.keyValue}'`);
  return {
    name,
    description: typeof json.description === 'string' ? json.description : '',
    ...(value ? { value } : {}),
    ...(children ? { children } : {}),
    repeat: json.repeat === true,
    open: json.open === true,
    ...(typeof json.keyValue === 'string' ? { keyValue: json.keyValue } : {}),
  };
}

export function buildQpsCatalog(raw: unknown): QpsCatalog {
  const root = raw as Json;
  if (!root || root.version !== 1) throw new QpsCatalogError('qps catalog: unsupported version');
  const types = (root.types ?? {}) as Json;
  const keyTables = (root.keyValues ?? {}) as Json;
  const keyValues = new Map<string, Map<string, QpsKeySpec>>();
  for (const [table, keys] of Object.entries(keyTables)) {
    const map = new Map<string, QpsKeySpec>();
    for (const [key, spec] of Object.entries(keys as Json)) {
      const json = spec as Json;
      const value = valueType(json, types, `keyValues.${table}.${key}`);
      if (!value) throw new QpsCatalogError(`qps catalog, keyValues.${table}.${key}: needs a type`);
      map.set(key, { ...value, key, label: String(json.label ?? key), description: String(json.description ?? '') });
    }
    keyValues.set(table, map);
  }
  const objects = new Map<string, QpsElementSpec>();
  for (const [name, spec] of Object.entries((root.objects ?? {}) as Json)) objects.set(name, element(name, spec, types, keyTables, `objects.${name}`));
  const rootChildren = new Map<string, QpsElementSpec>();
  for (const [name, spec] of Object.entries((root.rootChildren ?? {}) as Json)) rootChildren.set(name, element(name, spec, types, keyTables, `rootChildren.${name}`));
  const rules = (root.rules ?? []) as QpsRule[];
  for (const rule of rules) {
    if (rule.kind !== 'excludes' || !objects.get(rule.object)?.children?.has(rule.if.element) || !objects.get(rule.object)?.children?.has(rule.then.element)) {
      throw new QpsCatalogError(`qps catalog: rule on ${rule.object} names unknown elements`);
    }
  }
  return { root: String(root.root), rootChildren, objects, keyValues, rules };
}

let cached: QpsCatalog | undefined;

export function loadQpsCatalog(): QpsCatalog {
  cached ??= buildQpsCatalog(JSON.parse(readFileSync(dataPath('qps-catalog.json'), 'utf8')) as unknown);
  return cached;
}
