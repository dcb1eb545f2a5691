import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import { BASIC, call, jwt, withSim } from './helpers';
import type { RunningSimulator } from '../../simulator/src/index';

const HOSTS = '/api/2.0/fo/asset/host/?action=list';

test('latencyMs delays every answer', async () => {
  await withSim({ faults: { latencyMs: 250 } }, async (sim) => {
    const t0 = process.hrtime.bigint();
    await call(sim, HOSTS);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(ms >= 240, `took ${ms} ms`);
  });
});

test('storm409 answers every call 409 with 1960 or 1965 and the limit headers, until switched off', async () => {
  await withSim({}, async (sim) => {
    sim.setFaults({ storm409: 'concurrency' });
    const c = await call(sim, HOSTS);
    assert.equal(c.status, 409);
    assert.match(c.text, /<CODE>1960<\/CODE>/);
    assert.equal(c.headers.get('x-concurrency-limit-running'), '2');
    sim.setFaults({ storm409: 'rate' });
    const r = await call(sim, '/qps/rest/1.0/search/ca/agentconfig', { body: '' });
    assert.equal(r.status, 409);
    assert.match(r.text, /<CODE>1965<\/CODE>/);
    assert.equal(r.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(r.headers.get('x-ratelimit-towait-sec'), '3600');
    sim.setFaults({ storm409: 'off' });
    assert.equal((await call(sim, HOSTS)).status, 200);
  });
});

test('accountExpired200 answers HTTP 200 with CODE 2001 and no rate-limit headers, like the recording', async () => {
  await withSim({ faults: { accountExpired200: true } }, async (sim) => {
    const r = await call(sim, HOSTS);
    assert.equal(r.status, 200);
    assert.match(r.text, /<CODE>2001<\/CODE>\s*<TEXT>This account has expired.<\/TEXT>/);
    assert.equal(r.headers.get('x-ratelimit-limit'), null);
  });
});

test('http5xx answers the next N calls with 503, then recovers', async () => {
  await withSim({ faults: { http5xx: 2 } }, async (sim) => {
    assert.equal((await call(sim, HOSTS)).status, 503);
    assert.equal((await call(sim, HOSTS)).status, 503);
    assert.equal((await call(sim, HOSTS)).status, 200);
  });
});

/** Raw GET so a socket reset is observed as such (fetch would wrap it). */
function rawGet(sim: RunningSimulator, path: string): Promise<{ bytes: number; error?: string; length?: string }> {
  return new Promise((resolve) => {
    const req = request(sim.url + path, { headers: { Authorization: BASIC, 'X-Requested-With': 't' } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ bytes, length: res.headers['content-length'] }));
      res.on('error', (e) => resolve({ bytes, error: e.message, length: res.headers['content-length'] }));
      res.on('aborted', () => resolve({ bytes, error: 'aborted', length: res.headers['content-length'] }));
    });
    req.on('error', (e) => resolve({ bytes: 0, error: e.message }));
    req.end();
  });
}

test('resetMidBody sends half the promised bytes and destroys the socket', async () => {
  await withSim({ hosts: 50, faults: { resetMidBody: true } }, async (sim) => {
    const r = await rawGet(sim, `${HOSTS}&details=All`);
    assert.ok(r.error, 'the client sees an error');
    assert.ok(Number(r.length) > r.bytes && r.bytes > 0, `${r.bytes} of ${r.length}`);
  });
});

test('truncatedXml cuts XML bodies so they are no longer well-formed', async () => {
  await withSim({ hosts: 20, faults: { truncatedXml: true } }, async (sim) => {
    const r = await call(sim, HOSTS);
    assert.equal(r.status, 200);
    assert.notEqual(XMLValidator.validate(r.text), true);
    sim.setFaults({ truncatedXml: false });
    assert.equal(XMLValidator.validate((await call(sim, HOSTS)).text), true);
  });
});

test('corruptGzip damages PCRS gzip bodies so gunzip fails; expiredJwt makes every token 401 "JWT expired"', async () => {
  await withSim({ hosts: 40, policies: 2 }, async (sim) => {
    const token = await (await jwt(sim)).text();
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const pl = (await (await fetch(`${sim.gatewayUrl}/pcrs/1.0/posture/policy/list`, { headers: auth })).json()) as { policyList: { id: string }[] };
    const hostIds = await (await fetch(`${sim.gatewayUrl}/pcrs/1.0/posture/hostids?policyId=${pl.policyList[0].id}`, { headers: auth })).text();
    sim.setFaults({ corruptGzip: true });
    const bad = Buffer.from(await (await fetch(`${sim.gatewayUrl}/pcrs/1.0/posture/postureInfo`, { method: 'POST', headers: auth, body: hostIds })).arrayBuffer());
    assert.throws(() => gunzipSync(bad));
    sim.setFaults({ corruptGzip: false, expiredJwt: true });
    const expired = await fetch(`${sim.gatewayUrl}/pcrs/1.0/posture/policy/list`, { headers: auth });
    assert.equal(expired.status, 401);
    assert.deepEqual(await expired.json(), { status: 401, error: 'Unauthorized', message: 'JWT expired' });
  });
});

test('faults are switchable over HTTP: POST /__simulator/faults with JSON; bad keys and values are refused', async () => {
  await withSim({}, async (sim) => {
    const set = await fetch(`${sim.url}/__simulator/faults`, { method: 'POST', body: JSON.stringify({ http5xx: 1, storm409: 'off' }) });
    assert.equal(set.status, 200);
    assert.equal(((await set.json()) as { http5xx: number }).http5xx, 1);
    assert.equal((await call(sim, HOSTS)).status, 503);
    assert.equal((await call(sim, HOSTS)).status, 200);
    const bad = await fetch(`${sim.url}/__simulator/faults`, { method: 'POST', body: JSON.stringify({ meteor: true }) });
    assert.equal(bad.status, 400);
    const badValue = await fetch(`${sim.url}/__simulator/faults`, { method: 'POST', body: JSON.stringify({ storm409: 'sometimes' }) });
    assert.equal(badValue.status, 400);
    const notJson = await fetch(`${sim.url}/__simulator/faults`, { method: 'POST', body: '{' });
    assert.equal(notJson.status, 400);
  });
});

test('latency also delays refusals (401), not only accepted calls', async () => {
  await withSim({ faults: { latencyMs: 200 } }, async (sim) => {
    const t0 = process.hrtime.bigint();
    const r = await call(sim, HOSTS, { headers: { Authorization: 'Basic eDp5' } });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.equal(r.status, 401);
    assert.ok(ms >= 190, `took ${ms} ms`);
  });
});
