/**
 * The request history (client/src/history/): entries and answers on disk per account, bounded; sends
 * from Send Request and Run All recorded with status, CODE/TEXT, time and size; Send Again from a
 * stored request; and no credential or token in any file it writes.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startSimulator } from '../../../simulator/src/index';
import { resolveForSending } from '../../../server/src/request/sendableRequest';
import { loadRequestCatalog } from '../../../server/src/request/catalogLoader';
import { runnableRequests } from '../../../server/src/request/runnableFile';
import { HISTORY_REQUEST_CHARS, HistoryStore, type NewEntry } from '../../../client/src/history/historyStore';
import { describe, historyRecord, isFailure } from '../../../client/src/history/historyRecord';
import { sendAgain } from '../../../client/src/history/sendAgain';
import { sendRequestAt, type SendUi, type SentListener } from '../../../client/src/requests/sendFlow';
import { evaluateAssertions } from '../../../client/src/runner/evaluate';
import { runRequests } from '../../../client/src/runner/runStep';
import { MemoryAnswers } from '../../../client/src/requests/exchange/answers';
import { textRequests } from '../../../server/src/request/textRequests';
import { send, type QualysClient } from '../../../client/src/api';
import { workerHost } from '../../../client/src/api/workerHost';
import { renderResponse } from '../../../client/src/requests/renderResponse';
import { RENDER_HERE_MAX } from '../../../client/src/requests/renderAway';
import type { SendPlan } from '../../../client/src/requests/sendPlan';
import { FakeAccounts, MemoryLog, PASSWORD, simClient, USER } from '../requests/support';

const simPromise = startSimulator({ port: 0, seed: 8, hosts: 20, user: USER, password: PASSWORD });
const dirs: string[] = [];
const clients: QualysClient[] = [];
after(async () => {
  for (const client of clients) await client.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await (await simPromise).close();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qualys-history-'));
  dirs.push(dir);
  return dir;
}

function entry(name: string, extra: Partial<NewEntry> = {}): NewEntry {
  return { name, endpoint: 'GET /api/2.0/fo/asset/host/', account: 'acme', sentAt: new Date().toISOString(), origin: 'send', status: 200, format: 'xml', mutating: false, ...extra };
}

test('entries are kept per account, newest first, and bounded in count and characters', async () => {
  const store = new HistoryStore(tempDir(), { entries: 3, answerChars: 50, totalChars: 120 });
  for (let i = 1; i <= 5; i++) await store.record('account-a', entry(`a${i}`), `answer ${i}`);
  await store.record('account-b', entry('b1'), 'other account');
  assert.deepEqual((await store.list('account-a')).map((e) => e.name), ['a5', 'a4', 'a3']);
  assert.deepEqual((await store.list('account-b')).map((e) => e.name), ['b1']);
  const [newest] = await store.list('account-a');
  assert.equal(await store.answer('account-a', newest!.id), 'answer 5');
  // Files of dropped entries are gone: three answers and an index for a, one and an index for b.
  assert.equal((await store.files()).length, 6);

  const long = await store.record('account-a', entry('long'), 'x'.repeat(100));
  assert.match((await store.answer('account-a', long.id))!, /^x{50}\n\n\.\.\. \(the history keeps the first 50 characters of 100\)$/);
  await store.record('account-a', entry('long2'), 'y'.repeat(100));
  // 120 characters in all: the two long answers (about 100 each with their note) do not fit together.
  assert.deepEqual((await store.list('account-a')).map((e) => e.name), ['long2']);

  await store.clear('account-a');
  assert.deepEqual(await store.list('account-a'), []);
  assert.equal(await store.answer('account-a', '../../etc/passwd'), undefined);
});

test('a damaged index reads as empty and is replaced by the next record', async () => {
  const root = tempDir();
  const store = new HistoryStore(root);
  const first = await store.record('acct', entry('one'), 'answer');
  const index = (await store.files()).find((f) => f.endsWith('index.json'))!;
  writeFileSync(index, '{ not json');
  assert.deepEqual(await store.list('acct'), []);
  await store.record('acct', entry('two'), 'answer 2');
  assert.deepEqual((await store.list('acct')).map((e) => e.name), ['two']);
  assert.notEqual(first.id, (await store.list('acct'))[0]!.id);
});

/** A history wired as the extension wires it: every send and run recorded. */
function recorder(store: HistoryStore): { listener: SentListener; settled: () => Promise<void> } {
  const pending: Promise<unknown>[] = [];
  const listener: SentListener = ({ plan, outcome, sentAt, client, account, source, origin, secrets, rendered, checks }) => {
    pending.push(
      historyRecord(plan, outcome, { account: account.label, sentAt, origin: origin ?? 'send', source, ...(secrets ? { secrets } : {}), ...(rendered ? { rendered } : {}), ...(checks ? { checks } : {}) }, client).then(({ entry: made, answer }) => store.record(account.id ?? account.label, made, answer)),
    );
  };
  return { listener, settled: async () => void (await Promise.all(pending)) };
}

/** An environment as Send Request gets it: a variable whose value is a secret (kept in SecretStorage). */
const ENV_SECRET = 'Env-Secret-4242';
const environment = { lookup: (name: string) => Promise.resolve(name === 'ticket' ? ENV_SECRET : undefined), secrets: () => [ENV_SECRET] };

async function sendText(text: string, listener: SentListener, client: QualysClient): Promise<void> {
  const accounts = new FakeAccounts();
  accounts.set('acme_tw1 @ simulator', client);
  const offset = text.indexOf('|');
  const source = text.slice(0, offset) + text.slice(offset + 1);
  const ui: SendUi = {
    resolve: () => Promise.resolve(resolveForSending(source, offset)),
    resolveNamed: (_uri, name) => textRequests(source).named(name),
    confirm: () => Promise.resolve(true),
    signInNeeded: () => Promise.resolve(),
    error: (message) => assert.fail(message),
    withProgress: (_title, work) => work(new AbortController().signal),
    show: () => Promise.resolve(),
  };
  await sendRequestAt({ ui, accounts, log: new MemoryLog(), sent: listener, variables: environment.lookup, extraSecrets: environment.secrets }, { uri: 'file:///w/h.qualys', position: { line: 0, character: 0 } });
}

test('Send Request and Run All are recorded with status, CODE, TEXT, time and size; no credential or token is ever written', async () => {
  const sim = await simPromise;
  const client = simClient(sim);
  clients.push(client);
  const root = tempDir();
  const store = new HistoryStore(root);
  const { listener, settled } = recorder(store);

  await sendText('|GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&truncation_limit=3\n', listener, client);
  // The gateway's token request carries the password in its form and answers a JWT.
  await sendText(`|POST {{gatewayUrl}}/auth\nContent-Type: application/x-www-form-urlencoded\n\nusername=${USER}&password=${encodeURIComponent(PASSWORD)}&token=true\n`, listener, client);
  // A record with a password of its own.
  await sendText('|POST {{baseUrl}}/api/2.0/fo/auth/unix/\nContent-Type: application/x-www-form-urlencoded\n\naction=create&title=rec&username=root&password=Rec0rd-Secret&ips=10.0.0.1\n', listener, client);
  // A chain: the named request it reads is sent first, and both are recorded (one hook: the exchange's).
  await sendText('# @name first\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&truncation_limit=1\n\n###\n|GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ids={{first.response.body.//HOST[1]/ID}}\nX-Ticket: {{ticket}}\n', listener, client);
  // Run All: a request answered with a Qualys error.
  const runText = '### bad ids\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ids=abc\n?? code == 1905\n';
  const requests = runnableRequests(loadRequestCatalog(), runText);
  const account = { label: 'acme_tw1 @ simulator' };
  await runRequests(requests, {
    client,
    answers: new MemoryAnswers(),
    source: textRequests(runText),
    allowChange: () => Promise.resolve(false),
    evaluate: (assertions, answer) => Promise.resolve(evaluateAssertions(assertions, answer)),
    sent: (plan, request, outcome, sentAt) => listener({ plan, outcome, sentAt, client, account, source: { uri: 'file:///w/run.qualys', line: request.line }, origin: 'run' }),
  });
  await settled();

  const entries = await store.list('acme_tw1 @ simulator');
  assert.deepEqual(
    entries.map((e) => [e.name, e.origin, e.status, e.code, e.request !== undefined]),
    [
      ['bad ids', 'run', 400, '1905', true],
      ['GET /api/2.0/fo/asset/host/', 'send', 200, undefined, false],
      ['first', 'send', 200, undefined, true],
      ['POST /api/2.0/fo/auth/unix/', 'send', 200, undefined, false],
      ['POST /auth', 'send', 201, undefined, false],
      ['GET /api/2.0/fo/asset/host/', 'send', 200, undefined, true],
    ],
  );
  const [bad, chained, , , , list] = entries;
  assert.equal(chained!.source?.line, 4, 'the chosen request of the chain, at its line');
  assert.match(bad!.text!, /has invalid value/);
  assert.ok(list!.durationMs! >= 0 && list!.size! > 500);
  assert.match((await store.answer('acme_tw1 @ simulator', list!.id))!, /<HOST_LIST_OUTPUT>/);

  const basic = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
  for (const file of await store.files()) {
    const text = readFileSync(file, 'utf8');
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), basic, 'Rec0rd-Secret', ENV_SECRET]) assert.ok(!text.includes(secret), `${file} holds a credential`);
    assert.doesNotMatch(text, /eyJ[\w-]+\.[\w-]+\.[\w-]+/, `${file} holds a JWT`);
    assert.doesNotMatch(text, /authorization/i, `${file} holds an Authorization header`);
  }
});

test('Run All records its assertions\' verdict: a 200 whose assertion failed is marked failed, an expected Qualys error that held is not', async () => {
  const sim = await simPromise;
  const client = simClient(sim);
  clients.push(client);
  const store = new HistoryStore(tempDir());
  const { listener, settled } = recorder(store);
  const runText = [
    '# @name first',
    'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&truncation_limit=1',
    '',
    '### wrong count',
    'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ids={{first.response.body.//HOST[1]/ID}}',
    '?? status == 200',
    '?? xpath count(//HOST) == 2',
    '',
    '### bad ids',
    'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ids=abc',
    '?? code == 1905',
    '',
  ].join('\n');
  const requests = runnableRequests(loadRequestCatalog(), runText).filter((r) => r.name !== 'first');
  const account = { label: 'acme_tw1 @ simulator' };
  const summary = await runRequests(requests, {
    client,
    answers: new MemoryAnswers(),
    source: textRequests(runText),
    allowChange: () => Promise.resolve(false),
    evaluate: (assertions, answer) => Promise.resolve(evaluateAssertions(assertions, answer)),
    sent: (plan, request, outcome, sentAt, checks) => listener({ plan, outcome, sentAt, client, account, source: { uri: 'file:///w/run.qualys', line: request.line }, origin: 'run', ...(checks ? { checks } : {}) }),
  });
  await settled();
  assert.deepEqual(summary.results.map((r) => r.outcome), ['failed', 'passed']);
  const entries = await store.list('acme_tw1 @ simulator');
  // Newest first; the chained dependency "first" is recorded without a verdict of its own.
  assert.deepEqual(
    entries.map((e) => [e.name, e.status, e.assertions, isFailure(e)]),
    [
      ['bad ids', 400, { passed: 1, failed: 0 }, false],
      ['wrong count', 200, { passed: 1, failed: 1 }, true],
      ['first', 200, undefined, false],
    ],
  );
  assert.match(describe(entries[1]!), /^HTTP 200 · 1 of 2 assertions failed · \d+ ms/);
  assert.match(describe(entries[0]!), /^HTTP 400 · CODE 1905 · 1 assertion held · /);
});

test('Send Again sends the stored request and renders the answer as Send Request does', async () => {
  const sim = await simPromise;
  const client = simClient(sim);
  clients.push(client);
  const store = new HistoryStore(tempDir());
  const { listener, settled } = recorder(store);
  await sendText('|GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&truncation_limit=2\n', listener, client);
  await settled();
  const [stored] = await store.list('acme_tw1 @ simulator');
  const before = sim.requests.length;
  const again = await sendAgain(stored!, client, { label: 'acme_tw1 @ simulator' });
  assert.ok(again);
  assert.deepEqual(sim.requests.slice(before).map((r) => `${r.method} ${r.url}`), ['GET /api/2.0/fo/asset/host/?action=list&truncation_limit=2']);
  assert.match(again.rendered.text, /^### GET \/api\/2\.0\/fo\/asset\/host\/\n# GET \/api\/2\.0\/fo\/asset\/host\/ \| acme_tw1 @ simulator \|/);
  assert.match(again.rendered.text, /HTTP 200/);
});

/** Counts the answers the API worker renders until `stop`. */
function countWorkerRenders(): { count(): number; stop(): void } {
  const worker = workerHost();
  const render = worker.render.bind(worker);
  let count = 0;
  worker.render = (...args) => {
    count++;
    return render(...args);
  };
  return { count: () => count, stop: () => void (worker.render = render) };
}

test('a large answer is rendered for the history in the API worker, reading exactly as rendered here, with no credential', async () => {
  const sim = await simPromise;
  const client = simClient(sim);
  clients.push(client);
  const answer = await send(client, { method: 'GET', url: '/api/2.0/fo/asset/host/?action=list&details=All&show_tags=1' });
  assert.ok(answer.ok, answer.ok ? '' : answer.error.message);
  const hosts = answer.value.body.slice(answer.value.body.indexOf('<HOST>'), answer.value.body.lastIndexOf('</HOST>') + 7);
  // An answer of about 2 MB (the most the history keeps) that echoes the password and a request secret.
  const body = `<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST>${hosts.repeat(Math.ceil(2e6 / hosts.length))}<!-- ${PASSWORD} Rec0rd-Secret --></HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>`;
  assert.ok(body.length > RENDER_HERE_MAX);
  const outcome = { ok: true as const, value: { ...answer.value, body } };
  const plan: SendPlan = { request: { method: 'GET', url: '/api/2.0/fo/asset/host/?action=list' }, secrets: ['Rec0rd-Secret'], answerIsCredential: false, mutating: false, endpoint: 'GET /api/2.0/fo/asset/host/', action: 'list', name: 'hosts' };
  const sentAt = new Date(0);
  const renders = countWorkerRenders();
  try {
    const { entry: made, answer: text } = await historyRecord(plan, outcome, { account: 'acme_tw1 @ simulator', sentAt, origin: 'send', secrets: [ENV_SECRET] }, client);
    assert.equal(renders.count(), 1, 'rendered in the worker');
    const basic = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    const here = renderResponse({ name: 'hosts', endpoint: plan.endpoint, account: 'acme_tw1 @ simulator', sentAt, outcome, hideBody: false }, [PASSWORD, basic, 'Rec0rd-Secret', ENV_SECRET]);
    assert.equal(text, here.text);
    assert.equal(made.format, here.format);
    assert.match(text, /<HOST>\n\s+<ID>/, 'formatted');
    for (const secret of [PASSWORD, basic, 'Rec0rd-Secret']) assert.ok(!text.includes(secret), 'a credential in the stored answer');
    // A small answer stays here (no round trip).
    await historyRecord(plan, { ok: true as const, value: { ...answer.value, body: '<SIMPLE_RETURN/>' } }, { account: 'a', sentAt, origin: 'send' }, client);
    assert.equal(renders.count(), 1);
  } finally {
    renders.stop();
  }
});

test('Send Request renders a large answer once, in the API worker: the history stores the document shown', async () => {
  const sim = await startSimulator({ port: 0, seed: 8, hosts: 400, user: USER, password: PASSWORD });
  const client = simClient(sim);
  const renders = countWorkerRenders();
  try {
    const store = new HistoryStore(tempDir());
    const { listener, settled } = recorder(store);
    const accounts = new FakeAccounts();
    accounts.set('acme_tw1 @ simulator', client);
    const source = 'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&details=All&show_tags=1&truncation_limit=400\n';
    const shown: string[] = [];
    const ui: SendUi = {
      resolve: () => Promise.resolve(resolveForSending(source, 0)),
      confirm: () => Promise.resolve(true),
      signInNeeded: () => Promise.resolve(),
      error: (message) => assert.fail(message),
      withProgress: (_title, work) => work(new AbortController().signal),
      show: (response) => {
        shown.push(response.text);
        return Promise.resolve();
      },
    };
    assert.equal(await sendRequestAt({ ui, accounts, log: new MemoryLog(), sent: listener }, { uri: 'file:///w/h.qualys', position: { line: 0, character: 0 } }), 'shown');
    await settled();
    assert.ok(shown[0]!.length > RENDER_HERE_MAX, 'an answer large enough for the worker');
    assert.equal(renders.count(), 1, 'rendered once');
    const [stored] = await store.list('acme_tw1 @ simulator');
    assert.equal(await store.answer('acme_tw1 @ simulator', stored!.id), shown[0]);
  } finally {
    renders.stop();
    await client.close();
    await sim.close();
  }
});

test('a request larger than the history keeps for Send Again is listed but not kept: index.json stays small', async () => {
  const sim = await simPromise;
  const client = simClient(sim);
  clients.push(client);
  const outcome = { ok: true as const, value: { status: 200, headers: {}, body: '<SIMPLE_RETURN/>', durationMs: 1 } } as unknown as Parameters<typeof historyRecord>[1];
  const planOf = (body: string): SendPlan => ({ request: { method: 'POST', url: '/api/2.0/fo/subscription/option_profile/?action=import', body }, secrets: [], answerIsCredential: false, mutating: true, endpoint: 'POST /api/2.0/fo/subscription/option_profile/', action: 'import', name: 'import' });
  const context = { account: 'a', sentAt: new Date(0), origin: 'send' as const };
  const small = await historyRecord(planOf('<OPTION_PROFILES/>'), outcome, context, client);
  assert.ok(small.entry.request, 'a small request is kept for Send Again');
  const large = await historyRecord(planOf(`<OPTION_PROFILES>${' '.repeat(HISTORY_REQUEST_CHARS)}</OPTION_PROFILES>`), outcome, context, client);
  assert.equal(large.entry.request, undefined, 'a request over the bound is not kept');
  assert.equal(large.entry.name, 'import');
});
