/**
 * Loads server/data/qps/*.json (`shared.json`: the ServiceRequest envelope, value types, Criteria
 * operators; one file per module: its objects, criteria fields, key tables and rules) and checks it
 * at load, so that a bad edit fails the tests with a message naming the entry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath } from '../util/dataPath';
import type {
  QpsCatalog,
  QpsCriteriaField,
  QpsCriteriaType,
  QpsCriteriaTypeSpec,
  QpsElementSpec,
  QpsKeySpec,
  QpsObjectSpec,
  QpsOperatorSpec,
  QpsRule,
  QpsValueType,
} from './qpsCatalogTypes';

export type { QpsCatalog, QpsElementSpec, QpsKeySpec, QpsObjectSpec, QpsRule, QpsValueType } from './qpsCatalogTypes';

type Json = Record<string, unknown>;

export class QpsCatalogError extends Error {}

const criteriaTypeNames: readonly QpsCriteriaType[] = ['integer', 'text', 'date', 'keyword', 'boolean'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(where: string, message: string): never {
  throw new QpsCatalogError(`qps catalog, ${where}: ${message}`);
}

function strings(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(where, 'expected an array of strings');
  return value as string[];
}

/** The checked context every entry is built in. */
interface Scope {
  readonly types: Json;
  readonly keyTables: Json;
  readonly sources: Json;
}

function sourceOf(raw: Json, inherited: string, scope: Scope, where: string): string {
  if (raw.source === undefined) return inherited;
  if (typeof raw.source !== 'string' || !(raw.source in scope.sources)) fail(where, `unknown source '${String(raw.source)}'`);
  return raw.source;
}

function valueType(raw: Json, scope: Scope, where: string): QpsValueType | undefined {
  let source = raw;
  if (typeof raw.ref === 'string') {
    const ref = scope.types[raw.ref];
    if (!isObject(ref)) fail(where, `unknown type '${raw.ref}'`);
    source = ref;
  }
  const type = source.type;
  if (type === undefined) return undefined;
  if (type !== 'string' && type !== 'integer' && type !== 'enum' && type !== 'date') fail(where, `unknown type '${String(type)}'`);
  if (type === 'enum' && !Array.isArray(source.values)) fail(where, 'an enum needs values');
  return {
    type,
    ...(Array.isArray(source.values) ? { values: strings(source.values, where)! } : {}),
    ...(typeof source.min === 'number' ? { min: source.min } : {}),
    ...(typeof source.max === 'number' ? { max: source.max } : {}),
    ...(typeof source.softMax === 'number' ? { softMax: source.softMax } : {}),
    ...(raw.allowEmpty === true ? { allowEmpty: true } : {}),
    strict: source.strict !== false,
  };
}

function element(name: string, raw: unknown, scope: Scope, inheritedSource: string, where: string): QpsElementSpec {
  if (!isObject(raw)) fail(where, 'expected an object');
  const source = sourceOf(raw, inheritedSource, scope, where);
  const value = valueType(raw, scope, where);
  let children: Map<string, QpsElementSpec> | undefined;
  if (raw.children !== undefined) {
    if (value) fail(where, 'an element has a value or children, not both');
    if (!isObject(raw.children)) fail(where, 'children must be an object');
    children = new Map();
    for (const [child, spec] of Object.entries(raw.children)) children.set(child, element(child, spec, scope, source, `${where}/${child}`));
  }
  if (typeof raw.keyValue === 'string' && !(raw.keyValue in scope.keyTables)) fail(where, `unknown key table '${raw.keyValue}'`);
  if (raw.role !== undefined && raw.role !== 'criteria') fail(where, `unknown role '${String(raw.role)}'`);
  if (raw.open === true && raw.partial === true) fail(where, 'an element is open or partial, not both');
  return {
    name,
    description: typeof raw.description === 'string' ? raw.description : '',
    source,
    ...(value ? { value } : {}),
    ...(children ? { children } : {}),
    repeat: raw.repeat === true,
    open: raw.open === true,
    partial: raw.partial === true,
    ...(typeof raw.keyValue === 'string' ? { keyValue: raw.keyValue } : {}),
    ...(raw.role === 'criteria' ? { role: 'criteria' as const } : {}),
  };
}

function criteriaField(name: string, raw: unknown, types: ReadonlyMap<QpsCriteriaType, QpsCriteriaTypeSpec>, operators: ReadonlyMap<string, QpsOperatorSpec>, scope: Scope, inherited: string, where: string): QpsCriteriaField {
  if (!isObject(raw)) fail(where, 'expected an object');
  const type = raw.type as QpsCriteriaType;
  const typeSpec = types.get(type);
  if (!typeSpec) fail(where, `unknown criteria type '${String(raw.type)}' (known: ${criteriaTypeNames.join(', ')})`);
  const own = strings(raw.operators, `${where}.operators`);
  for (const op of own ?? []) if (!operators.has(op)) fail(where, `unknown operator '${op}'`);
  const values = strings(raw.values, `${where}.values`);
  if (values && type !== 'keyword') fail(where, 'only keyword fields have values');
  return {
    name,
    type,
    operators: own ?? typeSpec.operators,
    ownOperators: own !== undefined,
    ...(values ? { values } : {}),
    description: typeof raw.description === 'string' ? raw.description : '',
    source: sourceOf(raw, inherited, scope, where),
  };
}

function objectSpec(name: string, raw: unknown, scope: Scope, types: ReadonlyMap<QpsCriteriaType, QpsCriteriaTypeSpec>, operators: ReadonlyMap<string, QpsOperatorSpec>): QpsObjectSpec {
  const where = `objects.${name}`;
  if (!isObject(raw)) fail(where, 'expected an object');
  if (typeof raw.source !== 'string') fail(where, 'an object needs a source');
  const base = element(name, raw, scope, '', where);
  const criteria = new Map<string, QpsCriteriaField>();
  if (raw.criteria !== undefined) {
    if (!isObject(raw.criteria)) fail(where, 'criteria must be an object');
    for (const [field, spec] of Object.entries(raw.criteria)) criteria.set(field, criteriaField(field, spec, types, operators, scope, base.source, `${where}.criteria.${field}`));
  }
  return { ...base, criteria, criteriaComplete: raw.criteriaComplete === true };
}

/** Builds the catalog from the merged document (see `mergeQpsFiles`). */
export function buildQpsCatalog(raw: unknown): QpsCatalog {
  if (!isObject(raw) || raw.version !== 1) fail('root', 'unsupported version');
  const sources = isObject(raw.sources) ? raw.sources : {};
  const scope: Scope = { types: isObject(raw.types) ? raw.types : {}, keyTables: isObject(raw.keyValues) ? raw.keyValues : {}, sources };

  const operators = new Map<string, QpsOperatorSpec>();
  for (const [op, spec] of Object.entries(isObject(raw.operators) ? raw.operators : {})) {
    if (!isObject(spec)) fail(`operators.${op}`, 'expected an object');
    operators.set(op, { name: op, description: String(spec.description ?? ''), source: sourceOf(spec, '', scope, `operators.${op}`) });
  }
  const criteriaTypes = new Map<QpsCriteriaType, QpsCriteriaTypeSpec>();
  for (const [type, spec] of Object.entries(isObject(raw.criteriaTypes) ? raw.criteriaTypes : {})) {
    const where = `criteriaTypes.${type}`;
    if (!criteriaTypeNames.includes(type as QpsCriteriaType) || !isObject(spec)) fail(where, 'unknown criteria type');
    const ops = strings(spec.operators, `${where}.operators`) ?? [];
    for (const op of ops) if (!operators.has(op)) fail(where, `unknown operator '${op}'`);
    criteriaTypes.set(type as QpsCriteriaType, { operators: ops, description: String(spec.description ?? ''), source: sourceOf(spec, '', scope, where) });
  }

  const keyValues = new Map<string, Map<string, QpsKeySpec>>();
  for (const [table, keys] of Object.entries(scope.keyTables)) {
    const map = new Map<string, QpsKeySpec>();
    for (const [key, spec] of Object.entries(keys as Json)) {
      const json = spec as Json;
      const value = valueType(json, scope, `keyValues.${table}.${key}`);
      if (!value) fail(`keyValues.${table}.${key}`, 'needs a type');
      map.set(key, { ...value, key, label: String(json.label ?? key), description: String(json.description ?? '') });
    }
    keyValues.set(table, map);
  }
  const objects = new Map<string, QpsObjectSpec>();
  for (const [name, spec] of Object.entries(isObject(raw.objects) ? raw.objects : {})) objects.set(name, objectSpec(name, spec, scope, criteriaTypes, operators));
  const rootChildren = new Map<string, QpsElementSpec>();
  for (const [name, spec] of Object.entries(isObject(raw.rootChildren) ? raw.rootChildren : {})) rootChildren.set(name, element(name, spec, scope, '', `rootChildren.${name}`));
  const rules = (raw.rules ?? []) as QpsRule[];
  for (const rule of rules) {
    if (rule.kind !== 'excludes' || !objects.get(rule.object)?.children?.has(rule.if.element) || !objects.get(rule.object)?.children?.has(rule.then.element)) {
      throw new QpsCatalogError(`qps catalog: rule on ${rule.object} names unknown elements`);
    }
    sourceOf(rule as unknown as Json, '', scope, `rule on ${rule.object}`);
  }
  let placeholder: RegExp;
  try {
    placeholder = new RegExp(typeof raw.placeholder === 'string' ? raw.placeholder : '(?!)');
  } catch {
    fail('placeholder', 'not a regular expression');
  }
  return { root: String(raw.root), sources: sources as Record<string, string>, rootChildren, objects, keyValues, rules, operators, criteriaTypes, placeholder };
}

/** Sections a module file may add to; a key two files define is refused, naming both. */
const keyedSections = ['sources', 'types', 'objects', 'keyValues', 'operators', 'criteriaTypes'] as const;
/** Sections only `shared.json` holds. */
const sharedOnly = ['version', 'root', 'rootChildren', 'placeholder'] as const;

/** One document from the catalog files: keyed sections united, `rules` concatenated. */
export function mergeQpsFiles(files: readonly { readonly name: string; readonly json: unknown }[]): Json {
  const root: Json = { rules: [] };
  const owner = new Map<string, string>();
  for (const { name, json } of files) {
    if (!isObject(json)) fail(name, 'expected an object');
    for (const key of sharedOnly) {
      if (json[key] === undefined) continue;
      if (name !== 'shared.json') fail(name, `'${key}' belongs in shared.json`);
      root[key] = json[key];
    }
    for (const section of keyedSections) {
      const part = json[section];
      if (part === undefined) continue;
      if (!isObject(part)) fail(`${name} ${section}`, 'expected an object');
      const target = (root[section] ??= {}) as Json;
      for (const [key, value] of Object.entries(part)) {
        const previous = owner.get(`${section}.${key}`);
        if (previous !== undefined) fail(`${name} ${section}.${key}`, `already defined in ${previous}`);
        owner.set(`${section}.${key}`, name);
        target[key] = value;
      }
    }
    if (json.rules !== undefined) {
      if (!Array.isArray(json.rules)) fail(`${name} rules`, 'expected an array');
      (root.rules as unknown[]).push(...(json.rules as unknown[]));
    }
  }
  return root;
}

/** The catalog files in load order: `shared.json` first, then the module files by name. */
export function readQpsFiles(dir = join(dataPath('qps/shared.json'), '..')): { name: string; json: unknown }[] {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort((a, b) => (a === 'shared.json' ? -1 : b === 'shared.json' ? 1 : a.localeCompare(b)));
  return names.map((name) => ({ name, json: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown }));
}

let cached: QpsCatalog | undefined;

export function loadQpsCatalog(): QpsCatalog {
  cached ??= buildQpsCatalog(mergeQpsFiles(readQpsFiles()));
  return cached;
}
