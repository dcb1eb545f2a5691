/**
 * Finds the catalog endpoint of a request path. Catalog paths may hold `{operation}` (a QPS
 * operation such as create or search: any word matches, so that an operation the catalog does not
 * list still finds its object) and a trailing `{id}` segment; trailing slashes do not matter.
 */
import type { EndpointSpec, RequestCatalog } from './catalogTypes';
import { expandPaths } from './catalogLoader';
import { closest } from './similarity';

export interface EndpointMatch {
  readonly endpoint: EndpointSpec;
  readonly operation?: string;
}

interface Compiled {
  readonly endpoint: EndpointSpec;
  readonly regex: RegExp;
}

const compiledCache = new WeakMap<RequestCatalog, Compiled[]>();

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(catalog: RequestCatalog): Compiled[] {
  let compiled = compiledCache.get(catalog);
  if (compiled) return compiled;
  compiled = catalog.endpoints.flatMap((endpoint) =>
    [endpoint.path, ...endpoint.pathAliases].map((path) => {
      const trimmed = path.replace(/\/+$/, '');
      let source = escape(trimmed)
        .replace('\\{type\\}', `(?:${(endpoint.types ?? ['[a-z_]+']).join('|')})`)
        // Any operation matches the object: one the catalog does not list is reported by the validator.
        .replace('\\{operation\\}', '([A-Za-z]+)')
        .replace('/\\{id\\}', '(?:/[^/]+)?');
      source = `^${source}/?$`;
      return { endpoint, regex: new RegExp(source) };
    }),
  );
  compiledCache.set(catalog, compiled);
  return compiled;
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
  const normalized = path.replace(/\/{2,}/g, '/');
  let found: EndpointMatch | null = null;
  for (const { endpoint, regex } of compile(catalog)) {
    const m = regex.exec(normalized);
    if (m) {
      found = m[1] ? { endpoint, operation: m[1] } : { endpoint };
      break;
    }
  }
  // Bounded, and only short paths, copied: a slice of the document would keep its whole text alive.
  if (cache.size < 5000 && path.length <= 256) cache.set([...path].join(''), found);
  return found ?? undefined;
}

/** The paths a user can type: QPS paths with their first operation filled in. */
export function displayPaths(catalog: RequestCatalog): string[] {
  return catalog.endpoints.flatMap((endpoint) => expandPaths(endpoint));
}

export function suggestPath(catalog: RequestCatalog, path: string): string | undefined {
  return closest(path, displayPaths(catalog));
}
