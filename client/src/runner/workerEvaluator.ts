/**
 * Assertions evaluated off the extension host's thread: one XPath worker (dist/xpath.js, runner/assertionJob.ts) per run,
 * jobs answered in order, each bounded in time from when the worker has loaded its engine. A job that takes too long ends the worker (the next
 * job starts a new one) and fails its assertions with the reason; so does a worker that dies.
 */
import { Worker } from 'node:worker_threads';
import type { Assertion } from '../../../protocol';
import type { FromXPathWorker } from '../xpathWorker';
import type { AssertionJob, AssertionReply } from './assertionJob';
import type { Answer, AssertionResult } from './evaluate';

/** How long one request's assertions may take. */
export const EVALUATION_TIMEOUT_MS = 30_000;

interface Pending {
  readonly resolve: (results: AssertionResult[]) => void;
  readonly assertions: readonly Assertion[];
  readonly timer: NodeJS.Timeout;
}

interface Running {
  readonly worker: Worker;
  /** Resolves true once the worker has loaded its engine, false when it died first. */
  readonly ready: Promise<boolean>;
}

export class WorkerEvaluator {
  private running: Running | undefined;
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

  private start(): Running {
    if (this.running) return this.running;
    const worker = new Worker(this.script);
    let markReady!: (ready: boolean) => void;
    const ready = new Promise<boolean>((resolve) => (markReady = resolve));
    worker.on('message', (message: FromXPathWorker | AssertionReply) => {
      if ('type' in message) return markReady(true);
      const job = this.pending.get(message.id);
      if (!job) return;
      clearTimeout(job.timer);
      this.pending.delete(message.id);
      job.resolve('results' in message ? message.results : job.assertions.map((assertion) => ({ assertion, outcome: 'failed', message: `${assertion.source}: ${message.error}` })));
    });
    const lost = (reason: string): void => {
      markReady(false);
      if (this.running?.worker !== worker) return;
      this.running = undefined;
      this.failAll(reason);
    };
    worker.on('error', (error) => lost(`the evaluation failed (${error.message})`));
    worker.on('exit', (code) => lost(`the evaluation stopped (exit ${code})`));
    this.running = { worker, ready };
    return this.running;
  }

  async evaluate(assertions: readonly Assertion[], answer: Answer): Promise<AssertionResult[]> {
    if (assertions.length === 0) return [];
    const { worker, ready } = this.start();
    if (!(await ready)) return assertions.map((assertion) => ({ assertion, outcome: 'failed', message: `${assertion.source}: the evaluation could not start` }));
    const id = this.next++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // A runaway expression: stop the worker; its other jobs fail with it.
        if (this.running?.worker === worker) this.running = undefined;
        this.failAll(`the assertions took longer than ${Math.round(this.timeoutMs / 1000)} s and were stopped`);
        void worker.terminate();
      }, this.timeoutMs);
      this.pending.set(id, { resolve, assertions, timer });
      const job: AssertionJob = { type: 'assertions', id, assertions, answer };
      worker.postMessage(job);
    });
  }

  async dispose(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    this.failAll('the run ended');
    if (running) await running.worker.terminate();
  }
}
