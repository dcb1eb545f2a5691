/**
 * The parse worker's lifecycle on the server's side: one worker thread (dist/parseWorker.js, from
 * parseWorker.ts) that takes the second half of a large document's first parse (splitParse.ts).
 *
 * Bounds: one job at a time (a second large document opened meanwhile is parsed alone); the heap
 * is capped (resourceLimits); the service waits for an answer a bounded time; a job no longer wanted
 * (a newer version cancelled the validation, or the server parsed on alone) terminates the worker,
 * and an idle worker is ended after IDLE_MS. Where a worker cannot start (no worker_threads, a
 * missing bundle) or keeps failing, `start` answers undefined and the server parses alone, as it
 * did before the worker existed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../util/runner';
import type { SecondHalfAnswer, SecondHalfJob } from './secondHalf';
import type { SecondHalfRunner, SecondHalfTicket } from './splitParse';

/** How the worker is started: at the first large document, when the server is initialized, or never. */
export type ParseWorkerMode = 'lazy' | 'eager' | 'off';

/** The worker's old generation: the text (about twice its length in bytes at most) and half a tree. */
const HEAP_MB = 512;
/** An idle worker is ended after this long (the next large document starts another). */
export const IDLE_MS = 120_000;
/** Failed starts (or crashes) after which the server stops trying. */
const MAX_FAILURES = 3;

/** The mode the environment asks for (QUALYS_PARSE_WORKER=off|lazy|eager), else `fallback`. */
export function parseWorkerMode(value: string | undefined, fallback: ParseWorkerMode): ParseWorkerMode {
  return value === 'off' || value === 'lazy' || value === 'eager' ? value : fallback;
}

function workerSource(): { readonly script: string; readonly eval: boolean } {
  const built = join(__dirname, 'parseWorker.js');
  if (!__filename.endsWith('.ts') && existsSync(built)) return { script: built, eval: false };
  // Tests and benches run the sources under tsx.
  const source = join(__dirname, 'parseWorker.ts');
  const tsx = require.resolve('tsx/cjs', { paths: [__dirname] });
  return { script: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, eval: true };
}

class Ticket implements SecondHalfTicket {
  answer: SecondHalfAnswer | undefined;
  private done = false;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly id: number,
    private readonly onCancel: (ticket: Ticket) => void,
    private readonly onJoined: () => void,
  ) {}

  wait(ms: number): Promise<void> {
    if (this.done) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        resolve();
      }, ms);
      const wake = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.add(wake);
    });
  }

  /** Answers joined to the server's parse by this host (tests, logs). */
  joined(): void {
    this.onJoined();
  }

  cancel(): void {
    if (!this.done) this.onCancel(this);
    this.settle(undefined);
  }

  settle(answer: SecondHalfAnswer | undefined): void {
    if (this.done) return;
    this.done = true;
    this.answer = answer;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }
}

export class ParseWorkerHost implements SecondHalfRunner {
  private worker: Worker | undefined;
  private current: Ticket | undefined;
  private failures = 0;
  private idle: NodeJS.Timeout | undefined;
  private nextId = 1;
  /** Second halves the server took (tests). */
  joinedCount = 0;

  constructor(
    private readonly logger: Logger,
    private readonly source: () => { readonly script: string; readonly eval: boolean } = workerSource,
    private readonly idleMs = IDLE_MS,
  ) {}

  /** Starts the worker now (when the server is initialized), so that the first large document finds it loaded. */
  warm(): void {
    if (this.spawn()) this.armIdle();
  }

  start(job: Omit<SecondHalfJob, 'id'>): SecondHalfTicket | undefined {
    if (this.current) return undefined;
    const worker = this.spawn();
    if (!worker) return undefined;
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    const ticket = new Ticket(
      this.nextId++,
      (cancelled) => this.cancelled(cancelled),
      () => this.joinedCount++,
    );
    this.current = ticket;
    // Referenced while a job is under way (a server waits on its connection anyway; a test would not).
    worker.ref();
    const message: SecondHalfJob = { id: ticket.id, ...job };
    try {
      worker.postMessage(message);
    } catch (err) {
      this.lost(worker, `could not send the job: ${String(err)}`);
      return undefined;
    }
    return ticket;
  }

  /** Ends the worker (the server is shutting down). */
  dispose(): void {
    this.current?.settle(undefined);
    this.current = undefined;
    this.end();
  }

  private readyWaiters: Array<() => void> = [];
  private isReady = false;

  /** Settles once the worker has loaded the schema (tests, benchmarks); at once when there is none. */
  ready(): Promise<void> {
    if (this.isReady || !this.worker) return Promise.resolve();
    this.worker.ref();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private wakeReady(): void {
    this.isReady = true;
    if (!this.current) this.worker?.unref();
    for (const wake of this.readyWaiters) wake();
    this.readyWaiters = [];
  }

  /** Whether a worker thread is running (tests). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  private spawn(): Worker | undefined {
    if (this.worker) return this.worker;
    if (this.failures >= MAX_FAILURES) return undefined;
    let worker: Worker;
    try {
      const { script, eval: isEval } = this.source();
      worker = new Worker(script, { eval: isEval, execArgv: [], stdout: false, stderr: false, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    } catch (err) {
      this.failures++;
      this.logger.error(`the parse worker could not start, large documents are parsed on one thread: ${String(err)}`);
      return undefined;
    }
    worker.on('message', (answer: SecondHalfAnswer | 'ready') => {
      if (answer === 'ready') this.wakeReady();
      else this.receive(worker, answer);
    });
    worker.on('error', (err) => this.lost(worker, `the parse worker failed: ${err.message}`));
    worker.on('exit', (code) => this.lost(worker, `the parse worker exited (code ${code})`));
    // The server's connection keeps the process alive, never the worker.
    worker.unref();
    this.worker = worker;
    this.isReady = false;
    return worker;
  }

  private receive(worker: Worker, answer: SecondHalfAnswer): void {
    if (worker !== this.worker) return;
    const ticket = this.current;
    if (!ticket || ticket.id !== answer.id) return;
    this.current = undefined;
    this.failures = 0;
    worker.unref();
    ticket.settle(answer);
    this.armIdle();
  }

  /** A job no longer wanted: the worker is stopped with it (its next job starts a new one). */
  private cancelled(ticket: Ticket): void {
    if (this.current !== ticket) return;
    this.current = undefined;
    this.end();
  }

  private lost(worker: Worker, reason: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    this.failures++;
    this.logger.error(reason);
    const ticket = this.current;
    this.current = undefined;
    ticket?.settle(undefined);
    this.wakeReady();
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
  }

  private armIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.idle = undefined;
      if (!this.current) this.end();
    }, this.idleMs);
    this.idle.unref();
  }

  private end(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    if (worker) void worker.terminate();
  }
}
