/**
 * The built server with and without its parse worker (QUALYS_PARSE_WORKER): a large option profile
 * document's first parse, half of it taken from the worker, answers exactly as the server alone:
 * diagnostics, outline and folding. Run `npm run build` first (npm test does).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { exportOf } from '../server/optionProfile/editedDocuments';
import { startServer } from './lspClient';

// Over the size a first parse is split at (1,000,000 characters), with mistakes in every third profile.
const text = exportOf(330, true).replace('</BASIC_INFO>', '</BASIC_INF>');

async function answers(mode: 'off' | 'eager'): Promise<{ answers: unknown[]; logs: string[] }> {
  const previous = process.env.QUALYS_PARSE_WORKER;
  process.env.QUALYS_PARSE_WORKER = mode;
  const server = await startServer();
  if (previous === undefined) delete process.env.QUALYS_PARSE_WORKER;
  else process.env.QUALYS_PARSE_WORKER = previous;
  const logs: string[] = [];
  server.connection.onNotification('window/logMessage', (params: { message: string }) => logs.push(params.message));
  try {
    await server.configured;
    // The worker started at `initialized` loads its bundle and the schema meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const uri = 'file:///profiles/large.xml';
    const published = server.nextDiagnostics(uri, 1);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
    const diagnostics = (await published).diagnostics;
    const doc = { textDocument: { uri } };
    return {
      answers: [diagnostics, await server.connection.sendRequest('textDocument/documentSymbol', doc), await server.connection.sendRequest('textDocument/foldingRange', doc)],
      logs,
    };
  } finally {
    await server.stop();
  }
}

test('a large document answers the same with the parse worker as without it', async () => {
  assert.ok(text.length > 1_000_000);
  const alone = await answers('off');
  const split = await answers('eager');
  assert.ok(split.logs.some((m) => /took its part from offset \d+ from the parse worker/.test(m)), 'the worker answered and its half was joined');
  assert.ok(!alone.logs.some((m) => /parse worker/.test(m)));
  assert.ok((alone.answers[0] as unknown[]).length > 100);
  assert.deepEqual(split.answers, alone.answers);
});
