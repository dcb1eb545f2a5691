import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, Hover } from 'vscode-languageserver';
import { startServer } from './lspClient';

const text = [
  '### list hosts',
  'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&detials=All',
  '',
  '### update',
  'POST {{baseUrl}}/api/2.0/fo/asset/host/',
  'Content-Type: application/x-www-form-urlencoded',
  '',
  'action=update&ids=1&new_tracking_method=EC2&new_ud1=x',
  '',
].join('\n');

test('request files: diagnostics, completion, hover, quick fix and lenses through the built server', async () => {
  const server = await startServer();
  try {
    const uri = 'file:///hosts.qualys';
    const published = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'qualys-request', version: 1, text } });
    const { diagnostics } = await published;
    assert.deepEqual(
      diagnostics.map((d: Diagnostic) => [d.code, d.source, d.range.start.line]),
      [
        ['unknown-parameter', 'qualys-request', 1],
        ['bad-value', 'qualys-request', 7],
      ],
    );

    const completion = (await server.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 7, character: 'action=update&ids=1&new_tracking_method='.length },
    })) as CompletionList;
    assert.deepEqual(completion.items.map((i) => i.label), ['IP', 'DNS', 'NETBIOS']);

    const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 24 } })) as Hover;
    assert.match(JSON.stringify(hover.contents), /never|EC2 or AGENT/);

    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics: [diagnostics[0]] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ["Change to 'details'"]);

    const lenses = (await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
      [1, 'Send Request'],
      [1, 'Download all pages'],
      [4, 'Send Request (changes data)'],
    ]);
  } finally {
    await server.stop();
  }
});

test('REST Client files: only Qualys requests are checked; QPS XML files are validated', async () => {
  const server = await startServer();
  try {
    const http = 'file:///api.http';
    const httpDiagnostics = server.nextDiagnostics(http);
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: http,
        languageId: 'http',
        version: 1,
        text: 'GET https://example.com/?action=nonsense\n\n###\nGET https://qualysapi.qualys.com/api/2.0/fo/auth/unix/?action=lists\n',
      },
    });
    assert.deepEqual((await httpDiagnostics).diagnostics.map((d: Diagnostic) => [d.code, d.range.start.line]), [['unknown-action', 3]]);

    const xml = 'file:///agent.xml';
    const xmlDiagnostics = server.nextDiagnostics(xml);
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: xml,
        languageId: 'xml',
        version: 1,
        text: '<ServiceRequest><data><AgentConfig><blackoutConfig><settings><list><BlackoutConfig><startHour>25</startHour></BlackoutConfig></list></settings></blackoutConfig></AgentConfig></data></ServiceRequest>',
      },
    });
    assert.deepEqual((await xmlDiagnostics).diagnostics.map((d: Diagnostic) => [d.code, d.source]), [['qps-out-of-range', 'qualys-qps']]);
  } finally {
    await server.stop();
  }
});

test('what the catalog does not know goes over LSP as one information note, near misses as warnings with a fix', async () => {
  const server = await startServer();
  try {
    const uri = 'file:///honest.qualys';
    const lines = [
      'POST {{gatewayUrl}}/csapi/v1.3/images?anything=1',
      '',
      '###',
      'GET {{baseUrl}}/api/2.0/fo/asset/hots/?action=list',
      '',
      '###',
      'GET {{baseUrl}}/api/5.0/fo/asset/host/?action=list&a_version_5_parameter=1',
      '',
    ];
    const published = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'qualys-request', version: 1, text: lines.join('\n') } });
    const { diagnostics } = await published;
    assert.deepEqual(
      diagnostics.map((d: Diagnostic) => [d.code, d.severity, d.range.start.line]),
      [
        ['not-in-catalog', 3, 0],
        ['unknown-endpoint', 2, 3],
      ],
    );
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[1]!.range,
      context: { diagnostics: [diagnostics[1]] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ["Change to '/api/2.0/fo/asset/host/'"]);
    const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 25 } })) as Hover;
    assert.match(JSON.stringify(hover.contents), /Not in the catalog/);
  } finally {
    await server.stop();
  }
});
