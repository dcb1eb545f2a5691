/**
 * Retry policy for read-only calls: exponential backoff with jitter, honouring the wait Qualys
 * asks for (X-RateLimit-ToWait-Sec / SECONDS_TO_WAIT). Mutating calls never come here.
 */
import type { ApiError } from './errors';
import { qualysCodeInfo } from './qualysCodes';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A wait Qualys asks for longer than this is not waited out: the call fails with the wait in it. */
  readonly maxWaitSec: number;
  /**
   * Attempts in all when they time out. Qualys goes on running a call we gave up on, so each retry
   * of a timeout adds a call beside it: one retry, after a backoff, is all a timeout gets.
   */
  readonly timeoutAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000, maxWaitSec: 120, timeoutAttempts: 2 };

const RETRYABLE_KINDS = new Set<ApiError['kind']>(['concurrency', 'rate-limit', 'network', 'timeout', 'malformed', 'bad-gzip']);

/** Milliseconds to wait before the next attempt, or undefined when the error is final. */
export function retryDelayMs(error: ApiError, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (attempt >= policy.attempts || (error.kind === 'timeout' && attempt >= policy.timeoutAttempts)) return undefined;
  const retryable =
    RETRYABLE_KINDS.has(error.kind) ||
    (error.kind === 'http' && error.status !== undefined && error.status >= 500) ||
    (error.kind === 'qualys' && error.code !== undefined && qualysCodeInfo(error.code).retryable);
  if (!retryable) return undefined;
  if (error.waitSec !== undefined && error.waitSec > 0) {
    if (error.waitSec > policy.maxWaitSec) return undefined;
    return error.waitSec * 1000;
  }
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
