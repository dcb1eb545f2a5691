/**
 * Opening a saved document from disk (protocol/diskOpen.ts, server/src/diskOpen.ts) over LSP: the
 * built dist/server.js reads the file, and falls back to the client's text whenever the file is not
 * the text the client described. Run `npm run build` first (npm test does).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { OPEN_FROM_DISK_CAPABILITY, type OpenFromDiskParams } from '../../protocol';
import { describeText } from '../../server/src/diskOpen';
import { startServer, type TestServer } from './lspClient';

const seed = readFileSync(join(__dirname, '..', 'server', 'optionProfile', 'samples', 'seed000-import.xml'), 'utf8');
const broken = seed.replace('<OVERALL_PERFORMANCE>High<', '<OVERALL_PERFORMANCE>Hgh<');
const dir = mkdtempSync(join(tmpdir(), 'qualys-open-from-disk-'));
let counter = 0;
let server: TestServer;
/** Texts the server asked for (qualys/documentText), by uri, and what the test answers. */
const asked: string[] = [];
const answers = new Map<string, { version: number; text: string } | null | Promise<{ version: number; text: string } | null>>();

before(async () => {
  server = await startServer({}, { experimental: { [OPEN_FROM_DISK_CAPABILITY]: true } });
  server.connection.onRequest('qualys/documentText', ({ uri }: { uri: string }) => {
    asked.push(uri);
    return answers.get(uri) ?? null;
  });
  await server.configured;
});
after(async () => {
  await server.stop();
});

/** Writes a file and describes it as the client would (from `text`, the editor's text). */
function saved(bytes: string | Buffer, text = String(bytes)): OpenFromDiskParams {
  const file = join(dir, `p${++counter}.xml`);
  writeFileSync(file, bytes);
  const info = statSync(file);
  return { uri: pathToFileURL(file).toString(), languageId: 'xml', version: 1, size: info.size, mtimeMs: info.mtimeMs, ...describeText(text) };
}

async function openFromDisk(params: OpenFromDiskParams, srv = server): Promise<PublishDiagnosticsParams> {
  const published = srv.nextDiagnostics(params.uri, params.version);
  await srv.connection.sendNotification('qualys/openFromDisk', params);
  return published;
}

async function openAsText(text: string): Promise<PublishDiagnosticsParams> {
  const uri = `file:///as-text/p${++counter}.xml`;
  const published = server.nextDiagnostics(uri, 1);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
  return published;
}

test('the server offers the open from disk only to a client that asks for it', { timeout: 20_000 }, async () => {
  assert.equal(server.initializeResult.capabilities.experimental?.[OPEN_FROM_DISK_CAPABILITY], true);
  const plain = await startServer();
  try {
    assert.equal(plain.initializeResult.capabilities.experimental?.[OPEN_FROM_DISK_CAPABILITY], undefined);
    // Another editor's server ignores the notification: the document is not open afterwards.
    const params = saved(broken);
    await plain.connection.sendNotification('qualys/openFromDisk', params);
    const symbols = await plain.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: params.uri } });
    assert.deepEqual(symbols, []);
  } finally {
    await plain.stop();
  }
});

test('a saved file opened from disk gets the diagnostics the same text gets in a didOpen', { timeout: 20_000 }, async () => {
  const fromDisk = await openFromDisk(saved(broken));
  const asText = await openAsText(broken);
  assert.ok(fromDisk.diagnostics.some((d) => String(d.message).includes('Hgh')), JSON.stringify(fromDisk.diagnostics));
  assert.deepEqual(fromDisk.diagnostics, asText.diagnostics);
  assert.deepEqual(asked, []);
});

test('a file of several MB is read in parts, side by side, into the same text', { timeout: 20_000 }, async () => {
  // About 3 MB, so three or four parts: multi-byte characters and CR LF fall across their boundaries;
  // a mistake after the filler has a position only the whole text gives.
  const filler = Array.from({ length: 100_000 }, (_, i) => `line ${i} é ü ✓ 𝄞`).join('\r\n');
  const text = broken.replace('</OPTION_PROFILES>', `<!--${filler}-->\n<UNKNOWN_AFTER/>\n</OPTION_PROFILES>`);
  assert.ok(Buffer.byteLength(text) > 2 * 1024 * 1024);
  const fromDisk = await openFromDisk(saved(text));
  assert.deepEqual(asked, [], 'read from disk, not asked');
  assert.ok(fromDisk.diagnostics.some((d) => d.range.start.line > 100_000), JSON.stringify(fromDisk.diagnostics));
  assert.deepEqual(fromDisk.diagnostics, (await openAsText(text)).diagnostics);
});

test('a byte order mark and CRLF line ends are read as the editor reads them', { timeout: 20_000 }, async () => {
  const text = broken.replace(/\n/g, '\r\n');
  const fromDisk = await openFromDisk(saved(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), text));
  assert.deepEqual(fromDisk.diagnostics, (await openAsText(text)).diagnostics);
  assert.deepEqual(asked, []);
});

test('a file that is not the editor text falls back to the text the client sends', { timeout: 20_000 }, async (t) => {
  const cases: Array<[string, (p: OpenFromDiskParams) => OpenFromDiskParams, string | Buffer]> = [
    ['another length', (p) => ({ ...p, length: p.length + 1 }), broken],
    ['another line count', (p) => ({ ...p, lineCount: p.lineCount + 1 }), broken],
    ['another last line', (p) => ({ ...p, lastLine: 'x' }), broken],
    ['changed on disk after the client looked', (p) => ({ ...p, mtimeMs: p.mtimeMs - 1000 }), broken],
    ['not UTF-8 (windows-1252 é)', (p) => p, Buffer.concat([Buffer.from(broken.replace('</OPTION_PROFILES>', '')), Buffer.from([0xe9]), Buffer.from('</OPTION_PROFILES>')])],
    // What a hostile client could ask for: the same file's size and time under another scheme or host.
    ['another scheme than file:', (p) => ({ ...p, uri: p.uri.replace(/^file:/, 'vscode-remote:') }), broken],
    ['a file: uri naming another host', (p) => ({ ...p, uri: p.uri.replace('file://', 'file://fileserver') }), broken],
    ['larger than the server reads', (p) => ({ ...p, size: 64 * 1024 * 1024 + 1 }), broken],
  ];
  for (const [name, alter, bytes] of cases) {
    await t.test(name, async () => {
      const params = alter(saved(bytes, String(bytes)));
      // The editor's text (another one than the file's, to see which one the server uses).
      answers.set(params.uri, { version: 1, text: seed });
      const published = await openFromDisk(params);
      assert.deepEqual(asked.splice(0), [params.uri]);
      assert.deepEqual(published.diagnostics, (await openAsText(seed)).diagnostics);
    });
  }
});

test('a file changed between the open and the read falls back to the client text', { timeout: 20_000 }, async () => {
  const params = saved(broken);
  const file = new URL(params.uri);
  writeFileSync(file, broken.replace('Hgh', 'Hhh'));
  utimesSync(file, new Date(), new Date(params.mtimeMs + 5000));
  answers.set(params.uri, { version: 1, text: broken });
  const published = await openFromDisk(params);
  assert.deepEqual(asked.splice(0), [params.uri]);
  assert.ok(published.diagnostics.some((d) => String(d.message).includes('Hgh')));
});

test('a didChange right after the open is applied to the text read from disk', { timeout: 20_000 }, async () => {
  const params = saved(broken);
  const published = server.nextDiagnostics(params.uri, 2);
  const at = broken.indexOf('Hgh');
  const before = broken.slice(0, at);
  const line = before.split('\n').length - 1;
  const character = at - (before.lastIndexOf('\n') + 1);
  void server.connection.sendNotification('qualys/openFromDisk', params);
  void server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: params.uri, version: 2 },
    contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 3 } }, text: 'High' }],
  });
  const diagnostics = (await published).diagnostics;
  assert.deepEqual(diagnostics, (await openAsText(seed)).diagnostics);
  assert.ok(!diagnostics.some((d) => String(d.message).includes('Hgh')));
  assert.deepEqual(asked, []);
});

test('a fallback answer newer than the open drops the changes it already holds', { timeout: 20_000 }, async () => {
  const params = { ...saved(broken), length: 1 };
  answers.set(params.uri, { version: 3, text: seed });
  const published = server.nextDiagnostics(params.uri, 3);
  void server.connection.sendNotification('qualys/openFromDisk', params);
  // Applied to the file's text this edit would break it; the answer (version 3) already holds it.
  void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: params.uri, version: 2 }, contentChanges: [{ text: '<broken' }] });
  void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: params.uri, version: 3 }, contentChanges: [{ text: seed }] });
  assert.deepEqual((await published).diagnostics, (await openAsText(seed)).diagnostics);
  assert.deepEqual(asked.splice(0), [params.uri]);
});

test('a document closed right after its open from disk ends closed, with no diagnostics left', { timeout: 20_000 }, async () => {
  // Whether the close comes before the read ends (the open is given up: test/server/diskOpen.test.ts
  // holds the read to make sure) or after (opened, then closed) depends on the machine's load.
  const params = saved(broken);
  const published: PublishDiagnosticsParams[] = [];
  const listen = (): void => void server.nextDiagnostics(params.uri).then((p) => (published.push(p), listen()));
  listen();
  void server.connection.sendNotification('qualys/openFromDisk', params);
  void server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: params.uri } });
  // Long enough for the read; then the server holds no such document and shows nothing for it.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: params.uri } }), []);
  assert.deepEqual(published.at(-1)?.diagnostics ?? [], []);
  assert.deepEqual(asked, []);
  // Opened again, it is read and validated as any other.
  assert.ok((await openFromDisk(saved(broken))).diagnostics.length > 0);
});

test('a document closed and opened from disk again during the read is opened', { timeout: 20_000 }, async () => {
  const params = saved(broken);
  const published = server.nextDiagnostics(params.uri, 1);
  void server.connection.sendNotification('qualys/openFromDisk', params);
  void server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: params.uri } });
  void server.connection.sendNotification('qualys/openFromDisk', params);
  assert.ok((await published).diagnostics.some((d) => String(d.message).includes('Hgh')));
  assert.deepEqual(asked, []);
});

test('a document closed and opened from disk again while its text is asked is opened', { timeout: 20_000 }, async () => {
  // The first open does not match its file: the server asks for the text; before the answer the
  // editor closes the document and opens it again (a new description, which matches).
  const params = saved(broken);
  const first = { ...params, length: params.length + 1 };
  let answered!: () => void;
  const answer = new Promise<void>((resolve) => (answered = resolve));
  // The editor answers once it has opened the document again: null (the document asked for is closed).
  answers.set(params.uri, answer.then(() => null));
  const question = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (asked.includes(params.uri)) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  const published = server.nextDiagnostics(params.uri, 1);
  void server.connection.sendNotification('qualys/openFromDisk', first);
  await question;
  void server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: params.uri } });
  await server.connection.sendNotification('qualys/openFromDisk', params);
  answered();
  assert.ok((await published).diagnostics.some((d) => String(d.message).includes('Hgh')));
  assert.deepEqual(asked.splice(0), [params.uri]);
});

test('a document closed and opened with its text during the read takes its changes and its close', { timeout: 20_000 }, async () => {
  const params = saved(broken);
  void server.connection.sendNotification('qualys/openFromDisk', params);
  void server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: params.uri } });
  void server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: params.uri, languageId: 'xml', version: 1, text: broken } });
  const published = server.nextDiagnostics(params.uri, 2);
  void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: params.uri, version: 2 }, contentChanges: [{ text: seed }] });
  assert.deepEqual((await published).diagnostics, (await openAsText(seed)).diagnostics);
  const cleared = server.nextDiagnostics(params.uri);
  void server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: params.uri } });
  await cleared;
  assert.deepEqual(await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: params.uri } }), []);
  assert.deepEqual(asked, []);
});

test('a file with a lone carriage return is not taken from disk: the editor changed its line ends', { timeout: 20_000 }, async () => {
  // Mostly \n with one \r: VS Code turns the \r into \n (same length, same line count).
  const onDisk = broken.replace('\n', '\r');
  const params = saved(onDisk, onDisk.replace('\r', '\n'));
  answers.set(params.uri, { version: 1, text: onDisk.replace('\r', '\n') });
  await openFromDisk(params);
  assert.deepEqual(asked.splice(0), [params.uri]);
});

test('a FIFO, a device or a directory is not read: the server asks for the text, and still exits', { timeout: 20_000 }, async () => {
  const fifo = join(dir, 'fifo.xml');
  execFileSync('mkfifo', [fifo]);
  const folder = join(dir, 'folder.xml');
  mkdirSync(folder);
  // What a hostile client could describe: each path's own size and modification time.
  const describe = (path: string): OpenFromDiskParams => {
    const info = statSync(path);
    return { uri: pathToFileURL(path).toString(), languageId: 'xml', version: 1, size: info.size, mtimeMs: info.mtimeMs, ...describeText(broken) };
  };
  const own = await startServer({}, { experimental: { [OPEN_FROM_DISK_CAPABILITY]: true } });
  const ownAsked: string[] = [];
  own.connection.onRequest('qualys/documentText', ({ uri }: { uri: string }) => {
    ownAsked.push(uri);
    return { version: 1, text: broken };
  });
  let exited = false;
  try {
    await own.configured;
    for (const path of [fifo, '/dev/zero', folder]) {
      const params = describe(path);
      // Bounded, so that a server stuck in its read fails the test instead of holding it.
      const published = await Promise.race([
        openFromDisk(params, own),
        new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`no diagnostics for ${path}`)), 5000).unref()),
      ]);
      assert.deepEqual(ownAsked.splice(0), [params.uri], path);
      assert.ok(published.diagnostics.some((d) => String(d.message).includes('Hgh')), path);
    }
    await Promise.race([own.stop(), new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('the server did not exit')), 5000).unref())]);
    exited = true;
  } finally {
    if (!exited) {
      // Before the fix: the server waits in open() for a writer; give it one, then end it.
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // No reader waiting.
      }
      own.process.kill();
    }
  }
});

test('a fresh server loads the option profile schema while the file is read, before the read is done', { timeout: 20_000 }, async () => {
  const fresh = await startServer({}, { experimental: { [OPEN_FROM_DISK_CAPABILITY]: true } });
  try {
    const logs: string[] = [];
    fresh.connection.onNotification('window/logMessage', ({ message }: { message: string }) => void logs.push(message));
    await fresh.configured;
    const params = saved(broken);
    assert.ok((await openFromDisk(params, fresh)).diagnostics.length > 0);
    const schema = logs.findIndex((line) => line.includes('option profile schema loaded'));
    const read = logs.findIndex((line) => line.includes('opened from disk'));
    assert.ok(schema >= 0 && read > schema, logs.join('\n'));
  } finally {
    await fresh.stop();
  }
});
