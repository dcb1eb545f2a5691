/**
 * Running a request file (client/src/runner/runStep.ts) against the simulator in-process: assertions
 * that hold and that fail, a change skipped unless allowed, an auth failure stopping the run, a 409
 * tested by its Qualys CODE, and requests without assertions judged by their answer.
 */
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import { startSimulator } from '../../../simulator/src/index';
import { loadRequestCatalog } from '../../../server/src/request/catalogLoader';
import { runnableRequests } from '../../../server/src/request/runnableFile';
import { evaluateAssertions } from '../../../client/src/runner/evaluate';
import { runRequests, type StepContext } from '../../../client/src/runner/runStep';
import { MemoryAnswers } from '../../../client/src/requests/exchange/answers';
import { textRequests } from '../../../server/src/request/textRequests';
import type { QualysClient } from '../../../client/src/api';
import { PASSWORD, simClient, USER } from '../requests/support';

const simPromise = startSimulator({ port: 0, seed: 5, hosts: 30, user: USER, password: PASSWORD });
const catalog = loadRequestCatalog();
const clients: QualysClient[] = [];
after(async () => {
  for (const client of clients) await client.close();
  await (await simPromise).close();
});

async function run(text: string, options: { allowChanges?: boolean; password?: string } = {}) {
  const sim = await simPromise;
  const client = simClient(sim, options.password);
  clients.push(client);
  const asked: string[] = [];
  const context: StepContext = {
    client,
    answers: new MemoryAnswers(),
    source: textRequests(text, catalog),
    allowChange: (plan, _request, neededBy) => {
      asked.push(`${plan.endpoint}${neededBy ? ` for ${neededBy}` : ''}`);
      return Promise.resolve(options.allowChanges ?? false);
    },
    evaluate: (assertions, answer) => Promise.resolve(evaluateAssertions(assertions, answer)),
  };
  const before = sim.requests.length;
  const summary = await runRequests(runnableRequests(catalog, text), context);
  return { summary, asked, received: sim.requests.slice(before).map((r) => `${r.method} ${r.url}`) };
}

const LIST = 'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&truncation_limit=10';

test('assertions that hold pass; one that does not fails the request with what was found', async () => {
  const { summary } = await run(
    [
      '### hosts',
      LIST,
      '?? status == 200',
      '?? xpath count(//HOST) == 10',
      '?? xpath string(/HOST_LIST_OUTPUT/RESPONSE/HOST_LIST/HOST[1]/ID) matches ^\\d+$',
      '?? header x-ratelimit-remaining > 0',
      '?? header content-type includes xml',
      '?? code != 1965',
      '?? duration < 60000',
      '?? size > 1000',
      '',
      '### too many',
      LIST,
      '?? xpath count(//HOST) > 1000',
      '?? status == 200',
      '',
    ].join('\n'),
  );
  assert.deepEqual(summary.results.map((r) => r.outcome), ['passed', 'failed']);
  assert.deepEqual(summary.results[0]!.assertions.map((a) => a.outcome), ['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed']);
  assert.equal(summary.results[1]!.message, 'xpath count(//HOST) (10) > 1000');
  assert.deepEqual(summary.results[1]!.assertions.map((a) => [a.assertion.line, a.outcome]), [[13, 'failed'], [14, 'passed']]);
});

test('a request that changes data is skipped unless allowed, and then sent once', async () => {
  const file = ['### purge', 'POST {{baseUrl}}/api/2.0/fo/asset/host/', 'Content-Type: application/x-www-form-urlencoded', '', 'action=purge&ids=1', '?? status == 200', ''].join('\n');
  const skipped = await run(file);
  assert.equal(skipped.summary.results[0]!.outcome, 'skipped');
  assert.match(skipped.summary.results[0]!.message!, /changes data and was not sent/);
  assert.deepEqual(skipped.asked, ['POST /api/2.0/fo/asset/host/']);
  assert.deepEqual(skipped.received, []);
  const allowed = await run(file, { allowChanges: true });
  assert.equal(allowed.summary.results[0]!.outcome, 'passed');
  assert.deepEqual(allowed.received, ['POST /api/2.0/fo/asset/host/']);
});

test('refused credentials stop the run: the request errs and the rest are not sent', async () => {
  const { summary, received } = await run(`### one\n${LIST}\n?? status == 200\n\n### two\n${LIST}\n`, { password: 'wrong' });
  assert.deepEqual(summary.results.map((r) => r.outcome), ['errored', 'skipped']);
  assert.equal(summary.results[0]!.stopsRun, true);
  assert.match(summary.results[0]!.message!, /^HTTP 401/);
  assert.match(summary.results[1]!.message!, /Not run: the run stopped at "one"/);
  assert.equal(received.length, 1);
});

test('a rate-limited answer is tested by its Qualys CODE; the API client then holds back the next call itself', async () => {
  const sim = await simPromise;
  sim.setFaults({ storm409: 'rate' });
  try {
    const { summary, received } = await run(`### limited\n${LIST}\n?? status == 409\n?? code == 1965\n?? text includes cannot be run again\n\n### next\n${LIST}\n`);
    assert.deepEqual(summary.results.map((r) => r.outcome), ['passed', 'errored']);
    assert.match(summary.results[1]!.message!, /^No answer: Rate limit reached: Qualys asks to wait \d+ s/);
    assert.equal(received.length, 1);
  } finally {
    sim.setFaults({ storm409: 'off' });
  }
});

test('without assertions, a request passes on an answer that is no error and fails on a Qualys error', async () => {
  const { summary } = await run(`### fine\n${LIST}\n\n### bad value\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ids=abc\n`);
  assert.deepEqual(summary.results.map((r) => r.outcome), ['passed', 'failed']);
  assert.match(summary.results[1]!.message!, /^HTTP 400, Qualys CODE 1905/);
});

test('unreadable and JavaScript assertions: the first fails, the second is skipped, the request still runs', async () => {
  const { summary } = await run(`### a\n${LIST}\n?? js response.statusCode == 200\n?? stauts == 200\n?? status == 200\n`);
  const [result] = summary.results;
  assert.equal(result!.outcome, 'failed');
  assert.deepEqual(result!.assertions.map((a) => a.outcome), ['skipped', 'failed', 'passed']);
  assert.match(result!.message!, /stauts == 200: 'stauts' is not an assertion field/);
});
