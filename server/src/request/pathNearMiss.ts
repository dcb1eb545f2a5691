/**
 * What to say about a path the catalog has no endpoint for. Decided with care, since a real Qualys
 * path the catalog does not know must never be called a typo of one it knows:
 *
 * - a documented path without a catalog entry (`knownPaths`) is just "not in the catalog";
 * - a near miss is one of: one segment misspelt (by the rule of common/nearMiss.ts) where the
 *   written segment is no segment of any known Qualys path (`vhost` is real, not a typo of
 *   `host`); one segment missing from the API's prefix (`/api/2.0/asset/host/`, `/qps/rest/search/`);
 *   one segment doubled (`/fo/fo/`); or the version
 *   segment written as a version no known path of that API uses (`/api/2.1/`, `/api/2/`). It must
 *   point to one path only;
 * - a known path under a version that the API uses elsewhere (`/api/3.0/fo/auth/windows/`) is not
 *   called a mistake, since Qualys keeps adding major versions: "not in the catalog", with the
 *   versions the catalog knows;
 * - anything else is "not in the catalog".
 */
import type { KnownPath, RequestCatalog } from './catalogTypes';
import { expandPaths } from './catalogLoader';
import { allowedEdits, editDistance, normalizeName } from '../common/nearMiss';
import { matchKnownPath, normalizePath } from './endpointMatch';
import { apiPrefix, isVersionLike, segmentsOf, versionIndex, withVersion } from './pathForms';

export type PathVerdict =
  | { readonly kind: 'nearMiss'; readonly suggestion: string }
  | { readonly kind: 'known'; readonly known: KnownPath }
  | { readonly kind: 'otherVersion'; readonly path: string; readonly versions: readonly string[] }
  | { readonly kind: 'unknown'; readonly templated: boolean };

/** Any segment: the optional `{id}` of QPS paths, or an `{operation}` a known path does not list. */
const ANY = '*';

interface Pattern {
  readonly segments: readonly string[];
  /** Index of the version segment, or -1. */
  readonly versionAt: number;
  /** The path as the catalog spells it in its own version: variants of one path share it. */
  readonly owner: string;
  /** A variant in the endpoint's own version (preferred when several versions fit). */
  readonly native: boolean;
  /** Only the catalog's endpoints are offered as corrections of misspelt versions. */
  readonly catalogued: boolean;
}

interface PathIndex {
  /** Patterns by segment count. */
  readonly byLength: Map<number, Pattern[]>;
  /** Every segment of every known path, as written. */
  readonly vocabulary: ReadonlySet<string>;
  /** Per API prefix (`api`, `qps/rest`), the versions its known paths use. */
  readonly versions: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per catalogued path without version (`api/ANY/fo/auth/windows`), the versions the catalog knows. */
  readonly catalogVersions: ReadonlyMap<string, { path: string; versions: Set<string> }>;
}

function withoutVersion(segments: readonly string[], at: number): string {
  return segments.map((s, i) => (i === at ? ANY : s)).join('/');
}

function buildIndex(catalog: RequestCatalog): PathIndex {
  const byLength = new Map<number, Pattern[]>();
  const vocabulary = new Set<string>();
  const versions = new Map<string, Set<string>>();
  const catalogVersions = new Map<string, { path: string; versions: Set<string> }>();
  const add = (path: string, owner: string, native: boolean, catalogued: boolean): void => {
    const segments = segmentsOf(path.replace('{id}', ANY).replace('{operation}', ANY));
    const versionAt = versionIndex(segments);
    for (const segment of segments) if (segment !== ANY) vocabulary.add(segment);
    if (versionAt >= 0) {
      const prefix = apiPrefix(segments, versionAt);
      if (!versions.has(prefix)) versions.set(prefix, new Set());
      versions.get(prefix)!.add(segments[versionAt]!);
      if (catalogued) {
        const key = withoutVersion(segments, versionAt);
        if (!catalogVersions.has(key)) catalogVersions.set(key, { path: owner, versions: new Set() });
        catalogVersions.get(key)!.versions.add(segments[versionAt]!);
      }
    }
    const patterns = [{ segments, versionAt, owner, native, catalogued }];
    // The optional trailing {id}: the path with and without it.
    if (segments[segments.length - 1] === ANY) patterns.push({ segments: segments.slice(0, -1), versionAt, owner, native, catalogued });
    for (const pattern of patterns) {
      const list = byLength.get(pattern.segments.length) ?? [];
      list.push(pattern);
      byLength.set(pattern.segments.length, list);
    }
  };
  for (const endpoint of catalog.endpoints) {
    for (const path of expandPaths(endpoint)) {
      const concrete = path.endsWith('/') && endpoint.path.endsWith('{id}') ? `${path}{id}` : path;
      add(concrete, path, true, true);
      for (const version of endpoint.versions?.keys() ?? []) add(withVersion(concrete, version), path, false, true);
    }
    // Other spellings are real paths too (their segments are no typos), not corrections to offer.
    for (const alias of endpoint.pathAliases) {
      for (const path of expandPaths({ ...endpoint, path: alias })) for (const segment of segmentsOf(path)) vocabulary.add(segment);
    }
  }
  for (const known of catalog.knownPaths) {
    const paths = known.operations ? known.operations.map((op) => known.path.replace('{operation}', op)) : [known.path];
    for (const path of paths) add(path, path.replace('{id}', ''), true, false);
  }
  return { byLength, vocabulary, versions, catalogVersions };
}

const indexCache = new WeakMap<RequestCatalog, PathIndex>();

function indexOf(catalog: RequestCatalog): PathIndex {
  let index = indexCache.get(catalog);
  if (!index) indexCache.set(catalog, (index = buildIndex(catalog)));
  return index;
}

const same = (written: string, pattern: string): boolean => pattern === ANY || written === pattern;

/** `written` equals `pattern` once `skip` (an index of the longer one) is left out. */
function equalWithout(longer: readonly string[], shorter: readonly string[], skip: number, longerIsWritten: boolean): boolean {
  for (let i = 0, j = 0; i < longer.length; i++) {
    if (i === skip) continue;
    const ok = longerIsWritten ? same(longer[i]!, shorter[j]!) : same(shorter[j]!, longer[i]!);
    if (!ok) return false;
    j++;
  }
  return true;
}

interface Correction {
  readonly segments: string[];
  /** Edits the correction makes: the closest correction wins. */
  readonly cost: number;
}

/** How far a misspelt segment is from the pattern's, if it is a near miss (common/nearMiss.ts). */
function segmentCost(word: string, expected: string): number | undefined {
  const a = normalizeName(word);
  const b = normalizeName(expected);
  const limit = allowedEdits(Math.max(a.length, b.length));
  const distance = editDistance(a, b, limit);
  return a && distance <= limit ? distance : undefined;
}

/** The correction that turns `written` into `pattern`, if `written` is a near miss of it. */
function compare(index: PathIndex, written: readonly string[], pattern: Pattern): Correction | undefined {
  const p = pattern.segments;
  if (written.length === p.length) {
    let at = -1;
    for (let i = 0; i < p.length; i++) {
      if (same(written[i]!, p[i]!)) continue;
      if (at >= 0) return undefined;
      at = i;
    }
    if (at < 0) return undefined;
    const word = written[at]!;
    let cost: number | undefined = 1;
    if (at === pattern.versionAt) {
      // Only a version no known path of this API uses is a mistake, and only the catalog corrects it.
      const used = index.versions.get(apiPrefix(written, at));
      if (!pattern.catalogued || !pattern.native || !isVersionLike(word) || used?.has(word)) return undefined;
    } else {
      cost = index.vocabulary.has(word) ? undefined : segmentCost(word, p[at]!);
      if (cost === undefined) return undefined;
    }
    return { segments: written.map((s, i) => (i === at ? p[at]! : s)), cost };
  }
  // A trailing {id} takes any segment: it cannot tell a missing or an extra segment from an ID.
  if (p[p.length - 1] === ANY) return undefined;
  if (written.length === p.length - 1) {
    // One segment missing from the API's prefix: the version, a segment before it, or the one
    // right after it (`fo` in /api/2.0/fo/). Never the first (/rest/2.0/... is another Qualys API),
    // never further in: /api/2.0/fo/scan/ is a real path, not /api/2.0/fo/schedule/scan/ cut short.
    const last = pattern.versionAt < 0 ? 0 : Math.min(pattern.versionAt + 1, p.length - 2);
    for (let i = 1; i <= last; i++) {
      if (p[i] === ANY || !equalWithout(p, written, i, false)) continue;
      return { segments: [...written.slice(0, i), p[i]!, ...written.slice(i)], cost: 1 };
    }
    return undefined;
  }
  if (written.length === p.length + 1) {
    // One segment too many: only a doubled one (`/fo/fo/`). Any other word inside a path may be a
    // real segment the catalog does not know (/api/2.0/fo/schedule/scan/compliance/ is no typo of
    // /api/2.0/fo/scan/compliance/).
    for (let i = 1; i < written.length - 1; i++) {
      const word = written[i]!;
      if (word !== written[i - 1] || !equalWithout(written, p, i, true)) continue;
      return { segments: written.filter((_, j) => j !== i), cost: 1 };
    }
  }
  return undefined;
}

function nearMissPath(index: PathIndex, written: readonly string[], trailingSlash: boolean): string | undefined {
  const found = new Map<string, Correction & { native: boolean }>();
  for (const length of [written.length - 1, written.length, written.length + 1]) {
    for (const pattern of index.byLength.get(length) ?? []) {
      const correction = compare(index, written, pattern);
      if (!correction) continue;
      const previous = found.get(pattern.owner);
      const better = !previous || correction.cost < previous.cost || (correction.cost === previous.cost && pattern.native && !previous.native);
      if (better) found.set(pattern.owner, { ...correction, native: pattern.native });
    }
  }
  // The closest path wins; two different paths equally close: a guess between them is no help.
  const best = Math.min(...[...found.values()].map((c) => c.cost));
  const closest = [...found.values()].filter((c) => c.cost === best);
  if (closest.length !== 1) return undefined;
  return `/${closest[0]!.segments.join('/')}${trailingSlash ? '/' : ''}`;
}

function otherVersion(index: PathIndex, written: readonly string[]): PathVerdict | undefined {
  const at = written.findIndex(isVersionLike);
  if (at < 0) return undefined;
  const entry = index.catalogVersions.get(withoutVersion(written, at));
  if (!entry || entry.versions.has(written[at]!)) return undefined;
  return { kind: 'otherVersion', path: entry.path, versions: [...entry.versions].sort() };
}

const verdictCache = new WeakMap<RequestCatalog, Map<string, PathVerdict>>();

/** The verdict on a path `matchEndpoint` did not find; remembered per path. */
export function pathVerdict(catalog: RequestCatalog, path: string): PathVerdict {
  let cache = verdictCache.get(catalog);
  if (!cache) verdictCache.set(catalog, (cache = new Map()));
  const cached = cache.get(path);
  if (cached) return cached;
  const verdict = judge(catalog, path);
  if (cache.size < 5000) cache.set(path, verdict);
  return verdict;
}

function judge(catalog: RequestCatalog, path: string): PathVerdict {
  const known = matchKnownPath(catalog, path);
  if (known) return { kind: 'known', known };
  // A {{variable}} or %placeholder% hides part of the path: nothing can be said of it.
  if (/\{\{|%[A-Za-z_]/.test(path)) return { kind: 'unknown', templated: true };
  const index = indexOf(catalog);
  const written = segmentsOf(normalizePath(path));
  const suggestion = nearMissPath(index, written, path.endsWith('/'));
  if (suggestion) return { kind: 'nearMiss', suggestion };
  return otherVersion(index, written) ?? { kind: 'unknown', templated: false };
}
