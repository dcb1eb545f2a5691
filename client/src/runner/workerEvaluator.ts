/**
 * Assertions evaluated off the extension host's thread: one worker (dist/assertionWorker.js) per run,
 * jobs answered in order, each bounded in time. A job that takes too long ends the worker (the next
 * job starts a new one) and fails its assertions with the reason; so does a worker that dies.
 */
import { Worker } from 'node:worker_threads';
import type { Assertion } from '../../../server/src/request/assertions';
import type { Answer, AssertionResult } from './evaluate';

/** How long one request's assertions may take. */
export const EVALUATION_TIMEOUT_MS = 30_000;

interface Pending {
  readonly resolve: (results: AssertionResult[]) => void;
  readonly assertions: readonly Assertion[];
  readonly timer: NodeJS.Timeout;
}

export class WorkerEvaluator {
  private worker: Worker | undefined;
  private next = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly script: string,
    private readonly timeoutMs = EVALUATION_TIMEOUT_MS,
  ) {}

  private failAll(reason: string): void {
    for (const [id, job] of this.pending) {
      clearTimeout(job.timer);
      job.resolve(job.assertions.map((assertion) => ({ assertion, outcome: 'failed', message: `${assertion.source}: ${reason}` })));
      this.pending.delete(id);
    }
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.unref();
    worker.on('message', (message: { id: number; results?: AssertionResult[]; error?: string }) => {
      const job = this.pending.get(message.id);
      if (!job) return;
      clearTimeout(job.timer);
      this.pending.delete(message.id);
      job.resolve(message.results ?? job.assertions.map((assertion) => ({ assertion, outcome: 'failed', message: `${assertion.source}: ${message.error ?? 'not evaluated'}` })));
    });
    const lost = (reason: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(reason);
    };
    worker.on('error', (error) => lost(`the evaluation failed (${error.message})`));
    worker.on('exit', (code) => lost(`the evaluation stopped (exit ${code})`));
    this.worker = worker;
    return worker;
  }

  evaluate(assertions: readonly Assertion[], answer: Answer): Promise<AssertionResult[]> {
    if (assertions.length === 0) return Promise.resolve([]);
    const worker = this.start();
    const id = this.next++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // A runaway expression: stop the worker; its other jobs fail with it.
        this.worker = undefined;
        this.failAll(`the assertions took longer than ${Math.round(this.timeoutMs / 1000)} s and were stopped`);
        void worker.terminate();
      }, this.timeoutMs);
      this.pending.set(id, { resolve, assertions, timer });
      worker.postMessage({ id, assertions, answer });
    });
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll('the run ended');
    if (worker) await worker.terminate();
  }
}
