/**
 * The request-sending protocol through the built server (dist/server.js): the client's custom
 * `qualys/resolveRequest` request, and its `qualys/liveValues` and `qualys/environmentVariables`
 * notifications feeding completion and hover.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { CodeLens, CompletionList } from 'vscode-languageserver';
import { EnvironmentVariablesNotification, LiveValuesNotification, ResolveRequestRequest, type ResolvedRequest } from '../../protocol';
import { startServer } from './lspClient';

const text = [
  '@comment = checked by {{who}}',
  '@who = ops',
  '### list hosts',
  'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&details=Basic',
  '',
  '### update',
  'POST {{baseUrl}}/api/2.0/fo/asset/host/',
  'Content-Type: application/x-www-form-urlencoded',
  '',
  'action=update&ids=2000002&new_comment={{comment}}',
  '',
  '### create',
  'POST {{baseUrl}}/api/2.0/fo/auth/unix/?action=create&asset_type=asset_tags&tags_include=',
  '',
].join('\n');

test('qualys/resolveRequest answers the request at the CodeLens position, variables resolved; null elsewhere', async () => {
  const server = await startServer();
  try {
    const uri = 'file:///w/hosts.qualys';
    const published = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'qualys-request', version: 1, text } });
    await published;
    const lenses = (await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    const update = lenses.find((l) => l.range.start.line === 6)!;
    assert.equal(update.command?.command, 'qualys.sendRequest');
    const args = update.command!.arguments![0] as { uri: string; range: { start: { line: number; character: number } }; changesData: boolean };
    assert.equal(args.changesData, true);

    const resolved = (await server.connection.sendRequest(ResolveRequestRequest.method, { uri: args.uri, position: args.range.start })) as ResolvedRequest;
    assert.deepEqual(resolved, {
      name: 'update',
      method: 'POST',
      target: 'api',
      url: '/api/2.0/fo/asset/host/',
      query: [],
      form: [['action', 'update'], ['ids', '2000002'], ['new_comment', 'checked by ops']],
      bodyKind: 'form',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      references: [],
      unresolved: [],
      problems: [],
      line: 6,
      changesData: true,
    });
    const list = (await server.connection.sendRequest(ResolveRequestRequest.type.method, { uri, position: { line: 3, character: 0 } })) as ResolvedRequest;
    assert.deepEqual(list.query, [['action', 'list'], ['details', 'Basic']]);
    assert.equal(await server.connection.sendRequest(ResolveRequestRequest.method, { uri: 'file:///w/not-open.qualys', position: { line: 0, character: 0 } }), null);
  } finally {
    await server.stop();
  }
});

test('qualys/liveValues notifications reach completion; an empty list clears the kind', async () => {
  const server = await startServer();
  try {
    const uri = 'file:///w/auth.qualys';
    const published = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'qualys-request', version: 1, text } });
    await published;
    const position = { line: 12, character: text.split('\n')[12]!.length };
    const labels = async (): Promise<string[]> => ((await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as CompletionList | null)?.items.map((i) => i.label) ?? [];
    assert.deepEqual(await labels(), []);
    await server.connection.sendNotification(LiveValuesNotification.method, { account: 'acme', kind: 'tags', fetchedAt: '2026-01-01T00:00:00Z', values: [{ value: '7515612', name: 'UnixOS', label: 'UnixOS' }] });
    assert.deepEqual(await labels(), ['7515612']);
    await server.connection.sendNotification(LiveValuesNotification.method, { account: 'acme', kind: 'tags', fetchedAt: '2026-01-01T00:00:01Z', values: [] });
    assert.deepEqual(await labels(), []);
  } finally {
    await server.stop();
  }
});

test('qualys/environmentVariables notifications reach completion after {{ and hover', async () => {
  const server = await startServer();
  try {
    const uri = 'file:///w/env.qualys';
    const doc = 'GET {{baseUrl}}/api/2.0/fo/scan/?action=list&ips={{targetIp}}&scan_ref={{';
    const published = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'qualys-request', version: 1, text: doc } });
    await published;
    const labels = async (): Promise<string[]> => ((await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: doc.length } })) as CompletionList | null)?.items.map((i) => i.label) ?? [];
    assert.deepEqual(await labels(), ['baseUrl', 'gatewayUrl']);
    await server.connection.sendNotification(EnvironmentVariablesNotification.method, { active: 'lab', variables: [{ name: 'targetIp', definitions: [{ environment: 'lab', value: '10.10.10.1' }] }] });
    assert.deepEqual(await labels(), ['baseUrl', 'gatewayUrl', 'targetIp']);
    const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: doc.indexOf('targetIp') + 2 } })) as { contents: { value: string } } | null;
    assert.match(hover!.contents.value, /\*\*lab\*\* \(active\): `10\.10\.10\.1` ← sent/);
  } finally {
    await server.stop();
  }
});
