/**
 * Loads the request catalog (server/data/catalog/*.json: `shared.json` and one file per endpoint
 * family) and checks it at load time: a catalog with an unknown parameter type, a rule that names a
 * parameter no action has, or a source that is not listed is rejected with a message naming the
 * entry, so a bad edit of the data fails the tests at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveValueKinds, type LiveValueKind } from '../../../protocol';
import { dataPath } from '../util/dataPath';
import {
  qpsBodyParts,
  xmlBodyKinds,
  type QpsOperationSpec,
  type XmlBodyKind,
  type ActionSpec,
  type Condition,
  type EndpointSpec,
  type KnownPath,
  type LegacySpec,
  type ParamSpec,
  type ParamType,
  type RequestCatalog,
  type Rule,
  type VersionSpec,
} from './catalogTypes';
import { JsonSpecError, parseJsonBodySpec, type JsonBodySpec } from './jsonBodySpec';
import { versionOf, withVersion } from './pathForms';

export class CatalogError extends Error {
  constructor(readonly where: string, message: string) {
    super(`request catalog, ${where}: ${message}`);
  }
}

type Json = Record<string, unknown>;
const paramTypes: readonly ParamType[] = ['string', 'integer', 'enum', 'date', 'idList', 'ipList'];
const ruleKinds = ['requiredWhen', 'onlyWhen', 'conflicts', 'together', 'oneOf', 'singleValue', 'formatWhen'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new CatalogError(where, 'expected an array of strings');
  return value as string[];
}

function str(value: unknown, where: string, optional = false): string {
  if (value === undefined && optional) return '';
  if (typeof value !== 'string') throw new CatalogError(where, 'expected a string');
  return value;
}

function num(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new CatalogError(where, 'expected a number');
  return value;
}

function parseParam(name: string, raw: unknown, where: string, sources: Json): ParamSpec {
  if (!isObject(raw)) throw new CatalogError(where, 'expected an object');
  const type = raw.type as ParamType;
  if (!paramTypes.includes(type)) throw new CatalogError(where, `unknown type '${String(raw.type)}'`);
  const source = str(raw.source, `${where}.source`);
  if (!(source in sources)) throw new CatalogError(where, `unknown source '${source}'`);
  const values = stringArray(raw.values, `${where}.values`);
  if (type === 'enum' && (!values || values.length === 0)) throw new CatalogError(where, 'an enum needs values');
  const live = raw.live as LiveValueKind | undefined;
  if (live !== undefined && !liveValueKinds.includes(live)) throw new CatalogError(where, `unknown live value kind '${String(live)}'`);
  if (raw.aliases !== undefined && !isObject(raw.aliases)) throw new CatalogError(`${where}.aliases`, 'expected an object');
  const pattern = raw.pattern === undefined ? undefined : new RegExp(str(raw.pattern, `${where}.pattern`));
  const spec: ParamSpec = {
    name,
    type,
    description: str(raw.description, `${where}.description`),
    source,
    ...(values ? { values } : {}),
    ...(raw.aliases ? { aliases: raw.aliases as Record<string, string> } : {}),
    ...(raw.multiple === true ? { multiple: true } : {}),
    ...(raw.caseInsensitive === true ? { caseInsensitive: true } : {}),
    ...(raw.default !== undefined ? { default: str(raw.default, `${where}.default`) } : {}),
    ...(raw.required === true ? { required: true } : {}),
    ...(raw.requiredFor ? { requiredFor: stringArray(raw.requiredFor, `${where}.requiredFor`)! } : {}),
    ...(raw.actions ? { actions: stringArray(raw.actions, `${where}.actions`)! } : {}),
    ...(raw.min !== undefined ? { min: num(raw.min, `${where}.min`)! } : {}),
    ...(raw.max !== undefined ? { max: num(raw.max, `${where}.max`)! } : {}),
    ...(raw.minLength !== undefined ? { minLength: num(raw.minLength, `${where}.minLength`)! } : {}),
    ...(raw.maxLength !== undefined ? { maxLength: num(raw.maxLength, `${where}.maxLength`)! } : {}),
    ...(raw.ascii === true ? { ascii: true } : {}),
    ...(pattern ? { pattern, patternText: str(raw.patternText, `${where}.patternText`) } : {}),
    ...(live ? { live } : {}),
    ...(raw.liveGroup !== undefined ? { liveGroup: str(raw.liveGroup, `${where}.liveGroup`) } : {}),
  };
  if (spec.liveGroup !== undefined && !live) throw new CatalogError(where, 'liveGroup needs live');
  if (spec.default !== undefined && values && !values.includes(spec.default)) {
    throw new CatalogError(where, `default '${spec.default}' is not one of its values`);
  }
  return spec;
}

function parseCondition(raw: unknown, where: string): Condition {
  if (!isObject(raw)) throw new CatalogError(where, 'expected a condition object');
  const inValues = stringArray(raw.in, `${where}.in`);
  if (!inValues && raw.present !== true) throw new CatalogError(where, 'a condition needs `in` or `present: true`');
  return { param: str(raw.param, `${where}.param`), ...(inValues ? { in: inValues } : {}), ...(raw.present === true ? { present: true } : {}) };
}

function parseRule(raw: unknown, where: string, sources: Json): Rule {
  if (!isObject(raw)) throw new CatalogError(where, 'expected a rule object');
  const kind = str(raw.kind, `${where}.kind`);
  if (!ruleKinds.includes(kind)) throw new CatalogError(where, `unknown rule kind '${kind}'`);
  const source = str(raw.source, `${where}.source`);
  if (!(source in sources)) throw new CatalogError(where, `unknown source '${source}'`);
  const actions = stringArray(raw.actions, `${where}.actions`);
  const base = { source, ...(actions ? { actions } : {}) };
  switch (kind) {
    case 'requiredWhen':
    case 'onlyWhen':
      return { ...base, kind, param: str(raw.param, `${where}.param`), when: parseCondition(raw.when, `${where}.when`) };
    case 'conflicts':
    case 'together':
      return { ...base, kind, params: stringArray(raw.params, `${where}.params`) ?? [] };
    case 'oneOf': {
      const companions = raw.companions;
      if (companions !== undefined && !isObject(companions)) throw new CatalogError(`${where}.companions`, 'expected an object');
      return {
        ...base,
        kind,
        params: stringArray(raw.params, `${where}.params`) ?? [],
        required: raw.required === true,
        ...(companions ? { companions: companions as Record<string, string[]> } : {}),
      };
    }
    case 'singleValue':
      return { ...base, kind, param: str(raw.param, `${where}.param`), when: parseCondition(raw.when, `${where}.when`) };
    default:
      if (raw.format !== 'idList') throw new CatalogError(where, 'formatWhen supports format idList');
      return { ...base, kind: 'formatWhen', params: stringArray(raw.params, `${where}.params`) ?? [], format: 'idList', when: parseCondition(raw.when, `${where}.when`) };
  }
}

function ruleParams(rule: Rule): string[] {
  switch (rule.kind) {
    case 'requiredWhen':
    case 'onlyWhen':
    case 'singleValue':
      return [rule.param, rule.when.param];
    case 'formatWhen':
      return [...rule.params, rule.when.param];
    case 'oneOf':
      return [...rule.params, ...Object.values(rule.companions ?? {}).flat()];
    default:
      return [...rule.params];
  }
}

const jsonBodies = new WeakMap<Json, Map<string, JsonBodySpec>>();

/** The JSON body spec an action names, parsed once per catalog. */
function jsonBodyOf(name: unknown, where: string, root: Json, sources: Json): JsonBodySpec | undefined {
  if (name === undefined) return undefined;
  if (typeof name !== 'string') throw new CatalogError(where, 'jsonBody must name an entry of jsonBodies');
  const raw = isObject(root.jsonBodies) ? root.jsonBodies[name] : undefined;
  if (raw === undefined) throw new CatalogError(where, `unknown jsonBody '${name}'`);
  let parsed = jsonBodies.get(root);
  if (!parsed) jsonBodies.set(root, (parsed = new Map()));
  let spec = parsed.get(name);
  if (!spec) {
    try {
      spec = parseJsonBodySpec(name, raw, sources);
    } catch (err) {
      if (err instanceof JsonSpecError) throw new CatalogError(err.where, err.message);
      throw err;
    }
    parsed.set(name, spec);
  }
  return spec;
}

function parseVersions(raw: unknown, path: string, where: string, sources: Json): Map<string, VersionSpec> | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) throw new CatalogError(`${where}.versions`, 'expected an object keyed by version');
  const native = versionOf(path);
  if (!native) throw new CatalogError(where, 'versions need a path with a version segment (e.g. /api/2.0/...)');
  const versions = new Map<string, VersionSpec>();
  for (const [version, spec] of Object.entries(raw)) {
    const at = `${where}.versions.${version}`;
    if (!/^\d+\.\d+$/.test(version)) throw new CatalogError(at, 'a version is digits.digits, e.g. 3.0');
    if (version === native) throw new CatalogError(at, `${version} is the version of the path itself`);
    if (!isObject(spec)) throw new CatalogError(at, 'expected an object');
    const source = str(spec.source, `${at}.source`);
    if (!(source in sources)) throw new CatalogError(at, `unknown source '${source}'`);
    if (spec.completeness !== undefined && spec.completeness !== 'partial') throw new CatalogError(at, 'completeness is "partial" or absent');
    versions.set(version, { version, description: str(spec.description, `${at}.description`), source, partial: spec.completeness === 'partial' });
  }
  return versions;
}

function parseKnownPath(raw: unknown, index: number, sources: Json): KnownPath {
  const where = `knownPaths[${index}]`;
  if (!isObject(raw)) throw new CatalogError(where, 'expected an object');
  const path = str(raw.path, `${where}.path`);
  if (!path.startsWith('/')) throw new CatalogError(where, `path '${path}' must start with /`);
  const source = str(raw.source, `${where}.source`);
  if (!(source in sources)) throw new CatalogError(`known path ${path}`, `unknown source '${source}'`);
  const operations = stringArray(raw.operations, `${where}.operations`);
  return { path, title: str(raw.title, `${where}.title`), source, ...(operations ? { operations } : {}) };
}

/** `replacedBy`: a path of the v2 API (or QPS), optionally with the action that replaces the call. */
const REPLACEMENT = /^\/(?:api\/\d\.\d\/fo|qps\/rest)\/[\w/{}.-]*?(?:\?action=[a-z_]+)?$/;

function parseLegacy(raw: unknown, where: string, sources: Json): LegacySpec | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) throw new CatalogError(where, 'expected an object');
  if (raw.api !== 'v1') throw new CatalogError(`${where}.api`, `unknown API generation '${String(raw.api)}' (known: v1)`);
  const source = str(raw.source, `${where}.source`);
  if (!(source in sources)) throw new CatalogError(where, `unknown source '${source}'`);
  const replacedBy = raw.replacedBy === undefined ? undefined : str(raw.replacedBy, `${where}.replacedBy`);
  if (replacedBy !== undefined && !REPLACEMENT.test(replacedBy)) throw new CatalogError(`${where}.replacedBy`, `'${replacedBy}' is not a v2 path with an optional ?action=`);
  return { api: 'v1', source, ...(replacedBy !== undefined ? { replacedBy } : {}) };
}

function qpsOperationOf(raw: unknown, where: string): QpsOperationSpec | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) throw new CatalogError(where, 'expected an object');
  const parts = stringArray(raw.parts, `${where}.parts`);
  for (const part of parts ?? []) if (!(qpsBodyParts as readonly string[]).includes(part)) throw new CatalogError(where, `unknown part '${part}' (known: ${qpsBodyParts.join(', ')})`);
  const forbiddenOperators = stringArray(raw.forbiddenOperators, `${where}.forbiddenOperators`);
  return { ...(parts ? { parts: parts as QpsOperationSpec['parts'] } : {}), ...(forbiddenOperators ? { forbiddenOperators } : {}) };
}

function parseEndpoint(raw: unknown, index: number, root: Json, sources: Json): EndpointSpec {
  if (!isObject(raw)) throw new CatalogError(`endpoints[${index}]`, 'expected an object');
  const path = str(raw.path, `endpoints[${index}].path`);
  const where = `endpoint ${path}`;
  const globalParams = (root.globalParams ?? {}) as Json;
  const paramSets = (root.paramSets ?? {}) as Json;
  const ruleSets = (root.ruleSets ?? {}) as Json;

  // Own parameters win over shared sets, which win over the global ones.
  const definitions = new Map<string, ParamSpec>();
  const define = (group: unknown, label: string): void => {
    if (!isObject(group)) throw new CatalogError(label, 'expected an object of parameters');
    for (const [name, spec] of Object.entries(group)) definitions.set(name, parseParam(name, spec, `${label}.${name}`, sources));
  };
  define(globalParams, 'globalParams');
  for (const set of stringArray(raw.paramSets, `${where}.paramSets`) ?? []) {
    if (!(set in paramSets)) throw new CatalogError(where, `unknown paramSet '${set}'`);
    define(paramSets[set], `paramSets.${set}`);
  }
  define(raw.params ?? {}, `${where}.params`);

  if (!isObject(raw.actions)) throw new CatalogError(where, 'actions must be an object');
  const actions = new Map<string, ActionSpec>();
  const all = new Map<string, ParamSpec>();
  for (const [name, rawAction] of Object.entries(raw.actions)) {
    const at = `${where} action '${name}'`;
    if (!isObject(rawAction)) throw new CatalogError(at, 'expected an object');
    const params = new Map<string, ParamSpec>();
    for (const param of stringArray(rawAction.params, `${at}.params`) ?? []) {
      const spec = definitions.get(param);
      if (!spec) throw new CatalogError(at, `parameter '${param}' has no definition`);
      if (spec.actions && !spec.actions.includes(name)) continue;
      params.set(param, spec);
      all.set(param, spec);
    }
    const body = rawAction.body as 'xml' | 'json' | undefined;
    const jsonBody = jsonBodyOf(rawAction.jsonBody, at, root, sources);
    if (jsonBody && body !== 'json') throw new CatalogError(at, 'a jsonBody needs body "json"');
    const xmlBody = rawAction.xmlBody as XmlBodyKind | undefined;
    if (xmlBody !== undefined && (!xmlBodyKinds.includes(xmlBody) || body !== 'xml')) throw new CatalogError(at, `unknown xmlBody '${String(xmlBody)}' (known: ${xmlBodyKinds.join(', ')}; needs body "xml")`);
    const qps = qpsOperationOf(rawAction.qps, `${at}.qps`);
    actions.set(name, {
      name,
      description: str(rawAction.description, `${at}.description`),
      changesData: rawAction.changesData === true,
      ...(body ? { body } : {}),
      ...(jsonBody ? { jsonBody } : {}),
      ...(xmlBody ? { xmlBody } : {}),
      ...(qps ? { qps } : {}),
      params,
    });
  }

  const rules: Rule[] = [];
  (raw.rules as unknown[] | undefined ?? []).forEach((rule, i) => {
    if (typeof rule === 'string') {
      const set = ruleSets[rule];
      if (!Array.isArray(set)) throw new CatalogError(where, `unknown ruleSet '${rule}'`);
      set.forEach((r, j) => rules.push(parseRule(r, `ruleSets.${rule}[${j}]`, sources)));
    } else {
      rules.push(parseRule(rule, `${where}.rules[${i}]`, sources));
    }
  });
  for (const rule of rules) {
    for (const name of ruleParams(rule)) {
      if (!all.has(name)) throw new CatalogError(where, `rule ${rule.kind} names '${name}', which no action of the endpoint has`);
    }
  }

  const source = str(raw.source, `${where}.source`);
  if (!(source in sources)) throw new CatalogError(where, `unknown source '${source}'`);
  const host = raw.host === 'gateway' ? 'gateway' : 'api';
  const legacy = parseLegacy(raw.legacy, `${where}.legacy`, sources);
  // A QPS `{operation}` path: its actions are the operations, chosen by the path, not a parameter.
  const byOperation = path.includes('{operation}');
  const operations = stringArray(raw.operations, `${where}.operations`) ?? (byOperation ? [...actions.keys()] : undefined);
  if (byOperation) for (const name of actions.keys()) if (name !== '' && !operations!.includes(name)) throw new CatalogError(where, `action '${name}' is not one of its operations`);
  const types = stringArray(raw.types, `${where}.types`);
  if (path.includes('{type}') && !types) throw new CatalogError(where, 'a {type} path needs types');
  const versions = parseVersions(raw.versions, path, where, sources);
  return {
    path,
    pathAliases: stringArray(raw.pathAliases, `${where}.pathAliases`) ?? [],
    family: str(raw.family, `${where}.family`),
    title: str(raw.title, `${where}.title`),
    host,
    methods: stringArray(raw.methods, `${where}.methods`) ?? ['GET', 'POST'],
    source,
    partial: raw.completeness === 'partial',
    hasAction: !actions.has('') && !byOperation,
    actions,
    params: all,
    rules,
    ...(operations ? { operations } : {}),
    ...(types ? { types } : {}),
    ...(typeof raw.qpsObject === 'string' ? { qpsObject: raw.qpsObject } : {}),
    ...(versions ? { versions } : {}),
    ...(legacy ? { legacy } : {}),
  };
}

/**
 * A replacement that names a catalog endpoint must name one of its actions. A replacement whose path
 * the catalog does not list is kept: the hint stays true while that family is not catalogued.
 */
function checkReplacements(endpoints: readonly EndpointSpec[]): void {
  const byPath = new Map<string, EndpointSpec>();
  const trim = (path: string): string => path.replace(/\/+$/, '');
  for (const endpoint of endpoints) for (const path of [...expandPaths(endpoint), ...endpoint.pathAliases]) byPath.set(trim(path), endpoint);
  for (const endpoint of endpoints) {
    const replacedBy = endpoint.legacy?.replacedBy;
    if (replacedBy === undefined) continue;
    const [path = '', query] = replacedBy.split('?');
    const target = byPath.get(trim(path));
    if (!target) continue;
    const action = query?.slice('action='.length) ?? '';
    if (target.hasAction ? !target.actions.has(action) : action !== '') {
      throw new CatalogError(`endpoint ${endpoint.path}.legacy.replacedBy`, `${target.path} has no action '${action}' (actions: ${[...target.actions.keys()].join(', ')})`);
    }
  }
}

/** Validates and resolves a parsed catalog; throws CatalogError naming the bad entry. */
export function buildCatalog(root: unknown): RequestCatalog {
  if (!isObject(root)) throw new CatalogError('root', 'expected an object');
  if (root.version !== 1) throw new CatalogError('root', `unsupported version ${String(root.version)}`);
  if (!isObject(root.sources)) throw new CatalogError('root', 'sources must be an object');
  const sources = root.sources;
  if (!Array.isArray(root.endpoints)) throw new CatalogError('root', 'endpoints must be an array');
  const endpoints = root.endpoints.map((raw, i) => parseEndpoint(raw, i, root, sources));
  checkReplacements(endpoints);
  const seen = new Set<string>();
  for (const endpoint of endpoints) {
    const versions = [...(endpoint.versions?.keys() ?? [])];
    for (const path of expandPaths(endpoint)) {
      for (const variant of [path, ...versions.map((v) => withVersion(path, v))]) {
        if (seen.has(variant)) throw new CatalogError(`endpoint ${endpoint.path}`, `${variant} is listed twice`);
        seen.add(variant);
      }
    }
  }
  if (root.knownPaths !== undefined && !Array.isArray(root.knownPaths)) throw new CatalogError('root', 'knownPaths must be an array');
  const knownPaths = ((root.knownPaths as unknown[] | undefined) ?? []).map((raw, i) => parseKnownPath(raw, i, sources));
  return { sources: sources as Record<string, string>, endpoints, knownPaths };
}

/** The concrete paths of an endpoint: each `{type}` and `{operation}` value filled in. */
export function expandPaths(endpoint: EndpointSpec): string[] {
  let paths = [endpoint.path];
  if (endpoint.types) paths = paths.flatMap((p) => endpoint.types!.map((t) => p.replace('{type}', t)));
  if (endpoint.operations) paths = paths.flatMap((p) => endpoint.operations!.map((o) => p.replace('{operation}', o)));
  return paths.map((p) => p.replace('/{id}', '/'));
}

/** The keyed sections a catalog file may add to; a key defined by two files is an error. */
const mergedSections = ['sources', 'globalParams', 'paramSets', 'ruleSets', 'jsonBodies'] as const;

/**
 * One catalog from its files: `endpoints` and `knownPaths` concatenated in file order, the keyed sections united.
 * The first file carries `version`; a key two files define is rejected, naming both files, so that
 * families edited side by side cannot silently override each other.
 */
export function mergeCatalogFiles(files: readonly { readonly name: string; readonly json: unknown }[]): Json {
  const root: Json = { endpoints: [] };
  const owner = new Map<string, string>();
  for (const { name, json } of files) {
    if (!isObject(json)) throw new CatalogError(name, 'expected an object');
    if (json.version !== undefined) root.version = json.version;
    for (const section of mergedSections) {
      const part = json[section];
      if (part === undefined) continue;
      if (!isObject(part)) throw new CatalogError(`${name} ${section}`, 'expected an object');
      const target = (root[section] ??= {}) as Json;
      for (const [key, value] of Object.entries(part)) {
        const previous = owner.get(`${section}.${key}`);
        if (previous !== undefined) throw new CatalogError(`${name} ${section}.${key}`, `already defined in ${previous}`);
        owner.set(`${section}.${key}`, name);
        target[key] = value;
      }
    }
    for (const list of ['endpoints', 'knownPaths'] as const) {
      if (json[list] === undefined) continue;
      if (!Array.isArray(json[list])) throw new CatalogError(`${name} ${list}`, 'expected an array');
      ((root[list] ??= []) as unknown[]).push(...(json[list] as unknown[]));
    }
  }
  return root;
}

/** The catalog files in load order: `shared.json` first, then the family files by name. */
export function readCatalogFiles(dir = catalogDir()): { name: string; json: unknown }[] {
  const names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort((a, b) => (a === 'shared.json' ? -1 : b === 'shared.json' ? 1 : a.localeCompare(b)));
  return names.map((name) => ({ name, json: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown }));
}

function catalogDir(): string {
  return join(dataPath('catalog/shared.json'), '..');
}

let cached: RequestCatalog | undefined;

/** The bundled catalog, read and validated once per process. */
export function loadRequestCatalog(): RequestCatalog {
  cached ??= buildCatalog(mergeCatalogFiles(readCatalogFiles()));
  return cached;
}
