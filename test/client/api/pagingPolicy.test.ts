/**
 * A rogue server's WARNING/URL decides nothing but where the next page starts: the next request is
 * the listing's own request with only `id_min` taken from the URL, and only when the URL names the
 * account's own origin, the same path and the same action. Every paged operation, through the public API.
 */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { listAssetGroups, listAuthRecords, listHosts, listPolicies, listPostureInfo, type ApiError, type Result } from '../../../client/src/api';
import { clientFor, startFake, xml, type FakeQualys } from './support/fakeQualys';

const HOST_PATH = '/api/2.0/fo/asset/host/';

interface Lister {
  readonly name: string;
  readonly path: string;
  /** One page of this listing's document with one record and a WARNING pointing at `url`. */
  readonly page: (url: string | undefined) => string;
  readonly list: (fake: FakeQualys, options: { pageLimit?: number }) => AsyncIterable<Result<unknown>>;
}

const warning = (url: string | undefined): string =>
  url === undefined ? '' : `<WARNING><CODE>1980</CODE><TEXT>1 record limit exceeded. Use URL to get next batch of results.</TEXT><URL><![CDATA[${url}]]></URL></WARNING>`;

const LISTERS: readonly Lister[] = [
  {
    name: 'host list',
    path: HOST_PATH,
    page: (url) => `<HOST_LIST_OUTPUT><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><HOST_LIST><HOST><ID>1</ID><IP>10.0.0.1</IP></HOST></HOST_LIST>${warning(url)}</RESPONSE></HOST_LIST_OUTPUT>`,
    list: (fake, options) => listHosts(clientFor(fake), { pageSize: 1, ...options }),
  },
  {
    name: 'auth record list',
    path: '/api/2.0/fo/auth/unix/',
    page: (url) =>
      `<AUTH_UNIX_LIST_OUTPUT><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><AUTH_UNIX_LIST><AUTH_UNIX><ID>1</ID><TITLE>t</TITLE></AUTH_UNIX></AUTH_UNIX_LIST>${url === undefined ? '' : `<WARNING_LIST>${warning(url)}</WARNING_LIST>`}</RESPONSE></AUTH_UNIX_LIST_OUTPUT>`,
    list: (fake, options) => listAuthRecords(clientFor(fake), 'unix', options),
  },
  {
    name: 'policy list',
    path: '/api/2.0/fo/compliance/policy/',
    page: (url) => `<POLICY_LIST_OUTPUT><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><POLICY_LIST><POLICY><ID>1</ID><TITLE>p</TITLE></POLICY></POLICY_LIST>${warning(url)}</RESPONSE></POLICY_LIST_OUTPUT>`,
    list: (fake, options) => listPolicies(clientFor(fake), options),
  },
  {
    name: 'posture info',
    path: '/api/2.0/fo/compliance/posture/info/',
    page: (url) =>
      `<POSTURE_INFO_LIST_OUTPUT><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><INFO_LIST><INFO><ID>1</ID><HOST_ID>1</HOST_ID><CONTROL_ID>2</CONTROL_ID><STATUS>Passed</STATUS></INFO></INFO_LIST>${warning(url)}</RESPONSE></POSTURE_INFO_LIST_OUTPUT>`,
    list: (fake, options) => listPostureInfo(clientFor(fake), '9', options),
  },
  {
    name: 'asset group list',
    path: '/api/2.0/fo/asset/group/',
    page: (url) => `<ASSET_GROUP_LIST_OUTPUT><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><ASSET_GROUP_LIST><ASSET_GROUP><ID>1</ID><TITLE>g</TITLE></ASSET_GROUP></ASSET_GROUP_LIST>${warning(url)}</RESPONSE></ASSET_GROUP_LIST_OUTPUT>`,
    list: (fake, options) => listAssetGroups(clientFor(fake), options),
  },
];

const fakePromise = startFake();
after(async () => (await fakePromise).close());

/** Runs a listing to its end: each page as 'page', the error that ended it as its kind. */
async function drain(pages: AsyncIterable<Result<unknown>>): Promise<{ outcome: string[]; error?: ApiError }> {
  const outcome: string[] = [];
  let error: ApiError | undefined;
  for await (const page of pages) {
    outcome.push(page.ok ? 'page' : page.error.kind);
    if (!page.ok) error = page.error;
  }
  return error ? { outcome, error } : { outcome };
}

/** Serves the first page with a WARNING/URL built from the request (and later pages with none). */
function serve(fake: FakeQualys, lister: Lister, next: (received: URL) => string | undefined): void {
  fake.handle((req, res) => xml(res, lister.page(req.url.searchParams.has('id_min') ? undefined : next(req.url))));
}

for (const lister of LISTERS) {
  test(`${lister.name}: a next-page URL naming another action (a purge) ends the listing; nothing more is sent`, async () => {
    const fake = await fakePromise;
    serve(fake, lister, () => `${fake.url}${lister.path}?action=purge&ids=1-99999&id_min=2`);
    const start = fake.received.length;
    const { outcome, error } = await drain(lister.list(fake, {}));
    const sent = fake.received.slice(start);
    assert.deepEqual(outcome, ['page', 'paging']);
    assert.equal(sent.length, 1, 'only the first page was requested');
    assert.ok(sent.every((r) => r.url.searchParams.get('action') === 'list'), 'no other action was ever sent');
    assert.match(error!.message, /action='purge'/);
    assert.doesNotMatch(error!.message, /ids=1-99999/, 'the message names the action, not the rest of the URL');
  });

  test(`${lister.name}: the next page is our own request with only id_min from the URL`, async () => {
    const fake = await fakePromise;
    serve(fake, lister, (url) => `${fake.url}${lister.path}?${url.searchParams.toString()}&details=None&truncation_limit=1000000&echo_request=1&ids=1-99999&id_min=2`);
    const start = fake.received.length;
    const { outcome } = await drain(lister.list(fake, {}));
    assert.deepEqual(outcome, ['page', 'page']);
    const [first, second] = fake.received.slice(start).map((r) => Object.fromEntries(r.url.searchParams));
    assert.equal(fake.received.at(-1)!.url.pathname, lister.path);
    assert.deepEqual(second, { ...first, id_min: '2' });
  });
}

test('host list: a next-page URL on another path, another host, or with a non-numeric id_min ends the listing', async () => {
  const fake = await fakePromise;
  const host = LISTERS[0]!;
  const bad: Record<string, (url: URL) => string> = {
    'another path': () => `${fake.url}/api/2.0/fo/asset/host/vm/detection/?action=list&id_min=2`,
    'a path above ours': () => `${fake.url}/api/2.0/fo/asset/?action=list&id_min=2`,
    'another host': () => `https://attacker.example${HOST_PATH}?action=list&id_min=2`,
    'another port': () => `http://127.0.0.1:1${HOST_PATH}?action=list&id_min=2`,
    'https on a plain origin': () => `${fake.url.replace('http:', 'https:')}${HOST_PATH}?action=list&id_min=2`,
    'credentials in the URL': () => `${fake.url.replace('//', '//user:pw@')}${HOST_PATH}?action=list&id_min=2`,
    'no action': () => `${fake.url}${HOST_PATH}?id_min=2`,
    'two actions': () => `${fake.url}${HOST_PATH}?action=list&action=purge&id_min=2`,
    'a word for id_min': () => `${fake.url}${HOST_PATH}?action=list&id_min=abc`,
    'a negative id_min': () => `${fake.url}${HOST_PATH}?action=list&id_min=-5`,
    'an exponent id_min': () => `${fake.url}${HOST_PATH}?action=list&id_min=1e9`,
    'two id_min': () => `${fake.url}${HOST_PATH}?action=list&id_min=2&id_min=3`,
    'not a URL': () => `http://[oops${HOST_PATH}?action=list&id_min=2`,
  };
  for (const [what, next] of Object.entries(bad)) {
    serve(fake, host, next);
    const start = fake.received.length;
    const { outcome, error } = await drain(host.list(fake, {}));
    assert.deepEqual(outcome, ['page', 'paging'], what);
    assert.equal(fake.received.length - start, 1, `${what}: nothing sent after the first page`);
    assert.ok(error!.message.length < 400, `${what}: a readable message`);
    assert.doesNotMatch(error!.message, /pw@/, `${what}: no credentials in the message`);
  }
});

test('host list: an id_min that does not increase (a loop) ends the listing after the pages already read', async () => {
  const fake = await fakePromise;
  const host = LISTERS[0]!;
  // Every page points at id_min=5: the second page repeats the first's cursor.
  fake.handle((_req, res) => xml(res, host.page(`${fake.url}${HOST_PATH}?action=list&id_min=5`)));
  let start = fake.received.length;
  let { outcome } = await drain(host.list(fake, {}));
  assert.deepEqual(outcome, ['page', 'page', 'paging']);
  assert.equal(fake.received.length - start, 2);

  // A listing resumed at id_min=100 (the sidebar's Retry) may not be sent back below it.
  start = fake.received.length;
  ({ outcome } = await drain(listHosts(clientFor(fake), { params: { id_min: 100 } })));
  assert.deepEqual(outcome, ['page', 'paging']);
  assert.equal(fake.received.length - start, 1);
});

test('host list: a server that never stops paging is cut at the page cap with an error', async () => {
  const fake = await fakePromise;
  const host = LISTERS[0]!;
  fake.handle((req, res) => xml(res, host.page(`${fake.url}${HOST_PATH}?action=list&id_min=${Number(req.url.searchParams.get('id_min') ?? 1) + 1}`)));
  const start = fake.received.length;
  const { outcome, error } = await drain(host.list(fake, { pageLimit: 4 }));
  assert.deepEqual(outcome, ['page', 'page', 'page', 'page', 'paging']);
  assert.equal(fake.received.length - start, 4);
  assert.match(error!.message, /4 pages/);
});
