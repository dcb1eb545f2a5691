/**
 * Assertions evaluated off the extension host's thread (client/src/runner/workerEvaluator.ts) in the
 * built worker (dist/xpath.js, as `npm test` builds it): the same results as inline, and a
 * runaway expression stopped at its time limit without taking the next job down.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { readAssertionLine, toAssertion, type Assertion } from '../../../server/src/request/assertions';
import { evaluateAssertions, type Answer } from '../../../client/src/runner/evaluate';
import { WorkerEvaluator } from '../../../client/src/runner/workerEvaluator';
import { XPathHost } from '../../../client/src/xpathHost';

const WORKER = join(__dirname, '../../../dist/xpath.js');

function assertion(line: string): Assertion {
  const read = toAssertion(line, readAssertionLine(line, 0, line.length), 0);
  if (!read.ok) throw new Error(read.problem);
  return read.assertion;
}

const hosts = `<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST>${Array.from({ length: 300 }, (_, i) => `<HOST><ID>${i + 1}</ID><IP>10.0.${i >> 8}.${i & 255}</IP></HOST>`).join('')}</HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>`;
const answer: Answer = { status: 200, headers: { 'x-ratelimit-remaining': '12' }, body: hosts, durationMs: 5, size: hosts.length };

test('the worker answers what inline evaluation answers', async () => {
  const lines = ['?? xpath count(//HOST) == 300', '?? xpath //HOST[ID=42]/IP == 10.0.0.41', '?? status == 201', '?? header x-ratelimit-remaining > 10'].map(assertion);
  const evaluator = new WorkerEvaluator(new XPathHost({ script: WORKER }));
  try {
    assert.deepEqual(await evaluator.evaluate(lines, answer), evaluateAssertions(lines, answer));
  } finally {
    evaluator.host.stop();
  }
});

test('a runaway expression is stopped at the time limit; the next job gets a new worker', async () => {
  const evaluator = new WorkerEvaluator(new XPathHost({ script: WORKER }), 5000);
  try {
    const [stopped] = await evaluator.evaluate([assertion('?? xpath count(for $a in 1 to 100000, $b in 1 to 100000 return $a) > 0')], answer);
    assert.equal(stopped!.outcome, 'failed');
    assert.match(stopped!.message!, /took longer than 5 s and were stopped/);
    const [next] = await evaluator.evaluate([assertion('?? xpath count(//HOST) == 300')], answer);
    assert.equal(next!.outcome, 'passed', next!.message);
    assert.equal(evaluator.host.workersStarted, 2);
  } finally {
    evaluator.host.stop();
  }
});

test('a cancelled run stops the assertions under way', async () => {
  const evaluator = new WorkerEvaluator(new XPathHost({ script: WORKER }));
  try {
    const controller = new AbortController();
    const pending = evaluator.evaluate([assertion('?? xpath count(for $a in 1 to 100000, $b in 1 to 100000 return $a) > 0')], answer, controller.signal);
    setTimeout(() => controller.abort(), 300);
    const [stopped] = await pending;
    assert.equal(stopped!.outcome, 'failed');
    assert.match(stopped!.message!, /the run was cancelled/);
  } finally {
    evaluator.host.stop();
  }
});
