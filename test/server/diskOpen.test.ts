/**
 * The server's side of the open from disk (server/src/diskOpen.ts) where the protocol tests cannot
 * reach: what happens inside a read (fs.promises.open watched or altered through node:test's mock).
 */
import { strict as assert } from 'node:assert';
import { promises as fsp, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mock, test } from 'node:test';
import type { OpenFromDiskParams } from '../../protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiskOpens, describeText, lineCount, readChecked, type TextDocumentConnection } from '../../server/src/diskOpen';

const dir = mkdtempSync(join(tmpdir(), 'qualys-disk-open-server-'));
let counter = 0;

function saved(text: string): OpenFromDiskParams {
  const file = join(dir, `f${++counter}.xml`);
  writeFileSync(file, text);
  const info = statSync(file);
  return { uri: pathToFileURL(file).toString(), languageId: 'xml', version: 1, size: info.size, mtimeMs: info.mtimeMs, ...describeText(text) };
}

const realOpen = fsp.open;

/** The connection DiskOpens stands in front of: registrations only, nothing arrives through it. */
function connectionStandIn(): TextDocumentConnection {
  const noop = { dispose: () => undefined };
  return {
    onDidOpenTextDocument: () => noop,
    onDidChangeTextDocument: () => noop,
    onDidCloseTextDocument: () => noop,
    onWillSaveTextDocument: () => noop,
    onWillSaveTextDocumentWaitUntil: () => noop,
    onDidSaveTextDocument: () => noop,
  } as unknown as TextDocumentConnection;
}

test('a file rewritten in place with the same size while it is read is not taken', async (t) => {
  const text = `<A>\n${'x'.repeat(1000)}\n</A>\n`;
  const params = saved(text);
  const path = new URL(params.uri);
  // An editor's save during the read: the same length, lines, first and last line; another text.
  t.mock.method(fsp, 'open', async (...args: Parameters<typeof fsp.open>) => {
    const handle = await realOpen(...args);
    const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<unknown>;
    let first = true;
    (handle as { read: unknown }).read = (...a: unknown[]) => {
      if (first) {
        first = false;
        writeFileSync(path, text.replace('xxx', 'yyy'), { flag: 'r+' });
        utimesSync(path, new Date(), new Date(params.mtimeMs + 2000));
      }
      return read(...a);
    };
    return handle;
  });
  const result = await readChecked(params);
  assert.equal(typeof result, 'string', `taken: ${JSON.stringify(result).slice(0, 40)}`);
});

test('many opens at once read at most the byte budget at a time, and every one opens', async (t) => {
  let open = 0;
  let most = 0;
  t.mock.method(fsp, 'open', async (...args: Parameters<typeof fsp.open>) => {
    const handle = await realOpen(...args);
    most = Math.max(most, ++open);
    const close = handle.close.bind(handle);
    (handle as { close: unknown }).close = () => {
      open--;
      return close();
    };
    return handle;
  });
  const opened: string[] = [];
  // Room for two 1,000-byte reads at once.
  const opens = new DiskOpens(connectionStandIn(), { askText: () => assert.fail('the text asked'), info: () => undefined }, 2500);
  opens.onDidOpenTextDocument((p) => void opened.push(p.textDocument.uri));
  const files = Array.from({ length: 6 }, () => saved(`<A>${'x'.repeat(993)}</A>`));
  await Promise.all(files.map((p) => opens.openFromDisk(p)));
  assert.deepEqual(opened.sort(), files.map((p) => p.uri).sort());
  assert.ok(most <= 2, `${most} files read at once`);
});

test('an open waiting behind a read that does not end asks for the text instead', async (t) => {
  // A file on a network mount that stopped answering holds the read budget; another document waits
  // for it only so long, then is opened from the text the editor sends.
  const stuck = saved(`<A>${'x'.repeat(993)}</A>`);
  const other = saved(`<B>${'y'.repeat(993)}</B>`);
  t.mock.method(fsp, 'open', (...args: Parameters<typeof fsp.open>) =>
    fileURLToPath(stuck.uri) === args[0] ? new Promise<never>(() => undefined) : realOpen(...args),
  );
  const opened: string[] = [];
  const asked: string[] = [];
  const opens = new DiskOpens(
    connectionStandIn(),
    {
      askText: (uri) => {
        asked.push(uri);
        return Promise.resolve({ version: 1, text: '<B/>' });
      },
      info: () => undefined,
    },
    1000,
    50,
  );
  opens.onDidOpenTextDocument((p) => void opened.push(p.textDocument.uri));
  void opens.openFromDisk(stuck);
  await Promise.race([opens.openFromDisk(other), new Promise((resolve) => setTimeout(resolve, 3000))]);
  assert.deepEqual(opened, [other.uri]);
  assert.deepEqual(asked, [other.uri]);
});

test('a document closed while its file is read is never opened, and its close does not reach TextDocuments', async (t) => {
  const params = saved(`<A>${'x'.repeat(993)}</A>`);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  t.mock.method(fsp, 'open', async (...args: Parameters<typeof fsp.open>) => {
    await held;
    return realOpen(...args);
  });
  let close!: (p: { textDocument: { uri: string } }) => void;
  const connection = { ...connectionStandIn(), onDidCloseTextDocument: (handler: typeof close) => ((close = handler), { dispose: () => undefined }) } as unknown as TextDocumentConnection;
  const opened: string[] = [];
  const closed: string[] = [];
  const opens = new DiskOpens(connection, { askText: () => assert.fail('the text asked'), info: () => undefined });
  opens.onDidOpenTextDocument((p) => void opened.push(p.textDocument.uri));
  opens.onDidCloseTextDocument((p) => void closed.push(p.textDocument.uri));
  const opening = opens.openFromDisk(params);
  close({ textDocument: { uri: params.uri } });
  release();
  await opening;
  assert.deepEqual(opened, []);
  assert.deepEqual(closed, []);
  // Opened again afterwards, it is read and opened as any other.
  await opens.openFromDisk(params);
  assert.deepEqual(opened, [params.uri]);
});

test('no mock is left behind', () => {
  mock.restoreAll();
  assert.equal(fsp.open, realOpen);
});

test('lines are counted as the LSP text document counts them (\\r\\n, \\r and \\n each end one)', () => {
  const texts = ['', 'a', 'a\n', '\n', '\r', '\r\n', '\n\r', 'a\r\nb', 'a\rb', 'a\r\r\nb', '\r\r', 'a\n\r\nb\r'];
  // And random mixes of the three line ends (a fixed seed: the same texts every run).
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 300; i++) texts.push(Array.from({ length: Math.floor(next() * 40) }, () => ['a', '\r', '\n', '\r\n'][Math.floor(next() * 4)]).join(''));
  for (const text of texts) assert.equal(lineCount(text), TextDocument.create('file:///x', 'xml', 1, text).lineCount, JSON.stringify(text));
});
