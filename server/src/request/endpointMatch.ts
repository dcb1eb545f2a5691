/**
 * Finds the catalog endpoint of a request path. Catalog paths may hold `{operation}` (a QPS
 * operation such as create or search) and a trailing `{id}` segment; trailing slashes do not matter.
 */
import type { EndpointSpec, RequestCatalog } from './catalogTypes';
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
        .replace('\\{operation\\}', `(${(endpoint.operations ?? ['[a-z]+']).join('|')})`)
        .replace('/\\{id\\}', '(?:/[^/]+)?');
      source = `^${source}/?$`;
      return { endpoint, regex: new RegExp(source) };
    }),
  );
  compiledCache.set(catalog, compiled);
  return compiled;
}

export function matchEndpoint(catalog: RequestCatalog, path: string): EndpointMatch | undefined {
  const normalized = path.replace(/\/{2,}/g, '/');
  for (const { endpoint, regex } of compile(catalog)) {
    const m = regex.exec(normalized);
    if (m) return m[1] ? { endpoint, operation: m[1] } : { endpoint };
  }
  return undefined;
}

/** The paths a user can type: QPS paths with their first operation filled in. */
export function displayPaths(catalog: RequestCatalog): string[] {
  const paths: string[] = [];
  for (const endpoint of catalog.endpoints) {
    if (endpoint.operations) {
      for (const operation of endpoint.operations) paths.push(endpoint.path.replace('{operation}', operation).replace('/{id}', '/'));
    } else {
      paths.push(endpoint.path);
    }
  }
  return paths;
}

export function suggestPath(catalog: RequestCatalog, path: string): string | undefined {
  return closest(path, displayPaths(catalog));
}
