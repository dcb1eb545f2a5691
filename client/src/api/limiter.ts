/**
 * Per-account concurrency limiter: never more calls in flight than the account allows
 * (X-Concurrency-Limit-Limit; 2 until the account says otherwise). Waiting is cancellable.
 */
import { apiError } from './errors';
import { fail, ok, type Result } from './result';

export const DEFAULT_CONCURRENCY = 2;

interface Waiter {
  readonly grant: () => void;
}

export class ConcurrencyLimiter {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(private max: number = DEFAULT_CONCURRENCY) {}

  get limit(): number {
    return this.max;
  }

  get inFlight(): number {
    return this.running;
  }

  /** Applies the limit the account reported; at least 1. */
  setLimit(limit: number): void {
    if (!Number.isFinite(limit) || limit < 1) return;
    this.max = Math.floor(limit);
    this.drain();
  }

  /** Waits for a slot; the returned function releases it (once). */
  acquire(signal?: AbortSignal): Promise<Result<() => void>> {
    if (signal?.aborted) return Promise.resolve(fail(apiError('cancelled', 'The call was cancelled.')));
    return new Promise((resolve) => {
      const onAbort = (): void => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        resolve(fail(apiError('cancelled', 'The call was cancelled while waiting for a free slot.')));
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          this.running++;
          let released = false;
          resolve(
            ok(() => {
              if (released) return;
              released = true;
              this.running--;
              this.drain();
            }),
          );
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.drain();
    });
  }

  private drain(): void {
    while (this.running < this.max && this.queue.length > 0) this.queue.shift()!.grant();
  }
}

/** One limiter per account (API origin + user name), shared by every client of that account. */
const limiters = new Map<string, ConcurrencyLimiter>();

export function limiterForAccount(key: string): ConcurrencyLimiter {
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new ConcurrencyLimiter();
    limiters.set(key, limiter);
  }
  return limiter;
}
