/**
 * The account's rate and concurrency limits as Qualys reports them in X-RateLimit-* and
 * X-Concurrency-Limit-* headers (present on FO responses; see recorded_responses_meta.json).
 * The client keeps the latest values and tells listeners, so the UI can show them.
 */

export interface RateLimitState {
  /** X-RateLimit-Limit: calls allowed in the window. */
  readonly limit?: number;
  /** X-RateLimit-Remaining. */
  readonly remaining?: number;
  /** X-RateLimit-Window-Sec. */
  readonly windowSec?: number;
  /** X-RateLimit-ToWait-Sec: seconds before the next call may run (0 = now). */
  readonly toWaitSec?: number;
  /** X-Concurrency-Limit-Limit: calls allowed in flight at once. */
  readonly concurrencyLimit?: number;
  /** X-Concurrency-Limit-Running. */
  readonly concurrencyRunning?: number;
  /** Date.now() when these values were received. */
  readonly updatedAt: number;
}

export type RateLimitListener = (state: RateLimitState) => void;

function intHeader(headers: Readonly<Record<string, string>>, name: string): number | undefined {
  const raw = headers[name];
  if (raw === undefined) return undefined;
  const value = Number.parseInt(raw, 10);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Reads the limit headers (names lower-cased); undefined when the response carried none. */
export function readLimitHeaders(headers: Readonly<Record<string, string>>, now: number): RateLimitState | undefined {
  const entries: [keyof RateLimitState, number | undefined][] = [
    ['limit', intHeader(headers, 'x-ratelimit-limit')],
    ['remaining', intHeader(headers, 'x-ratelimit-remaining')],
    ['windowSec', intHeader(headers, 'x-ratelimit-window-sec')],
    ['toWaitSec', intHeader(headers, 'x-ratelimit-towait-sec')],
    ['concurrencyLimit', intHeader(headers, 'x-concurrency-limit-limit')],
    ['concurrencyRunning', intHeader(headers, 'x-concurrency-limit-running')],
  ];
  const present = entries.filter(([, v]) => v !== undefined);
  if (present.length === 0) return undefined;
  return Object.fromEntries([...present, ['updatedAt', now]]) as unknown as RateLimitState;
}

/** Holds the latest state of one account and notifies listeners on every change. */
export class RateLimitTracker {
  private current: RateLimitState = { updatedAt: 0 };
  private readonly listeners = new Set<RateLimitListener>();

  get state(): RateLimitState {
    return this.current;
  }

  update(next: RateLimitState): void {
    this.current = { ...this.current, ...next };
    for (const listener of [...this.listeners]) {
      try {
        listener(this.current);
      } catch {
        // A failing listener must not break the call that reported the headers.
      }
    }
  }

  /** Seconds still to wait before the next call, by the last ToWait-Sec seen (0 when none). */
  waitSecAt(now: number): number {
    const { toWaitSec, updatedAt } = this.current;
    if (!toWaitSec) return 0;
    return Math.max(0, toWaitSec - (now - updatedAt) / 1000);
  }

  onChange(listener: RateLimitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
