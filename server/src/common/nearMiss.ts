/**
 * The one "did you mean" rule of the server, for request files (paths, actions, parameters,
 * values, JSON keys), QPS bodies and option profiles alike.
 *
 * A word is a near miss of a candidate when, compared without case, whitespace, `_`, `-` and `.`:
 * - they are equal (`Any` for `any`, `acti on` for `action`, `SCAN-TCP` for `SCAN_TCP`), or
 * - one becomes the other by at most `allowedEdits` edits (insert, delete, replace, swap two
 *   neighbours), counted on the longer of the two: none up to 2 characters, 1 up to 5, 2 up to 11,
 *   3 beyond.
 * The suggestion is the one closest candidate; when two candidates are equally close, none is
 * suggested (a guess between two is no help). A word the caller knows to be a real name elsewhere
 * (`realNames`: a parameter of another endpoint, a Qualys path segment) is never a near miss of
 * something else. The rule prefers a missed typo to a real name called a typo.
 */

/** The form words are compared in: lower case, without whitespace, `_`, `-` and `.`. */
export function normalizeName(word: string): string {
  return word.toLowerCase().replace(/[\s_.-]+/g, '');
}

/**
 * Candidates' normal forms, computed once: the candidates are the catalogs' and the schema's names
 * (a few thousand), while a hostile file asks about the same names a hundred thousand times.
 * Bounded, and only short names are kept (a long one might be a slice keeping a document alive).
 */
const normalForms = new Map<string, string>();

function normalFormOf(candidate: string): string {
  let form = normalForms.get(candidate);
  if (form === undefined) {
    form = normalizeName(candidate);
    if (candidate.length <= 64) {
      if (normalForms.size >= 20_000) normalForms.clear();
      normalForms.set(candidate, form);
    }
  }
  return form;
}

/** How many edits a word of this (normalized) length may be away from a candidate. */
export function allowedEdits(length: number): number {
  if (length <= 2) return 0;
  if (length <= 5) return 1;
  if (length <= 11) return 2;
  return 3;
}

// Three rows of the distance table, reused by every call (the server runs one check at a time):
// allocating them per candidate made did-you-mean the most expensive part of a hostile file.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Optimal string alignment distance (Levenshtein plus swaps of neighbours). With `limit`, stops as
 * soon as the distance must exceed it and answers `limit + 1`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > limit) return limit + 1;
  if (rowA.length < lb + 1) [rowA, rowB, rowC] = [new Int32Array(2 * lb + 1), new Int32Array(2 * lb + 1), new Int32Array(2 * lb + 1)];
  let before = rowA;
  let previous = rowB;
  let current = rowC;
  for (let j = 0; j <= lb; j++) {
    before[j] = 0;
    previous[j] = j;
  }
  for (let i = 1; i <= la; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // A row's minimum never decreases by more than a swap can reach back, so this bound is safe.
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[lb]!;
}

/** Whether `word` is a near miss of `candidate` by the rule above. */
export function isNearMiss(word: string, candidate: string): boolean {
  const a = normalizeName(word);
  const b = normalizeName(candidate);
  if (!a || !b) return false;
  return editDistance(a, b, allowedEdits(Math.max(a.length, b.length))) <= allowedEdits(Math.max(a.length, b.length));
}

export interface NearMissOptions {
  /** Names that are real somewhere else: such a word is not taken for a typo of a candidate. */
  readonly realNames?: ReadonlySet<string>;
}

/** The candidate `word` is a near miss of, or undefined (none, or two equally close). */
export function nearMiss(word: string, candidates: Iterable<string>, options?: NearMissOptions): string | undefined {
  const target = normalizeName(word);
  if (!target) return undefined;
  const list = Array.isArray(candidates) ? (candidates as readonly string[]) : [...candidates];
  // Spelling variants (case, spaces, `_`/`-`) are always meant: the first one wins.
  for (const candidate of list) if (candidate === word) return candidate;
  for (const candidate of list) if (normalFormOf(candidate) === target) return candidate;
  if (options?.realNames?.has(word)) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tied = false;
  for (const candidate of list) {
    const normal = normalFormOf(candidate);
    if (!normal) continue;
    const limit = allowedEdits(Math.max(target.length, normal.length));
    const distance = editDistance(target, normal, Math.min(limit, bestDistance));
    if (distance > limit) continue;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance && candidate !== best) {
      tied = true;
    }
  }
  return tied ? undefined : best;
}

/**
 * `nearMiss` with a memory: a file repeats the same mistakes (one misspelt name in many requests),
 * and did-you-mean is the most expensive part of validation. Keyed by the candidate list's owner
 * and by whether real names were given (the same set each time for one catalog).
 */
export class NearMissMemo {
  private readonly memo = new WeakMap<object, Map<string, string | undefined>>();

  nearMiss(owner: object, word: string, candidates: () => Iterable<string>, realNames?: ReadonlySet<string>): string | undefined {
    let forOwner = this.memo.get(owner);
    if (!forOwner) {
      forOwner = new Map();
      this.memo.set(owner, forOwner);
    }
    const key = realNames ? `${word}\u0000` : word;
    if (forOwner.has(key)) return forOwner.get(key);
    const suggestion = nearMiss(word, candidates(), realNames ? { realNames } : undefined);
    // Bounded: a file of random garbage must not grow the memo without end, and a kept word is a
    // copy of a short one (a slice of the document would keep that whole text alive in the memo).
    if (forOwner.size < 2000 && key.length <= 64) forOwner.set([...key].join(''), suggestion);
    return suggestion;
  }
}
