/**
 * "Send Request" end to end without VS Code (client/src/requests/sendFlow.ts): the server's resolver,
 * the real API client and the real simulator in-process; the VS Code parts are recorded fakes.
 */
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import { startSimulator } from '../../../simulator/src/index';
import { resolveForSending } from '../../../server/src/request/sendableRequest';
import type { RenderedResponse } from '../../../client/src/requests/renderResponse';
import { SIGN_IN_MESSAGE, sendRequestAt, type SendOutcome, type SendUi } from '../../../client/src/requests/sendFlow';
import { FakeAccounts, MemoryLog, PASSWORD, simClient, USER } from './support';

const simPromise = startSimulator({ port: 0, seed: 11, hosts: 30, user: USER, password: PASSWORD });
const clients: { close(): Promise<void> }[] = [];
after(async () => {
  for (const client of clients) await client.close();
  await (await simPromise).close();
});

interface Run {
  readonly outcome: SendOutcome;
  readonly shown: RenderedResponse[];
  readonly confirmations: { message: string; detail: string }[];
  readonly errors: string[];
  readonly signIns: string[];
  readonly log: MemoryLog;
  /** Requests the simulator received during the run. */
  readonly received: { method: string; url: string }[];
}

interface RunOptions {
  readonly answer?: boolean;
  readonly signedOut?: boolean;
  /** Cancel (as the progress notification's button does) once the simulator has the request. */
  readonly cancelWhenReceived?: boolean;
  readonly changesData?: boolean;
}

/** Sends the request at `|` of an inline request file, as the CodeLens would. */
async function sendAt(document: string, options: RunOptions = {}): Promise<Run> {
  const sim = await simPromise;
  const offset = document.indexOf('|');
  const text = document.slice(0, offset) + document.slice(offset + 1);
  const lines = text.slice(0, offset).split('\n');
  const position = { line: lines.length - 1, character: lines.at(-1)!.length };
  const accounts = new FakeAccounts();
  if (!options.signedOut) {
    const client = simClient(sim);
    clients.push(client);
    accounts.set('acme_tw1 @ simulator', client);
  }
  const shown: RenderedResponse[] = [];
  const confirmations: { message: string; detail: string }[] = [];
  const errors: string[] = [];
  const signIns: string[] = [];
  const before = sim.requests.length;
  const ui: SendUi = {
    resolve: (uri, at) => {
      assert.equal(uri, 'file:///w/hosts.qualys');
      assert.deepEqual(at, position);
      return Promise.resolve(resolveForSending(text, offset));
    },
    confirm: (question) => {
      confirmations.push(question);
      return Promise.resolve(options.answer ?? false);
    },
    signInNeeded: (message) => {
      signIns.push(message);
      return Promise.resolve();
    },
    error: (message) => void errors.push(message),
    withProgress: async (_title, work) => {
      const controller = new AbortController();
      let watching = options.cancelWhenReceived === true;
      const watch = (async () => {
        while (watching && sim.requests.length === before) await new Promise((resolve) => setImmediate(resolve));
        if (watching) controller.abort();
      })();
      try {
        return await work(controller.signal);
      } finally {
        watching = false;
        await watch;
      }
    },
    show: (response) => {
      shown.push(response);
      return Promise.resolve();
    },
  };
  const log = new MemoryLog();
  const outcome = await sendRequestAt({ ui, accounts, log }, { uri: 'file:///w/hosts.qualys', position, ...(options.changesData !== undefined ? { changesData: options.changesData } : {}) });
  const received = sim.requests.slice(before).map((r) => ({ method: r.method, url: r.url }));
  const everything = JSON.stringify({ shown, confirmations, errors, signIns, log: log.lines });
  assert.ok(!everything.includes(PASSWORD), 'the password appears nowhere');
  assert.ok(!everything.includes(Buffer.from(`${USER}:${PASSWORD}`).toString('base64')), 'nor its Basic form');
  return { outcome, shown, confirmations, errors, signIns, log, received };
}

test('a read-only request is sent without asking and its response shown with status, limits and the formatted body', async () => {
  const run = await sendAt(['### list hosts', 'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&details=Basic&truncation_limit=2|'].join('\n'));
  assert.equal(run.outcome, 'shown');
  assert.deepEqual(run.confirmations, []);
  assert.deepEqual(run.received, [{ method: 'GET', url: '/api/2.0/fo/asset/host/?action=list&details=Basic&truncation_limit=2' }]);
  const { text, format } = run.shown[0]!;
  assert.equal(format, 'xml');
  assert.match(text, /^### list hosts$/m);
  assert.match(text, /^# GET \/api\/2\.0\/fo\/asset\/host\/ \| acme_tw1 @ simulator \| /m);
  assert.match(text, /^HTTP 200 \| \d+ ms$/m);
  assert.match(text, /^Rate limit: \d+ of \d+ calls left in a \d+ s window$/m);
  assert.match(text, /^Concurrency: \d+ running of 2 allowed$/m);
  assert.match(text, /^x-ratelimit-remaining: \d+$/m);
  assert.match(text, /^ {6}<HOST>$/m, 'indented XML');
  assert.match(run.log.lines.join('\n'), /answered HTTP 200/);
});

test('a request that changes data asks first, naming endpoint and action; declining sends nothing', async () => {
  const run = await sendAt(['### update', 'POST {{baseUrl}}/api/2.0/fo/asset/host/|', 'Content-Type: application/x-www-form-urlencoded', '', 'action=update&ids=2000002&new_comment=checked'].join('\n'), { answer: false });
  assert.equal(run.outcome, 'declined');
  assert.equal(run.confirmations.length, 1);
  assert.match(run.confirmations[0]!.detail, /^POST \/api\/2\.0\/fo\/asset\/host\/ with action=update changes data in the Qualys account acme_tw1 @ simulator\./);
  assert.deepEqual(run.received, []);
  assert.deepEqual(run.shown, []);
});

test('a confirmed change is sent once and never retried, even when the answer is a 503', async () => {
  const sim = await simPromise;
  sim.setFaults({ http5xx: 1 });
  try {
    const run = await sendAt(['POST {{baseUrl}}/api/2.0/fo/asset/host/|', 'Content-Type: application/x-www-form-urlencoded', '', 'action=update&ids=2000002&new_comment=once'].join('\n'), { answer: true });
    assert.equal(run.outcome, 'shown');
    assert.deepEqual(run.received.map((r) => r.method), ['POST'], 'one attempt only');
    assert.match(run.shown[0]!.text, /^HTTP 503 \| \d+ ms \| changes data \(not retried\)$/m);
  } finally {
    sim.setFaults({ http5xx: 0 });
  }
});

test('a read-only request is retried by the API client after a 503 and shows the final answer', async () => {
  const sim = await simPromise;
  sim.setFaults({ http5xx: 1 });
  try {
    const run = await sendAt('GET {{baseUrl}}/api/2.0/fo/auth/?action=list|');
    assert.equal(run.received.length, 2);
    assert.match(run.shown[0]!.text, /^HTTP 200 /m);
  } finally {
    sim.setFaults({ http5xx: 0 });
  }
});

test('the CodeLens verdict that a request changes data is honoured even for a read action', async () => {
  const run = await sendAt('GET {{baseUrl}}/api/2.0/fo/auth/?action=list|', { changesData: true, answer: false });
  assert.equal(run.outcome, 'declined');
  assert.deepEqual(run.received, []);
});

test('a Qualys error in an HTTP 200 answer shows its CODE and TEXT', async () => {
  const sim = await simPromise;
  sim.setFaults({ accountExpired200: true });
  try {
    const run = await sendAt('GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list|');
    assert.equal(run.outcome, 'shown');
    assert.match(run.shown[0]!.text, /^HTTP 200 /m);
    assert.match(run.shown[0]!.text, /^Qualys error: CODE 2001 TEXT .+$/m);
    assert.match(run.log.lines.join('\n'), /CODE 2001/);
  } finally {
    sim.setFaults({ accountExpired200: false });
  }
});

test('the 409 storm shows Qualys CODE 1965 and the wait it asks for', async () => {
  const sim = await simPromise;
  sim.setFaults({ storm409: 'rate' });
  try {
    const run = await sendAt('POST {{baseUrl}}/api/2.0/fo/asset/host/|\nContent-Type: application/x-www-form-urlencoded\n\naction=update&ids=1&new_comment=x', { answer: true });
    assert.match(run.shown[0]!.text, /^HTTP 409 /m);
    assert.match(run.shown[0]!.text, /^Qualys error: CODE 1965/m);
    assert.match(run.shown[0]!.text, /x-ratelimit-towait-sec: \d+/);
  } finally {
    sim.setFaults({ storm409: 'off' });
  }
});

test('signed out: a message with a Sign In button, nothing sent', async () => {
  const run = await sendAt('GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list|', { signedOut: true });
  assert.equal(run.outcome, 'signed-out');
  assert.deepEqual(run.signIns, [SIGN_IN_MESSAGE]);
  assert.deepEqual(run.received, []);
});

test('an undefined variable stops the request before any account is asked', async () => {
  const run = await sendAt('GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ids={{hostIds}}|');
  assert.equal(run.outcome, 'not-sendable');
  assert.match(run.errors[0]!, /define \{\{hostIds\}\} first/);
  assert.deepEqual(run.received, []);
});

test('an absolute URL on another host is refused by the API client and the refusal shown; nothing leaves', async () => {
  const run = await sendAt('GET https://qualysapi.qualys.com/api/2.0/fo/asset/host/?action=list|');
  assert.equal(run.outcome, 'shown');
  assert.match(run.shown[0]!.text, /^No answer: https:\/\/qualysapi\.qualys\.com is neither this account's API server nor its gateway.*\(config\)$/m);
  assert.deepEqual(run.received, []);
});

test('cancelling while the simulator holds the request ends the send without a document', async () => {
  const sim = await simPromise;
  sim.setFaults({ latencyMs: 1_500 });
  try {
    const run = await sendAt('GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list|', { cancelWhenReceived: true });
    assert.equal(run.outcome, 'cancelled');
    assert.deepEqual(run.shown, []);
    assert.match(run.log.lines.join('\n'), /cancelled/);
  } finally {
    sim.setFaults({ latencyMs: 0 });
  }
});

test('the gateway /auth answer is a credential: its token is not shown, nor the password the form carries', async () => {
  const form = new URLSearchParams({ username: USER, password: PASSWORD, token: 'true' }).toString();
  const run = await sendAt(`POST {{gatewayUrl}}/auth|\nContent-Type: application/x-www-form-urlencoded\n\n${form}`);
  assert.equal(run.outcome, 'shown');
  assert.deepEqual(run.received.map((r) => r.url), ['/auth']);
  const { text } = run.shown[0]!;
  assert.match(text, /^HTTP 20\d /m);
  assert.match(text, /a gateway token, which is a credential and is not shown/);
  assert.ok(!/eyJ[\w-]+\.[\w-]+/.test(text), 'no JWT');
});

test('a language server that cannot answer gives a message, not an unhandled error', async () => {
  const errors: string[] = [];
  const ui = {
    resolve: () => Promise.reject(new Error('Client is not running')),
    error: (message: string) => void errors.push(message),
  } as unknown as SendUi;
  const outcome = await sendRequestAt({ ui, accounts: new FakeAccounts(), log: new MemoryLog() }, { uri: 'file:///w/a.qualys', position: { line: 0, character: 0 } });
  assert.equal(outcome, 'no-request');
  assert.deepEqual(errors, ['The Qualys language server could not read the request: Client is not running']);
});
