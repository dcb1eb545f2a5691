// Qualys' two API limits: calls per window (X-RateLimit-*) and calls in flight (X-Concurrency-Limit-*).
// One budget per user here; Qualys keeps one per API, which only matters to clients that mix APIs heavily.

export class Limiter {
  private windowStart = 0;
  private used = 0;
  running = 0;

  constructor(
    readonly limit: number,
    readonly windowSec: number,
    readonly concurrencyLimit: number,
  ) {}

  private roll(nowMs: number): void {
    if (nowMs - this.windowStart >= this.windowSec * 1000) {
      this.windowStart = nowMs;
      this.used = 0;
    }
  }

  /** Counts one call; false when the window's budget is already spent. */
  take(nowMs: number): boolean {
    this.roll(nowMs);
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  remaining(nowMs: number): number {
    this.roll(nowMs);
    return Math.max(0, this.limit - this.used);
  }

  secondsToWait(nowMs: number): number {
    this.roll(nowMs);
    if (this.used < this.limit) return 0;
    return Math.max(1, Math.ceil((this.windowStart + this.windowSec * 1000 - nowMs) / 1000));
  }

  headers(nowMs: number, runningOverride?: number): Record<string, string> {
    return {
      'X-RateLimit-Limit': String(this.limit),
      'X-RateLimit-Window-Sec': String(this.windowSec),
      'X-RateLimit-Remaining': String(this.remaining(nowMs)),
      'X-RateLimit-ToWait-Sec': String(this.secondsToWait(nowMs)),
      'X-Concurrency-Limit-Limit': String(this.concurrencyLimit),
      'X-Concurrency-Limit-Running': String(runningOverride ?? Math.max(0, this.running - 1)),
    };
  }
}
