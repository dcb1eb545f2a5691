/**
 * `npx tsx bench/ipcFloorProbe.ts [ROUNDS]`: the transport's floor for a large didOpen. A child
 * process forked as the extension forks its server (Node IPC, `serialization: 'advanced'`, and
 * `json` for comparison) receives the generated 10 MB option profile document inside an LSP-shaped
 * message and only answers its length: no parse, no validation. Prints each round's round trip
 * (wall) and the child's CPU for that message, medians, xmllint --schema on the same file, and the
 * load average. What a language server cannot go under for a first open, before it reads a byte.
 */
import { fork, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './benchRow';
import { generateProfiles } from './optionProfile.bench';

const CHILD = `process.on('message', (m) => { const u = process.cpuUsage(); process.send({ length: m.params.textDocument.text.length, cpuMs: (u.user + u.system) / 1000 }); });`;

interface Round {
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function rounds(text: string, serialization: 'advanced' | 'json', count: number): Promise<Round[]> {
  const script = join(tmpdir(), 'ipc-floor-child.js');
  writeFileSync(script, CHILD);
  const child = fork(script, [], { serialization, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const answer = (): Promise<{ length: number; cpuMs: number }> => new Promise((resolve) => child.once('message', resolve as (m: unknown) => void));
  const send = (body: string): void => {
    child.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///big.xml', languageId: 'xml', version: 1, text: body } } });
  };
  send('');
  let lastCpu = (await answer()).cpuMs;
  const out: Round[] = [];
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const start = performance.now();
    send(text);
    const { length, cpuMs } = await answer();
    if (length !== text.length) throw new Error('the child received another text');
    out.push({ wallMs: performance.now() - start, cpuMs: cpuMs - lastCpu });
    lastCpu = cpuMs;
  }
  child.kill();
  return out;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 7);
  const text = generateProfiles();
  const file = join(tmpdir(), 'ipc-floor-profiles.xml');
  writeFileSync(file, text);
  const load = loadavg().map((n) => n.toFixed(2)).join(' / ');
  for (const mode of ['advanced', 'json'] as const) {
    const measured = await rounds(text, mode, count);
    console.log(`${mode}: round trip ${measured.map((r) => r.wallMs.toFixed(0)).join(' ')} ms (median ${median(measured.map((r) => r.wallMs)).toFixed(0)}); child CPU ${measured.map((r) => r.cpuMs.toFixed(0)).join(' ')} ms (median ${median(measured.map((r) => r.cpuMs)).toFixed(0)})`);
  }
  const xsd = join(__dirname, '..', 'server', 'data', 'option_profiles.xsd');
  const lint: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file]);
    lint.push(performance.now() - start);
  }
  console.log(`xmllint --noout --nonet --schema, same file: ${lint.map((ms) => ms.toFixed(0)).join(' ')} ms (median ${median(lint).toFixed(0)})`);
  console.log(`${(text.length / 1e6).toFixed(1)} MB; load average before ${load}, after ${loadavg().map((n) => n.toFixed(2)).join(' / ')}`);
}

void main();
