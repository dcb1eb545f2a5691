/**
 * Measures a piece of asynchronous work as the extension host feels it: wall time, the process's
 * CPU time, the main thread's busy time, and the longest block of the event loop.
 *
 * The event-loop monitor stays on for one timer turn after the work has settled: a block is only
 * recorded when the monitor's timer next runs, so switching it off right after the last `await`
 * would miss a block that ended the work (test/bench/measure.test.ts checks that a 200 ms block
 * reads as at least 200 ms).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface Measured<T> {
  readonly value: T;
  readonly wallMs: number;
  /** User + system CPU of the process, every thread included. */
  readonly cpuMs: number;
  /** How long the main thread's event loop was busy (performance.eventLoopUtilization). */
  readonly mainMs: number;
  /** The longest the event loop could not run a timer, in ms. */
  readonly maxBlockMs: number;
}

/** Resolves after the event loop has run its timers once more. */
export function timerTurn(ms = 2): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function measure<T>(work: () => Promise<T> | T): Promise<Measured<T>> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  // Let the monitor's timer start before the work does.
  await timerTurn(1);
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let value: T;
  try {
    value = await work();
  } finally {
    await timerTurn();
    delay.disable();
  }
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const busy = performance.eventLoopUtilization(elu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000, mainMs: busy.active, maxBlockMs: delay.max / 1e6 };
}

/** Blocks the thread for `ms` (for the monitor's own test). */
export function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}
