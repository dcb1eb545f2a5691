/**
 * The worker thread that evaluates assertions for the extension (dist/assertionWorker.js): parsing a
 * large XML answer and running XPath take far longer than the 16 ms the extension host's thread may
 * be held. Messages: { ready } out once loaded; { id, assertions, answer } in, { id, results } or { id, error } out.
 */
import { parentPort } from 'node:worker_threads';
import type { Assertion } from '../../../protocol';
import { evaluateAssertions, type Answer } from './evaluate';
import { loadXPathEngine } from './xpathValue';

interface Job {
  readonly id: number;
  readonly assertions: readonly Assertion[];
  readonly answer: Answer;
}

// Ready once the engine is loaded: a job's time limit counts its own work, not this start-up.
loadXPathEngine();
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (job: Job) => {
  try {
    parentPort!.postMessage({ id: job.id, results: evaluateAssertions(job.assertions, job.answer) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
