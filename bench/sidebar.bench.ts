/**
 * Sidebar responsiveness against a 100,000-host account: the time from expanding each view to its
 * rows (target: within one second), and the longest the extension host's event loop was blocked
 * while each view loaded (target: 16 ms, one frame), with wall, CPU and main-thread time. The
 * simulator runs in a child process, so only the extension side's work is on this event loop.
 */
import { createQualysClient, type QualysClient } from '../client/src/api';
import { ConcurrencyLimiter } from '../client/src/api/limiter';
import { AuthRoot } from '../client/src/views/authRecords/authRoot';
import { HostsRoot } from '../client/src/views/hosts/hostsRoot';
import { AuthTypeNode } from '../client/src/views/nodes/authTypeNode';
import { HostNode } from '../client/src/views/nodes/hostNode';
import { LoadMoreNode } from '../client/src/views/nodes/loadMoreNode';
import { PolicyNode } from '../client/src/views/nodes/policyNode';
import { PostureHostNode } from '../client/src/views/nodes/postureHostNode';
import type { SidebarNode } from '../client/src/views/nodes/sidebarNode';
import { PostureRoot } from '../client/src/views/posture/postureRoot';
import { startChildSimulator } from './childSimulator';
import type { BenchRow } from './benchRow';
import { blockRows, measure, type Measured } from './measure';

const HOSTS = 100_000;
const USER = 'bench';
const PASSWORD = 'bench-password';
const BLOCK_TARGET_MS = 16;

function timeRow(metric: string, m: Measured<unknown>): BenchRow {
  return { area: 'sidebar', metric, value: m.wallMs, unit: 'ms', target: '<= 1000 ms', ok: m.wallMs <= 1000, wallMs: m.wallMs, cpuMs: m.cpuMs, mainMs: m.mainMs };
}

function blockRow(view: string, loads: readonly Measured<unknown>[]): BenchRow[] {
  return blockRows('sidebar', `${view} loading`, loads, BLOCK_TARGET_MS);
}

export default async function sidebarBench(): Promise<BenchRow[]> {
  const { url, child } = await startChildSimulator({ hosts: HOSTS, authRecords: 2000, user: USER, password: PASSWORD, seed: 3, rateLimit: { limit: 100000, windowSec: 3600 } });
  let client: QualysClient | undefined;
  try {
    const made = createQualysClient({ where: { url }, credentials: { username: USER, password: PASSWORD } }, { limiter: new ConcurrencyLimiter() });
    if (!made.ok) throw new Error(made.error.message);
    client = made.value;
    const signal = new AbortController().signal;
    const rows: BenchRow[] = [];

    // Hosts: the first page (cold: connection, simulator start), again (warm), Load more, and a
    // page of 1,000 (the largest page size the setting allows).
    const hosts = new HostsRoot(client, { accountId: 'bench', pageSize: 200, filter: {} });
    const first = await measure(() => hosts.children(signal));
    rows.push(timeRow(`Hosts: first page of 200 of ${HOSTS.toLocaleString('en-US')} hosts`, first));
    const again = await measure(() => new HostsRoot(client!, { accountId: 'bench2', pageSize: 200, filter: {} }).children(signal));
    rows.push(timeRow('Hosts: first page again (refresh, warm connection)', again));
    const more = first.value[first.value.length - 1];
    if (!(more instanceof LoadMoreNode)) throw new Error('no Load more row');
    const next = await measure(() => more.pager.loadNext(signal).then(() => hosts.children(signal)));
    rows.push(timeRow('Hosts: Load more (next 200)', next));
    const big = await measure(() => new HostsRoot(client!, { accountId: 'bench3', pageSize: 1000, filter: {} }).children(signal));
    rows.push(timeRow('Hosts: first page of 1,000', big));
    // Hover and Open Details: the full record, parsed in the API worker from the XML it kept.
    const host = first.value.find((n): n is HostNode => n instanceof HostNode);
    if (!host) throw new Error('no host row');
    const details = await measure(() => host.details());
    rows.push(timeRow('Hosts: open a host\'s details (parsed when opened)', details));
    rows.push(...blockRow('Hosts', [first, again, next, big, details]));

    // Authentication records: the type list, then the largest type's records.
    const auth = new AuthRoot(client, 'bench');
    const types = await measure(() => auth.children(signal));
    rows.push(timeRow('Authentication Records: record types', types));
    const largest = types.value.filter((n): n is AuthTypeNode => n instanceof AuthTypeNode).sort((a, b) => count(b) - count(a))[0];
    if (!largest) throw new Error('no auth record type');
    const records = await measure(() => largest.children(signal));
    rows.push(timeRow(`Authentication Records: expand ${largest.type} (${records.value.length - 1} rows)`, records));
    rows.push(...blockRow('Authentication Records', [types, records]));

    // Compliance posture: the policy list, then a policy's first hosts with their controls.
    const posture = new PostureRoot(client, { accountId: 'bench', source: 'classic', hostsPerPage: 50, grouping: 'host', filter: {} });
    const policiesLoad = await measure(() => posture.children(signal));
    rows.push(timeRow('Posture: policy list', policiesLoad));
    const policy = policiesLoad.value.find((n): n is PolicyNode => n instanceof PolicyNode);
    if (!policy) throw new Error('no policy');
    const expand = await measure(() => policy.children(signal));
    const shown = expand.value.filter((n: SidebarNode) => n instanceof PostureHostNode).length;
    rows.push(timeRow(`Posture: expand a policy (${policy.policy.controls.length} controls), first ${shown} hosts`, expand));
    rows.push(...blockRow('Compliance Posture', [policiesLoad, expand]));

    // The same from PCRS (50 hosts a page, the setting's default): host IDs resolved once, then a
    // batch of hosts a page (gzip JSON).
    const pcrs = new PostureRoot(client, { accountId: 'bench-pcrs', source: 'pcrs', hostsPerPage: 50, grouping: 'host', filter: {} });
    const pcrsPolicies = await measure(() => pcrs.children(signal));
    const pcrsPolicy = pcrsPolicies.value.find((n): n is PolicyNode => n instanceof PolicyNode);
    if (!pcrsPolicy) throw new Error('no policy (PCRS view)');
    const pcrsExpand = await measure(() => pcrsPolicy.children(signal));
    const pcrsShown = pcrsExpand.value.filter((n: SidebarNode) => n instanceof PostureHostNode).length;
    rows.push(timeRow(`Posture (PCRS): expand a policy, first ${pcrsShown} hosts`, pcrsExpand));
    const pcrsPager = pcrsPolicy.pager;
    if (!pcrsPager) throw new Error('the PCRS policy row is not paged');
    const pcrsMore = await measure(() => pcrsPager.loadNext(signal).then(() => pcrsPolicy.children(signal)));
    rows.push(timeRow('Posture (PCRS): Load more (next 50 hosts)', pcrsMore));
    rows.push(...blockRow('Compliance Posture (PCRS)', [pcrsPolicies, pcrsExpand, pcrsMore]));
    return rows;
  } finally {
    await client?.close();
    child.kill();
  }
}

function count(node: AuthTypeNode): number {
  return Number(/^\d+/.exec(node.row.description ?? '')?.[0] ?? 0);
}
