import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { gzipSync } from 'node:zlib';
import { fetchPcrsPosture, resolvePostureHostIds } from '../../../client/src/api/pcrs';
import { gatewayTokens } from '../../../client/src/api/gatewayToken';
import { clientFor, PASSWORD, startFake, USER, type Received } from './support/fakeQualys';
import type { ServerResponse } from 'node:http';

function jwt(expSec: number, n: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part({ exp: expSec, n })}.sig${n}`;
}

// Seed 004 record shape (numbers and strings mixed as Qualys prints them).
const RECORDS = [
  {
    id: 11, instance: 'os', policyId: '94473', controlId: 1073, controlStatement: "Status of the 'Minimum Password Length' setting",
    rationale: 'Each character added squares the difficulty.', remediation: 'Set to 14 or more.', controlReference: null, technologyId: 80,
    status: 'Failed', previousStatus: 'Failed', firstFailDate: '2021-10-25T07:21:13Z', lastFailDate: '2021-10-29T07:52:41Z', firstPassDate: '', lastPassDate: '',
    postureModifiedDate: '2021-10-25T07:21:11Z', lastEvaluatedDate: '2021-10-29T07:52:41Z', created: '2021-10-29T07:55:26Z', hostId: 5001, ip: '10.0.0.1',
    trackingMethod: 'IP', os: null, osCpe: 'cpe:/o:centos:centos_linux:7.6.1810:::', dns: null, qgHostid: null, networkId: '0', networkName: 'Global Default Network',
    technology: { id: 80, name: 'CentOS 7.x' }, criticality: { label: 'CRITICAL', value: 4 },
    evidence: { expectedValues: '\ngreater than or equal to\n14', currentValues: ['8'], actualValues: null, directoryFimUdc: null },
    causeOfFailure: { missing: { logic: null, value: ['14'] }, unexpected: { value: ['8'] } }, currentBatch: 1, totalBatches: 2,
  },
];

interface GatewayScript {
  authDelayMs?: number;
  auths: number;
  reject401: number;
  gzip: 'good' | 'corrupt' | 'off';
}

function gateway(script: GatewayScript) {
  return async (req: Received, res: ServerResponse): Promise<void> => {
    if (req.url.pathname === '/auth') {
      script.auths++;
      if (script.authDelayMs) await new Promise((r) => setTimeout(r, script.authDelayMs));
      const form = new URLSearchParams(req.body);
      if (form.get('username') !== USER || form.get('password') !== PASSWORD || form.get('token') !== 'true') {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ authentication_exceptions: [['Authentication Failure']] }));
        return;
      }
      res.writeHead(201, { 'content-type': 'text/plain' });
      res.end(jwt(Math.floor(Date.now() / 1000) + 3600, script.auths));
      return;
    }
    if (!req.headers.authorization?.startsWith('Bearer ') || script.reject401 > 0) {
      script.reject401--;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 401, error: 'Unauthorized', message: 'JWT expired' }));
      return;
    }
    if (req.url.pathname === '/pcrs/1.0/posture/hostids') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([{ policyId: '94473', subscriptionId: '1981983', hostIds: ['5001', 5002] }, { policyId: '1', subscriptionId: '1981983', hostIds: [], error: 'Error: Compliance Policy does not exist.' }]));
      return;
    }
    const json = Buffer.from(JSON.stringify(RECORDS));
    if (script.gzip === 'off') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(json);
      return;
    }
    const body = gzipSync(json);
    if (script.gzip === 'corrupt') body.fill(0x41, 12, 40);
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(body);
  };
}

const fakePromise = startFake();
after(async () => (await fakePromise).close());

test('PCRS: one token for several calls; host IDs resolved, per-policy errors kept; gzip posture parsed with batches', async () => {
  const fake = await fakePromise;
  const script: GatewayScript = { auths: 0, reject401: 0, gzip: 'good' };
  fake.handle(gateway(script));
  const client = clientFor(fake);
  const ids = await resolvePostureHostIds(client, ['94473', '1']);
  assert.ok(ids.ok, ids.ok ? '' : ids.error.message);
  assert.deepEqual(ids.value[0], { policyId: '94473', subscriptionId: '1981983', hostIds: ['5001', '5002'] });
  assert.equal(ids.value[1]!.error, 'Error: Compliance Policy does not exist.');
  const posture = await fetchPcrsPosture(client, ids.value, { evidence: true });
  assert.ok(posture.ok, posture.ok ? '' : posture.error.message);
  assert.equal(script.auths, 1, 'the token was reused');
  const sent = fake.received.at(-1)!;
  assert.deepEqual(Object.fromEntries(sent.url.searchParams), { evidenceRequired: '1', compressionRequired: '1' });
  assert.deepEqual(JSON.parse(sent.body), [{ policyId: '94473', subscriptionId: '1981983', hostIds: ['5001', '5002'] }]);
  assert.match(sent.headers.authorization ?? '', /^Bearer /);
  assert.ok(sent.headers['x-requested-with'] && /QualysWorkbench/.test(sent.headers['user-agent'] ?? ''));
  const [record] = posture.value.records;
  assert.deepEqual([record!.id, record!.controlId, record!.hostId, record!.networkId, record!.status], ['11', '1073', '5001', '0', 'Failed']);
  assert.deepEqual(record!.evidence, { expectedValues: '\ngreater than or equal to\n14', currentValues: ['8'], actualValues: [] });
  assert.deepEqual(record!.causeOfFailure, { missing: ['14'], unexpected: ['8'] });
  assert.deepEqual([posture.value.batches, posture.value.totalBatches, posture.value.complete], [[1], 2, false]);
});

test('PCRS: a 401 drops the token and retries once with a fresh one; a second 401 is an auth error', async () => {
  const fake = await fakePromise;
  const script: GatewayScript = { auths: 0, reject401: 1, gzip: 'off' };
  fake.handle(gateway(script));
  const client = clientFor(fake);
  const ok1 = await fetchPcrsPosture(client, [{ policyId: '94473', subscriptionId: '1', hostIds: ['5001'] }], { compression: false });
  assert.ok(ok1.ok, ok1.ok ? '' : ok1.error.message);
  assert.equal(script.auths, 2);
  script.reject401 = 5;
  const refused = await resolvePostureHostIds(client, ['94473']);
  assert.deepEqual(!refused.ok && [refused.error.kind, refused.error.text], ['auth', 'JWT expired']);
  assert.equal(script.auths, 3, 'exactly one refresh per call');
});

test('PCRS: corrupt gzip is a bad-gzip error; wrong credentials at /auth are an auth error without the password', async () => {
  const fake = await fakePromise;
  const script: GatewayScript = { auths: 0, reject401: 0, gzip: 'corrupt' };
  fake.handle(gateway(script));
  const corrupt = await fetchPcrsPosture(clientFor(fake, { retry: { attempts: 1 } }), [{ policyId: '1', subscriptionId: '1', hostIds: ['1'] }]);
  assert.equal(!corrupt.ok && corrupt.error.kind, 'bad-gzip');

  const wrong = clientFor(fake, { credentials: { username: USER, password: 'not-the-password' } });
  const refused = await resolvePostureHostIds(wrong, ['1']);
  assert.equal(!refused.ok && refused.error.kind, 'auth');
  assert.doesNotMatch(JSON.stringify(refused), /not-the-password/);
  assert.equal(gatewayTokens(wrong).issued, 0);
});

test('PCRS: 1 to 10 policies per resolve call', async () => {
  const fake = await fakePromise;
  const result = await resolvePostureHostIds(clientFor(fake), Array.from({ length: 11 }, (_, i) => String(i)));
  assert.equal(!result.ok && result.error.kind, 'config');
});

test('PCRS: callers share one token fetch; cancelling one caller does not cancel the others', async () => {
  const fake = await fakePromise;
  const script: GatewayScript = { auths: 0, reject401: 0, gzip: 'off', authDelayMs: 150 };
  fake.handle(gateway(script));
  const client = clientFor(fake);
  const controller = new AbortController();
  const cancelled = resolvePostureHostIds(client, ['94473'], { signal: controller.signal });
  const other = resolvePostureHostIds(client, ['94473']);
  setTimeout(() => controller.abort(), 30);
  const [a, b] = await Promise.all([cancelled, other]);
  assert.equal(!a.ok && a.error.kind, 'cancelled');
  assert.ok(b.ok, b.ok ? '' : b.error.message);
  assert.equal(script.auths, 1);
});
