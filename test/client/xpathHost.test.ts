/**
 * The one XPath worker host (client/src/xpathHost.ts): chained references and a run's assertions
 * share one worker thread; the host's bounds (start timeout, a job's time bound, the heap cap), its
 * restart after a crash and its stop after idle, on small worker scripts that misbehave on demand.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { chainValues } from '../../client/src/requests/exchange/chainValues';
import { assertionEvaluator } from '../../client/src/requests/sendModules';
import { readAssertionLine, toAssertion } from '../../server/src/request/assertions';
import { XPathHost, xpathHost } from '../../client/src/xpathHost';

const dir = mkdtempSync(join(tmpdir(), 'xpath-host-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A worker script: `loads` false never finishes loading; jobs: echo, crash, oom, hang. */
function script(name: string, loads = true): string {
  const file = join(dir, `${name}.js`);
  writeFileSync(
    file,
    `${loads ? '' : 'for (;;);'}
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => {
  if (job.type === 'echo') parentPort.postMessage({ id: job.id, echo: job.text });
  else if (job.type === 'crash') throw new Error('boom');
  else if (job.type === 'oom') { const kept = []; for (;;) kept.push(new Array(1e6).fill(kept.length)); }
  else if (job.type === 'hang') for (;;);
});
parentPort.postMessage({ type: 'ready' });`,
  );
  return file;
}

const bounds = { timeoutMs: 10_000, timedOut: 'too long' };

test('chained references and assertions share one worker: a run that chains and asserts starts one', async () => {
  try {
    assert.equal(chainValues().host, xpathHost());
    assert.equal(assertionEvaluator().host, xpathHost());
    const body = '<SIMPLE_RETURN><RESPONSE><ITEM_LIST><ITEM><KEY>ID</KEY><VALUE>7</VALUE></ITEM></ITEM_LIST></RESPONSE></SIMPLE_RETURN>';
    const [value] = await chainValues().values({ status: 200, headers: {}, body }, [{ text: "launch.response.body.//ITEM[KEY='ID']/VALUE", name: 'launch', kind: 'xpath', path: "//ITEM[KEY='ID']/VALUE" }]);
    assert.deepEqual(value, { ok: true, value: '7' });
    const line = '?? xpath count(//ITEM) == 1';
    const read = toAssertion(line, readAssertionLine(line, 0, line.length), 0);
    assert.ok(read.ok);
    const [result] = await assertionEvaluator().evaluate([read.assertion], { status: 200, headers: {}, body, durationMs: 1, size: body.length });
    assert.equal(result!.outcome, 'passed', result!.message);
    assert.equal(xpathHost().workersStarted, 1);
  } finally {
    xpathHost().stop();
  }
});

test('jobs are answered by id; a crashed worker fails what waits on it and the next job starts a new one', async () => {
  const host = new XPathHost({ script: script('crash') });
  try {
    const [a, b] = await Promise.all([host.run<{ echo: string }>({ type: 'echo', text: 'a' } as never, bounds), host.run<{ echo: string }>({ type: 'echo', text: 'b' } as never, bounds)]);
    assert.deepEqual([a, b], [{ ok: true, reply: { id: 1, echo: 'a' } }, { ok: true, reply: { id: 2, echo: 'b' } }]);
    const crashed = await host.run({ type: 'crash' }, bounds);
    assert.deepEqual(crashed, { ok: false, message: 'The XPath worker failed: boom' });
    const again = await host.run<{ echo: string }>({ type: 'echo', text: 'c' } as never, bounds);
    assert.ok(again.ok && again.reply.echo === 'c');
    assert.equal(host.workersStarted, 2);
  } finally {
    host.stop();
  }
});

test('a job past its bound ends the worker: it answers its own message, the others why they stopped', async () => {
  const host = new XPathHost({ script: script('hang') });
  try {
    const hung = host.run({ type: 'hang' }, { timeoutMs: 300, timedOut: 'The path took too long.' });
    const queued = host.run({ type: 'echo', text: 'x' } as never, bounds);
    assert.deepEqual(await hung, { ok: false, message: 'The path took too long.' });
    assert.deepEqual(await queued, { ok: false, message: 'The XPath worker was stopped with another job (The path took too long.)' });
  } finally {
    host.stop();
  }
});

test('a worker that never gets ready is ended at the start timeout', async () => {
  const host = new XPathHost({ script: script('silent', false), startTimeoutMs: 300 });
  try {
    assert.deepEqual(await host.run({ type: 'echo', text: 'x' } as never, bounds), { ok: false, message: 'The XPath worker did not start within 0.3 s.' });
  } finally {
    host.stop();
  }
});

test('the heap is capped: a job that takes all the memory ends the worker with a message', async () => {
  const host = new XPathHost({ script: script('oom') });
  try {
    const outcome = await host.run({ type: 'oom' }, { timeoutMs: 120_000, timedOut: 'too long' });
    assert.equal(outcome.ok, false);
    assert.match(!outcome.ok ? outcome.message : '', /out of memory|ERR_WORKER_OUT_OF_MEMORY|exited/i);
  } finally {
    host.stop();
  }
});

test('an idle worker is stopped; the next job starts a new one', async () => {
  const host = new XPathHost({ script: script('idle'), idleMs: 200 });
  try {
    assert.ok((await host.run({ type: 'echo', text: 'x' } as never, bounds)).ok);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.ok((await host.run({ type: 'echo', text: 'y' } as never, bounds)).ok);
    assert.equal(host.workersStarted, 2);
  } finally {
    host.stop();
  }
});

test('an aborted signal answers at once when given before, and stops the job when given during', async () => {
  const host = new XPathHost({ script: script('abort') });
  try {
    const before = new AbortController();
    before.abort();
    assert.deepEqual(await host.run({ type: 'hang' }, { ...bounds, signal: before.signal, cancelled: 'Cancelled.' }), { ok: false, message: 'Cancelled.' });
    assert.equal(host.workersStarted, 0);
    const during = new AbortController();
    const pending = host.run({ type: 'hang' }, { ...bounds, signal: during.signal, cancelled: 'Stopped by the user.' });
    setTimeout(() => during.abort(), 200);
    assert.deepEqual(await pending, { ok: false, message: 'Stopped by the user.' });
  } finally {
    host.stop();
  }
});
