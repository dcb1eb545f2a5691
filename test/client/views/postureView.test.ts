/** The Compliance Posture view: policies -> hosts (pass ratio) -> controls, by control, filters, PCRS. */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { ControlGroupNode } from '../../../client/src/views/nodes/controlGroupNode';
import { FailingHostNode } from '../../../client/src/views/nodes/failingHostNode';
import { PolicyNode, type PostureGrouping } from '../../../client/src/views/nodes/policyNode';
import { PostureControlNode } from '../../../client/src/views/nodes/postureControlNode';
import { PostureHostNode } from '../../../client/src/views/nodes/postureHostNode';
import type { PostureFilter } from '../../../client/src/views/posture/postureModel';
import { PostureRoot } from '../../../client/src/views/posture/postureRoot';
import type { PostureSourceKind } from '../../../client/src/views/posture/postureSource';
import { statusIcon } from '../../../client/src/views/posture/postureText';
import { childrenOf, clickLoadMore, clientOf, errorRow, kinds, live, requestsSince, startSim, SIM_PASSWORD, type RunningSimulator } from '../support';

const simPromise = startSim({ hosts: 3000, policies: 4 });
after(async () => (await simPromise).close());

function root(sim: RunningSimulator, options: { source?: PostureSourceKind; grouping?: PostureGrouping; filter?: PostureFilter; hostsPerPage?: number } = {}): PostureRoot {
  return new PostureRoot(clientOf(sim), {
    accountId: 'acct-1',
    source: options.source ?? 'classic',
    hostsPerPage: options.hostsPerPage ?? 20,
    grouping: options.grouping ?? 'host',
    filter: options.filter ?? {},
  });
}

async function firstPolicy(r: PostureRoot): Promise<PolicyNode> {
  const policies = await r.children(live());
  assert.ok(policies[0] instanceof PolicyNode, `rows: ${kinds(policies).join(',')}`);
  return policies[0];
}

test('posture: policies, then a page of hosts with their pass ratio, then controls with status icons and criticality', async () => {
  const sim = await simPromise;
  const policy = await firstPolicy(root(sim));
  assert.match(policy.row.description!, /\d+ controls/);
  const hosts = await childrenOf(policy);
  assert.equal(hosts[hosts.length - 1]!.row.kind, 'loadMore', 'a policy with many hosts is paged');
  const hostNodes = hosts.filter((n): n is PostureHostNode => n instanceof PostureHostNode);
  assert.ok(hostNodes.length > 0 && hostNodes.length <= 20, `${hostNodes.length} hosts on the first page`);
  const host = hostNodes[0]!;
  assert.match(host.row.description!, /^[\d.]+% · \d+\/\d+ passed$/);
  assert.equal(host.host.total, policy.policy.controls.length);
  const controls = await childrenOf(host);
  assert.equal(controls.length, host.host.total);
  for (const node of controls as PostureControlNode[]) {
    assert.ok(['Passed', 'Failed', 'Error'].includes(node.posture.status!), node.posture.status);
    assert.deepEqual(node.row.icon, statusIcon(node.posture.status));
    assert.match(node.row.description!, /^(Passed|Failed|Error) · [A-Z]+ \(\d\)$/);
    assert.equal(node.row.action, 'qualys.openDetails');
  }
  const order = controls.map((n) => (n as PostureControlNode).posture.status);
  assert.deepEqual(order, [...order].sort((a, b) => ['Failed', 'Error', 'Passed'].indexOf(a!) - ['Failed', 'Error', 'Passed'].indexOf(b!)), 'failed first');
  assert.deepEqual(statusIcon('Failed'), { id: 'error', color: 'testing.iconFailed' });
  assert.deepEqual(statusIcon('Passed'), { id: 'pass', color: 'testing.iconPassed' });
  assert.deepEqual(statusIcon('Error'), { id: 'warning', color: 'testing.iconErrored' });
});

test('posture: Load more under a policy continues with id_min, one small call per page', async () => {
  const sim = await simPromise;
  const policy = await firstPolicy(root(sim));
  const first = await childrenOf(policy);
  const from = sim.requests.length;
  await clickLoadMore(first);
  const second = await childrenOf(policy);
  const calls = requestsSince(sim, from, '/posture/info/');
  assert.equal(calls.length, 1);
  assert.match(calls[0]!, /id_min=\d+/);
  assert.match(calls[0]!, new RegExp(`truncation_limit=${20 * policy.policy.controls.length}\\b`));
  const ids = second.filter((n): n is PostureHostNode => n instanceof PostureHostNode).map((n) => n.host.hostId);
  assert.equal(new Set(ids).size, ids.length, 'no host twice');
  assert.ok(ids.length > first.length - 1);
});

test('posture: a control details document has statement, rationale, remediation, evidence, references and dates', async () => {
  const sim = await simPromise;
  const policy = await firstPolicy(root(sim));
  const hosts = (await childrenOf(policy)).filter((n): n is PostureHostNode => n instanceof PostureHostNode);
  let failed: PostureControlNode | undefined;
  for (const host of hosts) {
    failed = ((await childrenOf(host)) as PostureControlNode[]).find((c) => c.posture.status === 'Failed');
    if (failed) break;
  }
  assert.ok(failed, 'some control fails');
  const doc = failed.details();
  for (const heading of ['## Statement', '## Rationale', '## Remediation', '## Evidence', '## References', '## Dates']) assert.ok(doc.markdown.includes(heading), heading);
  assert.ok(failed.posture.statement && failed.posture.rationale && failed.posture.remediation, 'statement, rationale and remediation from the answer');
  // Classic evidence in Qualys' shape, taken apart: the explanation (bold kept), the expected values
  // by alternative, the current value with the date Qualys read it.
  assert.match(doc.markdown, /## Evidence\n\nThe number \*\*X\*\*, read from /);
  assert.match(doc.markdown, /\*\*Expected\*\*, any of:\n\n- `Setting not found`\n- greater than or equal to `\d+`\n/);
  assert.match(doc.markdown, /\*\*Current\*\* \(last updated \d\d\/\d\d\/\d{4} at \d\d:\d\d:\d\d [AP]M \(GMT\+0000\)\):\n\n- `0`\n/);
  assert.ok(!doc.markdown.includes('======'), 'no section marks left');
  assert.match(doc.markdown, /\| First failed \| \d{4}/);
  assert.ok(!doc.markdown.includes('_Not given by Qualys._'), doc.markdown);
  assert.ok(!doc.markdown.includes(SIM_PASSWORD));
});

test('posture: the status and criticality filters are the API parameters status and criticality_labels', async () => {
  const sim = await simPromise;
  const r = root(sim, { filter: { status: 'Failed', criticality: ['SERIOUS', 'URGENT'] } });
  const policy = await firstPolicy(r);
  const from = sim.requests.length;
  const hosts = (await childrenOf(policy)).filter((n): n is PostureHostNode => n instanceof PostureHostNode);
  const call = requestsSince(sim, from, '/posture/info/')[0]!;
  assert.match(call, /status=Failed/);
  assert.match(call, /criticality_labels=SERIOUS,URGENT/);
  assert.ok(hosts.length > 0);
  for (const host of hosts) {
    for (const c of (await childrenOf(host)) as PostureControlNode[]) {
      assert.equal(c.posture.status, 'Failed');
      assert.ok(['SERIOUS', 'URGENT'].includes(c.posture.criticality!.label!));
    }
  }
  assert.ok(policy.row.id.includes('/Failed%2CSERIOUS%2CURGENT/'), policy.row.id);
});

test('posture: grouped by control, each control lists the hosts failing it', async () => {
  const sim = await simPromise;
  const policy = await firstPolicy(root(sim, { grouping: 'control' }));
  const controls = await childrenOf(policy);
  assert.equal(controls.length, policy.policy.controls.length);
  assert.ok(controls.every((c) => c instanceof ControlGroupNode));
  let checked = 0;
  for (const control of controls.slice(0, 4) as ControlGroupNode[]) {
    const from = sim.requests.length;
    const hosts = await childrenOf(control);
    const call = requestsSince(sim, from, '/posture/info/')[0]!;
    assert.match(call, new RegExp(`control_ids=${control.control.id}\\b`));
    assert.match(call, /status=Failed/);
    for (const h of hosts.filter((n): n is FailingHostNode => n instanceof FailingHostNode)) {
      assert.equal(h.posture.controlId, control.control.id);
      assert.equal(h.posture.status, 'Failed');
      assert.match(h.details().markdown, /## Remediation/);
      checked++;
    }
  }
  assert.ok(checked > 0, 'some failing hosts seen');
});

test('posture: by control, the criticality filter narrows the controls', async () => {
  const sim = await simPromise;
  const policy = await firstPolicy(root(sim, { grouping: 'control', filter: { criticality: ['URGENT'] } }));
  const controls = await childrenOf(policy);
  const urgent = policy.policy.controls.filter((c) => c.criticality?.label === 'URGENT').length;
  if (urgent === 0) assert.deepEqual(kinds(controls), ['message']);
  else assert.equal(controls.length, urgent);
});

test('posture: PCRS gives the same tree, a batch of hosts per page, with evidence', async () => {
  const sim = await simPromise;
  const policy = await firstPolicy(root(sim, { source: 'pcrs', hostsPerPage: 25 }));
  const from = sim.requests.length;
  const hosts = await childrenOf(policy);
  const calls = requestsSince(sim, from);
  assert.equal(calls.filter((u) => u.includes('/pcrs/1.0/posture/hostids')).length, 1);
  assert.equal(calls.filter((u) => u.includes('/pcrs/1.0/posture/postureInfo')).length, 1);
  const hostNodes = hosts.filter((n): n is PostureHostNode => n instanceof PostureHostNode);
  assert.ok(hostNodes.length > 0 && hostNodes.length <= 25);
  assert.equal(hosts[hosts.length - 1]!.row.kind, 'loadMore');
  const controls = (await childrenOf(hostNodes[0]!)) as PostureControlNode[];
  assert.ok(controls.length > 0);
  const doc = controls[0]!.details().markdown;
  assert.match(doc, /\*\*Expected\*\*, any of:\n\n- `Setting not found`\n- greater than or equal to `\d+`\n/);
  assert.match(doc, /\*\*Current\*\*:\n\n- `[^`]+`\n/);
  await clickLoadMore(hosts);
  const more = await childrenOf(policy);
  assert.equal(requestsSince(sim, from).filter((u) => u.includes('/pcrs/1.0/posture/hostids')).length, 1, 'host IDs resolved once');
  assert.ok(more.filter((n) => n instanceof PostureHostNode).length > hostNodes.length);
});

test('posture: PCRS filters apply to each batch', async () => {
  const sim = await simPromise;
  const policy = await firstPolicy(root(sim, { source: 'pcrs', filter: { status: 'Passed' } }));
  for (const host of (await childrenOf(policy)).filter((n): n is PostureHostNode => n instanceof PostureHostNode)) {
    for (const c of (await childrenOf(host)) as PostureControlNode[]) assert.equal(c.posture.status, 'Passed');
  }
});

test('posture: a corrupt PCRS gzip body is an error row; a 503 on classic is retried', async () => {
  const sim = await simPromise;
  sim.setFaults({ corruptGzip: true });
  try {
    const policy = await firstPolicy(root(sim, { source: 'pcrs' }));
    const nodes = await childrenOf(policy);
    const error = errorRow(nodes);
    assert.ok(error, kinds(nodes).join(','));
    assert.equal(error.error.kind, 'bad-gzip');
  } finally {
    sim.setFaults({ corruptGzip: false });
  }
  sim.setFaults({ http5xx: 1 });
  const policy = await firstPolicy(root(sim));
  assert.ok((await childrenOf(policy)).some((n) => n instanceof PostureHostNode), 'the read-only call was retried');
});

test('posture: a policy list failure is an error row with CODE and TEXT', async () => {
  const sim = await simPromise;
  sim.setFaults({ accountExpired200: true });
  try {
    const nodes = await root(sim).children(live());
    assert.deepEqual(kinds(nodes), ['error']);
    assert.match(nodes[0]!.row.label, /^CODE 2001: /);
  } finally {
    sim.setFaults({ accountExpired200: false });
  }
});
