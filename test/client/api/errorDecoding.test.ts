import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeQualysError } from '../../../client/src/api/parse/qualysError';
import { redactText } from '../../../client/src/api/errors';
import { fixture, LIMIT_HEADERS } from './support/fakeQualys';

function raw(body: string, status: number, headers: Record<string, string> = {}) {
  return { status, headers, body: Buffer.from(body) };
}

test('SIMPLE_RETURN 2001 "account expired" with HTTP 200 is an account error', () => {
  const error = decodeQualysError(raw(fixture('simple_return_error_2001_account_expired_http200.recorded.xml'), 200));
  assert.deepEqual(error, { kind: 'account', message: 'Qualys error 2001: This account has expired.', status: 200, code: '2001', text: 'This account has expired.' });
});

test('SIMPLE_RETURN 1905 with HTTP 400 (recorded, no XML declaration) keeps CODE and TEXT', () => {
  const error = decodeQualysError(raw(fixture('simple_return_error_1905_http400.recorded.xml'), 400, LIMIT_HEADERS));
  assert.equal(error?.kind, 'qualys');
  assert.equal(error?.code, '1905');
  assert.match(error?.text ?? '', /parameter ids has invalid value: abc123/);
});

test('409 with 1960 is a concurrency error; 1965 is a rate-limit error carrying the wait', () => {
  const concurrency = decodeQualysError(raw(fixture('simple_return_error_1960_concurrency_limit_http409.test-fixture.xml'), 409, { 'x-concurrency-limit-limit': '2', 'x-concurrency-limit-running': '2' }));
  assert.equal(concurrency?.kind, 'concurrency');
  assert.equal(concurrency?.code, '1960');
  const rate = decodeQualysError(raw(fixture('simple_return_error_1965_rate_limit_http409.test-fixture.xml'), 409, { 'x-ratelimit-towait-sec': '42' }));
  assert.equal(rate?.kind, 'rate-limit');
  assert.equal(rate?.waitSec, 42);
  const rateFromItem = decodeQualysError(raw(fixture('simple_return_error_1965_rate_limit_http409.test-fixture.xml'), 409));
  assert.equal(rateFromItem?.waitSec, 68928);
});

test('2003 and 2011 block the account; success SIMPLE_RETURNs are not errors', () => {
  assert.equal(decodeQualysError(raw(fixture('simple_return_error_2003_registration_incomplete.test-fixture.xml'), 200))?.kind, 'account');
  assert.equal(decodeQualysError(raw(fixture('simple_return_error_2011_secureid_required.test-fixture.xml'), 200))?.kind, 'account');
  assert.equal(decodeQualysError(raw(fixture('simple_return_success_assign_network.qualys-doc-sample.xml'), 200)), undefined);
  assert.equal(decodeQualysError(raw(fixture('simple_return_pc_option_profile_updated.qualys-doc-sample.xml'), 200)), undefined);
});

test('QPS ServiceResponse INVALID_CREDENTIALS with HTTP 200 is an auth error', () => {
  const error = decodeQualysError(raw(fixture('qps_service_response_invalid_credentials_http200.recorded.xml'), 200));
  assert.equal(error?.kind, 'auth');
  assert.equal(error?.code, 'INVALID_CREDENTIALS');
  assert.equal(error?.text, 'Authentication failed Verify both, user and password credentials.');
});

test('PCRS JSON error bodies from the reference samples', () => {
  const samples = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'pcrs_error_responses.qualys-doc-sample.json'), 'utf8')) as Record<string, { status: number; body: unknown }>;
  const decode = (key: string) => decodeQualysError(raw(JSON.stringify(samples[key]!.body), samples[key]!.status, { 'content-type': 'application/json' }));
  assert.equal(decode('auth_invalid_credentials_401')?.kind, 'auth');
  assert.deepEqual([decode('jwt_expired_401')?.kind, decode('jwt_expired_401')?.text], ['auth', 'JWT expired']);
  assert.deepEqual([decode('hostids_non_numeric_policy_id_400')?.code, decode('hostids_non_numeric_policy_id_400')?.kind], ['1905', 'qualys']);
  assert.equal(decode('postureinfo_bad_evidenceRequired_404')?.text, 'Invalid input Parameter.');
  assert.equal(decode('hostids_policy_does_not_exist_200'), undefined, 'a per-policy error with HTTP 200 is data, not a failed call');
});

test('plain HTTP failures: 401, 503, 409 without a body', () => {
  assert.equal(decodeQualysError(raw('', 401))?.kind, 'auth');
  assert.deepEqual([decodeQualysError(raw('Service Unavailable', 503))?.kind, decodeQualysError(raw('Service Unavailable', 503))?.status], ['http', 503]);
  assert.equal(decodeQualysError(raw('', 409, { 'x-ratelimit-towait-sec': '3' }))?.waitSec, 3);
});

test('redaction masks the password, its URL-encoded form and Authorization values', () => {
  const secret = 'p@ss word&1';
  const text = `failed: password=${encodeURIComponent(secret)} raw ${secret} authorization: Basic dXNlcjpwYXNz`;
  const out = redactText(text, [secret]);
  assert.doesNotMatch(out, /p@ss|p%40ss|dXNlcjpwYXNz/);
  assert.match(out, /Basic \*\*\*/);
});
