/** Helpers for the sidebar's tests: the simulator in-process, a client, and nodes read as rows. */
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/src/index';
import type { QualysClient } from '../../client/src/api';
import { ErrorNode } from '../../client/src/views/nodes/errorNode';
import { LoadMoreNode } from '../../client/src/views/nodes/loadMoreNode';
import type { Row } from '../../client/src/views/nodes/row';
import type { SidebarNode } from '../../client/src/views/nodes/sidebarNode';
import { simClient, SIM_PASSWORD, SIM_USER } from './api/support/simClient';

export { SIM_PASSWORD, SIM_USER };
export type { RunningSimulator };

export function startSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, seed: 11, user: SIM_USER, password: SIM_PASSWORD, fixedTime: '2026-01-15T10:00:00Z', ...options });
}

export function clientOf(sim: RunningSimulator): QualysClient {
  return simClient(sim);
}

export function live(): AbortSignal {
  return new AbortController().signal;
}

export async function childrenOf(node: { children?(signal: AbortSignal): Promise<readonly SidebarNode[]> }): Promise<SidebarNode[]> {
  return [...((await node.children?.(live())) ?? [])];
}

export function rows(nodes: readonly SidebarNode[]): Row[] {
  return nodes.map((n) => n.row);
}

export function kinds(nodes: readonly SidebarNode[]): string[] {
  return nodes.map((n) => n.row.kind);
}

/** Clicks the Load more row (as the command does): loads the next page of its pager. */
export async function clickLoadMore(nodes: readonly SidebarNode[]): Promise<void> {
  const last = nodes[nodes.length - 1];
  if (!(last instanceof LoadMoreNode)) throw new Error(`no Load more row; last row is ${last?.row.kind}`);
  await last.pager.loadNext(live());
}

export function errorRow(nodes: readonly SidebarNode[]): ErrorNode | undefined {
  return nodes.find((n): n is ErrorNode => n instanceof ErrorNode);
}

/** Requests the simulator received after index `from`, as path + query, decoded. */
export function requestsSince(sim: RunningSimulator, from: number, part = ''): string[] {
  return sim.requests.slice(from).map((r) => decodeURIComponent(r.url.replace(/\+/g, ' '))).filter((u) => u.includes(part));
}
