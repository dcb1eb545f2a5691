/**
 * The extension host's side of the XPath worker thread (xpathWorker.ts, built as dist/xpath.js), one
 * per process for its two users: a chained reference's values (requests/exchange/chainValues.ts) and
 * a run's assertions (runner/workerEvaluator.ts). A Run All whose requests chain and assert starts one
 * worker, and the answers it parsed for one serve the other.
 *
 * Bounds: loading the worker (fontoxpath and all) may take `startTimeoutMs`; each job may take its
 * own time bound, counted from when the worker is ready (armed when the job is posted to a ready
 * worker, else when it becomes ready). A job past its bound, an aborted signal or a start that takes
 * too long ends the worker: that job gets its own message, every other job waiting on it a message
 * saying why. The worker's heap is capped (a parse that does not fit ends it with its own message).
 * A worker that dies or was stopped is replaced on the next job. The worker is unreferenced while no
 * job waits on it (it never keeps a process alive) and ends after `idleMs` without a job, which frees
 * the parsed answers it keeps.
 *
 * host → worker: a job `{ type, id, ... }`; worker → host: `{ type: 'ready' }` once its engine is
 * loaded, then one reply `{ id, ... }` per job.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromXPathWorker } from './xpathWorker';

/** Loading the worker is bounded apart from the jobs: on a loaded machine it takes seconds. */
export const START_TIMEOUT_MS = 60_000;
const IDLE_MS = 60_000;
/** The worker's heap: a parsed 8 MB answer (MAX_CHAIN_BODY) fits, a runaway path does not take the machine. */
const HEAP_MB = 1024;

export interface XPathHostOptions {
  /** The worker's script; by default dist/xpath.js beside this bundle, or the sources under tsx (tests, benchmarks). */
  readonly script?: string;
  readonly startTimeoutMs?: number;
  readonly idleMs?: number;
}

export interface JobBounds {
  readonly timeoutMs: number;
  /** What the job answers when it runs past `timeoutMs`. */
  readonly timedOut: string;
  readonly signal?: AbortSignal;
  /** What the job answers when `signal` aborts while it waits. */
  readonly cancelled?: string;
}

export type JobOutcome<Reply> = { readonly ok: true; readonly reply: Reply } | { readonly ok: false; readonly message: string };

interface Pending {
  readonly settle: (outcome: JobOutcome<never>) => void;
  readonly bounds: JobBounds;
  /** The time bound: armed when the job is posted to a ready worker, else when it becomes ready. */
  timer?: NodeJS.Timeout;
}

/** How to start the worker: the built dist/xpath.js next to this bundle, or the sources under tsx. */
function workerSource(): { script: string; eval: boolean } {
  const built = join(__dirname, 'xpath.js');
  if (!__filename.endsWith('.ts') && existsSync(built)) return { script: built, eval: false };
  const source = join(__dirname, 'xpathWorker.ts');
  const tsx = require.resolve('tsx/cjs', { paths: [__dirname] });
  return { script: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, eval: true };
}

export class XPathHost {
  private worker: Worker | undefined;
  private ready = false;
  private startTimer: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private started = 0;
  private readonly startTimeoutMs: number;
  private readonly idleMs: number;

  constructor(private readonly options: XPathHostOptions = {}) {
    this.startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
    this.idleMs = options.idleMs ?? IDLE_MS;
  }

  /** How many worker threads this host has started (a stopped or crashed one is replaced on the next job). */
  get workersStarted(): number {
    return this.started;
  }

  /** Posts `job` (its `id` assigned here) and waits for its reply. Never rejects. */
  run<Reply>(job: { readonly type: string }, bounds: JobBounds): Promise<JobOutcome<Reply>> {
    if (bounds.signal?.aborted) return Promise.resolve({ ok: false, message: bounds.cancelled ?? 'Cancelled.' });
    const id = this.nextId++;
    const worker = this.start();
    return new Promise<JobOutcome<Reply>>((resolve) => {
      const onAbort = (): void => this.stopFor(id, bounds.cancelled ?? 'Cancelled.');
      bounds.signal?.addEventListener('abort', onAbort, { once: true });
      const pending: Pending = {
        bounds,
        settle: (outcome) => {
          bounds.signal?.removeEventListener('abort', onAbort);
          resolve(outcome);
        },
      };
      this.pending.set(id, pending);
      if (this.ready) this.arm(id, pending);
      worker.postMessage({ ...job, id });
      this.reference();
    });
  }

  /** Ends the worker; every job waiting on it answers `message`. */
  stop(message = 'The XPath worker was stopped.'): void {
    const worker = this.worker;
    if (!worker) return;
    this.lost(worker, () => message);
    void worker.terminate();
  }

  /** Ends the worker because of job `id`: it answers `message`, the others say why they were stopped too. */
  private stopFor(id: number, message: string): void {
    const worker = this.worker;
    if (!worker || !this.pending.has(id)) return;
    this.lost(worker, (other) => (other === id ? message : `The XPath worker was stopped with another job (${message})`));
    void worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const source = this.options.script ? { script: this.options.script, eval: false } : workerSource();
    const worker = new Worker(source.script, { eval: source.eval, execArgv: [], stdout: false, stderr: false, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    this.started++;
    worker.on('message', (message: FromXPathWorker | { readonly id: number }) => this.receive(message));
    worker.on('error', (error) => this.lost(worker, () => `The XPath worker failed: ${error.message}`));
    worker.on('exit', (code) => this.lost(worker, () => `The XPath worker exited (code ${code}).`));
    worker.unref();
    this.worker = worker;
    this.ready = false;
    this.startTimer = setTimeout(() => this.stop(`The XPath worker did not start within ${this.startTimeoutMs / 1000} s.`), this.startTimeoutMs);
    this.startTimer.unref();
    return worker;
  }

  private arm(id: number, pending: Pending): void {
    pending.timer = setTimeout(() => this.stopFor(id, pending.bounds.timedOut), pending.bounds.timeoutMs);
    pending.timer.unref();
  }

  private receive(message: FromXPathWorker | { readonly id: number }): void {
    if ('type' in message && message.type === 'ready') {
      this.ready = true;
      clearTimeout(this.startTimer);
      for (const [id, pending] of this.pending) this.arm(id, pending);
      return;
    }
    const { id } = message as { readonly id: number };
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.settle({ ok: true, reply: message as never });
    this.reference();
  }

  /** Keeps the process alive while a job waits on the worker, and only then; ends an idle worker. */
  private reference(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    if (this.pending.size > 0) {
      this.worker?.ref();
      return;
    }
    this.worker?.unref();
    if (this.worker) {
      this.idle = setTimeout(() => this.stop(), this.idleMs);
      this.idle.unref();
    }
  }

  private lost(worker: Worker, message: (id: number) => string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = false;
    clearTimeout(this.startTimer);
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    const pending = [...this.pending];
    this.pending.clear();
    for (const [id, { settle, timer }] of pending) {
      clearTimeout(timer);
      settle({ ok: false, message: message(id) });
    }
  }
}

let shared: XPathHost | undefined;

/** The one XPath worker host of this process (in the extension: of dist/send.js, which both users are reached through). */
export function xpathHost(): XPathHost {
  shared ??= new XPathHost();
  return shared;
}
