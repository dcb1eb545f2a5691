/** The Hosts view's rows, paging, filters, error rows and details, against the simulator. */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { hostDetails, type Host } from '../../../client/src/api';
import { HostsRoot } from '../../../client/src/views/hosts/hostsRoot';
import { describeHostFilter, hostFilterParams, checkIpList, checkOsPattern, localHostFilter, type HostFilter } from '../../../client/src/views/hosts/hostFilter';
import { HostNode } from '../../../client/src/views/nodes/hostNode';
import { contextValueOf, md } from '../../../client/src/views/nodes/row';
import { clickLoadMore, clientOf, errorRow, kinds, live, requestsSince, rows, startSim, SIM_PASSWORD, type RunningSimulator } from '../support';

const simPromise = startSim({ hosts: 1200 });
after(async () => (await simPromise).close());

/** A host row's full record, as its tooltip and details read it. */
async function full(node: HostNode): Promise<Host> {
  const record = await node.record();
  assert.ok(record.ok, record.ok ? '' : record.error.message);
  return record.value;
}

function hostsRoot(sim: RunningSimulator, filter: HostFilter = {}, pageSize = 100): HostsRoot {
  return new HostsRoot(clientOf(sim), { accountId: 'acct-1', pageSize, filter });
}

test('hosts: the first page is rows labelled by DNS name or IP, described by OS, then Load more', async () => {
  const sim = await simPromise;
  const nodes = await hostsRoot(sim).children(live());
  assert.equal(nodes.length, 101);
  assert.deepEqual([...new Set(kinds(nodes))], ['host', 'loadMore']);
  const host = nodes[0] as HostNode;
  assert.equal(host.row.label, host.host.dns ?? host.host.ip);
  assert.equal(host.row.description, host.host.os);
  assert.ok(host.row.description, 'the simulator gives every host an OS');
  assert.equal(host.row.copyId, host.host.id);
  assert.equal(host.row.copyIp, host.host.ip);
  assert.equal(contextValueOf(host.row), 'host:details:copyId:copyIp');
  assert.equal(host.row.id, `acct-1/hosts/all/host/${host.host.id}`);
  assert.equal(nodes[100]!.row.label, 'Load more…');
  assert.equal(nodes[100]!.row.description, '100 hosts loaded');
});

test('hosts: Load more fetches the next page with id_min and keeps the rows and their ids', async () => {
  const sim = await simPromise;
  const root = hostsRoot(sim);
  const first = await root.children(live());
  const from = sim.requests.length;
  await clickLoadMore(first);
  const second = await root.children(live());
  assert.equal(second.length, 201);
  assert.deepEqual(rows(second.slice(0, 100)).map((r) => r.id), rows(first.slice(0, 100)).map((r) => r.id), 'stable ids across re-renders');
  const calls = requestsSince(sim, from, '/api/2.0/fo/asset/host/');
  assert.equal(calls.length, 1);
  const lastId = Number((first[99] as HostNode).host.id);
  const idMin = Number(new URLSearchParams(calls[0]!.split('?')[1]).get('id_min'));
  assert.ok(idMin > lastId, `id_min ${idMin} continues after ${lastId}`);
  assert.match(calls[0]!, /truncation_limit=100/);
  const ids = new Set(second.filter((n) => n instanceof HostNode).map((n) => (n as HostNode).host.id));
  assert.equal(ids.size, 200, 'no host twice');
});

test('hosts: paging to the end leaves no Load more row', async () => {
  const sim = await simPromise;
  const root = hostsRoot(sim, {}, 500);
  let nodes = await root.children(live());
  while (nodes[nodes.length - 1]!.row.kind === 'loadMore') {
    await clickLoadMore(nodes);
    nodes = await root.children(live());
  }
  assert.equal(nodes.length, 1200);
  assert.equal(root.pager.pages, 3);
});

test('hosts: filters map to the API parameters ips, os_pattern and use_tags/tag_set_by/tag_set_include', async () => {
  const params = hostFilterParams({ ips: '10.0.0.1-10.0.0.50, 10.0.1.7', osPattern: '^Windows', tags: ['PCI', 'DMZ'], tagSelector: 'all', trackingMethod: 'DNS' });
  assert.deepEqual(params, { ips: '10.0.0.1-10.0.0.50,10.0.1.7', os_pattern: '^Windows', use_tags: '1', tag_set_by: 'name', tag_include_selector: 'all', tag_set_include: 'PCI,DMZ' });
  assert.equal(describeHostFilter({ ips: '10.0.0.1', osPattern: 'Linux', tags: ['PCI'], trackingMethod: 'DNS' }), 'IPs 10.0.0.1 · OS /Linux/ · tags PCI · tracking DNS');
  assert.equal(describeHostFilter({}), undefined);
  assert.equal(checkIpList('10.0.0.1, 10.0.0.5-10.0.0.9'), undefined);
  assert.match(checkIpList('10.0.0.300') ?? '', /not an IPv4 address/);
  assert.match(checkOsPattern('') ?? '', /empty pattern/);
  assert.match(checkOsPattern('(') ?? '', /Not a valid pattern/);
});

test('hosts: an OS and tag filter is sent to Qualys and every row matches it', async () => {
  const sim = await simPromise;
  const from = sim.requests.length;
  const nodes = await hostsRoot(sim, { osPattern: '^Windows', tags: ['WindowsOS'] }).children(live());
  const call = requestsSince(sim, from, '/api/2.0/fo/asset/host/')[0]!;
  assert.match(call, /os_pattern=\^Windows/);
  assert.match(call, /use_tags=1/);
  assert.match(call, /tag_set_by=name/);
  assert.match(call, /tag_set_include=WindowsOS/);
  const hosts = nodes.filter((n): n is HostNode => n instanceof HostNode);
  assert.ok(hosts.length > 0);
  for (const node of hosts) {
    assert.match(node.host.os ?? '', /^Windows/);
    assert.ok((await full(node)).tags.some((t) => t.name === 'WindowsOS'));
  }
});

test('hosts: an IP range filter shows only hosts in the range', async () => {
  const sim = await simPromise;
  const [a, b] = (await hostsRoot(sim, {}, 5).children(live())).filter((n): n is HostNode => n instanceof HostNode).map((n) => n.host.ip!);
  const nodes = await hostsRoot(sim, { ips: `${a}-${b}` }).children(live());
  const ips = nodes.filter((n): n is HostNode => n instanceof HostNode).map((n) => n.host.ip);
  assert.ok(ips.includes(a) && ips.includes(b), `${a} and ${b} in ${ips.join(',')}`);
  assert.equal(nodes[nodes.length - 1]!.row.kind, 'host', 'a small range fits one page');
});

test('hosts: the tracking method is matched in the view (the host list has no parameter for it)', async () => {
  const sim = await simPromise;
  const from = sim.requests.length;
  const root = hostsRoot(sim, { trackingMethod: 'DNS' });
  const nodes = await root.children(live());
  assert.ok(!requestsSince(sim, from, '/api/2.0/fo/asset/host/').some((u) => u.includes('tracking_method')), 'not sent: Qualys would answer 1901');
  const hosts = nodes.filter((n): n is HostNode => n instanceof HostNode);
  assert.ok(hosts.length > 0, 'DNS-tracked hosts found');
  assert.ok(hosts.every((n) => n.host.trackingMethod === 'DNS'));
  assert.ok(localHostFilter({ trackingMethod: 'dns' })!({ trackingMethod: 'DNS' } as never));
  assert.ok(nodes.every((n) => n.row.id.startsWith('acct-1/hosts/tracking%20DNS/')), 'ids carry the filter');
});

test('hosts: a filter that matches nothing shows a message row, never an empty tree', async () => {
  const sim = await simPromise;
  const nodes = await hostsRoot(sim, { osPattern: '^NoSuchOperatingSystem$' }).children(live());
  assert.deepEqual(rows(nodes).map((r) => [r.kind, r.label]), [['message', 'No hosts match the filter']]);
});

test('hosts: a failing page becomes an error row with CODE and TEXT, and Retry continues', async () => {
  const sim = await simPromise;
  const root = hostsRoot(sim);
  const first = await root.children(live());
  sim.setFaults({ accountExpired200: true });
  try {
    await clickLoadMore(first);
  } finally {
    sim.setFaults({ accountExpired200: false });
  }
  const withError = await root.children(live());
  assert.equal(withError.length, 101, 'the first page stays');
  const error = errorRow(withError)!;
  assert.ok(error, `rows: ${kinds(withError).slice(-2).join(',')}`);
  assert.equal(error.error.code, '2001');
  assert.match(error.row.label, /^CODE 2001: /);
  assert.match(error.row.tooltip ?? '', /CODE: 2001/);
  assert.equal(error.row.action, 'qualys.retry');
  assert.equal(contextValueOf(error.row), 'error:copyId:retry:log');
  await error.pager.loadNext(live());
  const retried = await root.children(live());
  assert.equal(retried.length, 201);
  assert.equal(errorRow(retried), undefined);
});

test('hosts: a 409 rate-limit storm on the first page is an error row, not an exception', async () => {
  const sim = await simPromise;
  sim.setFaults({ storm409: 'rate' });
  try {
    const nodes = await hostsRoot(sim).children(live());
    assert.deepEqual(kinds(nodes), ['error']);
    assert.equal(errorRow(nodes)!.error.code, '1965');
  } finally {
    sim.setFaults({ storm409: 'off' });
  }
});

test('hosts: the tooltip and details show tracking, network, scans, tags, labelled user-defined fields and cloud data; no password', async () => {
  const sim = await simPromise;
  const root = hostsRoot(sim, {}, 500);
  const hosts = (await root.children(live())).filter((n): n is HostNode => n instanceof HostNode);
  assert.ok(hosts.every((n) => n.row.tooltip === undefined), 'a row\'s tooltip is read when hovered');
  const records = new Map<HostNode, Host>();
  for (const n of hosts) records.set(n, await full(n));
  const host = hosts.find((n) => records.get(n)!.userDefined.some((u) => u.label && u.value) && records.get(n)!.tags.length)!;
  const tip = await host.tooltip();
  assert.match(tip, /Tracking method: /);
  assert.match(tip, /Network: /);
  assert.match(tip, /Last VM scan: /);
  assert.match(tip, /Last compliance scan: /);
  assert.match(tip, /Tags: /);
  const field = records.get(host)!.userDefined.find((u) => u.label && u.value)!;
  assert.ok(['Location', 'Function', 'Asset Tag'].includes(field.label!), 'labels come from the glossary');
  assert.ok(tip.includes(`${field.label}:`));
  const cloud = hosts.find((n) => records.get(n)!.metadata.length || records.get(n)!.cloudProvider);
  assert.ok(cloud, 'some host has cloud data');
  assert.equal(cloud.row.icon?.id, 'cloud');
  assert.match(await cloud.tooltip(), /Cloud|EC2|AZURE|GOOGLE/);
  const doc = await host.details();
  assert.equal(doc.name, `host-${host.host.id}`);
  for (const heading of ['## Identity', '## Scans', '## Tags', '## User-defined fields', '## Cloud']) assert.ok(doc.markdown.includes(heading), heading);
  for (const n of hosts) {
    assert.ok(!(await n.tooltip()).includes(SIM_PASSWORD));
    assert.ok(!(await n.details()).markdown.includes(SIM_PASSWORD));
  }
});

test('hosts: details of a host the worker no longer keeps are fetched by its ID; a failure is a readable document', async () => {
  const sim = await simPromise;
  const [first] = (await hostsRoot(sim, {}, 5).children(live())).filter((n): n is HostNode => n instanceof HostNode);
  const client = clientOf(sim);
  const from = sim.requests.length;
  const fetched = await hostDetails(client, first!.host.id);
  assert.ok(fetched.ok, fetched.ok ? '' : fetched.error.message);
  assert.equal(fetched.value.id, first!.host.id);
  assert.match(requestsSince(sim, from, '/api/2.0/fo/asset/host/')[0] ?? '', new RegExp(`ids=${first!.host.id}`));
  const failing = new HostNode('p', { id: '7' }, () => Promise.resolve({ ok: false, error: { kind: 'qualys', message: 'Qualys error 1905: no', code: '1905', text: 'no' } }));
  assert.match((await failing.details()).markdown, /could not be read: Qualys error 1905: no \(CODE 1905: no\)/);
  assert.match(await failing.tooltip(), /could not be read/);
});

test('hosts: Markdown in Qualys data is escaped in tooltips, and plain text stays readable', async () => {
  assert.equal(md('win-000001.corp.example.com (10.10.0.1)'), 'win-000001.corp.example.com (10.10.0.1)');
  assert.equal(md('# not a heading'), '\\# not a heading');
  assert.equal(md('1. not a list'), '1\\. not a list');
  assert.equal(md('a | b'), 'a \\| b');
  const host: Host = { id: '1', ip: '10.0.0.1', os: 'Evil [link](command:workbench.action.quit) *bold*', tags: [], metadata: [], cloudProviderTags: [], userDefined: [], assetGroupIds: [] };
  const node = new HostNode('p', { id: '1', ip: '10.0.0.1', os: host.os! }, () => Promise.resolve({ ok: true, value: host }));
  const tooltip = await node.tooltip();
  assert.ok(!tooltip.includes('[link](command:'), tooltip);
  assert.ok(tooltip.includes('\\[link\\](command:'), tooltip);
  assert.ok(tooltip.includes('\\*bold\\*'));
});
