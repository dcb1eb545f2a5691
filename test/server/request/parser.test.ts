import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseRequestAt, parseRequestFile } from '../../../server/src/request/requestParser';

test('blocks, names, variables, methods and URLs', () => {
  const text = '@host = https://qualysapi.qualys.com\n\n### first\nGET {{baseUrl}}/api/2.0/fo/auth/?action=list HTTP/1.1\n\n###\n# @name second\nhttps://qualysapi.qualys.com/api/2.0/fo/auth/?action=list\n';
  const file = parseRequestFile(text);
  assert.equal(file.variables.get('host'), 'https://qualysapi.qualys.com');
  assert.deepEqual(file.requests.map((r) => [r.name, r.method?.text, r.url?.text, r.path?.text]), [
    ['first', 'GET', '{{baseUrl}}/api/2.0/fo/auth/?action=list', '/api/2.0/fo/auth/'],
    ['second', undefined, 'https://qualysapi.qualys.com/api/2.0/fo/auth/?action=list', '/api/2.0/fo/auth/'],
  ]);
});

test('every parameter keeps the offsets of its name and value, from the query, continuation lines and the body', () => {
  const text = 'POST {{baseUrl}}/api/2.0/fo/asset/host/?action=update\n  &ids=1,2\nContent-Type: application/x-www-form-urlencoded\n\nnew_ud1=Loc+1&new_comment=a%20b\n&new_owner\n';
  const [request] = parseRequestFile(text).requests;
  const params = request!.params.map((p) => [p.name, p.value, p.where, text.slice(p.nameStart, p.nameEnd), text.slice(p.valueStart, p.valueEnd), p.hasEquals]);
  assert.deepEqual(params, [
    ['action', 'update', 'query', 'action', 'update', true],
    ['ids', '1,2', 'query', 'ids', '1,2', true],
    ['new_ud1', 'Loc 1', 'body', 'new_ud1', 'Loc+1', true],
    ['new_comment', 'a b', 'body', 'new_comment', 'a%20b', true],
    ['new_owner', '', 'body', 'new_owner', '', false],
  ]);
  assert.equal(request!.headers[0]!.name, 'Content-Type');
  assert.equal(request!.body?.kind, 'form');
});

test('CRLF line endings give the same parameters', () => {
  const text = '### a\r\nPOST {{baseUrl}}/api/2.0/fo/auth/unix/\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\naction=list\r\n&ids=5\r\n';
  const [request] = parseRequestFile(text).requests;
  assert.deepEqual(request!.params.map((p) => [p.name, p.value]), [['action', 'list'], ['ids', '5']]);
  assert.equal(request!.name, 'a');
});

test('body kinds: form without a content type, XML, JSON, file reference', () => {
  const kinds = parseRequestFile(
    'POST /api/2.0/fo/auth/\n\naction=list\n\n###\nPOST /qps/rest/1.0/create/ca/agentconfig/\n\n<ServiceRequest/>\n\n###\nPOST /pcrs/1.0/posture/postureInfo\n\n[{"a":1}]\n\n###\nPOST /api/2.0/fo/subscription/option_profile/?action=import\nContent-Type: text/xml\n\n< ./p.xml\n',
  ).requests.map((r) => r.body?.kind);
  assert.deepEqual(kinds, ['form', 'xml', 'json', 'file']);
});

test('file variables are substituted; unknown variables and %placeholders% mark the value', () => {
  const text = '@id = 42\nGET /api/2.0/fo/auth/?ids={{id}}&title={{other}}&comments=%option_profile_id%\n';
  const [request] = parseRequestFile(text).requests;
  assert.deepEqual(request!.params.map((p) => [p.value, p.templated]), [['42', false], ['{{other}}', true], ['%option_profile_id%', true]]);
});

test('Qualys URLs are told from others (for REST Client files)', () => {
  const urls = ['https://qualysapi.qg2.apps.qualys.eu/x', '{{baseUrl}}/api/2.0/fo/auth/', '{{baseUrl}}/users', 'https://example.com/api/v1', 'https://<qualys_base_url>/pcrs/1.0/posture/hostids'];
  assert.deepEqual(urls.map((u) => parseRequestFile(`GET ${u}\n`).requests[0]!.isQualys), [true, true, false, false, true]);
});

test('parseRequestAt reads only the block around the cursor', () => {
  const text = '### a\nGET /api/2.0/fo/auth/?action=list\n\n### b\nGET /api/2.0/fo/asset/host/?action=list\n';
  assert.equal(parseRequestAt(text, text.indexOf('host'))?.path?.text, '/api/2.0/fo/asset/host/');
  assert.equal(parseRequestAt(text, 2)?.name, 'a');
});
