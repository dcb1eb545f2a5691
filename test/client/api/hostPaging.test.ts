import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { listHosts } from '../../../client/src/api/ops/hosts';
import { clientFor, startFake, xml } from './support/fakeQualys';

/** A host list page like Qualys': truncation_limit hosts from id_min, then WARNING with a URL. */
function hostPage(params: URLSearchParams, total: number, urlHost: string): string {
  const limit = Number(params.get('truncation_limit') ?? 1000);
  const from = Number(params.get('id_min') ?? 1);
  const last = Math.min(total, from + limit - 1);
  let hosts = '';
  for (let id = from; id <= last; id++) hosts += `<HOST><ID>${id}</ID><IP>10.0.${id >> 8 & 255}.${id & 255}</IP><TRACKING_METHOD>IP</TRACKING_METHOD></HOST>`;
  const warning = last < total
    ? `<WARNING><CODE>1980</CODE><TEXT>${limit} record limit exceeded. Use URL to get next batch of results.</TEXT><URL><![CDATA[${urlHost}/api/2.0/fo/asset/host/?action=list&truncation_limit=${limit}&id_min=${last + 1}]]></URL></WARNING>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8" ?><HOST_LIST_OUTPUT><RESPONSE><DATETIME>2021-01-01T00:00:00Z</DATETIME>${hosts ? `<HOST_LIST>${hosts}</HOST_LIST>` : ''}${warning}</RESPONSE></HOST_LIST_OUTPUT>`;
}

const fakePromise = startFake();
after(async () => (await fakePromise).close());

test('host list follows WARNING/URL (id_min) page by page with the page size asked for', async () => {
  const fake = await fakePromise;
  fake.handle((req, res) => xml(res, hostPage(req.url.searchParams, 2500, fake.url)));
  const start = fake.received.length;
  const pages = [];
  for await (const page of listHosts(clientFor(fake), { pageSize: 1000 })) {
    assert.ok(page.ok, page.ok ? '' : page.error.message);
    pages.push({ index: page.value.index, count: page.value.hosts.length, first: page.value.hosts[0]!.id, next: page.value.nextIdMin });
  }
  assert.deepEqual(pages, [
    { index: 0, count: 1000, first: '1', next: '1001' },
    { index: 1, count: 1000, first: '1001', next: '2001' },
    { index: 2, count: 500, first: '2001', next: undefined },
  ]);
  const sent = fake.received.slice(start).map((r) => Object.fromEntries(r.url.searchParams));
  assert.deepEqual(sent[0], { action: 'list', details: 'All', show_tags: '1', host_metadata: 'all', show_cloud_tags: '1', truncation_limit: '1000' });
  assert.equal(sent[1]!.id_min, '1001');
  assert.equal(sent[1]!.details, 'All', 'our own parameters are kept on later pages');
});

test('cloud metadata and cloud tags can be left out', async () => {
  const fake = await fakePromise;
  fake.handle((req, res) => xml(res, hostPage(req.url.searchParams, 5, fake.url)));
  for await (const page of listHosts(clientFor(fake), { hostMetadata: false, showCloudTags: false, showTags: false })) assert.ok(page.ok);
  assert.deepEqual(Object.fromEntries(fake.received.at(-1)!.url.searchParams), { action: 'list', details: 'All' });
});

test('a next-page URL on another host ends the listing with an error; that host is never contacted', async () => {
  const fake = await fakePromise;
  fake.handle((req, res) => xml(res, hostPage(req.url.searchParams, 30, 'https://attacker.example')));
  const start = fake.received.length;
  const results = [];
  for await (const page of listHosts(clientFor(fake), { pageSize: 10 })) results.push(page.ok ? page.value.hosts.length : page.error.kind);
  assert.deepEqual(results, [10, 'paging']);
  assert.equal(fake.received.length - start, 1);
});

test('maxPages stops early (the sidebar\'s "Load more"); a URL that does not advance stops with an error', async () => {
  const fake = await fakePromise;
  fake.handle((req, res) => xml(res, hostPage(req.url.searchParams, 100, fake.url)));
  const seen = [];
  for await (const page of listHosts(clientFor(fake), { pageSize: 10, maxPages: 2 })) seen.push(page.ok && page.value.nextIdMin);
  assert.deepEqual(seen, ['11', '21']);

  fake.handle((_req, res) => xml(res, hostPage(new URLSearchParams('truncation_limit=10&id_min=1'), 100, fake.url)));
  const results = [];
  for await (const page of listHosts(clientFor(fake), { pageSize: 10 })) results.push(page.ok ? 'page' : page.error.kind);
  assert.deepEqual(results, ['page', 'page', 'paging']);
});

test('a failing page ends the listing with the error after the pages already given', async () => {
  const fake = await fakePromise;
  fake.handle((req, res) => (req.url.searchParams.get('id_min') ? xml(res, '<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST><HOST>', 200) : xml(res, hostPage(req.url.searchParams, 20, fake.url))));
  const results = [];
  for await (const page of listHosts(clientFor(fake), { pageSize: 10 })) results.push(page.ok ? page.value.hosts.length : page.error.kind);
  assert.deepEqual(results, [10, 'malformed']);
});
