/** Detections under hosts, the Vulnerabilities view and KnowledgeBase titles, against the simulator through the API worker. */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectionDetails, knowledgeBaseInWorker, listQidGroupRows, listQidHostRows, type QualysClient } from '../../../client/src/api';
import { KbStore } from '../../../client/src/knowledge/kbStore';
import { KnowledgeBase } from '../../../client/src/knowledge/knowledgeBase';
import { HostsRoot } from '../../../client/src/views/hosts/hostsRoot';
import { DetectionNode } from '../../../client/src/views/nodes/detectionNode';
import { ErrorNode } from '../../../client/src/views/nodes/errorNode';
import { HostNode } from '../../../client/src/views/nodes/hostNode';
import { QidGroupNode } from '../../../client/src/views/nodes/qidGroupNode';
import { contextValueOf } from '../../../client/src/views/nodes/row';
import { VulnerabilitiesRoot, type VulnSource } from '../../../client/src/views/vulnerabilities/vulnerabilitiesRoot';
import type { VulnFilter } from '../../../client/src/views/vulnerabilities/vulnFilter';
import { childrenOf, clickLoadMore, clientOf, kinds, live, requestsSince, startSim } from '../support';

const simPromise = startSim({ hosts: 300 });
const dir = mkdtempSync(join(tmpdir(), 'vulns-view-'));
after(async () => {
  await (await simPromise).close();
  rmSync(dir, { recursive: true, force: true });
});

function knowledge(client: QualysClient, name: string): KnowledgeBase {
  return new KnowledgeBase(new KbStore(join(dir, name)), (qids, options) => knowledgeBaseInWorker(client, qids, options));
}

function source(client: QualysClient, pageSize: number): VulnSource {
  return {
    groups: (params, cursor, signal) => {
      const pages = listQidGroupRows(client, params, { pageSize, ...(cursor ? { cursor } : {}), signal });
      return {
        next: async () => {
          const step = await pages.next();
          if (step.done || !step.value.ok) return step as IteratorResult<never>;
          const { items, next, count } = step.value.value;
          return { done: false, value: { ok: true, value: { items, hosts: count ?? 0, ...(next ? { next } : {}) } } };
        },
        return: async () => (await pages.return(undefined), { done: true, value: undefined }),
      };
    },
    qidHosts: (params, cursor, signal) => listQidHostRows(client, params, { pageSize: 50, ...(cursor ? { cursor } : {}), signal }),
    details: (d) => detectionDetails(client, { hostId: d.hostId, qid: d.qid, ...(d.uniqueId ? { uniqueId: d.uniqueId } : {}) }),
  };
}

test('a host expands to its detections: titled from the KnowledgeBase, ordered by severity, details with the result and the entry', async () => {
  const sim = await simPromise;
  const client = clientOf(sim);
  const kb = knowledge(client, 'hosts');
  const hosts = await new HostsRoot(client, { accountId: 'acct-1', pageSize: 20, filter: {}, kb }).children(live());
  const host = hosts[0] as HostNode;
  assert.equal(host.row.collapsible, 'collapsed');
  const from = sim.requests.length;
  const detections = await childrenOf(host);
  assert.ok(detections.length >= 12 && detections.every((n) => n instanceof DetectionNode), kinds(detections).join());
  const calls = requestsSince(sim, from);
  assert.equal(calls.filter((c) => c.includes('/vm/detection/')).length, 1, 'one detection call for the host');
  assert.match(calls.find((c) => c.includes('/vm/detection/'))!, new RegExp(`ids=${host.host.id}(&|$)`));
  assert.equal(calls.filter((c) => c.includes('/knowledge_base/')).length, 1, 'one KnowledgeBase call for its QIDs');
  const rows = (detections as DetectionNode[]).map((n) => n.detection);
  const ranks = rows.map((d) => (d.type === 'Info' ? 0 : d.severity!));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a), 'severity first, information gathered last');
  assert.ok(rows.some((d) => d.type === 'Info'), 'information gathered QIDs listed');
  const first = detections[0] as DetectionNode;
  assert.equal(first.row.label, kb.peek(first.detection.qid)!.title, 'labelled by its title');
  assert.match(first.row.description!, new RegExp(`^QID ${first.detection.qid} · sev \\d · `));
  assert.equal(contextValueOf(first.row), 'detection:details:copyQid');
  const details = await first.details();
  assert.match(details.markdown, /## Result\n\n```+\n.+/);
  assert.match(details.markdown, /## KnowledgeBase: QID \d+/);
  assert.match(details.markdown, /## Solution/);
  assert.match(await first.tooltip(), /\*\*.+\*\*\n\nQID \d+ · severity \d/);
  await kb.dispose();
});

test('the Vulnerabilities view groups detections by QID (severity, then hosts), pages with Load more and expands a QID to its hosts', async () => {
  const sim = await simPromise;
  const client = clientOf(sim);
  const kb = knowledge(client, 'vulns');
  const root = new VulnerabilitiesRoot(source(client, 100), kb, { accountId: 'acct-1', filter: {} });
  const first = await root.children(live());
  const groups = first.filter((n): n is QidGroupNode => n instanceof QidGroupNode);
  assert.ok(groups.length > 50);
  assert.equal(root.hosts, 100);
  const order = groups.map((g) => [g.group.severity ?? 0, g.group.hosts] as const);
  for (let i = 1; i < order.length; i++) assert.ok(order[i - 1]![0] > order[i]![0] || (order[i - 1]![0] === order[i]![0] && order[i - 1]![1] >= order[i]![1]), `ordered at ${i}`);
  assert.equal(first.at(-1)!.row.kind, 'loadMore');
  assert.match(first.at(-1)!.row.description!, /QIDs on 100 hosts read/);
  const top = groups[0]!;
  assert.equal(top.row.label, kb.peek(top.group.qid)!.title);
  assert.equal(contextValueOf(top.row), 'qidGroup:details:copyQid:download');
  await clickLoadMore(first);
  const second = await root.children(live());
  assert.equal(root.hosts, 200);
  const again = second.find((n): n is QidGroupNode => n instanceof QidGroupNode && n.group.qid === top.group.qid)!;
  assert.ok(again.group.hosts >= top.group.hosts, 'counts grow as hosts are read');
  const from = sim.requests.length;
  const hosts = await childrenOf(again);
  assert.ok(hosts.length > 0 && hosts.every((n) => n instanceof DetectionNode || n.row.kind === 'loadMore'));
  const call = requestsSince(sim, from, '/vm/detection/')[0]!;
  assert.match(call, new RegExp(`qids=${top.group.qid}`));
  assert.match(call, /status=New,Active,Re-Opened,Fixed/);
  const hostRow = hosts[0] as DetectionNode;
  assert.equal(hostRow.detection.qid, top.group.qid);
  assert.ok(hostRow.host && hostRow.row.label === (hostRow.host.dns ?? hostRow.host.ip));
  assert.match((await again.details()).markdown, /^# QID \d+: [\s\S]*In this account \(hosts read so far\)/);
  root.dispose();
  await kb.dispose();
});

test('the Vulnerabilities filter is sent as Qualys parameters: severity, status, QID, tags, detection date', async () => {
  const sim = await simPromise;
  const client = clientOf(sim);
  const filter: VulnFilter = { severities: [4, 5], statuses: ['New', 'Active'], updatedSince: '2025-01-01' };
  const root = new VulnerabilitiesRoot(source(client, 300), undefined, { accountId: 'acct-1', filter });
  const from = sim.requests.length;
  const nodes = await root.children(live());
  const groups = nodes.filter((n): n is QidGroupNode => n instanceof QidGroupNode);
  assert.ok(groups.length > 0);
  assert.ok(groups.every((g) => g.group.severity === 4 || g.group.severity === 5));
  assert.ok(groups.every((g) => Object.keys(g.group.statuses).every((s) => s === 'New' || s === 'Active')));
  assert.match(requestsSince(sim, from, '/vm/detection/')[0]!, /status=New,Active&severities=4,5&detection_updated_since=2025-01-01/);
  assert.match(nodes.at(-1)!.row.label, /^All \d+ hosts read: \d+ QIDs/, 'one page held them all');
  const none = await new VulnerabilitiesRoot(source(client, 300), undefined, { accountId: 'acct-1', filter: { qids: '1-2' } }).children(live());
  assert.deepEqual(none.map((n) => n.row.label), ['No detections match the filter']);
});

test('a failed page is an error row with CODE and TEXT, and Retry reads the same page', async () => {
  const sim = await simPromise;
  const client = clientOf(sim);
  const root = new VulnerabilitiesRoot(source(client, 100), undefined, { accountId: 'acct-1', filter: {} });
  await root.children(live());
  sim.setFaults({ storm409: 'concurrency' });
  const failed = await (async () => {
    await clickLoadMore(await root.children(live()));
    return root.children(live());
  })();
  sim.setFaults({ storm409: 'off' });
  const error = failed.find((n): n is ErrorNode => n instanceof ErrorNode);
  assert.ok(error, kinds(failed).join());
  assert.match(error.row.label, /^CODE 1960: This API cannot be run again until \d+ currently running API instances? ha(s|ve) finished\.$/);
  assert.equal(error.row.description, 'Retry');
  await error.pager.loadNext(live());
  const after = await root.children(live());
  assert.equal(root.hosts, 200);
  assert.equal(after.at(-1)!.row.kind, 'loadMore');
});

test('a Load more of the Vulnerabilities view cancelled on the way keeps its QIDs and Load more, without an error row', async () => {
  const sim = await simPromise;
  const client = clientOf(sim);
  const root = new VulnerabilitiesRoot(source(client, 100), undefined, { accountId: 'acct-1', filter: {} });
  const first = await root.children(live());
  const before = first.filter((n) => n instanceof QidGroupNode).length;
  sim.setFaults({ latencyMs: 5_000 });
  try {
    const controller = new AbortController();
    const from = sim.requests.length;
    const more = root.pager.loadNext(controller.signal);
    while (requestsSince(sim, from, '/vm/detection/').length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await more;
  } finally {
    sim.setFaults({ latencyMs: 0 });
  }
  const nodes = await root.children(live());
  assert.ok(!kinds(nodes).includes('error'), kinds(nodes).join());
  assert.equal(nodes.filter((n) => n instanceof QidGroupNode).length, before);
  assert.equal(nodes.at(-1)!.row.kind, 'loadMore');
  assert.equal(root.hosts, 100, 'the cancelled page counted nothing');
  await root.pager.loadNext(live());
  assert.equal(root.hosts, 200, 'Load more then reads the page it had not read');
  root.dispose();
});

test('a host whose detections fail shows an error row with CODE and TEXT (never an empty host), and Retry reads them', async () => {
  const sim = await simPromise;
  const client = clientOf(sim);
  const kb = knowledge(client, 'failing');
  const hosts = await new HostsRoot(client, { accountId: 'acct-1', pageSize: 5, filter: {}, kb }).children(live());
  const host = hosts[3] as HostNode;
  sim.setFaults({ accountExpired200: true });
  let rows;
  try {
    rows = await childrenOf(host);
  } finally {
    sim.setFaults({ accountExpired200: false });
  }
  assert.equal(rows.length, 1, kinds(rows).join());
  const error = rows[0]!;
  assert.ok(error instanceof ErrorNode, kinds(rows).join());
  assert.equal(error.row.label, 'CODE 2001: This account has expired.');
  assert.match(error.row.tooltip!, /CODE 2001/);
  assert.ok(error.retryable, 'a detection page can be asked again');
  await error.pager.loadNext(live());
  const again = await childrenOf(host);
  assert.ok(again.length >= 12 && again.every((n) => n instanceof DetectionNode), kinds(again).join());
  await kb.dispose();
});

test('the KnowledgeBase through the worker: a refusal is said once and the rows keep their QIDs', async () => {
  const sim = await simPromise;
  const client = clientOf(sim);
  sim.setFaults({ knowledgeBaseDenied: true });
  try {
    const kb = knowledge(client, 'denied');
    const hosts = await new HostsRoot(client, { accountId: 'acct-1', pageSize: 5, filter: {}, kb }).children(live());
    const rows = await childrenOf(hosts[1] as HostNode);
    const note = rows.at(-1)!;
    assert.equal(note.row.label, 'QIDs without titles: the KnowledgeBase cannot be read');
    assert.match(note.row.tooltip!, /Access denied/);
    assert.match(rows[0]!.row.label, /^QID \d+$/);
    const from = sim.requests.length;
    await childrenOf(hosts[2] as HostNode);
    assert.equal(requestsSince(sim, from, '/knowledge_base/').length, 0, 'not asked again');
    await kb.dispose();
  } finally {
    sim.setFaults({ knowledgeBaseDenied: false });
  }
});
