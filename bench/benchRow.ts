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
  /** Wall-clock time of the work the row measures, when it measures work. */
  readonly wallMs?: number;
  /** CPU time of the whole process (every thread) meanwhile: what the wall time would be on an idle machine. */
  readonly cpuMs?: number;
  /** Time the main thread (the extension host's) was busy meanwhile; the rest ran elsewhere or waited. */
  readonly mainMs?: number;
}

/** Median of a list of numbers (the list is not modified). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
