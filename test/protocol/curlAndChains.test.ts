/**
 * curl in and chained requests through the built server (dist/server.js): `qualys/convertCurl`,
 * `qualys/accountHosts`, the "Convert curl command to request" code action as a refactoring, and
 * `qualys/resolveRequest` by `# @name` with the catalog's verdict and the references it holds.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic } from 'vscode-languageserver';
import { AccountHostsNotification, ConvertCurlRequest, type ConvertCurlResult } from '../../protocol';
import { ResolveRequestRequest, type ResolvedRequest } from '../../protocol';
import { startServer } from './lspClient';

const CURL = 'curl -u "USERNAME:PASSWORD" -H "X-Requested-With: curl" "http://127.0.0.1:9/api/2.0/fo/asset/ip/?action=list"\n';

test('convertCurl answers the request without the credentials, {{baseUrl}} for the account host it was told; the stop word when unreadable', async () => {
  const server = await startServer();
  try {
    await server.connection.sendNotification(AccountHostsNotification.method, { api: 'http://127.0.0.1:9' });
    const converted = (await server.connection.sendRequest(ConvertCurlRequest.method, { text: CURL })) as ConvertCurlResult;
    assert.deepEqual(converted, {
      ok: true,
      request: "# Left out of curl's command: the -u credentials. Send Request signs in with the account.\nGET {{baseUrl}}/api/2.0/fo/asset/ip/?action=list\nX-Requested-With: curl",
      dropped: ['the -u credentials'],
    });
    const broken = 'curl -u admin: secret https://qualysapi.qualys.com/';
    const stopped = (await server.connection.sendRequest(ConvertCurlRequest.method, { text: broken })) as ConvertCurlResult;
    assert.ok(!stopped.ok);
    assert.equal(broken.slice(stopped.start, stopped.end), 'secret');
  } finally {
    await server.stop();
  }
});

test('a pasted curl command: its note, and the conversion as a refactoring any LSP client can ask for', async () => {
  const server = await startServer();
  try {
    const uri = 'file:///w/pasted.qualys';
    const published = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'qualys-request', version: 1, text: CURL.replace('http://127.0.0.1:9', 'https://qualysapi.qualys.com') } });
    const diagnostics: Diagnostic[] = (await published).diagnostics;
    assert.deepEqual(diagnostics.map((d) => d.code), ['curl-command']);
    const position = { line: 0, character: 3 };
    const actions = (await server.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['refactor'] } })) as CodeAction[];
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Convert curl command to request', 'refactor.rewrite']]);
    const edit = Object.values(actions[0]!.edit!.changes!)[0]![0]!;
    assert.match(edit.newText, /^# Left out.*\nGET \{\{baseUrl\}\}\/api\/2\.0\/fo\/asset\/ip\/\?action=list\nX-Requested-With: curl$/);
  } finally {
    await server.stop();
  }
});

test('resolveRequest by # @name; the chained request lists its references; completion offers the names', async () => {
  const server = await startServer();
  try {
    const uri = 'file:///w/chain.qualys';
    const text = [
      '# @name hosts',
      'POST {{baseUrl}}/api/2.0/fo/asset/host/',
      'Content-Type: application/x-www-form-urlencoded',
      '',
      'action=purge&ids=1',
      '',
      '###',
      'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ids={{hosts.response.body.//ITEM[KEY=\'ID\']/VALUE}}&x={{',
      '',
    ].join('\n');
    const published = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'qualys-request', version: 1, text } });
    await published;
    const named = (await server.connection.sendRequest(ResolveRequestRequest.method, { uri, name: 'hosts' })) as ResolvedRequest;
    assert.equal(named.requestName, 'hosts');
    assert.equal(named.changesData, true);
    assert.equal(await server.connection.sendRequest(ResolveRequestRequest.method, { uri, name: 'nope' }), null);
    const chained = (await server.connection.sendRequest(ResolveRequestRequest.method, { uri, position: { line: 7, character: 0 } })) as ResolvedRequest;
    assert.deepEqual(chained.references, [{ text: "hosts.response.body.//ITEM[KEY='ID']/VALUE", name: 'hosts', kind: 'xpath', path: "//ITEM[KEY='ID']/VALUE" }]);
    const line = text.split('\n')[7]!;
    const completion = (await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: line.length } })) as CompletionList;
    assert.deepEqual(completion.items.map((i) => i.label), ['hosts']);
  } finally {
    await server.stop();
  }
});
