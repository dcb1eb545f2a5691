/**
 * What a call passes before it is sent and reports after: the account's rate window (the wait
 * Qualys asked for) and a concurrency slot, then the limit headers of the answer. One gate per
 * account on the extension host's thread; a worker's calls pass the same gate through messages
 * (worker/gateService.ts, worker/remoteGate.ts), so the account's limit holds across threads.
 */
import { apiError } from './errors';
import type { ConcurrencyLimiter } from './limiter';
import { readLimitHeaders, type RateLimitState, type RateLimitTracker } from './rateLimit';
import { fail, ok, type Result } from './result';
import { sleep } from './retry';

export interface CallGate {
  /**
   * Waits for the rate window, then (with `slot`) for a concurrency slot; answers the slot's release
   * (a no-op without one), or why the call cannot go now.
   */
  enter(signal: AbortSignal | undefined, slot: boolean): Promise<Result<() => void>>;
  /** Takes an answer's X-RateLimit-* / X-Concurrency-Limit-* headers; answers them read. */
  observe(headers: Readonly<Record<string, string>>): RateLimitState | undefined;
}

/** The gate of one account on this thread: its rate state and its concurrency limiter. */
export class AccountGate implements CallGate {
  constructor(private readonly limiter: ConcurrencyLimiter, private readonly rates: RateLimitTracker, private readonly maxWaitSec: () => number) {}

  async enter(signal: AbortSignal | undefined, slot: boolean): Promise<Result<() => void>> {
    const wait = this.rates.waitSecAt(Date.now());
    if (wait > 0) {
      if (wait > this.maxWaitSec()) return fail(apiError('rate-limit', `Rate limit reached: Qualys asks to wait ${Math.ceil(wait)} s before the next call.`, { waitSec: Math.ceil(wait) }));
      if (!(await sleep(wait * 1000, signal))) return fail(apiError('cancelled', 'The call was cancelled.'));
    }
    return slot ? this.limiter.acquire(signal) : ok(() => undefined);
  }

  observe(headers: Readonly<Record<string, string>>): RateLimitState | undefined {
    const state = readLimitHeaders(headers, Date.now());
    if (!state) return undefined;
    if (state.concurrencyLimit !== undefined) this.limiter.setLimit(state.concurrencyLimit);
    this.rates.update(state);
    return state;
  }
}
