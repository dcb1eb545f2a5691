/** Every simulator fault switch, and the limits, as the client sees them. */
import { test, after, afterEach } from 'node:test';
import { strict as assert } from 'node:assert';
import { fetchPcrsPosture, listAuthRecordTypes, listHosts, listPolicies, resolvePostureHostIds, updateHosts } from '../../../client/src/api';
import { gatewayTokens } from '../../../client/src/api/gatewayToken';
import { startSimulator, type RunningSimulator } from '../../../simulator/src/index';
import { requestsSince, simClient, SIM_PASSWORD, SIM_USER } from './support/simClient';

const simPromise: Promise<RunningSimulator> = startSimulator({ port: 0, seed: 11, hosts: 300, policies: 2, authRecords: 40, user: SIM_USER, password: SIM_PASSWORD });
after(async () => (await simPromise).close());
afterEach(async () => {
  (await simPromise).setFaults({ latencyMs: 0, storm409: 'off', accountExpired200: false, http5xx: 0, resetMidBody: false, truncatedXml: false, corruptGzip: false, expiredJwt: false });
});

test('fault latencyMs: calls still succeed; a timeout shorter than the latency is a timeout error', async () => {
  const sim = (await simPromise);
  sim.setFaults({ latencyMs: 300 });
  assert.ok((await listAuthRecordTypes(simClient(sim))).ok);
  const slow = await listAuthRecordTypes(simClient(sim, { timeoutMs: 100, retry: { attempts: 1 } }));
  assert.equal(!slow.ok && slow.error.kind, 'timeout');
});

test('fault storm409=concurrency: read-only calls retry then report 1960; mutating calls are sent once', async () => {
  const sim = (await simPromise);
  sim.setFaults({ storm409: 'concurrency' });
  let from = sim.requests.length;
  const read = await listAuthRecordTypes(simClient(sim));
  assert.deepEqual(!read.ok && [read.error.kind, read.error.code, read.error.status, read.error.attempts], ['concurrency', '1960', 409, 3]);
  assert.equal(requestsSince(sim, from).length, 3);
  from = sim.requests.length;
  const write = await updateHosts(simClient(sim), { ids: '1', newComment: 'x' });
  assert.equal(!write.ok && write.error.kind, 'concurrency');
  assert.equal(requestsSince(sim, from).length, 1);
});

test('fault storm409=rate: 1965 with the wait from X-RateLimit-ToWait-Sec; the state reaches listeners', async () => {
  const sim = (await simPromise);
  sim.setFaults({ storm409: 'rate' });
  const client = simClient(sim, { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxWaitSec: 0 } });
  const states: number[] = [];
  client.onRateLimit((s) => states.push(s.toWaitSec ?? -1));
  const result = await listAuthRecordTypes(client);
  assert.deepEqual(!result.ok && [result.error.kind, result.error.code], ['rate-limit', '1965']);
  assert.ok(!result.ok && (result.error.waitSec ?? 0) > 0, 'the wait is reported');
  assert.ok(states.length > 0 && states.at(-1)! > 0);
});

test('fault accountExpired200: CODE 2001 with HTTP 200 is an account error, not data', async () => {
  const sim = (await simPromise);
  sim.setFaults({ accountExpired200: true });
  const result = await listAuthRecordTypes(simClient(sim));
  assert.deepEqual(!result.ok && [result.error.kind, result.error.code, result.error.status, result.error.attempts], ['account', '2001', 200, 1]);
});

test('fault http5xx: a read-only call rides over two 503s; a mutating call reports the 503', async () => {
  const sim = (await simPromise);
  sim.setFaults({ http5xx: 2 });
  const read = await listAuthRecordTypes(simClient(sim));
  assert.ok(read.ok, read.ok ? '' : read.error.message);
  sim.setFaults({ http5xx: 1 });
  const from = sim.requests.length;
  const write = await updateHosts(simClient(sim), { ids: '1', newComment: 'x' });
  assert.deepEqual(!write.ok && [write.error.kind, write.error.status], ['http', 503]);
  assert.equal(requestsSince(sim, from).length, 1);
});

test('fault resetMidBody: a network error after the retries, never a partial list', async () => {
  const sim = (await simPromise);
  sim.setFaults({ resetMidBody: true });
  const results = [];
  for await (const page of listHosts(simClient(sim))) results.push(page.ok ? 'page' : page.error.kind);
  assert.deepEqual(results, ['network']);
});

test('fault truncatedXml: a malformed error, never a shorter list', async () => {
  const sim = (await simPromise);
  sim.setFaults({ truncatedXml: true });
  const results = [];
  for await (const page of listHosts(simClient(sim))) results.push(page.ok ? page.value.hosts.length : page.error.kind);
  assert.deepEqual(results, ['malformed']);
});

test('fault corruptGzip: postureInfo is a bad-gzip error', async () => {
  const sim = (await simPromise);
  const client = simClient(sim);
  const resolved = await resolvePostureHostIds(client, await policyIds(client));
  assert.ok(resolved.ok && resolved.value.some((h) => h.hostIds.length > 0));
  sim.setFaults({ corruptGzip: true });
  const posture = await fetchPcrsPosture(client, resolved.value);
  assert.equal(!posture.ok && posture.error.kind, 'bad-gzip');
});

test('fault expiredJwt: one refresh, then an auth error; the next call after the fault clears works', async () => {
  const sim = (await simPromise);
  const client = simClient(sim);
  const ids = await policyIds(client);
  sim.setFaults({ expiredJwt: true });
  const before = gatewayTokens(client).issued;
  const refused = await resolvePostureHostIds(client, ids);
  assert.equal(!refused.ok && refused.error.kind, 'auth');
  assert.equal(gatewayTokens(client).issued - before, 2, 'the first token and exactly one refresh');
  sim.setFaults({ expiredJwt: false });
  assert.ok((await resolvePostureHostIds(client, ids)).ok);
});

test('the account\'s X-Concurrency-Limit-Limit is obeyed: no 409 when many calls start at once', async () => {
  const sim = (await simPromise);
  sim.setFaults({ latencyMs: 40 });
  const client = simClient(sim, { retry: { attempts: 1 } });
  const results = await Promise.all(Array.from({ length: 8 }, () => listAuthRecordTypes(client)));
  assert.deepEqual(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.message), []);
  assert.equal(client.limiter.limit, 2);
});

async function policyIds(client: ReturnType<typeof simClient>): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of listPolicies(client, { details: 'Basic' })) if (page.ok) ids.push(...page.value.policies.map((p) => p.id));
  return ids.slice(0, 10);
}

test('cancelling a listing between pages ends it with a cancelled error and no further requests', async () => {
  const sim = (await simPromise);
  sim.setFaults({ latencyMs: 150 });
  const controller = new AbortController();
  const results: string[] = [];
  const from = sim.requests.length;
  for await (const page of listHosts(simClient(sim), { pageSize: 50, signal: controller.signal })) {
    results.push(page.ok ? 'page' : page.error.kind);
    if (page.ok) setTimeout(() => controller.abort(), 20);
  }
  assert.deepEqual(results, ['page', 'cancelled']);
  await new Promise((r) => setTimeout(r, 200));
  const sent = requestsSince(sim, from, '/api/2.0/fo/asset/host/').length;
  assert.ok(sent >= 1 && sent <= 2, `${sent} host list requests: none after the one in flight was cancelled`);
});
