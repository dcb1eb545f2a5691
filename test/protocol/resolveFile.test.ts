/**
 * `qualys/resolveFile` through the built server (dist/server.js): every request of a file in order,
 * with its assertions, its lines and the catalog's word on whether it changes data; and the
 * assertions of `qualys/resolveRequest`.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ResolveFileRequest, ResolveRequestRequest, type RequestOutline, type ResolvedRequest, type RunnableRequest } from '../../protocol';
import { startServer } from './lspClient';

const text = [
  '@limit = 10',
  '### list hosts',
  'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&truncation_limit=5',
  '?? status == 200',
  '?? xpath count(//HOST) > 0',
  '?? header x-ratelimit-remaining > {{limit}}',
  '',
  '### purge',
  'POST {{baseUrl}}/api/2.0/fo/asset/host/',
  'Content-Type: application/x-www-form-urlencoded',
  '',
  'action=purge&ids=1',
  '',
  '?? code == {{undefinedCode}}',
  '?? stauts == 200',
  '',
].join('\n');

test('qualys/resolveFile lists every request in order with its assertions; qualys/resolveRequest carries them too', async () => {
  const server = await startServer();
  try {
    const uri = 'file:///w/run.qualys';
    const published = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'qualys-request', version: 3, text } });
    await published;
    const file = (await server.connection.sendRequest(ResolveFileRequest.method, { uri })) as { version: number; requests: RunnableRequest[] };
    assert.equal(file.version, 3);
    assert.deepEqual(
      file.requests.map((r) => [r.index, r.name, r.startLine, r.endLine, r.line, r.changesData]),
      [
        [0, 'list hosts', 1, 6, 2, false],
        [1, 'purge', 7, 14, 8, true],
      ],
    );
    assert.deepEqual(file.requests[0]!.assertions, [
      { field: 'status', operator: '==', expected: '200', source: 'status == 200', line: 3 },
      { field: 'xpath', argument: 'count(//HOST)', operator: '>', expected: '0', source: 'xpath count(//HOST) > 0', line: 4 },
      { field: 'header', argument: 'x-ratelimit-remaining', operator: '>', expected: '10', source: 'header x-ratelimit-remaining > {{limit}}', line: 5 },
    ]);
    assert.equal(file.requests[1]!.assertions, undefined);
    assert.deepEqual(file.requests[1]!.badAssertions, [
      { line: 13, source: 'code == {{undefinedCode}}', problem: '{{undefinedCode}} is not defined.' },
      { line: 14, source: 'stauts == 200', problem: "'stauts' is not an assertion field: status, code, text, header, xpath, duration, body, size." },
    ]);
    // An assertion's undefined variable does not stop Send Request.
    assert.deepEqual(file.requests[1]!.unresolved, []);

    const outline = (await server.connection.sendRequest(ResolveFileRequest.method, { uri, outline: true })) as { requests: RequestOutline[] };
    assert.deepEqual(outline.requests, [
      { index: 0, name: 'list hosts', method: 'GET', url: '{{baseUrl}}/api/2.0/fo/asset/host/', line: 2, startLine: 1, endLine: 6, changesData: false },
      { index: 1, name: 'purge', method: 'POST', url: '{{baseUrl}}/api/2.0/fo/asset/host/', line: 8, startLine: 7, endLine: 14, changesData: true },
    ]);
    const some = (await server.connection.sendRequest(ResolveFileRequest.method, { uri, indexes: [1] })) as { requests: RunnableRequest[] };
    assert.deepEqual(some.requests.map((r) => r.name), ['purge']);

    const one = (await server.connection.sendRequest(ResolveRequestRequest.method, { uri, position: { line: 2, character: 0 } })) as ResolvedRequest;
    assert.deepEqual(one.assertions, file.requests[0]!.assertions);
    assert.equal(await server.connection.sendRequest(ResolveFileRequest.method, { uri: 'file:///w/not-open.qualys' }), null);
  } finally {
    await server.stop();
  }
});

test('qualys/resolveFile lists only the Qualys requests of a REST Client file', async () => {
  const server = await startServer();
  try {
    const uri = 'file:///w/mixed.http';
    const published = server.nextDiagnostics(uri);
    const http = 'GET https://example.com/other\n\n###\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=list\n?? status == 200\n';
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'http', version: 1, text: http } });
    await published;
    const file = (await server.connection.sendRequest(ResolveFileRequest.method, { uri })) as { requests: RunnableRequest[] };
    assert.deepEqual(file.requests.map((r) => [r.index, r.url]), [[1, '/api/2.0/fo/asset/host/']]);
  } finally {
    await server.stop();
  }
});
