/** Edit distance and "did you mean" suggestions for names and values. */

/** One row of the edit-distance table, reused between calls (the server is single-threaded). */
let row = new Int32Array(64);

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (row.length < b.length + 1) row = new Int32Array(b.length * 2 + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(current + 1, row[j - 1]! + 1, previous + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** A candidate's lower-case and compact (no blanks or '_') forms, computed once per candidate text. */
const forms = new Map<string, readonly [lower: string, compact: string]>();

function formsOf(candidate: string): readonly [string, string] {
  let known = forms.get(candidate);
  if (!known) {
    const lower = candidate.toLowerCase();
    known = [lower, lower.replace(/[\s_]/g, '')];
    // Candidates come from the catalogs (a few thousand names); the bound is a safety net.
    if (forms.size >= 20_000) forms.clear();
    forms.set(candidate, known);
  }
  return known;
}

/**
 * The candidate closest to `word`, if it is close enough to be what the user meant: a
 * case-insensitive match, or an edit distance of at most a third of the word (at least 2).
 * A candidate whose length differs from the word's by more than that is never computed (its
 * distance cannot be smaller), so a long word costs its length once, not its length times each
 * candidate's: the work is bounded by the candidates' own lengths.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const compact = lower.replace(/[\s_]/g, '');
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const [candidateLower, candidateCompact] = formsOf(candidate);
    if (candidateLower === lower || candidateCompact === compact) return candidate;
    if (Math.abs(lower.length - candidateLower.length) > limit) continue;
    const distance = editDistance(lower, candidateLower);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * `closest` with a memory: a file repeats the same mistakes (one misspelt name in many requests),
 * and did-you-mean is the most expensive part of validation. Keyed by the candidate list's owner.
 */
export class SuggestionMemo {
  private readonly memo = new WeakMap<object, Map<string, string | undefined>>();
  /** The candidate list of each owner, made once (the same owner always lists the same candidates). */
  private readonly lists = new WeakMap<object, readonly string[]>();

  closest(owner: object, word: string, candidates: () => Iterable<string>): string | undefined {
    let forOwner = this.memo.get(owner);
    if (!forOwner) {
      forOwner = new Map();
      this.memo.set(owner, forOwner);
    }
    if (forOwner.has(word)) return forOwner.get(word);
    let list = this.lists.get(owner);
    if (!list) this.lists.set(owner, (list = [...candidates()]));
    const suggestion = closest(word, list);
    // Bounded: a file of random garbage must not grow the memo without end, and a kept word is a
    // copy (a slice of the document would keep the whole document text alive).
    if (forOwner.size < 2000 && word.length <= 64) forOwner.set([...word].join(''), suggestion);
    return suggestion;
  }
}
