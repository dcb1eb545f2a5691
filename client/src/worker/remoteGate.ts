/**
 * The worker's side of an account's gate: each call asks the extension host's thread for the rate
 * window and a concurrency slot (`enter`), gives the slot back (`leave`) and reports the answer's
 * limit headers (`limits`), so the account's one limiter and rate state count every call, whichever
 * thread sends it. A call cancelled while it waits withdraws its request (`cancelEnter`).
 */
import type { CallGate } from '../api/gate';
import { apiError } from '../api/errors';
import { readLimitHeaders, type RateLimitState } from '../api/rateLimit';
import { fail, ok, type Result } from '../api/result';
import type { FromWorker } from './protocol';

export class GateTickets {
  private next = 1;
  private readonly waiting = new Map<number, (result: Result<true>) => void>();

  constructor(private readonly send: (message: FromWorker) => void) {}

  /** The host's answer to an `enter`. */
  answer(ticket: number, result: Result<true>): void {
    const resolve = this.waiting.get(ticket);
    this.waiting.delete(ticket);
    resolve?.(result);
  }

  gate(account: number): CallGate {
    return {
      enter: (signal, slot) => this.enter(account, signal, slot),
      observe: (headers) => this.observe(account, headers),
    };
  }

  private enter(account: number, signal: AbortSignal | undefined, slot: boolean): Promise<Result<() => void>> {
    if (signal?.aborted) return Promise.resolve(fail(apiError('cancelled', 'The call was cancelled.')));
    const ticket = this.next++;
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.waiting.delete(ticket);
        this.send({ type: 'cancelEnter', ticket });
        resolve(fail(apiError('cancelled', 'The call was cancelled while waiting for a free slot.')));
      };
      this.waiting.set(ticket, (result) => {
        signal?.removeEventListener('abort', onAbort);
        if (!result.ok) {
          resolve(result);
          return;
        }
        if (!slot) {
          resolve(ok(() => undefined));
          return;
        }
        let released = false;
        resolve(
          ok(() => {
            if (released) return;
            released = true;
            this.send({ type: 'leave', ticket });
          }),
        );
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.send({ type: 'enter', ticket, account, slot });
    });
  }

  private observe(account: number, headers: Readonly<Record<string, string>>): RateLimitState | undefined {
    const state = readLimitHeaders(headers, Date.now());
    if (state) this.send({ type: 'limits', account, headers });
    return state;
  }
}
