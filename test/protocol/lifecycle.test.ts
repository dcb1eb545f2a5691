import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { startServer } from './lspClient';

test('the built server starts on stdio, answers initialize and exits on shutdown', async () => {
  const server = await startServer();
  const symbols = await server.connection.sendRequest('textDocument/documentSymbol', {
    textDocument: { uri: 'file:///not-open.xml' },
  });
  assert.deepEqual(symbols, []);
  await server.stop();
  assert.equal(server.process.exitCode, 0);
});

test('a document no service accepts gets an empty diagnostics list, not an error', async () => {
  const server = await startServer();
  const uri = 'file:///plain.xml';
  const published = server.nextDiagnostics(uri);
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'xml', version: 1, text: '<project><name>x</name></project>' },
  });
  const diagnostics = await published;
  assert.deepEqual(diagnostics.diagnostics, []);
  await server.stop();
});
