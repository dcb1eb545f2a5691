/** Edit distance and "did you mean" suggestions for names and values. */

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/**
 * The candidate closest to `word`, if it is close enough to be what the user meant: a
 * case-insensitive match, or an edit distance of at most a third of the word (at least 2).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    const normalized = candidate.toLowerCase().replace(/[\s_]/g, '');
    if (normalized === lower.replace(/[\s_]/g, '')) return candidate;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/**
 * `closest` with a memory: a file repeats the same mistakes (one misspelt name in many requests),
 * and did-you-mean is the most expensive part of validation. Keyed by the candidate list's owner.
 */
export class SuggestionMemo {
  private readonly memo = new WeakMap<object, Map<string, string | undefined>>();

  closest(owner: object, word: string, candidates: () => Iterable<string>): string | undefined {
    let forOwner = this.memo.get(owner);
    if (!forOwner) {
      forOwner = new Map();
      this.memo.set(owner, forOwner);
    }
    if (forOwner.has(word)) return forOwner.get(word);
    const suggestion = closest(word, candidates());
    // Bounded: a file of random garbage must not grow the memo without end.
    if (forOwner.size < 2000) forOwner.set(word, suggestion);
    return suggestion;
  }
}
