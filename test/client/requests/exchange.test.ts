/**
 * The exchange (client/src/requests/exchange/): a request with its chain against the in-process
 * simulator, through the real API client, read from the file's text as the command-line runner does.
 */
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import { startSimulator } from '../../../simulator/src/index';
import { loadRequestCatalog } from '../../../server/src/request/catalogLoader';
import { MemoryAnswers } from '../../../client/src/requests/exchange/answers';
import { sendWithChain, type Step } from '../../../client/src/requests/exchange/exchange';
import { textRequests } from '../../../server/src/request/textRequests';
import { PASSWORD, simClient, USER } from './support';

const simPromise = startSimulator({ port: 0, seed: 5, hosts: 20, user: USER, password: PASSWORD });
const closers: { close(): Promise<void> }[] = [];
after(async () => {
  for (const c of closers) await c.close();
  await (await simPromise).close();
});
const catalog = loadRequestCatalog();

const CHAIN = `### launch a scan
# @name launch
POST {{baseUrl}}/api/2.0/fo/scan/
X-Requested-With: curl
Content-Type: application/x-www-form-urlencoded

action=launch&scan_title={{title}}&ip=10.10.10.1&option_title=Initial Options

### its status
# @name status
GET {{baseUrl}}/api/2.0/fo/scan/?action=list&scan_ref={{launch.response.body.//ITEM[KEY='REFERENCE']/VALUE}}
X-Requested-With: curl
`;

async function run(text: string, offsetOf: string, options: { confirm?: boolean; answers?: MemoryAnswers; variables?: Record<string, string> } = {}) {
  const sim = await simPromise;
  const client = simClient(sim);
  closers.push(client);
  const requests = textRequests(text, catalog);
  const asked: Step[] = [];
  const before = sim.requests.length;
  const answers = options.answers ?? new MemoryAnswers();
  const result = await sendWithChain(
    {
      source: requests,
      client,
      answers,
      variables: (name) => Promise.resolve(options.variables?.[name]),
      confirm: (step) => {
        asked.push(step);
        return Promise.resolve(options.confirm ?? true);
      },
    },
    requests.at(text.indexOf(offsetOf))!,
  );
  return { result, asked, answers, received: sim.requests.slice(before).map((r) => `${r.method} ${r.url}`) };
}

test('sending status sends launch first (asking, as it changes data), then status with the reference from its answer', async () => {
  const { result, asked, answers, received } = await run(CHAIN, 'scan_ref', { variables: { title: 'Nightly' } });
  assert.ok(result.ok, result.ok ? '' : result.message);
  assert.deepEqual(
    asked.map((s) => [s.plan.name, s.neededBy]),
    [['launch a scan', 'its status']],
  );
  assert.equal(received.length, 2);
  assert.match(received[0]!, /^POST \/api\/2\.0\/fo\/scan\/?$/);
  const ref = /<VALUE>(scan\/[\d.]+)<\/VALUE>/.exec(answers.get('launch')!.body)![1]!;
  assert.equal(received[1], `GET /api/2.0/fo/scan/?action=list&scan_ref=${encodeURIComponent(ref)}`);
  assert.match(answers.get('status')!.body, /<STATE>Queued<\/STATE>/);
  assert.match(answers.get('status')!.body, /Nightly/);
  assert.equal(result.exchanges[0]!.plan.request.form?.scan_title, 'Nightly');

  // The answer is kept: sending status again sends only status.
  const again = await run(CHAIN, 'scan_ref', { answers });
  assert.ok(again.result.ok);
  assert.deepEqual(again.asked, []);
  assert.equal(again.received.length, 1);
  assert.match(again.received[0]!, /^GET \/api\/2\.0\/fo\/scan\/\?action=list&scan_ref=/);
});

test('declining the change sends nothing at all', async () => {
  const { result, received } = await run(CHAIN, 'scan_ref', { confirm: false, variables: { title: 'x' } });
  assert.ok(!result.ok);
  assert.equal(result.reason, 'declined');
  assert.deepEqual(received, []);
});

test('a dependency that answers with a Qualys error stops the chain there, naming CODE and TEXT', async () => {
  const { result, received } = await run(CHAIN.replace('&ip=10.10.10.1', ''), 'scan_ref', { variables: { title: 'x' } });
  assert.ok(!result.ok);
  assert.equal(result.reason, 'chain-failed');
  assert.match(result.message, /launch a scan answered CODE 1903: Missing required parameter\(s\): ip.*its status was not sent/);
  assert.equal(received.length, 1);
});

test('a cycle, a missing environment variable or a reference the answer does not hold: nothing, or nothing more, is sent', async () => {
  const cycle = `# @name a\nGET {{baseUrl}}/api/2.0/fo/scan/?action=list&scan_ref={{b.response.body.//REF}}\n\n###\n# @name b\nGET {{baseUrl}}/api/2.0/fo/scan/?action=list&scan_ref={{a.response.body.//REF}}\n`;
  const cyc = await run(cycle, 'scan_ref');
  assert.ok(!cyc.result.ok);
  assert.match(cyc.result.message, /a → b → a is a cycle/);
  assert.deepEqual(cyc.received, []);

  const missing = await run(CHAIN, 'scan_ref');
  assert.ok(!missing.result.ok);
  assert.match(missing.result.message, /define \{\{title\}\} first/);
  assert.deepEqual(missing.received, []);

  const empty = await run(CHAIN.replace("//ITEM[KEY='REFERENCE']/VALUE", '//NOTHING'), 'scan_ref', { variables: { title: 'x' } });
  assert.ok(!empty.result.ok);
  assert.match(empty.result.message, /its status was not sent: \{\{launch\.response\.body\.\/\/NOTHING\}\}: \/\/NOTHING matches nothing in the answer of 'launch'/);
  assert.equal(empty.received.length, 1);
});
