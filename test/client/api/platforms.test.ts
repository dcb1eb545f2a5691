import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { PLATFORMS, resolveEndpoints } from '../../../client/src/api/platforms';
import { createQualysClient } from '../../../client/src/api';

function endpoints(choice: Parameters<typeof resolveEndpoints>[0], gateway?: string) {
  const result = resolveEndpoints(choice, gateway);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return { api: result.value.apiBase.href, gateway: result.value.gatewayBase?.href };
}

test('the seeds\' platforms with their gateways', () => {
  assert.deepEqual(PLATFORMS.map((p) => p.id), ['US1', 'US2', 'US3', 'EU1', 'EU2', 'IN1']);
  assert.deepEqual(endpoints({ platform: 'US1' }), { api: 'https://qualysapi.qualys.com/', gateway: 'https://gateway.qg1.apps.qualys.com/' });
  assert.deepEqual(endpoints({ platform: 'eu1' }), { api: 'https://qualysapi.qualys.eu/', gateway: 'https://gateway.qg1.apps.qualys.eu/' });
  assert.deepEqual(endpoints({ platform: 'US3' }), { api: 'https://qualysapi.qg3.apps.qualys.com/', gateway: 'https://gateway.qg3.apps.qualys.com/' });
  assert.deepEqual(endpoints({ platform: 'IN1' }), { api: 'https://qualysapi.qg1.apps.qualys.in/', gateway: 'https://gateway.qg1.apps.qualys.in/' });
});

test('private cloud and custom URLs derive the gateway by rule; an override wins', () => {
  assert.deepEqual(endpoints({ privateCloud: 'qualys.example.org' }), { api: 'https://qualysapi.qualys.example.org/', gateway: 'https://gateway.qualys.example.org/' });
  assert.deepEqual(endpoints({ url: 'qualysapi.qg4.apps.qualys.com' }), { api: 'https://qualysapi.qg4.apps.qualys.com/', gateway: 'https://gateway.qg4.apps.qualys.com/' });
  assert.deepEqual(endpoints({ url: 'https://api.corp.example' }), { api: 'https://api.corp.example/', gateway: undefined });
  assert.deepEqual(endpoints({ platform: 'US2' }, 'https://gw.example.net'), { api: 'https://qualysapi.qg2.apps.qualys.com/', gateway: 'https://gw.example.net/' });
});

test('HTTPS only, except loopback hosts', () => {
  for (const url of ['http://127.0.0.1:8080', 'http://127.3.2.1', 'http://localhost:9', 'http://[::1]:7000']) {
    assert.ok(resolveEndpoints({ url }).ok, url);
  }
  for (const url of ['http://qualysapi.qualys.com', 'http://10.0.0.5', 'ftp://qualysapi.qualys.com', 'http://128.0.0.1']) {
    const result = resolveEndpoints({ url });
    assert.equal(result.ok, false, url);
    assert.equal(!result.ok && result.error.kind, 'config');
  }
  const gateway = resolveEndpoints({ platform: 'US1' }, 'http://gateway.example.com');
  assert.equal(!gateway.ok && gateway.error.kind, 'config');
});

test('bad input gets a specific config error: unknown platform, credentials in the URL', () => {
  const unknown = createQualysClient({ where: { platform: 'MARS1' }, credentials: { username: 'u', password: 'p' } });
  assert.match(!unknown.ok ? unknown.error.message : '', /Unknown Qualys platform 'MARS1'. Known: US1, US2/);
  const withUser = resolveEndpoints({ url: 'https://u:secret@qualysapi.qualys.com' });
  assert.equal(!withUser.ok && withUser.error.kind, 'config');
  assert.doesNotMatch(!withUser.ok ? withUser.error.message : '', /secret/);
});
