import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { send } from '../../../client/src/api/send';
import { isMutatingRequest } from '../../../client/src/api/operations';
import { clientFor, fixture, startFake, xml } from './support/fakeQualys';

const fakePromise = startFake();
after(async () => (await fakePromise).close());

test('send: method, path with query, form params and headers go out; status, headers and body come back', async () => {
  const fake = await fakePromise;
  fake.handle((_req, res) => xml(res, fixture('host_list_empty.recorded.xml')));
  const result = await send(clientFor(fake), {
    method: 'post',
    url: '/api/2.0/fo/asset/host/?action=list',
    form: { details: 'All', truncation_limit: 5 },
    headers: { 'X-Custom': 'yes', Authorization: 'Basic stolen' },
  });
  assert.ok(result.ok);
  assert.equal(result.value.status, 200);
  assert.equal(result.value.headers['x-ratelimit-remaining'], '297');
  assert.match(result.value.body, /<HOST_LIST_OUTPUT>/);
  assert.equal(result.value.mutating, false);
  assert.equal(result.value.qualysError, undefined);
  const sent = fake.received.at(-1)!;
  assert.equal(sent.method, 'POST');
  assert.equal(sent.url.searchParams.get('action'), 'list');
  assert.equal(sent.body, 'details=All&truncation_limit=5');
  assert.equal(sent.headers['x-custom'], 'yes');
  assert.notEqual(sent.headers.authorization, 'Basic stolen', 'credentials come from the account only');
});

test('send: a Qualys error keeps the answer visible and says what it is', async () => {
  const fake = await fakePromise;
  fake.handle((_req, res) => xml(res, fixture('simple_return_error_1905_http400.recorded.xml'), 400));
  const result = await send(clientFor(fake), { method: 'GET', url: '/api/2.0/fo/asset/host/vm/detection/?action=list&ids=abc123' });
  assert.ok(result.ok);
  assert.equal(result.value.status, 400);
  assert.match(result.value.body, /<CODE>1905<\/CODE>/);
  assert.deepEqual([result.value.qualysError?.kind, result.value.qualysError?.code], ['qualys', '1905']);
});

test('send: mutating requests are sent once even on 503; read-only ones are retried', async () => {
  const fake = await fakePromise;
  fake.handle((_req, res) => {
    res.writeHead(503);
    res.end();
  });
  let start = fake.received.length;
  const write = await send(clientFor(fake), { method: 'POST', url: '/api/2.0/fo/auth/unix/', form: { action: 'create', title: 'x' } });
  assert.ok(write.ok);
  assert.equal(write.value.mutating, true);
  assert.equal(fake.received.length - start, 1);
  start = fake.received.length;
  await send(clientFor(fake), { method: 'GET', url: '/api/2.0/fo/auth/?action=list' });
  assert.equal(fake.received.length - start, 3);
});

test('send: credentials never go to a host other than the account\'s API or gateway', async () => {
  const fake = await fakePromise;
  const start = fake.received.length;
  const result = await send(clientFor(fake), { method: 'GET', url: 'https://qualysapi.qualys.com/api/2.0/fo/auth/?action=list' });
  assert.equal(!result.ok && result.error.kind, 'config');
  assert.equal(fake.received.length, start);
  const absolute = await send(clientFor(fake), { method: 'GET', url: `${fake.url}/api/2.0/fo/auth/?action=list` });
  assert.ok(absolute.ok);
});

test('isMutatingRequest: FO actions, QPS verbs, PCRS and unknown POSTs', () => {
  const cases: [string, string, Record<string, string>, boolean][] = [
    ['GET', '/api/2.0/fo/asset/host/', { action: 'list' }, false],
    ['POST', '/api/2.0/fo/asset/host/', { action: 'update' }, true],
    ['POST', '/api/2.0/fo/subscription/option_profile/', { action: 'export' }, false],
    ['POST', '/api/2.0/fo/subscription/option_profile/', { action: 'import' }, true],
    ['GET', '/api/2.0/fo/auth/unix/', { action: 'create' }, true],
    ['POST', '/qps/rest/2.0/search/am/hostasset', {}, false],
    ['POST', '/qps/rest/1.0/create/ca/agentconfig/', {}, true],
    ['POST', '/pcrs/1.0/posture/postureInfo', {}, false],
    ['POST', '/some/unknown/endpoint', {}, true],
    ['GET', '/pcrs/1.0/posture/hostids', {}, false],
  ];
  for (const [method, path, params, expected] of cases) assert.equal(isMutatingRequest(method, path, params), expected, `${method} ${path} ${JSON.stringify(params)}`);
});
