/**
 * Live values for completion (client/src/requests/liveValues.ts, liveValuesRefresher.ts) against the
 * real simulator in-process: what is fetched and pushed, failures that keep the previous values,
 * account switches that drop another account's values, the timer and the single refresh at a time.
 */
import { strict as assert } from 'node:assert';
import { after, mock, test } from 'node:test';
import { startSimulator } from '../../../simulator/src/index';
import type { LiveValueKind, LiveValuesParams } from '../../../protocol';
import { LiveValuesRefresher } from '../../../client/src/requests/liveValuesRefresher';
import type { LiveFetcher } from '../../../client/src/requests/liveValues';
import { FakeAccounts, MemoryLog, PASSWORD, simClient, USER } from './support';

const simPromise = startSimulator({ port: 0, seed: 5, hosts: 40, user: USER, password: PASSWORD });
const clients: { close(): Promise<void> }[] = [];
after(async () => {
  for (const client of clients) await client.close();
  await (await simPromise).close();
});

async function setup(options: { password?: string } = {}) {
  const sim = await simPromise;
  const client = simClient(sim, options.password);
  clients.push(client);
  const accounts = new FakeAccounts();
  accounts.set('acme @ simulator', client);
  const log = new MemoryLog();
  const sent: LiveValuesParams[] = [];
  const refresher = new LiveValuesRefresher({ accounts, log, notify: (params) => { sent.push(params); return Promise.resolve(); }, now: () => new Date('2026-03-04T05:06:07Z') });
  return { sim, client, accounts, log, sent, refresher };
}

function noSecrets(log: MemoryLog, sent: LiveValuesParams[]): void {
  const text = JSON.stringify({ lines: log.lines, sent });
  assert.ok(!text.includes(PASSWORD));
  assert.ok(!text.includes(Buffer.from(`${USER}:${PASSWORD}`).toString('base64')));
}

test('a refresh fetches every kind from the account and pushes each to the server', async () => {
  const { sim, sent, log, refresher } = await setup();
  const report = await refresher.refresh();
  assert.deepEqual(report.failed, []);
  assert.deepEqual(report.updated, ['tags', 'authRecordIds', 'policyIds', 'optionProfileIds', 'optionProfileTitles', 'assetGroupIds', 'assetGroupTitles', 'applianceIds', 'applianceNames', 'networkIds', 'scanRefs', 'reportIds', 'reportTemplateIds', 'searchListIds']);
  assert.deepEqual(sent.map((p) => [p.kind, p.account, p.fetchedAt]), report.updated.map((kind) => [kind, 'acme @ simulator', '2026-03-04T05:06:07.000Z']));
  const byKind = new Map(sent.map((p) => [p.kind, p.values]));
  const tags = byKind.get('tags')!;
  assert.ok(tags.length > 0 && tags.every((t) => /^\d+$/.test(t.value) && t.name), 'tags: ID as value, name beside it');
  assert.ok(byKind.get('authRecordIds')!.every((v) => /^\d+$/.test(v.value) && v.label === `${v.group} record`), 'auth record IDs carry their record type');
  assert.ok(byKind.get('policyIds')!.length > 0 && byKind.get('policyIds')!.every((v) => v.label), 'policies carry their titles');
  assert.ok(byKind.get('optionProfileIds')!.some((v) => v.label === 'Initial Options'));
  const profileTitles = byKind.get('optionProfileTitles')!;
  assert.ok(profileTitles.some((v) => v.value === 'Initial Options' && /^ID \d+$/.test(v.label ?? '')), 'option profile titles: the title as value, the ID beside it');
  // Asset groups, appliances and networks as the simulator's lists give them; titles and names derived without a call.
  assert.deepEqual(byKind.get('assetGroupIds'), [
    { value: '4580719', label: 'AG_Update', name: 'AG_Update' },
    { value: '4580720', label: 'Datacenter Servers', name: 'Datacenter Servers' },
    { value: '4580721', label: 'Cloud Instances', name: 'Cloud Instances' },
  ]);
  assert.deepEqual(byKind.get('assetGroupTitles')!.map((v) => [v.value, v.label]), [['AG_Update', 'ID 4580719'], ['Datacenter Servers', 'ID 4580720'], ['Cloud Instances', 'ID 4580721']]);
  assert.deepEqual(byKind.get('applianceIds')!.map((v) => [v.value, v.label]), [['43575', 'scanner-dc1, Online'], ['43576', 'scanner-dmz, Online'], ['43577', 'scanner-cloud, Offline']]);
  assert.deepEqual(byKind.get('applianceNames')!.map((v) => v.value), ['scanner-dc1', 'scanner-dmz', 'scanner-cloud']);
  assert.deepEqual(byKind.get('networkIds')!.map((v) => [v.value, v.label]), [['0', 'Global Default Network'], ['1001', 'DMZ'], ['1002', 'Datacenter West']]);
  const calls = sim.requests.map((r) => r.url.split('?')[0]);
  assert.equal(calls.filter((u) => u.startsWith('/api/2.0/fo/asset/group')).length, 1, 'one asset group list call feeds IDs and titles');
  assert.equal(refresher.current('tags')?.values, tags);
  assert.match(log.lines.join('\n'), /^info Completion values refreshed for acme @ simulator: tags \d+, authRecordIds \d+, policyIds \d+, optionProfileIds \d+, optionProfileTitles \d+, assetGroupIds 3, assetGroupTitles 3, applianceIds 3, applianceNames 3, networkIds 3, scanRefs \d+, reportIds \d+, reportTemplateIds \d+, searchListIds \d+\.$/m);
  noSecrets(log, sent);
});

test('when the account answers garbage every failure is logged and the previous values are kept', async () => {
  const { sim, sent, log, refresher } = await setup();
  await refresher.refresh();
  const before = new Map((['tags', 'authRecordIds', 'policyIds', 'optionProfileIds', 'optionProfileTitles', 'assetGroupIds', 'assetGroupTitles', 'applianceIds', 'applianceNames', 'networkIds', 'scanRefs', 'reportIds', 'reportTemplateIds', 'searchListIds'] as LiveValueKind[]).map((k) => [k, refresher.current(k)]));
  sent.length = 0;
  sim.setFaults({ truncatedXml: true });
  try {
    const report = await refresher.refresh();
    assert.deepEqual(report.updated, []);
    assert.deepEqual(report.failed.map((f) => [f.kind, f.error.kind]), [
      ['tags', 'malformed'],
      ['authRecordIds', 'malformed'],
      ['policyIds', 'malformed'],
      ['optionProfileIds', 'malformed'],
      ['assetGroupIds', 'malformed'],
      ['applianceIds', 'malformed'],
      ['networkIds', 'malformed'],
      ['scanRefs', 'malformed'],
      ['reportIds', 'malformed'],
      ['reportTemplateIds', 'malformed'],
      ['searchListIds', 'malformed'],
    ]);
    assert.deepEqual(sent, [], 'nothing pushed: the server keeps what it has');
    for (const [kind, params] of before) assert.equal(refresher.current(kind), params, `${kind} kept`);
    const errors = log.lines.filter((l) => l.startsWith('error '));
    assert.equal(errors.length, 11);
    assert.match(errors[0]!, /^error Refreshing completion values \(tags\); the previous values are kept: .*kind malformed$/);
    noSecrets(log, sent);
  } finally {
    sim.setFaults({ truncatedXml: false });
  }
});

test('a 409 storm: Qualys CODE in the log, old values kept', async () => {
  const { sim, sent, log, refresher } = await setup();
  await refresher.refresh();
  sent.length = 0;
  sim.setFaults({ storm409: 'concurrency' });
  try {
    const report = await refresher.refresh();
    assert.equal(report.failed.length, 11);
    assert.deepEqual(sent, []);
    assert.match(log.lines.join('\n'), /CODE 1960/);
    assert.ok(refresher.current('policyIds')!.values.length > 0);
  } finally {
    sim.setFaults({ storm409: 'off' });
  }
});

test('switching account clears the old account values at once; a failing new account pushes nothing', async () => {
  const { sim, accounts, sent, log, refresher } = await setup();
  await refresher.refresh();
  sent.length = 0;
  const wrong = simClient(sim, 'not the password');
  clients.push(wrong);
  accounts.set('other @ simulator', wrong);
  const report = (await refresher.accountChanged(accounts.activeAccount()))!;
  assert.deepEqual(sent.map((p) => [p.kind, p.values.length]), [
    ['tags', 0],
    ['authRecordIds', 0],
    ['policyIds', 0],
    ['optionProfileIds', 0],
    ['optionProfileTitles', 0],
    ['assetGroupIds', 0],
    ['assetGroupTitles', 0],
    ['applianceIds', 0],
    ['applianceNames', 0],
    ['networkIds', 0],
    ['scanRefs', 0],
    ['reportIds', 0],
    ['reportTemplateIds', 0],
    ['searchListIds', 0],
  ]);
  assert.equal(report.account, 'other @ simulator');
  assert.ok(report.failed.every((f) => f.error.kind === 'auth'));
  assert.equal(refresher.current('tags'), undefined);
  noSecrets(log, sent);
  assert.ok(!log.lines.join('\n').includes('not the password'));
});

test('signing out clears the values and fetches nothing', async () => {
  const { sim, accounts, sent, refresher } = await setup();
  await refresher.refresh();
  sent.length = 0;
  const before = sim.requests.length;
  accounts.set(undefined);
  const report = (await refresher.accountChanged(undefined))!;
  assert.equal(report.account, undefined);
  assert.deepEqual(sent.map((p) => p.values.length), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(sim.requests.length, before);
});

test('the same account signing in again keeps its values until the new ones arrive', async () => {
  const { accounts, sent, refresher } = await setup();
  await refresher.refresh();
  sent.length = 0;
  await refresher.accountChanged(accounts.activeAccount());
  assert.ok(sent.every((p) => p.values.length > 0), 'no clearing push');
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

test('one refresh at a time; the timer and account events start them; dispose stops both', { timeout: 10_000 }, async () => {
  const accounts = new FakeAccounts();
  const client = simClient(await simPromise);
  clients.push(client);
  accounts.set('acme', client);
  let calls = 0;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const fetcher: LiveFetcher = async () => {
    calls++;
    await gate;
    return { ok: true, value: [{ value: String(calls) }] };
  };
  const sent: LiveValuesParams[] = [];
  const refresher = new LiveValuesRefresher({ accounts, log: new MemoryLog(), notify: (p) => { sent.push(p); return Promise.resolve(); }, fetchers: [['tags', fetcher]] });
  mock.timers.enable({ apis: ['setInterval'] });
  try {
    refresher.start(60_000);
    await until(() => calls === 1);
    const joined = refresher.refresh();
    release();
    await joined;
    assert.equal(calls, 1, 'start refreshes; a second refresh joins it');
    assert.equal(sent.length, 1);
    mock.timers.tick(60_000);
    await until(() => calls === 2);
    await until(() => sent.length === 2);
    accounts.switchTo('acme', client);
    await until(() => calls === 3);
    await until(() => sent.length === 3);
    refresher.dispose();
    mock.timers.tick(120_000);
    assert.equal(calls, 3, 'no timer after dispose');
  } finally {
    refresher.dispose();
    mock.timers.reset();
  }
});

test('background refreshes wait until values are wanted; opening a request file catches up once', async () => {
  const accounts = new FakeAccounts();
  const client = simClient(await simPromise);
  clients.push(client);
  accounts.set('acme', client);
  let calls = 0;
  const fetcher: LiveFetcher = () => {
    calls++;
    return Promise.resolve({ ok: true, value: [{ value: String(calls) }] });
  };
  let wanted = false;
  let now = 0;
  const refresher = new LiveValuesRefresher({ accounts, log: new MemoryLog(), notify: () => Promise.resolve(), fetchers: [['tags', fetcher]], wanted: () => wanted, now: () => new Date(now) });
  try {
    refresher.start(60_000);
    assert.equal(await refresher.refreshIfWanted(), undefined);
    assert.equal(await refresher.accountChanged(accounts.activeAccount()), undefined);
    assert.equal(await refresher.documentOpened(), undefined);
    assert.equal(calls, 0, 'nothing fetched while no request file is open');
    wanted = true;
    await refresher.documentOpened();
    assert.equal(calls, 1, 'the first request file opened fetches');
    now = 59_000;
    assert.equal(await refresher.documentOpened(), undefined, 'fresh values are not fetched again');
    now = 60_000;
    await refresher.documentOpened();
    assert.equal(calls, 2, 'values as old as the interval are');
    accounts.set('other', client);
    now = 61_000;
    await refresher.documentOpened();
    assert.equal(calls, 3, 'values of another account are');
    assert.equal((await refresher.refresh()).updated.length, 1, 'the command refreshes whenever asked');
  } finally {
    refresher.dispose();
  }
});
