/**
 * The sidebar's listings through the API worker thread, against a scripted loopback server: the
 * account's one concurrency limit across the host's thread and the worker, cancellation reaching the
 * worker's calls, a retried page giving its rows once, Qualys errors redacted, rate-limit headers
 * reaching the host's listeners, and details read from what the worker kept.
 */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import type { ServerResponse } from 'node:http';
import { hostDetails, listHostRows, liveValuesInWorker, optionProfilesInWorker, type RowPage } from '../../../client/src/api';
import type { HostRow } from '../../../client/src/api/parse/hostList';
import { listAuthRecordTypes } from '../../../client/src/api/ops/authRecords';
import type { RateLimitState } from '../../../client/src/api/rateLimit';
import type { Result } from '../../../client/src/api/result';
import { clientFor, LIMIT_HEADERS, PASSWORD, startFake, xml } from './support/fakeQualys';

const fakePromise = startFake().then((fake) => {
  // Qualys names the next page on the account's own origin (the client follows no other).
  origin = fake.url;
  return fake;
});
after(async () => (await fakePromise).close());

/** A host list page like Qualys': `limit` hosts from id_min, then WARNING with the next id_min. */
let origin = '';

function hostPage(params: URLSearchParams, total: number): string {
  const limit = Number(params.get('truncation_limit') ?? 1000);
  const from = Number(params.get('id_min') ?? 1);
  const last = Math.min(total, from + limit - 1);
  let hosts = '';
  for (let id = from; id <= last; id++) hosts += `<HOST><ID>${id}</ID><IP>10.0.${(id >> 8) & 255}.${id & 255}</IP><OS><![CDATA[Linux ${id}]]></OS><TAGS><TAG><NAME>t${id}</NAME></TAG></TAGS></HOST>`;
  const warning = last < total ? `<WARNING><CODE>1980</CODE><TEXT>more</TEXT><URL><![CDATA[${origin}/api/2.0/fo/asset/host/?action=list&id_min=${last + 1}]]></URL></WARNING>` : '';
  return `<?xml version="1.0"?><HOST_LIST_OUTPUT><RESPONSE><DATETIME>now</DATETIME><HOST_LIST>${hosts}</HOST_LIST>${warning}</RESPONSE></HOST_LIST_OUTPUT>`;
}

async function collect(pages: AsyncIterable<Result<RowPage<HostRow>>>): Promise<(HostRow[] | string)[]> {
  const out: (HostRow[] | string)[] = [];
  for await (const page of pages) out.push(page.ok ? [...page.value.items] : `${page.error.kind}:${page.error.code ?? ''}`);
  return out;
}

test('rows of every page, with the next cursor, read by the worker; details of a row read from what it kept', async () => {
  const fake = await fakePromise;
  fake.handle((req, res) => xml(res, hostPage(req.url.searchParams, 250)));
  const client = clientFor(fake);
  const pages = await collect(listHostRows(client, { pageSize: 100 }));
  assert.deepEqual(pages.map((p) => (typeof p === 'string' ? p : p.length)), [100, 100, 50]);
  assert.deepEqual((pages[0] as HostRow[])[0], { id: '1', ip: '10.0.0.1', os: 'Linux 1' });
  const before = fake.received.length;
  const details = await hostDetails(client, '101');
  assert.ok(details.ok, details.ok ? '' : details.error.message);
  assert.deepEqual(details.value.tags, [{ name: 't101' }]);
  assert.equal(fake.received.length, before, 'no call: the worker kept the host');
  await client.close();
});

test('the account\'s concurrency limit holds across the worker and the host\'s thread', async () => {
  const fake = await fakePromise;
  let running = 0;
  let most = 0;
  fake.handle(async (req, res) => {
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 30));
    running--;
    const headers = { ...LIMIT_HEADERS, 'x-concurrency-limit-limit': '1' };
    if (req.url.pathname.startsWith('/api/2.0/fo/auth/')) xml(res, '<AUTH_LIST_OUTPUT><RESPONSE><AUTH_RECORDS/></RESPONSE></AUTH_LIST_OUTPUT>', 200, headers);
    else xml(res, hostPage(req.url.searchParams, 60), 200, headers);
  });
  const client = clientFor(fake);
  // The first answer lowers the account's limit to 1; from then on one call at a time, whichever thread sends it.
  assert.ok((await listAuthRecordTypes(client)).ok);
  assert.equal(client.limiter.limit, 1);
  most = 0;
  const [pages, types] = await Promise.all([collect(listHostRows(client, { pageSize: 10, readAhead: 2 })), Promise.all([1, 2, 3].map(() => listAuthRecordTypes(client)))]);
  assert.equal(pages.length, 6);
  assert.ok(types.every((t) => t.ok));
  assert.equal(most, 1, `calls in flight at once: ${most}`);
  assert.equal(client.limiter.inFlight, 0, 'every slot given back');
  await client.close();
});

test('cancelling stops the worker\'s call and gives its slot back', async () => {
  const fake = await fakePromise;
  const open: ServerResponse[] = [];
  fake.handle((_req, res) => {
    // Never answers: only cancellation can end the call.
    open.push(res);
  });
  const client = clientFor(fake);
  const controller = new AbortController();
  const listing = collect(listHostRows(client, { pageSize: 10, signal: controller.signal }));
  while (open.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(client.limiter.inFlight, 1);
  const closed = new Promise((resolve) => open[0]!.once('close', resolve));
  controller.abort();
  assert.deepEqual(await listing, ['cancelled:']);
  await closed;
  while (client.limiter.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  await client.close();
});

test('a page cut short is read again and its rows come once; a Qualys error keeps CODE and TEXT, redacted', async () => {
  const fake = await fakePromise;
  let calls = 0;
  fake.handle((req, res) => {
    const page = hostPage(req.url.searchParams, 30);
    // The second page's first answer stops half way, as a reset connection would leave it.
    if (req.url.searchParams.get('id_min') === '11' && calls++ === 0) xml(res, page.slice(0, page.length / 2));
    else xml(res, page);
  });
  const client = clientFor(fake);
  const pages = await collect(listHostRows(client, { pageSize: 10 }));
  assert.deepEqual(pages.map((p) => (typeof p === 'string' ? p : p.map((h) => h.id).join(','))), [
    '1,2,3,4,5,6,7,8,9,10',
    '11,12,13,14,15,16,17,18,19,20',
    '21,22,23,24,25,26,27,28,29,30',
  ]);

  fake.handle((_req, res) => xml(res, `<SIMPLE_RETURN><RESPONSE><DATETIME>x</DATETIME><CODE>2001</CODE><TEXT>Account expired for ${PASSWORD}</TEXT></RESPONSE></SIMPLE_RETURN>`));
  const expired: Result<RowPage<HostRow>>[] = [];
  for await (const page of listHostRows(client, { pageSize: 10 })) expired.push(page);
  assert.equal(expired.length, 1);
  const error = !expired[0]!.ok ? expired[0]!.error : undefined;
  assert.equal(error?.code, '2001');
  assert.equal(error?.text, 'Account expired for ***');
  assert.doesNotMatch(JSON.stringify(error), /S3cr3t/);
  await client.close();
});

test('rate-limit headers of the worker\'s calls reach the account\'s listeners on the host\'s thread', async () => {
  const fake = await fakePromise;
  fake.handle((req, res) => xml(res, hostPage(req.url.searchParams, 5), 200, { ...LIMIT_HEADERS, 'x-ratelimit-remaining': '123' }));
  const client = clientFor(fake);
  const seen: RateLimitState[] = [];
  client.onRateLimit((state) => seen.push(state));
  await collect(listHostRows(client, { pageSize: 10 }));
  assert.equal(seen.at(-1)?.remaining, 123);
  assert.equal(client.rateLimit.remaining, 123);
  await client.close();
});

test('the worker follows only the next id_min of the same call: another host ends the listing with a paging error after the page', async () => {
  const fake = await fakePromise;
  fake.handle((req, res) => xml(res, hostPage(req.url.searchParams, 30).replace(origin, 'https://attacker.example')));
  const client = clientFor(fake);
  const start = fake.received.length;
  const pages = await collect(listHostRows(client, { pageSize: 10 }));
  assert.deepEqual(pages.map((p) => (typeof p === 'string' ? p : p.length)), [10, 'paging:']);
  assert.equal(fake.received.length - start, 1, 'nothing sent after the refused URL');
  await client.close();
});

test('completion values and the option profile list are fetched and read in the worker: values cross, a Qualys error keeps CODE and TEXT, cancelling ends the call', async () => {
  const fake = await fakePromise;
  fake.handle((req, res) => {
    if (req.url.pathname.includes('option_profile')) {
      xml(res, '<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO><ID>77</ID><GROUP_NAME><![CDATA[Initial Options]]></GROUP_NAME><GROUP_TYPE>user</GROUP_TYPE></BASIC_INFO><SCAN><PORTS/></SCAN></OPTION_PROFILE></OPTION_PROFILES>');
    } else xml(res, hostPage(req.url.searchParams, 3));
  });
  const client = clientFor(fake);
  const profiles = await optionProfilesInWorker(client);
  assert.deepEqual(profiles, { ok: true, value: [{ id: '77', title: 'Initial Options', type: 'user' }] });
  const tags = await liveValuesInWorker(client, 'tags');
  assert.ok(tags.ok, tags.ok ? '' : tags.error.message);
  assert.deepEqual(tags.value.map((t) => t.value), ['t1', 't2', 't3']);

  fake.handle((_req, res) => xml(res, `<SIMPLE_RETURN><RESPONSE><DATETIME>x</DATETIME><CODE>999</CODE><TEXT>Busy for ${PASSWORD}</TEXT></RESPONSE></SIMPLE_RETURN>`, 409));
  const refused = await liveValuesInWorker(client, 'optionProfileIds');
  assert.ok(!refused.ok);
  assert.equal(refused.error.code, '999');
  assert.equal(refused.error.text, 'Busy for ***');

  const open: ServerResponse[] = [];
  fake.handle((_req, res) => {
    open.push(res);
  });
  const controller = new AbortController();
  const pending = liveValuesInWorker(client, 'policyIds', controller.signal);
  while (open.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const closed = new Promise((resolve) => open[0]!.once('close', resolve));
  controller.abort();
  const cancelled = await pending;
  assert.ok(!cancelled.ok && cancelled.error.kind === 'cancelled');
  await closed;
  while (client.limiter.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  await client.close();
});
