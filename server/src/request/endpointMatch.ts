/**
 * Finds the catalog endpoint of a request path. Catalog paths may hold `{operation}` (a QPS
 * operation such as create or search: any word matches, so that an operation the catalog does not
 * list still finds its object), `{type}` and a trailing `{id}` segment; an endpoint's `versions` are
 * matched as the same path under another version segment. Paths are compared as real code writes
 * them: a missing or extra trailing slash and doubled slashes do not matter.
 */
import type { EndpointSpec, KnownPath, RequestCatalog, VersionSpec } from './catalogTypes';
import { expandPaths } from './catalogLoader';
import { withVersion } from './pathForms';

export interface EndpointMatch {
  readonly endpoint: EndpointSpec;
  readonly operation?: string;
  /** Set when the path is one of the endpoint's other `versions`. */
  readonly version?: VersionSpec;
}

interface Compiled {
  readonly endpoint: EndpointSpec;
  readonly version: VersionSpec | undefined;
  readonly regex: RegExp;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An anchored regular expression for a catalog path: `{operation}` is one of `operations`, or any word. */
function pathRegex(path: string, types: readonly string[] | undefined, operations: readonly string[] | undefined): RegExp {
  const trimmed = path.replace(/\/+$/, '');
  const source = escape(trimmed)
    .replace('\\{type\\}', `(?:${(types ?? ['[a-z_]+']).join('|')})`)
    .replace('\\{operation\\}', `(${operations ? operations.join('|') : '[A-Za-z]+'})`)
    .replace('/\\{id\\}', '(?:/[^/]+)?');
  return new RegExp(`^${source}/?$`);
}

const compiledCache = new WeakMap<RequestCatalog, Compiled[]>();

function compile(catalog: RequestCatalog): Compiled[] {
  let compiled = compiledCache.get(catalog);
  if (compiled) return compiled;
  compiled = catalog.endpoints.flatMap((endpoint) =>
    [endpoint.path, ...endpoint.pathAliases].flatMap((path) => [
      // Any operation matches the object: one the catalog does not list is reported by the validator.
      { endpoint, version: undefined, regex: pathRegex(path, endpoint.types, undefined) },
      ...[...(endpoint.versions?.values() ?? [])].map((version) => ({
        endpoint,
        version,
        regex: pathRegex(withVersion(path, version.version), endpoint.types, undefined),
      })),
    ]),
  );
  compiledCache.set(catalog, compiled);
  return compiled;
}

/** Doubled slashes read as one, as Qualys does. */
export function normalizePath(path: string): string {
  return path.replace(/\/{2,}/g, '/');
}

const matchCache = new WeakMap<RequestCatalog, Map<string, EndpointMatch | null>>();

/** The endpoint of a path; results are remembered, since a file calls the same paths again and again. */
export function matchEndpoint(catalog: RequestCatalog, path: string): EndpointMatch | undefined {
  let cache = matchCache.get(catalog);
  if (!cache) {
    cache = new Map();
    matchCache.set(catalog, cache);
  }
  const known = cache.get(path);
  if (known !== undefined) return known ?? undefined;
  const normalized = normalizePath(path);
  let found: EndpointMatch | null = null;
  for (const { endpoint, version, regex } of compile(catalog)) {
    const m = regex.exec(normalized);
    if (m) {
      found = { endpoint, ...(m[1] ? { operation: m[1] } : {}), ...(version ? { version } : {}) };
      break;
    }
  }
  // Bounded, and only short paths, copied: a slice of the document would keep its whole text alive.
  if (cache.size < 5000 && path.length <= 256) cache.set([...path].join(''), found);
  return found ?? undefined;
}

const knownCache = new WeakMap<RequestCatalog, { path: KnownPath; regex: RegExp }[]>();

/** The documented path without a catalog entry that `path` is, if any. */
export function matchKnownPath(catalog: RequestCatalog, path: string): KnownPath | undefined {
  let compiled = knownCache.get(catalog);
  if (!compiled) {
    compiled = catalog.knownPaths.map((known) => ({ path: known, regex: pathRegex(known.path, undefined, known.operations) }));
    knownCache.set(catalog, compiled);
  }
  const normalized = normalizePath(path);
  return compiled.find(({ regex }) => regex.test(normalized))?.path;
}

/** The paths a user can type: QPS paths with their first operation filled in. */
export function displayPaths(catalog: RequestCatalog): string[] {
  return catalog.endpoints.flatMap((endpoint) => expandPaths(endpoint));
}
