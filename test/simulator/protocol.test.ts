import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { call, dtdErrors, REF_DTD, withSim } from './helpers';

const HOSTS = '/api/2.0/fo/asset/host/?action=list';

test('bad Basic credentials get 401 with a SIMPLE_RETURN 2000 body; the simulator binds to 127.0.0.1 only', async () => {
  await withSim({ user: 'alice', password: 'pw' }, async (sim) => {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await call(sim, HOSTS);
    assert.equal(r.status, 401);
    assert.match(r.text, /<CODE>2000<\/CODE>\s*<TEXT>Bad Login\/Password<\/TEXT>/);
    assert.equal(dtdErrors(r.text, join(REF_DTD, 'simple_return.dtd')), '');
    const ok = await call(sim, HOSTS, { headers: { Authorization: `Basic ${Buffer.from('alice:pw').toString('base64')}` } });
    assert.equal(ok.status, 200);
  });
});

test('FO calls without X-Requested-With are refused; with it they carry every rate and concurrency header', async () => {
  await withSim({ rateLimit: { limit: 50, windowSec: 600 } }, async (sim) => {
    const headers = { 'X-Requested-With': '' };
    const r = await call(sim, HOSTS, { headers });
    assert.equal(r.status, 400);
    assert.match(r.text, /X-Requested-With/);
    const ok = await call(sim, HOSTS);
    assert.equal(ok.headers.get('x-ratelimit-limit'), '50');
    assert.equal(ok.headers.get('x-ratelimit-window-sec'), '600');
    // The refused call is not counted against the budget.
    assert.equal(ok.headers.get('x-ratelimit-remaining'), '49');
    assert.equal(ok.headers.get('x-ratelimit-towait-sec'), '0');
    assert.equal(ok.headers.get('x-concurrency-limit-limit'), '2');
    assert.equal(ok.headers.get('x-concurrency-limit-running'), '0');
    assert.equal(ok.headers.get('content-type'), 'application/xml');
  });
});

test('unknown, missing and invalid parameters answer 1901, 1903 and 1905 like Qualys, DTD-valid', async () => {
  await withSim({}, async (sim) => {
    const unknown = await call(sim, `${HOSTS}&colour=blue`);
    assert.equal(unknown.status, 400);
    assert.match(unknown.text, /<CODE>1901<\/CODE>\s*<TEXT>Unrecognized parameter\(s\): colour<\/TEXT>/);
    const missing = await call(sim, '/api/2.0/fo/asset/host/');
    assert.match(missing.text, /<CODE>1903<\/CODE>\s*<TEXT>Missing required parameter\(s\): action<\/TEXT>/);
    const invalid = await call(sim, `${HOSTS}&ids=abc123`);
    assert.match(invalid.text, /<CODE>1905<\/CODE>\s*<TEXT>parameter ids has invalid value: abc123 \(neither a positive integer nor a range: abc123\)<\/TEXT>/);
    const details = await call(sim, `${HOSTS}&details=Everything`);
    assert.match(details.text, /<CODE>1905<\/CODE>/);
    for (const r of [unknown, missing, invalid, details]) assert.equal(dtdErrors(r.text, join(REF_DTD, 'simple_return.dtd')), '');
  });
});

test('more calls in flight than X-Concurrency-Limit-Limit get 409 CODE 1960 with CALLS_TO_FINISH', async () => {
  await withSim({ concurrencyLimit: 2, faults: { latencyMs: 300 } }, async (sim) => {
    const results = await Promise.all([call(sim, HOSTS), call(sim, HOSTS), call(sim, HOSTS)]);
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 409]);
    const refused = results.find((r) => r.status === 409);
    assert.match(refused?.text ?? '', /<CODE>1960<\/CODE>[\s\S]*<KEY>CALLS_TO_FINISH<\/KEY>/);
    assert.equal(refused?.headers.get('x-concurrency-limit-limit'), '2');
  });
});

test('the window budget runs out into 409 CODE 1965 with SECONDS_TO_WAIT and X-RateLimit-ToWait-Sec', async () => {
  await withSim({ rateLimit: { limit: 3, windowSec: 120 } }, async (sim) => {
    const remaining: string[] = [];
    for (let k = 0; k < 3; k++) remaining.push((await call(sim, HOSTS)).headers.get('x-ratelimit-remaining') ?? '');
    assert.deepEqual(remaining, ['2', '1', '0']);
    const r = await call(sim, HOSTS);
    assert.equal(r.status, 409);
    assert.match(r.text, /<CODE>1965<\/CODE>\s*<TEXT>This API cannot be run again for another 0 hours, [12] minutes and \d+ seconds.<\/TEXT>[\s\S]*<KEY>SECONDS_TO_WAIT<\/KEY>/);
    const wait = Number(r.headers.get('x-ratelimit-towait-sec'));
    assert.ok(wait > 100 && wait <= 120, `towait ${wait}`);
    assert.equal(r.headers.get('x-ratelimit-remaining'), '0');
  });
});

test('the request log records every call with Authorization redacted; health answers 200', async () => {
  await withSim({}, async (sim) => {
    await call(sim, HOSTS);
    const health = await fetch(`${sim.url}/__simulator/health`);
    assert.equal(health.status, 200);
    const first = sim.requests[0];
    assert.equal(first.method, 'GET');
    assert.equal(first.url, HOSTS);
    assert.equal(first.headers.authorization, 'REDACTED');
    assert.equal(first.headers['x-requested-with'], 'simulator-test');
    assert.ok(sim.requests.every((r) => !JSON.stringify(r).includes(Buffer.from('demo:demo').toString('base64'))));
  });
});

test('host update changes what the list shows (HOST_UPDATE_OUTPUT) and purge removes hosts (BATCH_RETURN), both DTD-valid', async () => {
  await withSim({ hosts: 30 }, async (sim) => {
    const LOCAL = join(__dirname, 'dtd');
    const list = await call(sim, `${HOSTS}&details=None`);
    const [a, b] = [...list.text.matchAll(/<ID>(\d+)<\/ID>/g)].map((m) => m[1]);
    const upd = await call(sim, '/api/2.0/fo/asset/host/', { form: { action: 'update', ids: a, new_ud1: 'Loc', new_comment: 'API_Comment', new_owner: 'joe_user' } });
    assert.match(upd.text, /<HOST_UPDATE_OUTPUT>[\s\S]*<TEXT>Assets successfully updated<\/TEXT>/);
    assert.equal(dtdErrors(upd.text, join(LOCAL, 'host_update_output.dtd')), '');
    const shown = await call(sim, `${HOSTS}&details=All&ids=${a}`);
    assert.match(shown.text, /<OWNER><!\[CDATA\[joe_user\]\]><\/OWNER>\s*<COMMENTS><!\[CDATA\[API_Comment\]\]><\/COMMENTS>[\s\S]*<VALUE_1 ud_attr="Location"><!\[CDATA\[Loc\]\]>/);
    assert.equal(dtdErrors(shown.text, join(LOCAL, 'host_list_output_with_comments.dtd')), '');
    const purge = await call(sim, '/api/2.0/fo/asset/host/', { form: { action: 'purge', ids: b } });
    assert.match(purge.text, /<TEXT>Hosts Queued for Purging<\/TEXT>\s*<ID_SET>\s*<ID>\d+<\/ID>/);
    assert.equal(dtdErrors(purge.text, join(LOCAL, 'host_purge_output.dtd')), '');
    const after = await call(sim, `${HOSTS}&details=None`);
    assert.ok(!after.text.includes(`<ID>${b}</ID>`));
    const viaGet = await call(sim, `/api/2.0/fo/asset/host/?action=purge&ids=${a}`);
    assert.match(viaGet.text, /<CODE>1908<\/CODE>/);
  });
});

test('host list filters: ids ranges, ips, os_pattern, tags (include/exclude), details=None ID_SET, echo_request', async () => {
  await withSim({ hosts: 200 }, async (sim) => {
    const ids = [...(await call(sim, `${HOSTS}&details=None`)).text.matchAll(/<ID>(\d+)<\/ID>/g)].map((m) => Number(m[1]));
    const range = await call(sim, `${HOSTS}&details=None&ids=${ids[3]}-${ids[6]},${ids[10]}`);
    assert.deepEqual([...range.text.matchAll(/<ID>(\d+)<\/ID>/g)].map((m) => Number(m[1])), [ids[3], ids[4], ids[5], ids[6], ids[10]]);
    const ip = await call(sim, `${HOSTS}&ips=10.10.0.5-10.10.0.7`);
    assert.deepEqual([...ip.text.matchAll(/<IP>([\d.]+)<\/IP>/g)].map((m) => m[1]), ['10.10.0.5', '10.10.0.6', '10.10.0.7']);
    const win = await call(sim, `${HOSTS}&os_pattern=${encodeURIComponent('^Windows')}`);
    const oses = [...win.text.matchAll(/<OS><!\[CDATA\[(.*?)\]\]><\/OS>/g)].map((m) => m[1]);
    assert.ok(oses.length > 0 && oses.every((o) => o.startsWith('Windows')));
    const tagged = await call(sim, `${HOSTS}&use_tags=1&tag_set_by=name&tag_set_include=UnixOS&tag_set_exclude=PCI&show_tags=1`);
    const hostsXml = tagged.text.split('<HOST>').slice(1);
    assert.ok(hostsXml.length > 0);
    assert.ok(hostsXml.every((h) => h.includes('UnixOS') && !h.includes('[PCI]')));
    const echo = await call(sim, `${HOSTS}&echo_request=1&truncation_limit=1`);
    assert.match(echo.text, /<REQUEST>\s*<DATETIME>[^<]+<\/DATETIME>\s*<USER_LOGIN>demo<\/USER_LOGIN>\s*<RESOURCE>[^<]+<\/RESOURCE>\s*<PARAM_LIST>/);
    assert.equal(dtdErrors(echo.text, join(REF_DTD, 'host_list_output.dtd')), '');
  });
});

test('the DTD check itself rejects an invalid document (so the validity tests can fail)', () => {
  const bad = '<SIMPLE_RETURN><RESPONSE><TEXT>no datetime</TEXT></RESPONSE></SIMPLE_RETURN>';
  assert.match(dtdErrors(bad, join(REF_DTD, 'simple_return.dtd')), /RESPONSE/);
});
