/**
 * The XPath worker thread (dist/xpath.js): fontoxpath and slimdom in one bundle for the two jobs that
 * need them, a chained reference's value (requests/exchange/chainJob.ts) and a run's assertions
 * (runner/assertionJob.ts). One host (xpathHost.ts) starts it for both, with its bounds.
 * worker → host: { type: 'ready' } once the engine is loaded (a job's time bound counts from there),
 * then one reply per job, with the job's id.
 */
import { parentPort } from 'node:worker_threads';
import { answerValues, type ValuesRequest } from './requests/exchange/chainJob';
import { answerAssertionJob, type AssertionJob } from './runner/assertionJob';
import { loadXPathEngine } from './runner/xpathValue';

export type FromXPathWorker = { readonly type: 'ready' };

const port = parentPort;
if (!port) throw new Error('xpathWorker.ts runs as a worker thread');

port.on('message', (job: ValuesRequest | AssertionJob) => {
  if (job.type === 'values') port.postMessage(answerValues(job));
  else if (job.type === 'assertions') port.postMessage(answerAssertionJob(job));
});

loadXPathEngine();
const ready: FromXPathWorker = { type: 'ready' };
port.postMessage(ready);
