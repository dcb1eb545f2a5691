/**
 * A load the extension cancelled itself (a sign-in or account switch refreshes the views, Refresh,
 * collapsing a node) is not a failure: its rows never include an error row, and the next load reads
 * the page again. Only a failure the user should see is an error row. Against a loopback server
 * that holds its answers until told, through the real API client.
 */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import type { ServerResponse } from 'node:http';
import { HostsRoot } from '../../../client/src/views/hosts/hostsRoot';
import { Pager } from '../../../client/src/views/paging/pager';
import { pagedChildren } from '../../../client/src/views/paging/pagedChildren';
import { MessageNode } from '../../../client/src/views/nodes/messageNode';
import type { SidebarNode } from '../../../client/src/views/nodes/sidebarNode';
import { clientFor, startFake, xml, type FakeQualys, type Received } from '../api/support/fakeQualys';
import { kinds, live } from '../support';

const fakePromise = startFake();
after(async () => (await fakePromise).close());

function hostPage(params: URLSearchParams, base: string): string {
  const from = Number(params.get('id_min') ?? 1);
  let hosts = '';
  for (let id = from; id < from + 3; id++) hosts += `<HOST><ID>${id}</ID><IP>10.0.0.${id}</IP></HOST>`;
  const next = from < 7 ? `<WARNING><CODE>1980</CODE><TEXT>3 record limit exceeded</TEXT><URL><![CDATA[${base}/api/2.0/fo/asset/host/?action=list&id_min=${from + 3}]]></URL></WARNING>` : '';
  return `<HOST_LIST_OUTPUT><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><HOST_LIST>${hosts}</HOST_LIST>${next}</RESPONSE></HOST_LIST_OUTPUT>`;
}

/** Holds every answer until `release()`; `arrived` resolves when a request came in. */
function holding(fake: FakeQualys): { arrived: () => Promise<void>; release: () => void } {
  const held: [Received, ServerResponse][] = [];
  let waiting: (() => void) | undefined;
  let released = false;
  fake.handle((req, res) => {
    if (released) return xml(res, hostPage(req.url.searchParams, fake.url));
    held.push([req, res]);
    waiting?.();
  });
  return {
    arrived: () => (held.length > 0 ? Promise.resolve() : new Promise((resolve) => (waiting = resolve))),
    release: () => {
      released = true;
      for (const [req, res] of held.splice(0)) if (!res.destroyed) xml(res, hostPage(req.url.searchParams, fake.url));
    },
  };
}

function hostsRoot(fake: FakeQualys): HostsRoot {
  return new HostsRoot(clientFor(fake), { accountId: 'acct-1', pageSize: 3, filter: {} });
}

const noErrorRow = (nodes: readonly SidebarNode[], when: string): void =>
  assert.ok(!kinds(nodes).includes('error'), `${when}: rows ${JSON.stringify(nodes.map((n) => n.row.label))}`);

test('a first load cancelled by a refresh (signing in while the view loads) shows no error row and no "no hosts" message', async () => {
  const fake = await fakePromise;
  const server = holding(fake);
  const root = hostsRoot(fake);
  const controller = new AbortController();
  const rows = root.children(controller.signal);
  await server.arrived();
  controller.abort();
  const nodes = await rows;
  noErrorRow(nodes, 'after the cancel');
  assert.ok(!nodes.some((n) => n instanceof MessageNode), 'nothing claims the account is empty');
  assert.equal(root.pager.error, undefined, 'the pager holds no failure');
  server.release();
  const again = await root.children(live());
  assert.deepEqual(kinds(again), ['host', 'host', 'host', 'loadMore'], 'the next load reads the first page');
});

test('a Load more cancelled on the way keeps the rows and the Load more row, without an error row', async () => {
  const fake = await fakePromise;
  fake.handle((req, res) => xml(res, hostPage(req.url.searchParams, fake.url)));
  const root = hostsRoot(fake);
  await root.children(live());
  const server = holding(fake);
  const controller = new AbortController();
  const more = root.pager.loadNext(controller.signal);
  await server.arrived();
  controller.abort();
  await more;
  const nodes = await root.children(live());
  noErrorRow(nodes, 'after a cancelled Load more');
  assert.deepEqual(kinds(nodes), ['host', 'host', 'host', 'loadMore']);
  server.release();
  await root.pager.loadNext(live());
  assert.equal(root.pager.items.length, 6, 'Load more then reads the page it had not read');
});

test('a root disposed while it loads (sign-out, account switch) answers its load without an error row', async () => {
  const fake = await fakePromise;
  const server = holding(fake);
  const root = hostsRoot(fake);
  const rows = root.children(live());
  await server.arrived();
  root.dispose();
  noErrorRow(await rows, 'after dispose');
  server.release();
});

test('pagedChildren: a cancelled load is no row at all; a real failure is still an error row with Retry', async () => {
  const cancelled = new Pager<number>((_cursor, signal) =>
    (async function* () {
      yield signal.aborted ? { ok: false as const, error: { kind: 'cancelled' as const, message: 'The call was cancelled.' } } : { ok: true as const, value: { items: [1] } };
    })(),
  );
  const controller = new AbortController();
  controller.abort();
  const spec = { owner: undefined, idPrefix: 'p', toNode: (n: number): SidebarNode => new MessageNode(`n${n}`, String(n)), what: 'numbers', empty: 'No numbers' };
  assert.deepEqual(kinds(await pagedChildren({ ...spec, pager: cancelled }, controller.signal)), []);
  assert.equal(cancelled.state, 'idle');

  const failing = new Pager<number>(() =>
    (async function* () {
      yield { ok: false as const, error: { kind: 'rate-limit' as const, message: 'Rate limit', code: '1965', text: 'Rate limit exceeded' } };
    })(),
  );
  const nodes = await pagedChildren({ ...spec, pager: failing }, live());
  assert.deepEqual(kinds(nodes), ['error']);
  assert.equal(nodes[0]!.row.label, 'CODE 1965: Rate limit exceeded');
});
