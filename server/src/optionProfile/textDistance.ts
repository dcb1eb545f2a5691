/**
 * "Did you mean" helpers for element names and enumeration values: exact after trimming, then
 * case-insensitive, then the smallest edit distance within a bound that grows with the length.
 * Candidates whose length differs from the value's by more than that bound are skipped without
 * computing a distance, so a long value costs its length, not its length times every candidate's.
 */

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The candidate closest to `value`, or undefined when none is reasonably close. */
export function closestValue(value: string, candidates: readonly string[]): string | undefined {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  const exact = candidates.find((c) => c === trimmed);
  if (exact !== undefined) return exact;
  const lower = trimmed.toLowerCase();
  const caseless = candidates.find((c) => c.toLowerCase() === lower);
  if (caseless !== undefined) return caseless;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const difference = Math.abs(lower.length - candidate.length);
    if (difference > Math.max(2, Math.floor(Math.max(lower.length, candidate.length) / 3))) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const bound = Math.max(2, Math.floor(Math.max(trimmed.length, best?.length ?? 0) / 3));
  return bestDistance <= bound ? best : undefined;
}

/** The closest element name (names are compared case-insensitively, '_' and '-' alike). */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const normal = (s: string): string => s.toUpperCase().replace(/-/g, '_');
  const byNormal = new Map(candidates.map((c) => [normal(c), c]));
  const hit = closestValue(normal(name), [...byNormal.keys()]);
  return hit === undefined ? undefined : byNormal.get(hit);
}
