/**
 * The parse worker thread (dist/parseWorker.js), started by parseWorkerHost.ts: takes the second
 * half of a large option profile document's first parse (secondHalf.ts) and answers with its
 * children of the root, their records (transferred, not copied) and their problems. It loads the
 * bundled schema when it starts, so that a worker started while the server is idle has it ready.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { checkSimpleValue } from '../schema/simpleValue';
import { loadContentModel } from '../schema/xsdLoader';
import { dataPath } from '../util/dataPath';
import { parseSecondHalf, type SecondHalfAnswer, type SecondHalfJob } from './secondHalf';

const port = parentPort;
if (!port) throw new Error('parseWorker.ts runs as a worker thread');

const path = dataPath('option_profiles.xsd');
const model = loadContentModel(readFileSync(path, 'utf8'), path);

/** Posted once the schema is loaded. */
export const READY = 'ready';

port.on('message', (job: SecondHalfJob) => {
  let answer: SecondHalfAnswer;
  try {
    answer = parseSecondHalf(job, model, checkSimpleValue);
  } catch (err) {
    answer = { id: job.id, ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(answer, answer.ok ? [answer.records.buffer as ArrayBuffer] : []);
});
port.postMessage(READY);
