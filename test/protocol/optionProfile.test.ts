/**
 * The option profile language features over LSP: the built dist/server.js driven by a real
 * JSON-RPC client (lspClient.ts). Run `npm run build` first (npm test does).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver';
import { startServer, type TestServer } from './lspClient';

const seed = readFileSync(join(__dirname, '..', 'server', 'optionProfile', 'samples', 'seed000-import.xml'), 'utf8');
const broken = seed.replace('<![CDATA[Joe User (joe_user)]]>', '<!CDATA[Joe User (joe_user)]]>').replace('<OVERALL_PERFORMANCE>High<', '<OVERALL_PERFORMANCE>Hgh<');

let server: TestServer;
let counter = 0;

before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

async function open(text: string, srv: TestServer = server): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `file:///profiles/p${++counter}.xml`;
  const published = srv.nextDiagnostics(uri, 1);
  await srv.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
  return { uri, diagnostics: (await published).diagnostics };
}

/**
 * Opens a document and waits until its published diagnostics satisfy `ready`: settings arrive
 * asynchronously after `initialized`, and the server republishes every document when they do.
 */
async function openUntil(text: string, srv: TestServer, ready: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const uri = `file:///profiles/p${++counter}.xml`;
  let published = srv.nextDiagnostics(uri, 1);
  await srv.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
  for (let i = 0; i < 5; i++) {
    const { diagnostics } = await published;
    if (ready(diagnostics)) return diagnostics;
    published = srv.nextDiagnostics(uri, 1);
  }
  assert.fail('the expected diagnostics were never published');
}

function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const offset = text.indexOf(needle) + delta;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

test('diagnostics: the seed sample is clean; its mistakes get codes, ranges and data', async () => {
  assert.deepEqual((await open(seed)).diagnostics, []);
  const { diagnostics } = await open(broken);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.source]),
    [
      ['xml-malformed-cdata', 'qualys'],
      ['invalid-enumeration', 'qualys'],
    ],
  );
  assert.deepEqual(diagnostics[0]!.range.start, positionOf(broken, '<!CDATA['));
  assert.ok((diagnostics[1]!.data as { allowed: string[] }).allowed.includes('High'));
});

test('completion, hover, code actions, symbols and folding over LSP', async () => {
  const { uri, diagnostics } = await open(broken);
  const completion = (await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: positionOf(broken, '<PERFORMANCE>', 1),
  })) as CompletionList;
  assert.ok(completion.items.some((i) => i.label === 'PERFORMANCE'));

  const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(broken, 'OVERALL_PERFORMANCE', 3) })) as Hover;
  assert.match((hover.contents as { value: string }).value, /\*\*OVERALL_PERFORMANCE\*\*/);

  const actions = (await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[1]!.range,
    context: { diagnostics: [diagnostics[1]] },
  })) as CodeAction[];
  assert.equal(actions[0]!.title, "Change to 'High'");
  assert.equal(actions[0]!.edit!.changes![uri]![0]!.newText, 'High');

  const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
  assert.equal(symbols[0]!.children![0]!.name, 'Profile-Instance-Data-Collection-OS-based-Auth');

  const folding = (await server.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
  assert.ok(folding.length > 10);
});

test('other XML documents are left alone', async () => {
  assert.deepEqual((await open('<ServiceRequest><filters/></ServiceRequest>')).diagnostics, []);
});

test('a handler exception is logged and answered with an empty result', async () => {
  const { uri } = await open(seed);
  const logged = new Promise<string>((resolve) => {
    server.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type === 1) resolve(params.message);
    });
  });
  // A null position makes the completion handler throw inside the service.
  const result = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: null });
  assert.equal(result, null);
  assert.match(await logged, /completion/);
  // The server is still alive.
  const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(seed, 'SCAN>', 1) });
  assert.ok(hover);
});

test('a bad qualys.optionProfile.schemaPath keeps the bundled schema and says why', async () => {
  const srv = await startServer({ optionProfile: { schemaPath: '/nonexistent/option_profiles.xsd' } });
  try {
    const diagnostics = await openUntil(broken, srv, (d) => d.some((x) => x.code === 'schema-load-failed'));
    assert.equal(diagnostics[0]!.code, 'schema-load-failed');
    assert.match(String(diagnostics[0]!.message), /nonexistent\/option_profiles\.xsd/);
    assert.ok(diagnostics.some((d) => d.code === 'invalid-enumeration'));
  } finally {
    await srv.stop();
  }
});

test('qualys.optionProfile.schemaPath naming a FIFO is refused without blocking the server', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'op-fifo-'));
  const fifo = join(dir, 'option_profiles.xsd');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  // Nobody ever writes to the FIFO: a blocking read would never return, and the server with it.
  const srv = await startServer({ optionProfile: { schemaPath: fifo } });
  try {
    const diagnostics = await openUntil(broken, srv, (d) => d.some((x) => x.code === 'schema-load-failed'));
    assert.match(String(diagnostics[0]!.message), /option_profiles\.xsd' .*: it is a named pipe \(FIFO\), not a regular file$/);
    assert.ok(diagnostics.some((d) => d.code === 'invalid-enumeration'), 'the bundled schema is used');
    const hover = await srv.connection.sendRequest('textDocument/hover', { textDocument: { uri: `file:///profiles/p${counter}.xml` }, position: positionOf(broken, 'SCAN>', 1) });
    assert.ok(hover);
  } finally {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("qualys.optionProfile.schemaPath points at a user's own XSD", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'op-xsd-'));
  const xsd = join(dir, 'mine.xsd');
  writeFileSync(
    xsd,
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="OPTION_PROFILES"><xs:complexType><xs:sequence>
    <xs:element name="ONLY" type="xs:boolean" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>`,
  );
  const srv = await startServer({ optionProfile: { schemaPath: xsd } });
  try {
    const diagnostics = await openUntil('<OPTION_PROFILES><OPTION_PROFILE/></OPTION_PROFILES>', srv, (d) => d.some((x) => x.code === 'unknown-element'));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['unknown-element'],
    );
    // Valid under the user's schema, invalid under the bundled one.
    assert.deepEqual((await open('<OPTION_PROFILES><ONLY>1</ONLY></OPTION_PROFILES>', srv)).diagnostics, []);
  } finally {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a document naming a remote DTD is processed without any network access', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'op-nonet-'));
  const log = join(dir, 'network.log');
  const preload = join(dir, 'no-network.cjs');
  // Every way Node reaches the network records the attempt and fails.
  writeFileSync(
    preload,
    `const fs = require('fs');
fs.writeFileSync(${JSON.stringify(`${log}.loaded`)}, "yes");
const record = (what) => { fs.appendFileSync(${JSON.stringify(log)}, what + '\\n'); throw new Error('network access in a test: ' + what); };
const net = require('net');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = args[0];
  if (options && typeof options === 'object' && (options.port !== undefined || options.host !== undefined)) record('net.connect');
  if (typeof options === 'number') record('net.connect');
  return connect.apply(this, args);
};
require('dns').lookup = () => record('dns.lookup');
require('http').request = () => record('http.request');
require('https').request = () => record('https.request');
globalThis.fetch = () => record('fetch');
`,
  );
  const previous = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${previous ?? ''} --require ${preload}`.trim();
  let srv: TestServer | undefined;
  try {
    srv = await startServer();
    const text = seed.replace('<OPTION_PROFILES>', '<OPTION_PROFILES>').replace(/<!DOCTYPE[^>]*>/, '<!DOCTYPE OPTION_PROFILES SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/subscription/option_profile/option_profile_info.dtd">');
    const { diagnostics } = await open(text.replace('<ICMP>1</ICMP>', '<ICMP>7</ICMP>'), srv);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['invalid-enumeration'],
    );
    // The guard was installed in the server process, and nothing tried to reach the network.
    assert.equal(readFileSync(`${log}.loaded`, 'utf8'), 'yes');
    assert.throws(() => readFileSync(log, 'utf8'), /ENOENT/);
  } finally {
    if (previous === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = previous;
    await srv?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a long validation yields: a hover sent right after opening a large file is answered before its diagnostics', async () => {
  const profile = seed.slice(seed.indexOf('<OPTION_PROFILE>'), seed.indexOf('</OPTION_PROFILES>'));
  const text = `<OPTION_PROFILES>\n${profile.repeat(1000)}</OPTION_PROFILES>\n`;
  const uri = `file:///profiles/p${++counter}.xml`;
  const order: string[] = [];
  const published = server.nextDiagnostics(uri, 1).then((p) => order.push(`diagnostics (${p.diagnostics.length})`));
  void server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
  const hovered = server.connection
    .sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '<GROUP_TYPE>', 2) })
    .then((hover) => order.push(hover ? 'hover' : 'no hover'));
  await Promise.all([published, hovered]);
  assert.deepEqual(order, ['hover', 'diagnostics (0)']);
});

test('forked as the extension forks it (Node IPC, messages by structured clone) the server answers as it does over stdio', async () => {
  const ipc = await startServer({}, { transport: 'ipc' });
  try {
    const answers = async (srv: TestServer): Promise<unknown[]> => {
      const { uri, diagnostics } = await open(broken, srv);
      const at = positionOf(broken, 'OVERALL_PERFORMANCE', 3);
      const completion = await srv.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: positionOf(broken, '<PERFORMANCE>', 1) });
      const hover = await srv.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at });
      const actions = await srv.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[1]!.range, context: { diagnostics } });
      const symbols = await srv.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      // The uris differ by the counter: compare what the server said about them, not the names.
      return JSON.parse(JSON.stringify([diagnostics, completion, hover, actions, symbols]).replaceAll(uri, 'URI')) as unknown[];
    };
    const overIpc = await answers(ipc);
    assert.equal((overIpc[0] as Diagnostic[]).length, 2);
    assert.ok((overIpc[3] as CodeAction[]).length > 0, 'a quick fix for the misspelt value');
    assert.deepEqual(overIpc, await answers(server));
  } finally {
    await ipc.stop();
  }
});
