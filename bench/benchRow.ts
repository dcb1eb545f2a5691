/** One line of the `npm run bench` table. */
export interface BenchRow {
  /** The feature measured, e.g. 'option profile'. */
  readonly area: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** The target as text, e.g. '<= 2 ms'. */
  readonly target?: string;
  /** Whether the target was met; undefined when the row has no target. */
  readonly ok?: boolean;
}

/** Median of a list of numbers (the list is not modified). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
