/**
 * Path segments and API versions, shared by the catalog loader, the endpoint matcher, the
 * near-miss rule for paths and hover. A version segment is `digits.digits` (`2.0` in
 * /api/2.0/fo/..., `1.0` in /qps/rest/1.0/... and /pcrs/1.0/...).
 */

const VERSION_SEGMENT = /^\d+\.\d+$/;
/** What a user may have meant as a version: `2.0`, `v2`, `2`, `2.0.1`. */
const VERSION_LIKE = /^v?\d+(?:\.\d+)*$/i;

/** The path's segments: doubled slashes and a trailing slash make no empty segment. */
export function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

export function isVersionSegment(segment: string): boolean {
  return VERSION_SEGMENT.test(segment);
}

export function isVersionLike(segment: string): boolean {
  return VERSION_LIKE.test(segment);
}

/** The index of the first version segment, or -1. */
export function versionIndex(segments: readonly string[]): number {
  return segments.findIndex(isVersionSegment);
}

/** The version of a catalog path (`2.0` for /api/2.0/fo/asset/host/), if it has one. */
export function versionOf(path: string): string | undefined {
  const segments = segmentsOf(path);
  const at = versionIndex(segments);
  return at < 0 ? undefined : segments[at];
}

/** The path with its first version segment replaced. */
export function withVersion(path: string, version: string): string {
  return path.replace(/\/\d+\.\d+(?=\/|$)/, `/${version}`);
}

/** The segments before the version (`api`, `qps/rest`, `pcrs`): versions are compared within one API. */
export function apiPrefix(segments: readonly string[], at: number): string {
  return segments.slice(0, at).join('/');
}
