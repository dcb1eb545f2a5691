/** The client's side of the open from disk (client/src/diskOpen.ts), against stand-ins for VS Code's document and the language client. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { TextDocument } from 'vscode';
import { describeForDisk, MIN_DISK_OPEN_BYTES, OpenFromDiskFeature, type DiskDocument, type DiskOpenClient } from '../../client/src/diskOpen';
import { readChecked } from '../../server/src/diskOpen';
import type { ClientCapabilities } from 'vscode-languageclient/node';
import type { OpenFromDiskParams } from '../../protocol';

const dir = mkdtempSync(join(tmpdir(), 'qualys-disk-open-client-'));

/** A document as VS Code holds it: lines split at \r\n, \r or \n, offsets in UTF-16 units. */
function documentOf(path: string, text: string, extra: Partial<DiskDocument & { scheme: string; isClosed: boolean }> = {}): DiskDocument & { getText(): string; isClosed: boolean } {
  const lines: Array<{ start: number; text: string }> = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ start, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  lines.push({ start, text: text.slice(start) });
  const uri = { scheme: extra.scheme ?? 'file', fsPath: path, toString: () => pathToFileURL(path).toString() };
  return {
    uri: uri as unknown as TextDocument['uri'],
    languageId: 'xml',
    version: extra.version ?? 1,
    isDirty: extra.isDirty ?? false,
    isClosed: extra.isClosed ?? false,
    lineCount: lines.length,
    lineAt: ((n: number) => ({ text: lines[n]!.text, range: { end: { line: n, character: lines[n]!.text.length } } })) as unknown as TextDocument['lineAt'],
    offsetAt: ((p: { line: number; character: number }) => lines[p.line]!.start + p.character) as TextDocument['offsetAt'],
    getText: () => text,
    ...(extra.encoding !== undefined ? { encoding: extra.encoding } : {}),
  };
}

function saved(name: string, bytes: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const xml = '<?xml version="1.0"?>\r\n<OPTION_PROFILES>\n  <OPTION_PROFILE/>\r</OPTION_PROFILES>\n';
/** Long enough (a third of the minimum in characters) that its size on disk is asked. */
const large = `${xml}<!--${'x'.repeat(MIN_DISK_OPEN_BYTES / 3)}-->\n`;

test("the client's description of a saved document is what the server's read accepts (BOM, CRLF; mixed line ends refused)", async () => {
  // VS Code keeps the line ends of a file that has one kind (here \r\n) as they are.
  const crlf = xml.replace(/\r\n|\r|\n/g, '\r\n');
  const path = saved('crlf.xml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf)]));
  const params = describeForDisk(documentOf(path, crlf, { encoding: 'utf8bom' }), undefined, 0);
  assert.ok(params);
  assert.equal(params.lineCount, 5);
  assert.equal(params.length, crlf.length);
  assert.equal(params.firstLine, '<?xml version="1.0"?>');
  assert.equal(params.lastLine, '');
  assert.deepEqual(await readChecked(params), { text: crlf });
  // A file with mixed ones (\r\n, \n and a lone \r): the editor holds them normalized, the server refuses.
  const mixed = saved('mixed.xml', xml);
  for (const eol of ['\n', '\r\n']) {
    const other = describeForDisk(documentOf(mixed, xml.replace(/\r\n|\r|\n/g, eol)), undefined, 0);
    assert.equal(typeof (await readChecked(other!)), 'string', JSON.stringify(eol));
  }
});

test('only saved file: documents in UTF-8 and at least the minimum size are described', () => {
  const path = saved('plain.xml', large);
  const stat = () => ({ size: 2_000_000, mtimeMs: 5 });
  assert.ok(describeForDisk(documentOf(path, large), stat));
  assert.ok(describeForDisk(documentOf(path, large, { encoding: 'utf8' }), stat));
  assert.equal(describeForDisk(documentOf(path, large, { isDirty: true }), stat), undefined);
  assert.equal(describeForDisk(documentOf(path, large, { scheme: 'untitled' }), stat), undefined);
  assert.equal(describeForDisk(documentOf(path, large, { encoding: 'windows1252' }), stat), undefined);
  assert.equal(describeForDisk(documentOf(path, large), () => ({ size: 1000, mtimeMs: 5 })), undefined);
  assert.equal(describeForDisk(documentOf(path, large), () => undefined), undefined);
  // A document too short to reach the minimum in UTF-8 is not looked up on disk at all.
  assert.equal(describeForDisk(documentOf(path, xml), () => assert.fail('a stat for a short document')), undefined);
  assert.equal(describeForDisk(documentOf(join(dir, 'gone.xml'), xml), undefined, 0), undefined);
});

function fakeClient(): DiskOpenClient & { sent: OpenFromDiskParams[]; handler?: (p: { uri: string }) => unknown } {
  const client: DiskOpenClient & { sent: OpenFromDiskParams[]; handler?: (p: { uri: string }) => unknown } = {
    sent: [],
    sendNotification: (_type, params) => {
      client.sent.push(params);
      return Promise.resolve();
    },
    onRequest: (_type, handler) => {
      client.handler = handler;
      return { dispose: () => undefined };
    },
  };
  return client;
}

test('the middleware sends the open from disk only once the server has accepted it, and answers the text when asked', async () => {
  const path = saved('big.xml', large);
  const document = documentOf(path, large, { version: 4 });
  const client = fakeClient();
  const feature = new OpenFromDiskFeature(() => client, () => [document as unknown as TextDocument], () => ({ size: 2_000_000, mtimeMs: 7 }));
  const capabilities: ClientCapabilities = { workspace: {} };
  feature.fillClientCapabilities(capabilities);
  assert.deepEqual(capabilities.experimental, { qualysOpenFromDisk: true });

  let nexts = 0;
  const next = (): Promise<void> => {
    nexts++;
    return Promise.resolve();
  };
  await feature.middleware.didOpen!(document as unknown as TextDocument, next);
  assert.equal(nexts, 1, 'before the server answered: the text');

  feature.preInitialize({ experimental: { qualysOpenFromDisk: true } });
  await feature.middleware.didOpen!(document as unknown as TextDocument, next);
  assert.equal(nexts, 1);
  assert.equal(client.sent.length, 1);
  assert.equal(client.sent[0]!.version, 4);
  assert.equal(client.sent[0]!.size, 2_000_000);
  assert.deepEqual(client.handler?.({ uri: pathToFileURL(path).toString() }), { version: 4, text: large });
  assert.equal(client.handler?.({ uri: 'file:///other.xml' }), null);

  feature.clear();
  await feature.middleware.didOpen!(document as unknown as TextDocument, next);
  assert.equal(nexts, 2, 'after a stop: the text');

  const refused = new OpenFromDiskFeature(() => client, () => []);
  refused.preInitialize({});
  await refused.middleware.didOpen!(document as unknown as TextDocument, next);
  assert.equal(nexts, 3, 'a server that did not accept: the text');
});
