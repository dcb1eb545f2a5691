// Deterministic, stateless randomness: every value is a hash of (seed, coordinates), so any host,
// record or posture cell can be generated on its own, in any order, without storing the others.

/** A 32-bit unsigned hash of the seed and up to a few integer coordinates (murmur3-style mixing). */
export function hash(seed: number, ...coords: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const c of coords) {
    let k = Math.imul(c | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
    // High bits of large coordinates (ids above 2^32) still count.
    h ^= Math.floor(c / 4294967296) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A value in [0, 1) from the hash. */
export function unit(seed: number, ...coords: number[]): number {
  return hash(seed, ...coords) / 4294967296;
}

export function pick<T>(items: readonly T[], h: number): T {
  return items[h % items.length];
}

/** A fixed epoch the generated dates are counted back from, so data does not change with the clock. */
export const DATA_EPOCH_MS = Date.UTC(2026, 0, 15, 8, 0, 0);

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const DAYS = new Map<number, string>();

/**
 * An ISO date-time without milliseconds, Qualys-style (2021-03-10T09:35:50Z). Pages of detections
 * write a few dates per detection, so the day part is remembered and the time part is built from a
 * table rather than through a Date each time.
 */
export function isoSeconds(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const day = Math.floor(seconds / 86400);
  let date = DAYS.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (DAYS.size < 100_000) DAYS.set(day, date);
  }
  const s = seconds - day * 86400;
  return `${date}T${TWO_DIGITS[Math.floor(s / 3600)]}:${TWO_DIGITS[Math.floor(s / 60) % 60]}:${TWO_DIGITS[s % 60]}Z`;
}

/** A date `h % maxDays` days (and some seconds) before the data epoch. */
export function pastDate(h: number, maxDays: number): string {
  const seconds = (h % (maxDays * 86400)) + 60;
  return isoSeconds(DATA_EPOCH_MS - seconds * 1000);
}
