/**
 * Issue 10, finding 3, over LSP against the built server: documents of every kind nested 2,000,
 * 10,000 and 100,000 levels deep. Every request answers (no JSON-RPC internal error, no empty
 * answer from a stack overflow caught and logged); the tree is read to 256 levels and the place
 * where it goes deeper is a diagnostic.
 */
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { ResponseError, type Diagnostic, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import { deeplyNested, DOCUMENT_KINDS } from './hostileInputs';
import { startServer, type TestServer } from './lspClient';

let server: TestServer;
const logged: string[] = [];
let counter = 0;

before(async () => {
  server = await startServer();
  server.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
    if (params.type === 1) logged.push(params.message);
  });
  await server.configured;
});
after(async () => {
  await server.stop();
});

/** The request's answer, or the JSON-RPC error it answered with (as a value, to assert on). */
async function ask<T>(method: string, params: object): Promise<T | ResponseError<unknown>> {
  try {
    return (await server.connection.sendRequest(method, params)) as T;
  } catch (err) {
    if (err instanceof ResponseError) return err;
    throw err;
  }
}

function depthOf(symbols: readonly DocumentSymbol[]): number {
  let depth = 0;
  let level: readonly DocumentSymbol[] = symbols;
  while (level.length > 0) {
    depth++;
    level = level.flatMap((s) => s.children ?? []);
  }
  return depth;
}

for (const levels of [2_000, 10_000, 100_000]) {
  test(`${levels.toLocaleString('en-US')} levels: every kind answers every request, without an internal error`, async () => {
    for (const kind of DOCUMENT_KINDS) {
      const document = deeplyNested(kind, levels);
      const what = `${kind}, ${document.name}`;
      const uri = `file:///deep/d${++counter}.${document.extension}`;
      const published = server.nextDiagnostics(uri, 1);
      logged.length = 0;
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: document.languageId, version: 1, text: document.text } });
      const { diagnostics } = await published;
      const textDocument = { uri };
      // The deepest point: just before the first end tag (or closing bracket).
      const deepest = Math.max(document.text.search(/<\/|\]|\}\}/), 0);
      const lines = document.text.slice(0, deepest).split('\n');
      const position = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
      const answers: Array<[string, unknown]> = [
        ['outline', await ask<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument })],
        ['folding', await ask<FoldingRange[]>('textDocument/foldingRange', { textDocument })],
        ['completion', await ask('textDocument/completion', { textDocument, position })],
        ['hover', await ask('textDocument/hover', { textDocument, position })],
        ['code lenses', await ask('textDocument/codeLens', { textDocument })],
        ['code actions', await ask('textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics } })],
      ];
      for (const [request, answer] of answers) assert.ok(!(answer instanceof ResponseError), `${what}: ${request} answered ${String(answer)}`);
      assert.deepEqual(logged, [], `${what}: the server logged an error`);
      const outline = answers[0]![1] as DocumentSymbol[];
      assert.ok(depthOf(outline) <= 256, `${what}: an outline ${depthOf(outline)} levels deep`);
      if (kind === 'option profile') {
        assert.equal(depthOf(outline), 256, what);
        assert.ok((answers[1]![1] as FoldingRange[]).length > 0, `${what}: no folding ranges`);
      }
      if (kind !== 'request file' && kind !== 'http file') {
        const deep = diagnostics.filter((d: Diagnostic) => d.code === 'xml-too-deep' || d.code === 'json-too-deep' || /nested more than 256 levels|more than 256 levels deep/.test(String(d.message)));
        assert.equal(deep.length, 1, `${what}: ${diagnostics.map((d) => `${d.code}: ${String(d.message)}`).join(' | ')}`);
      }
      await server.connection.sendNotification('textDocument/didClose', { textDocument });
    }
  });
}
