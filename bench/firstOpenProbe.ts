/**
 * `npx tsx bench/firstOpenProbe.ts BEFORE.js [ROUNDS]`: a fresh server of each build (BEFORE and
 * dist/server.js), alternating, opens the generated 10 MB file over Node IPC as the extension does;
 * prints each first open's wall and the server's CPU, the medians, xmllint --schema on the same file
 * each round, and the load average. Every server's diagnostics, outline and folding, for that file
 * and for a copy with seeded problems, are hashed: the two builds must give the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverPath, startServer } from '../test/protocol/lspClient';
import { median } from './benchRow';
import { generateProfiles } from './optionProfile.bench';

const before = process.argv[2];
const rounds = Number(process.argv[3] ?? 6);
if (!before) throw new Error('usage: firstOpenProbe.ts BEFORE.js [ROUNDS]');

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Problems a user pastes in: a mismatched end tag, a bad value, an unknown element, a bare '&', a missing section. */
function seeded(text: string): string {
  const at = (n: number, needle: string): number => {
    let i = -1;
    for (let k = 0; k < n; k++) i = text.indexOf(needle, i + 1);
    return i;
  };
  const edits: Array<[number, string, string]> = [
    [at(10, '</BASIC_INFO>'), '</BASIC_INFO>', '</BASIC_INF>'],
    [at(300, '<ID>'), '<ID>', '<ID>x'],
    [at(700, '<SCAN>'), '<SCAN>', '<SCAN><NOT_A_SECTION>1</NOT_A_SECTION>'],
    [at(1200, 'Generated profile'), 'Generated profile', 'Generated & profile'],
    [at(1900, '<ADDITIONAL>'), '<ADDITIONAL>', '<ADDITIONAL_X>'],
  ];
  edits.sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [i, from, to] of edits) out = out.slice(0, i) + to + out.slice(i + from.length);
  return out;
}

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

async function firstOpen(path: string, text: string, withFeatures: boolean): Promise<{ wall: number; cpu: number; hashes: string[] }> {
  const server = await startServer({}, { transport: 'ipc', path });
  const pid = server.process.pid!;
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const uri = 'file:///big.xml';
    const cpu0 = cpuMs(pid);
    const t0 = performance.now();
    const published = server.nextDiagnostics(uri, 1);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
    const diagnostics = await published;
    const wall = performance.now() - t0;
    const cpu = cpuMs(pid) - cpu0;
    const hashes = [hash(diagnostics)];
    if (withFeatures) {
      const doc = { textDocument: { uri } };
      hashes.push(hash(await server.connection.sendRequest('textDocument/documentSymbol', doc)), hash(await server.connection.sendRequest('textDocument/foldingRange', doc)));
    }
    return { wall, cpu, hashes };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const big = generateProfiles();
  const problems = seeded(big);
  const builds: Array<[string, string]> = [
    ['before', before!],
    ['after', serverPath],
  ];
  const file = join(tmpdir(), 'firstOpenProbe.xml');
  writeFileSync(file, big);
  const xsd = join(__dirname, '..', 'server', 'data', 'option_profiles.xsd');
  console.log(`load average at start ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  const results: Record<string, Array<{ wall: number; cpu: number }>> = { before: [], after: [] };
  const hashes: Record<string, Set<string>> = { before: new Set(), after: new Set() };
  const xmllint: Array<{ wall: number; cpu: number }> = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? builds : [...builds].reverse();
    for (const [name, path] of order) {
      const o = await firstOpen(path, big, r === 0);
      results[name]!.push(o);
      hashes[name]!.add(`big ${o.hashes.join(' ')}`);
      console.log(`round ${r} ${name}: ${o.wall.toFixed(0)} wall / ${o.cpu.toFixed(0)} CPU ms  load ${loadavg()[0]!.toFixed(2)}`);
    }
    const t0 = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', '%U %S', 'xmllint', '--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
    const [u, s] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    xmllint.push({ wall: performance.now() - t0, cpu: (u! + s!) * 1000 });
  }
  for (const [name, path] of builds) {
    const o = await firstOpen(path, problems, true);
    hashes[name]!.add(`seeded ${o.hashes.join(' ')}`);
  }
  const m = (xs: Array<{ wall: number; cpu: number }>): string => `${median(xs.map((x) => x.wall)).toFixed(0)} wall / ${median(xs.map((x) => x.cpu)).toFixed(0)} CPU`;
  console.log(`xmllint (median of ${rounds}): ${m(xmllint)}`);
  for (const name of ['before', 'after']) {
    const xs = results[name]!;
    const ratio = median(xs.map((x) => x.cpu)) / median(xmllint.map((x) => x.cpu));
    const wallRatio = median(xs.map((x) => x.wall)) / median(xmllint.map((x) => x.wall));
    console.log(`${name} (median of ${rounds}): ${m(xs)}; / xmllint ${wallRatio.toFixed(2)}x wall, ${ratio.toFixed(2)}x CPU; CPU ${xs.map((x) => x.cpu).join(' ')}`);
    console.log(`${name} hashes: ${[...hashes[name]!].join(' | ')}`);
  }
  const same = [...hashes.before!].join() === [...hashes.after!].join();
  console.log(`diagnostics, outline, folding identical: ${same}`);
  console.log(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
}

void main();
