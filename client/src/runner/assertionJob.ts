/**
 * An assertion job as the XPath worker (client/src/xpathWorker.ts, dist/xpath.js) answers it:
 * parsing a large XML answer and running XPath take far longer than the 16 ms the extension host's
 * thread may be held. host → worker { type: 'assertions', id, assertions, answer };
 * worker → host { id, results } or { id, error }.
 */
import type { Assertion } from '../../../protocol';
import { evaluateAssertions, type Answer, type AssertionResult } from './evaluate';

export interface AssertionJob {
  readonly type: 'assertions';
  readonly id: number;
  readonly assertions: readonly Assertion[];
  readonly answer: Answer;
}

export type AssertionReply = { readonly id: number; readonly results: AssertionResult[] } | { readonly id: number; readonly error: string };

export function answerAssertionJob(job: AssertionJob): AssertionReply {
  try {
    return { id: job.id, results: evaluateAssertions(job.assertions, job.answer) };
  } catch (error) {
    return { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
}
