/**
 * Fills `{{…}}` in a resolved request (protocol/resolveRequest.ts) with values the server could not
 * know: environment variables and the answers chained references read. Every field that may hold a
 * template is filled (URL, query and form values, headers, body); what is filled leaves
 * `unresolved` and `references`.
 */
import type { ResolvedRequest } from '../../../../protocol';

const TEMPLATE = /\{\{([^{}]*)\}\}/g;

export function fillTemplates(resolved: ResolvedRequest, values: ReadonlyMap<string, string>): ResolvedRequest {
  if (values.size === 0) return resolved;
  const fill = (text: string): string => (text.includes('{{') ? text.replace(TEMPLATE, (whole, inner: string) => values.get(inner.trim()) ?? whole) : text);
  const pairs = (list: readonly (readonly [string, string])[]): [string, string][] => list.map(([k, v]) => [k, fill(v)]);
  return {
    ...resolved,
    url: fill(resolved.url),
    query: pairs(resolved.query),
    ...(resolved.form ? { form: pairs(resolved.form) } : {}),
    ...(resolved.body !== undefined ? { body: fill(resolved.body) } : {}),
    headers: pairs(resolved.headers),
    unresolved: resolved.unresolved.filter((name) => !values.has(name)),
    references: (resolved.references ?? []).filter((r) => !values.has(r.text)),
  };
}
