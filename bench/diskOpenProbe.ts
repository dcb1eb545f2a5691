/**
 * `npx tsx bench/diskOpenProbe.ts [ROUNDS] [PROFILES] [--compare BEFORE.js]`: the first open of the generated file (2,000
 * profiles, 10 MB, unless PROFILES says otherwise: 200 is about the client's 1 MB threshold) in a fresh
 * server (dist/server.js, forked over Node IPC as the extension forks it), two ways, alternating:
 * the text in a didOpen as today, or an open from disk (protocol/diskOpen.ts: the server reads the
 * saved file and checks it against what the client describes). Prints each first open's wall, the
 * server's CPU and the sending thread's CPU for the send, medians, xmllint --schema on the same file
 * each round, and the load average. Both ways' diagnostics, outline and folding are hashed (they
 * must be equal) and a fallback to the client's text is counted (there must be none). With
 * `--compare BEFORE.js`, both ways are opens from disk: BEFORE.js's server against dist/server.js.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OPEN_FROM_DISK_CAPABILITY, type OpenFromDiskParams } from '../protocol';
import { describeText } from '../server/src/diskOpen';
import { startServer } from '../test/protocol/lspClient';
import { median } from './benchRow';
import { generateProfiles } from './optionProfile.bench';

const compare = process.argv.indexOf('--compare');
const before = compare > 0 ? process.argv[compare + 1] : undefined;
const positional = process.argv.slice(2).filter((arg, i, all) => arg !== '--compare' && all[i - 1] !== '--compare');
const rounds = Number(positional[0] ?? 8);
const profiles = Number(positional[1] ?? 2000);

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

interface Open {
  readonly wall: number;
  readonly cpu: number;
  readonly sendCpu: number;
  readonly hashes: string;
  readonly fallbacks: number;
}

async function firstOpen(file: string, text: string, fromDisk: boolean, path?: string): Promise<Open> {
  const server = await startServer({}, { transport: 'ipc', ...(path ? { path } : {}), ...(fromDisk ? { experimental: { [OPEN_FROM_DISK_CAPABILITY]: true } } : {}) });
  const pid = server.process.pid!;
  let fallbacks = 0;
  server.connection.onRequest('qualys/documentText', () => {
    fallbacks++;
    return { version: 1, text };
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const uri = pathToFileURL(file).toString();
    const cpu0 = cpuMs(pid);
    const t0 = performance.now();
    const published = server.nextDiagnostics(uri, 1);
    const u0 = process.cpuUsage();
    if (fromDisk) {
      // What the extension knows without getText(): the file's stat, lineCount, offsetAt(end), two lines.
      const info = statSync(file);
      const params: OpenFromDiskParams = { uri, languageId: 'xml', version: 1, size: info.size, mtimeMs: info.mtimeMs, ...describeText(text) };
      void server.connection.sendNotification('qualys/openFromDisk', params);
    } else {
      void server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
    }
    const u = process.cpuUsage(u0);
    const diagnostics = await published;
    const wall = performance.now() - t0;
    const cpu = cpuMs(pid) - cpu0;
    const doc = { textDocument: { uri } };
    const hashes = [hash(diagnostics), hash(await server.connection.sendRequest('textDocument/documentSymbol', doc)), hash(await server.connection.sendRequest('textDocument/foldingRange', doc))].join(' ');
    return { wall, cpu, sendCpu: (u.user + u.system) / 1000, hashes, fallbacks };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const text = generateProfiles(profiles);
  const file = join(tmpdir(), 'diskOpenProbe.xml');
  writeFileSync(file, text);
  const xsd = join(__dirname, '..', 'server', 'data', 'option_profiles.xsd');
  console.log(`${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  const ways: ReadonlyArray<readonly [string, boolean, string | undefined]> = before
    ? [
        ['fromDisk, before', true, before],
        ['fromDisk', true, undefined],
      ]
    : [
        ['didOpen', false, undefined],
        ['fromDisk', true, undefined],
      ];
  const results: Record<string, Open[]> = Object.fromEntries(ways.map(([name]) => [name, []]));
  const xmllint: Array<{ wall: number; cpu: number }> = [];
  for (let r = 0; r < rounds; r++) {
    for (const [name, fromDisk, path] of r % 2 === 0 ? ways : [...ways].reverse()) {
      const o = await firstOpen(file, text, fromDisk, path);
      results[name]!.push(o);
      console.log(`round ${r} ${name}: ${o.wall.toFixed(0)} wall / ${o.cpu.toFixed(0)} server CPU / ${o.sendCpu.toFixed(1)} send CPU ms  load ${loadavg()[0]!.toFixed(2)}`);
    }
    const t0 = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', '%U %S', 'xmllint', '--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
    const [u, s] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    xmllint.push({ wall: performance.now() - t0, cpu: (u! + s!) * 1000 });
  }
  const lintWall = median(xmllint.map((x) => x.wall));
  const lintCpu = median(xmllint.map((x) => x.cpu));
  console.log(`xmllint (median of ${rounds}): ${lintWall.toFixed(0)} wall / ${lintCpu.toFixed(0)} CPU`);
  for (const [name] of ways) {
    const xs = results[name]!;
    const wall = median(xs.map((x) => x.wall));
    const cpu = median(xs.map((x) => x.cpu));
    console.log(
      `${name} (median of ${rounds}): ${wall.toFixed(0)} wall / ${cpu.toFixed(0)} server CPU / ${median(xs.map((x) => x.sendCpu)).toFixed(1)} send CPU; / xmllint ${(wall / lintWall).toFixed(2)}x wall, ${(cpu / lintCpu).toFixed(2)}x CPU; server CPU ${xs.map((x) => x.cpu).join(' ')}; fallbacks ${xs.reduce((n, x) => n + x.fallbacks, 0)}`,
    );
  }
  const same = new Set(Object.values(results).flatMap((xs) => xs.map((x) => x.hashes)));
  console.log(`diagnostics, outline, folding identical both ways: ${same.size === 1} (${[...same].join(' | ')})`);
  console.log(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
}

void main();
