/**
 * The extension host's side of the XPath worker (chainJob.ts, in ../../xpathWorker.ts, built as dist/xpath.js): the
 * values of a request's references in one answer. Headers and the whole body are read here (a
 * lookup); every XPath and JSONPath is evaluated in the worker, whatever the answer's size: parsing
 * a 5,000-host page takes hundreds of ms, and a path's own time is not bounded by its answer
 * (`(1 to 100000000) ! string(.)` runs long on a 1 KB one). What crosses is the answer (a string
 * copy, a few ms for MBs) and the references; what comes back is the values.
 *
 * Bounds: a message that gets no answer within `timeoutMs` of the worker being ready ends the
 * worker, and every reference waiting on it says so; an aborted signal ends it too; the worker's heap is capped (a parse that
 * does not fit ends it with its own message). The next use starts a new worker. The worker is
 * unreferenced while nothing waits on it (it never keeps a process alive) and ends after `idleMs`
 * without use, which frees the parsed answers it keeps.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChainReference } from '../../../../protocol';
import type { FromXPathWorker } from '../../xpathWorker';
import type { ValuesReply, ValuesRequest } from './chainJob';
import { directValue, type ChainAnswer, type ChainValue } from './directValue';

export const EVALUATION_TIMEOUT_MS = 10_000;
/** Loading the worker (fontoxpath and all) is bounded apart: on a loaded machine it takes seconds. */
const START_TIMEOUT_MS = 60_000;
const IDLE_MS = 60_000;
/** The worker's heap: a parsed 8 MB answer (MAX_CHAIN_BODY) fits, a runaway path does not take the machine. */
const HEAP_MB = 1024;

export interface ChainValuesOptions {
  readonly timeoutMs?: number;
  readonly idleMs?: number;
}

/** How to start the worker: the built dist/xpath.js next to this bundle, or the sources under tsx (tests, benchmarks). */
function workerSource(): { script: string; eval: boolean } {
  const built = join(__dirname, 'xpath.js');
  if (!__filename.endsWith('.ts') && existsSync(built)) return { script: built, eval: false };
  const source = join(__dirname, '../../xpathWorker.ts');
  const tsx = require.resolve('tsx/cjs', { paths: [__dirname] });
  return { script: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, eval: true };
}

interface Pending {
  readonly resolve: (values: readonly ChainValue[]) => void;
  readonly count: number;
  /** The time bound: armed when the message is posted to a ready worker, else when it becomes ready. */
  timer?: NodeJS.Timeout;
}

const failed = (count: number, message: string): ChainValue[] => Array.from({ length: count }, () => ({ ok: false, message }));

export class ChainValues {
  private worker: Worker | undefined;
  private ready = false;
  private startTimer: NodeJS.Timeout | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly ids = new WeakMap<ChainAnswer, number>();
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;
  private readonly timeoutMs: number;
  private readonly idleMs: number;

  constructor(options: ChainValuesOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? EVALUATION_TIMEOUT_MS;
    this.idleMs = options.idleMs ?? IDLE_MS;
  }

  /** The values of `references` (all reading `answer`), in their order. Never rejects. */
  async values(answer: ChainAnswer, references: readonly ChainReference[], signal?: AbortSignal): Promise<ChainValue[]> {
    const values: (ChainValue | undefined)[] = references.map((reference) => directValue(reference, answer));
    const paths = references.filter((_, i) => values[i] === undefined);
    if (paths.length > 0) {
      const evaluated = await this.evaluate(answer, paths, signal);
      let next = 0;
      for (let i = 0; i < values.length; i++) values[i] ??= evaluated[next++];
    }
    return values as ChainValue[];
  }

  /** Ends the worker; what waits on it gets `message`. */
  stop(message = 'The chain worker was stopped.'): void {
    const worker = this.worker;
    if (!worker) return;
    this.lost(worker, message);
    void worker.terminate();
  }

  private evaluate(answer: ChainAnswer, references: readonly ChainReference[], signal?: AbortSignal): Promise<readonly ChainValue[]> {
    if (signal?.aborted) return Promise.resolve(failed(references.length, 'Cancelled before the answer was searched.'));
    let id = this.ids.get(answer);
    if (id === undefined) this.ids.set(answer, (id = this.nextId++));
    const request = this.nextId++;
    const worker = this.start();
    return new Promise((resolve) => {
      const onAbort = (): void => this.stop('Cancelled while the answer was searched.');
      signal?.addEventListener('abort', onAbort, { once: true });
      const pending: Pending = {
        count: references.length,
        resolve: (values) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(values);
        },
      };
      this.pending.set(request, pending);
      if (this.ready) this.arm(pending);
      const message: ValuesRequest = { type: 'values', request, answer: id, status: answer.status, headers: answer.headers, body: answer.body, references: references.map(({ text, name, kind, path }) => ({ text, name, kind, path })) };
      worker.postMessage(message);
      this.reference();
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const source = workerSource();
    const worker = new Worker(source.script, { eval: source.eval, execArgv: [], stdout: false, stderr: false, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    worker.on('message', (message: FromXPathWorker | ValuesReply) => this.receive(message));
    worker.on('error', (error) => this.lost(worker, `The chain worker failed: ${error.message}`));
    worker.on('exit', (code) => this.lost(worker, `The chain worker exited (code ${code}).`));
    worker.unref();
    this.worker = worker;
    this.ready = false;
    this.startTimer = setTimeout(() => this.stop(`The chain worker did not start within ${START_TIMEOUT_MS / 1000} s.`), START_TIMEOUT_MS);
    this.startTimer.unref();
    return worker;
  }

  private arm(pending: Pending): void {
    pending.timer = setTimeout(() => this.stop(`The path took longer than ${this.timeoutMs / 1000} s to evaluate and was stopped.`), this.timeoutMs);
    pending.timer.unref();
  }

  private receive(message: FromXPathWorker | ValuesReply): void {
    if (message.type === 'ready') {
      this.ready = true;
      clearTimeout(this.startTimer);
      for (const pending of this.pending.values()) this.arm(pending);
      return;
    }
    const pending = this.pending.get(message.request);
    if (!pending) return;
    this.pending.delete(message.request);
    clearTimeout(pending.timer);
    pending.resolve(message.values);
    this.reference();
  }

  /** Keeps the process alive while something waits on the worker, and only then; ends an idle worker. */
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

  private lost(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = false;
    clearTimeout(this.startTimer);
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const { resolve, count, timer } of pending) {
      clearTimeout(timer);
      resolve(failed(count, message));
    }
  }
}

let shared: ChainValues | undefined;

/** The one chain worker host of this process. */
export function chainValues(): ChainValues {
  shared ??= new ChainValues();
  return shared;
}
