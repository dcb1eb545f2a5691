/** The request under the cursor, resolved for sending (server/src/request/sendableRequest.ts). */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { ResolvedRequest } from '../../../protocol';
import { resolveForSending } from '../../../server/src/request/sendableRequest';

/** Resolves the request at the `|` of an inline document. */
function resolveAt(document: string): ResolvedRequest | null {
  const offset = document.indexOf('|');
  assert.ok(offset >= 0, 'mark the cursor with |');
  return resolveForSending(document.slice(0, offset) + document.slice(offset + 1), offset);
}

test('a GET with {{baseUrl}}: target api, path, decoded query in order, the ### name', () => {
  const resolved = resolveAt(['### list hosts', 'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&details=All&ips=10.0.0.1%2C10.0.0.2|', ''].join('\n'));
  assert.deepEqual(resolved, {
    name: 'list hosts',
    method: 'GET',
    target: 'api',
    url: '/api/2.0/fo/asset/host/',
    query: [['action', 'list'], ['details', 'All'], ['ips', '10.0.0.1,10.0.0.2']],
    headers: [],
    references: [],
    unresolved: [],
    problems: [],
    line: 1,
  });
});

test('picks the block around the cursor among several; unnamed requests are named METHOD path', () => {
  const text = ['GET {{baseUrl}}/api/2.0/fo/auth/?action=list', '', '###', 'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=li|st', '', '### third', 'GET /x'].join('\n');
  const resolved = resolveAt(text)!;
  assert.equal(resolved.name, 'GET /api/2.0/fo/asset/host/');
  assert.equal(resolved.line, 3);
});

test('a form body over several lines, with file variables resolved through other variables', () => {
  const resolved = resolveAt(
    [
      '@ud = {{owner}}-lab',
      '@owner = alice',
      '### update',
      'POST {{baseUrl}}/api/2.0/fo/asset/host/|',
      'Content-Type: application/x-www-form-urlencoded',
      'Authorization: Basic c2VjcmV0',
      '',
      'action=update&ids=1',
      '&new_ud1={{ud}}&new_comment=two+words',
    ].join('\n'),
  )!;
  assert.deepEqual(resolved.form, [['action', 'update'], ['ids', '1'], ['new_ud1', 'alice-lab'], ['new_comment', 'two words']]);
  assert.deepEqual(resolved.headers, [['Content-Type', 'application/x-www-form-urlencoded']], 'Authorization is dropped: credentials come from the account');
  assert.equal(resolved.body, undefined);
  assert.deepEqual(resolved.unresolved, []);
});

test('{{gatewayUrl}} targets the gateway; an XML or JSON body is kept with variables substituted', () => {
  const resolved = resolveAt(
    ['@policy = 1234', 'POST {{gatewayUrl}}/pcrs/1.0/posture/postureInfo?evidenceRequired=1|', 'Content-Type: application/json', '', '[{"policyId": "{{policy}}", "subscriptionId": 99}]'].join('\n'),
  )!;
  assert.equal(resolved.target, 'gateway');
  assert.equal(resolved.url, '/pcrs/1.0/posture/postureInfo');
  assert.equal(resolved.body, '[{"policyId": "1234", "subscriptionId": 99}]');
  assert.equal(resolved.bodyKind, 'json');
});

test('an absolute URL keeps its host (the API client sends it only to the account own origins)', () => {
  const resolved = resolveAt('GET https://qualysapi.qualys.com/api/2.0/fo/asset/host/?action=list|')!;
  assert.equal(resolved.target, 'absolute');
  assert.equal(resolved.url, 'https://qualysapi.qualys.com/api/2.0/fo/asset/host/');
  assert.equal(resolved.name, 'GET /api/2.0/fo/asset/host/');
});

test('a variable @baseUrl defined in the file wins over the account (the .http convention)', () => {
  const resolved = resolveAt(['@baseUrl = https://qualysapi.qg2.apps.qualys.com', 'GET {{baseUrl}}/api/2.0/fo/auth/?action=list|'].join('\n'))!;
  assert.equal(resolved.target, 'absolute');
  assert.equal(resolved.url, 'https://qualysapi.qg2.apps.qualys.com/api/2.0/fo/auth/');
});

test('undefined variables, placeholders and cycles are reported, never guessed', () => {
  const resolved = resolveAt(['@a = {{b}}', '@b = {{a}}', 'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ids={{hostIds}}&ag_ids=%AG_ID%&x={{a}}|', 'X-Trace: {{traceId}}'].join('\n'))!;
  assert.deepEqual([...resolved.unresolved].sort(), ['%AG_ID%', 'a', 'hostIds', 'traceId'].sort());
});

test('a host variable in the middle of the URL is not a target', () => {
  const resolved = resolveAt('GET https://example.com/{{baseUrl}}/x|')!;
  assert.deepEqual(resolved.unresolved, ['baseUrl']);
});

test('a body read from a file and a request without URL cannot be sent, and say why', () => {
  assert.match(resolveAt(['POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=import|', 'Content-Type: text/xml', '', '< ./profile.xml'].join('\n'))!.problems.join(), /read from a file/);
  assert.match(resolveAt('POST|')!.problems.join(), /no URL/);
});

test('no request at the cursor: null', () => {
  assert.equal(resolveAt('# only a comment|\n'), null);
});

test('file variables that each name the next one ten times are not expanded without end', () => {
  // Eight levels of ten references each would be 10^8 copies of the last value (as nested XML
  // entities are): substitution stops at a million characters and the request is not sent.
  const variables = Array.from({ length: 8 }, (_, i) => `@v${i} = ${`{{v${i + 1}}}`.repeat(10)}`);
  const resolved = resolveAt([...variables, '@v8 = xxxxxxxxxx', 'POST {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ids={{v0}}|', ''].join('\n'))!;
  assert.deepEqual(resolved.problems, ['The file variables expand to more than 1,000,000 characters; the request is not sent.']);
  assert.ok(resolved.query.every(([, value]) => value.length <= 2_000_000));
});
