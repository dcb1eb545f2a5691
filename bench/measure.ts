/**
 * Measures a piece of asynchronous work as the extension host feels it: wall time, the process's
 * CPU time, the main thread's busy time, and the longest block of the event loop, two ways:
 * - `maxBlockMs`: perf_hooks.monitorEventLoopDelay, the longest a timer was late. On a loaded
 *   machine this includes the time the thread waited for a CPU while doing nothing (an idle loop
 *   here showed 30-260 ms at a load of 8 on 2 cores);
 * - `maxCpuBlockMs`: the most CPU time the thread used between two consecutive turns of a 1 ms
 *   timer (Linux's per-thread /proc/thread-self/schedstat, in ns): what the block would be on an
 *   idle machine, i.e. the work's own. The targets use it where it exists.
 *
 * Both monitors stay on for one timer turn after the work has settled: a block is only recorded
 * when the timer next runs, so switching them off right after the last `await` would miss a block
 * that ended the work (test/bench/measure.test.ts: a known 200 ms block reads as at least 200 ms).
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Measured<T> {
  readonly value: T;
  readonly wallMs: number;
  /** User + system CPU of the process, every thread included. */
  readonly cpuMs: number;
  /** How long the main thread's event loop was busy (performance.eventLoopUtilization). */
  readonly mainMs: number;
  /** The longest the event loop could not run a timer, in ms (wall time: waiting for a CPU included). */
  readonly maxBlockMs: number;
  /** The most CPU time this thread used between two turns of a 1 ms timer; undefined without /proc. */
  readonly maxCpuBlockMs: number | undefined;
}

/** CPU time this thread has used, in ns (Linux); undefined elsewhere. */
export function threadCpuNs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

/** Follows this thread's CPU time turn by turn of a 1 ms timer; answers the largest step. */
function cpuBlockMonitor(): { stop(): number | undefined } {
  let last = threadCpuNs();
  if (last === undefined) return { stop: () => undefined };
  let most = 0;
  const sample = (): void => {
    const now = threadCpuNs()!;
    most = Math.max(most, now - last!);
    last = now;
  };
  const timer = setInterval(sample, 1);
  return {
    stop: () => {
      sample();
      clearInterval(timer);
      return most / 1e6;
    },
  };
}

/** Resolves after the event loop has run its timers once more. */
export function timerTurn(ms = 2): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function measure<T>(work: () => Promise<T> | T): Promise<Measured<T>> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  // Let the monitors' timers start before the work does.
  await timerTurn(1);
  const cpuBlocks = cpuBlockMonitor();
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
  const maxCpuBlockMs = cpuBlocks.stop();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const busy = performance.eventLoopUtilization(elu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000, mainMs: busy.active, maxBlockMs: delay.max / 1e6, maxCpuBlockMs };
}

/** Spins until this thread has used `ms` of CPU (a block of known CPU length, even on a loaded machine). */
export function busyCpu(ms: number): void {
  const start = threadCpuNs();
  if (start === undefined) return busyWait(ms);
  while (threadCpuNs()! - start < ms * 1e6) {
    // spin
  }
}

/** Blocks the thread for `ms` (for the monitor's own test). */
export function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/**
 * The rows of "the longest block while X ran": the work's own (CPU between timer turns; the target)
 * and the wall-time monitor's (which adds the machine's scheduling delays), over several measures.
 */
/**
 * A full garbage collection: before a one-shot measurement, so that the garbage of the rows before it
 * is not collected inside the work measured (the collection a row's own allocations cause still is).
 */
export const fullGc = ((): (() => void) => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

export function blockRows(area: string, what: string, loads: readonly Measured<unknown>[], targetMs = 16): { area: string; metric: string; value: number; unit: string; target?: string; ok?: boolean }[] {
  const wall = Math.max(...loads.map((m) => m.maxBlockMs));
  const cpu = loads.every((m) => m.maxCpuBlockMs !== undefined) ? Math.max(...loads.map((m) => m.maxCpuBlockMs!)) : undefined;
  const rows = [];
  if (cpu !== undefined) rows.push({ area, metric: `${what}: longest block of the extension host's thread (its CPU between timer turns)`, value: cpu, unit: 'ms', target: `<= ${targetMs} ms`, ok: cpu <= targetMs });
  rows.push({
    area,
    metric: `${what}: longest event-loop delay (wall; adds waiting for a CPU on this machine)`,
    value: wall,
    unit: 'ms',
    ...(cpu === undefined ? { target: `<= ${targetMs} ms`, ok: wall <= targetMs } : {}),
  });
  return rows;
}
