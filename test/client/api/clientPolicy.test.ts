import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { listAuthRecordTypes, createAuthRecord } from '../../../client/src/api/ops/authRecords';
import { updateHosts } from '../../../client/src/api/ops/hosts';
import { exportOptionProfiles, importOptionProfiles } from '../../../client/src/api/ops/optionProfiles';
import type { RateLimitState } from '../../../client/src/api/rateLimit';
import { clientFor, fixture, LIMIT_HEADERS, PASSWORD, startFake, USER, xml } from './support/fakeQualys';

const TYPES = `<AUTH_LIST_OUTPUT><RESPONSE><DATETIME>2021-03-10T00:00:00Z</DATETIME><AUTH_RECORDS><AUTH_UNIX_RECORDS><ID_SET><ID>1</ID></ID_SET></AUTH_UNIX_RECORDS></AUTH_RECORDS></RESPONSE></AUTH_LIST_OUTPUT>`;
const RATE_409 = fixture('simple_return_error_1965_rate_limit_http409.test-fixture.xml');

const fakePromise = startFake();
after(async () => (await fakePromise).close());

test('every call carries Basic auth, X-Requested-With and a User-Agent naming the extension and version', async () => {
  const fake = await fakePromise;
  fake.handle((_req, res) => xml(res, TYPES));
  const client = clientFor(fake);
  const result = await listAuthRecordTypes(client);
  assert.ok(result.ok);
  const headers = fake.received.at(-1)!.headers;
  assert.equal(headers.authorization, `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
  assert.ok(headers['x-requested-with']);
  assert.match(headers['user-agent'] ?? '', /^QualysWorkbench\/\d+\.\d+\.\d+ /);
});

test('error texts never contain the password, even when Qualys echoes it', async () => {
  const fake = await fakePromise;
  fake.handle((_req, res) =>
    xml(res, `<SIMPLE_RETURN><RESPONSE><DATETIME>x</DATETIME><CODE>1905</CODE><TEXT>parameter password has invalid value: ${PASSWORD} / rec-pw-77</TEXT></RESPONSE></SIMPLE_RETURN>`, 400),
  );
  const result = await createAuthRecord(clientFor(fake), 'unix', { title: 't', username: 'root', password: 'rec-pw-77', ips: '10.0.0.1' });
  assert.equal(result.ok, false);
  const text = JSON.stringify(result);
  assert.doesNotMatch(text, /S3cr3t|rec-pw-77/);
  assert.match(!result.ok ? result.error.message : '', /Qualys error 1905: parameter password has invalid value: \*\*\*/);
});

test('a read-only call waits X-RateLimit-ToWait-Sec after a 409/1965 and then succeeds', async () => {
  const fake = await fakePromise;
  let calls = 0;
  fake.handle((_req, res) => (calls++ === 0 ? xml(res, RATE_409, 409, { ...LIMIT_HEADERS, 'x-ratelimit-towait-sec': '1', 'x-ratelimit-remaining': '0' }) : xml(res, TYPES)));
  const client = clientFor(fake);
  const seen: RateLimitState[] = [];
  client.onRateLimit((state) => seen.push(state));
  const start = fake.received.length;
  const result = await listAuthRecordTypes(client);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const [first, second] = fake.received.slice(start);
  assert.ok(first && second, 'retried once');
  assert.ok(second.at - first.at >= 900, `waited ${second.at - first.at} ms, asked 1 s`);
  assert.deepEqual([seen[0]!.toWaitSec, seen[0]!.remaining, seen.at(-1)!.remaining], [1, 0, 297]);
});

test('a wait longer than the client accepts fails at once with the wait in the error', async () => {
  const fake = await fakePromise;
  fake.handle((_req, res) => xml(res, RATE_409, 409, { ...LIMIT_HEADERS, 'x-ratelimit-towait-sec': '68928' }));
  const start = fake.received.length;
  const result = await listAuthRecordTypes(clientFor(fake));
  assert.equal(fake.received.length - start, 1);
  assert.equal(!result.ok && result.error.kind, 'rate-limit');
  assert.equal(!result.ok && result.error.waitSec, 68928);
  assert.equal(!result.ok && result.error.code, '1965');
  assert.deepEqual(!result.ok && [result.error.limits?.limit, result.error.limits?.toWaitSec, result.error.limits?.concurrencyLimit], [300, 68928, 2]);
});

test('read-only calls retry 503 and resets up to the attempt limit; mutating calls never retry', async () => {
  const fake = await fakePromise;
  fake.handle((_req, res) => {
    res.writeHead(503);
    res.end('Service Unavailable');
  });
  let start = fake.received.length;
  const read = await listAuthRecordTypes(clientFor(fake));
  assert.equal(fake.received.length - start, 3);
  assert.deepEqual(!read.ok && [read.error.kind, read.error.status, read.error.attempts], ['http', 503, 3]);

  start = fake.received.length;
  const write = await updateHosts(clientFor(fake), { ids: '1', newComment: 'x' });
  assert.equal(fake.received.length - start, 1, 'update sent exactly once');
  assert.deepEqual(!write.ok && [write.error.kind, write.error.attempts, write.error.operation], ['http', 1, 'host.update']);

  fake.handle((_req, res) => xml(res, fixture('simple_return_error_1960_concurrency_limit_http409.test-fixture.xml'), 409));
  start = fake.received.length;
  const busy = await importOptionProfiles(clientFor(fake), '<OPTION_PROFILES/>');
  assert.equal(fake.received.length - start, 1, 'import sent exactly once');
  assert.equal(!busy.ok && busy.error.kind, 'concurrency');
});

test('HTTP 200 with SIMPLE_RETURN 2001 is an account error and is not retried', async () => {
  const fake = await fakePromise;
  fake.handle((_req, res) => xml(res, fixture('simple_return_error_2001_account_expired_http200.recorded.xml'), 200, {}));
  const start = fake.received.length;
  const result = await listAuthRecordTypes(clientFor(fake));
  assert.equal(fake.received.length - start, 1);
  assert.deepEqual(!result.ok && [result.error.kind, result.error.code, result.error.status], ['account', '2001', 200]);
});

test('never more calls in flight than X-Concurrency-Limit-Limit (2, then what the account says)', async () => {
  const fake = await fakePromise;
  let running = 0;
  let peak = 0;
  let limit = '2';
  // A call is answered once as many as the limit allows are in flight or no other call is to come (so
  // the peak reaches the limit however slowly calls arrive), and a moment later (so a client over its
  // limit would show it).
  const waiting: (() => void)[] = [];
  let toCome = 8;
  fake.handle(async (_req, res) => {
    running++;
    toCome--;
    peak = Math.max(peak, running);
    if (running < Number(limit) && toCome > 0) await new Promise<void>((resolve) => waiting.push(resolve));
    for (const release of waiting.splice(0)) release();
    await new Promise((r) => setTimeout(r, 30));
    running--;
    xml(res, TYPES, 200, { ...LIMIT_HEADERS, 'x-concurrency-limit-limit': limit });
  });
  const client = clientFor(fake);
  await Promise.all(Array.from({ length: 8 }, () => listAuthRecordTypes(client)));
  assert.equal(peak, 2);
  limit = '1';
  await listAuthRecordTypes(client);
  assert.equal(client.limiter.limit, 1);
  peak = 0;
  await Promise.all(Array.from({ length: 5 }, () => listAuthRecordTypes(client)));
  assert.equal(peak, 1);
});

test('cancelling: an AbortSignal ends a call in flight and one still waiting for a slot', async () => {
  const fake = await fakePromise;
  // Never answers; says when the first call has reached it, so the abort comes while it is in flight.
  let arrived!: () => void;
  const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
  fake.handle(() => arrived());
  const client = clientFor(fake);
  client.limiter.setLimit(1);
  const controller = new AbortController();
  const start = fake.received.length;
  const inFlight = listAuthRecordTypes(client, { signal: controller.signal });
  const queued = listAuthRecordTypes(client, { signal: controller.signal });
  await firstArrived;
  assert.equal(client.limiter.inFlight, 1, 'the second call waits for the only slot');
  controller.abort();
  const [a, b] = await Promise.all([inFlight, queued]);
  assert.equal(!a.ok && a.error.kind, 'cancelled');
  assert.equal(!b.ok && b.error.kind, 'cancelled');
  assert.equal(fake.received.length - start, 1, 'the queued call was never sent');
  assert.equal(client.limiter.inFlight, 0, 'slots released');
});

test('timeouts, connection resets mid-body, truncated XML and oversized bodies become typed errors', async () => {
  const fake = await fakePromise;
  fake.handle(() => undefined);
  const timeout = await listAuthRecordTypes(clientFor(fake, { timeoutMs: 100, retry: { attempts: 1 } }));
  assert.equal(!timeout.ok && timeout.error.kind, 'timeout');

  fake.handle((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(TYPES.length) });
    res.write(TYPES.slice(0, 40));
    setTimeout(() => res.destroy(), 10);
  });
  const reset = await listAuthRecordTypes(clientFor(fake));
  assert.deepEqual(!reset.ok && [reset.error.kind, reset.error.attempts], ['network', 3]);
  assert.match(!reset.ok ? reset.error.message : '', /closed before the whole answer arrived/);

  fake.handle((_req, res) => xml(res, TYPES.slice(0, TYPES.length - 30)));
  const truncated = await listAuthRecordTypes(clientFor(fake));
  assert.deepEqual(!truncated.ok && [truncated.error.kind, truncated.error.attempts], ['malformed', 3]);

  fake.handle((_req, res) => xml(res, TYPES));
  const large = await listAuthRecordTypes(clientFor(fake, { maxBodyBytes: 50 }));
  assert.equal(!large.ok && large.error.kind, 'too-large');
});

test('a refused connection is a network error naming the host, not the credentials', async () => {
  const client = clientFor({ url: 'http://127.0.0.1:1' }, { retry: { attempts: 1 } });
  const result = await listAuthRecordTypes(client);
  assert.equal(!result.ok && result.error.kind, 'network');
  assert.match(!result.ok ? result.error.message : '', /127\.0\.0\.1:1/);
});

test('option profile export answers the document; import posts it as text/xml with action=import', async () => {
  const fake = await fakePromise;
  const doc = `<?xml version="1.0" encoding="UTF-8" ?><!DOCTYPE OPTION_PROFILES SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/subscription/option_profile/option_profile_info.dtd"><OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO><ID>108430</ID></BASIC_INFO></OPTION_PROFILE></OPTION_PROFILES>`;
  fake.handle((req, res) =>
    req.method === 'GET'
      ? xml(res, doc)
      : xml(res, `<SIMPLE_RETURN><RESPONSE><DATETIME>2021-02-22T05:48:33Z</DATETIME><TEXT>Successfully imported Option profile for the subscription Id 218748</TEXT><ITEM_LIST><ITEM><KEY>108689</KEY><VALUE>New Option Profile</VALUE></ITEM></ITEM_LIST></RESPONSE></SIMPLE_RETURN>`),
  );
  const client = clientFor(fake);
  const exported = await exportOptionProfiles(client, { optionProfileId: '108430', optionProfileType: 'compliance' });
  assert.ok(exported.ok);
  assert.equal(exported.value, doc);
  const sentExport = fake.received.at(-1)!;
  assert.deepEqual(Object.fromEntries(sentExport.url.searchParams), { action: 'export', output_format: 'xml', option_profile_id: '108430', option_profile_type: 'compliance' });
  const imported = await importOptionProfiles(client, doc);
  assert.ok(imported.ok);
  assert.deepEqual(imported.value.items, [{ key: '108689', values: ['New Option Profile'] }]);
  const sentImport = fake.received.at(-1)!;
  assert.equal(sentImport.url.searchParams.get('action'), 'import');
  assert.equal(sentImport.headers['content-type'], 'text/xml');
  assert.equal(sentImport.body, doc);
});

test('auth record create posts the form and answers the new ID; host update posts new_* fields', async () => {
  const fake = await fakePromise;
  fake.handle((req, res) =>
    req.url.pathname.includes('/auth/')
      ? xml(res, fixture('batch_return_auth_unix_create.qualys-doc-sample.xml'))
      : xml(res, `<HOST_UPDATE_OUTPUT><RESPONSE><DATETIME>2021-03-09T10:38:17Z</DATETIME><TEXT>Assets successfully updated</TEXT></RESPONSE></HOST_UPDATE_OUTPUT>`),
  );
  const client = clientFor(fake);
  const created = await createAuthRecord(client, 'windows', { title: 'windows', username: 'root', asset_type: 'asset_tags', tags_include: 'ag1', tag_set_by: 'name' });
  assert.ok(created.ok);
  assert.deepEqual(created.value.batches[0]!.ids, ['80729']);
  const sent = fake.received.at(-1)!;
  assert.equal(sent.url.pathname, '/api/2.0/fo/auth/windows/');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(sent.body)), { title: 'windows', username: 'root', asset_type: 'asset_tags', tags_include: 'ag1', tag_set_by: 'name', action: 'create' });
  const updated = await updateHosts(client, { ids: '2332017', newTrackingMethod: 'DNS', newUd1: 'Loc', newComment: 'API_Comment' });
  assert.ok(updated.ok);
  assert.equal(updated.value.text, 'Assets successfully updated');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(fake.received.at(-1)!.body)), { action: 'update', ids: '2332017', new_tracking_method: 'DNS', new_ud1: 'Loc', new_comment: 'API_Comment' });
});
