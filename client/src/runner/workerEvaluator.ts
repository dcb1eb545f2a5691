/**
 * Assertions evaluated off the extension host's thread, in the XPath worker (../xpathHost.ts,
 * runner/assertionJob.ts in dist/xpath.js) that chained references use too: jobs answered in order,
 * each bounded in time from when the worker has loaded its engine. A job that takes too long ends the
 * worker (the next job starts a new one) and fails its assertions with the reason; so does a worker
 * that dies or does not start.
 */
import type { Assertion } from '../../../protocol';
import { xpathHost, type XPathHost } from '../xpathHost';
import type { AssertionJob, AssertionReply } from './assertionJob';
import type { Answer, AssertionResult } from './evaluate';

/** How long one request's assertions may take. */
export const EVALUATION_TIMEOUT_MS = 30_000;

const failedAll = (assertions: readonly Assertion[], reason: string): AssertionResult[] => assertions.map((assertion) => ({ assertion, outcome: 'failed', message: `${assertion.source}: ${reason}` }));

export class WorkerEvaluator {
  constructor(
    readonly host: XPathHost,
    private readonly timeoutMs = EVALUATION_TIMEOUT_MS,
  ) {}

  async evaluate(assertions: readonly Assertion[], answer: Answer, signal?: AbortSignal): Promise<AssertionResult[]> {
    if (assertions.length === 0) return [];
    const job: Omit<AssertionJob, 'id'> = { type: 'assertions', assertions, answer };
    const outcome = await this.host.run<AssertionReply>(job, {
      timeoutMs: this.timeoutMs,
      timedOut: `the assertions took longer than ${Math.round(this.timeoutMs / 1000)} s and were stopped`,
      ...(signal ? { signal, cancelled: 'the run was cancelled' } : {}),
    });
    if (!outcome.ok) return failedAll(assertions, outcome.message);
    return 'results' in outcome.reply ? outcome.reply.results : failedAll(assertions, outcome.reply.error);
  }
}

let shared: WorkerEvaluator | undefined;

/** Assertions through the process's one XPath worker. */
export function assertionEvaluator(): WorkerEvaluator {
  shared ??= new WorkerEvaluator(xpathHost());
  return shared;
}
