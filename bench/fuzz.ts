/**
 * `npm run fuzz -- [--docs N] [--seed N] [--positions N]`: the long fuzz run of the language server
 * (test/protocol/fuzzer.ts, the same fuzzer as the bounded run in the test suite), 25,000 documents
 * by default. Builds dist/server.js first when it is missing. Lists every failure with the file it
 * wrote and the command that replays it; exits 1 when there is one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { describeFailure, runFuzz } from '../test/protocol/fuzzer';
import { serverPath } from '../test/protocol/lspClient';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number`);
  return value;
}

async function main(): Promise<void> {
  const documents = option('docs', 25_000);
  const seed = option('seed', Math.floor(Math.random() * 2 ** 31));
  const positions = option('positions', 3);
  if (!existsSync(serverPath)) spawnSync(process.execPath, [join(__dirname, '..', 'esbuild.mjs')], { stdio: 'inherit' });
  process.stderr.write(`fuzz: ${documents} documents, seed ${seed}, ${positions} positions each\n`);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const report = await runFuzz({
    seed,
    documents,
    positions,
    onProgress: (done) => {
      if (done % 1000 === 0) process.stderr.write(`  ${done} documents, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    },
  });
  const cpu = process.cpuUsage(cpu0);
  console.log(`seed ${seed}: ${report.documents} documents, ${report.requests} answers in ${((performance.now() - t0) / 1000).toFixed(1)} s wall (client CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s), load average ${loadavg()[0]!.toFixed(1)}`);
  console.log(`slowest answer: ${report.slowestMs.toFixed(0)} ms (${report.slowest})`);
  console.log(`documents by kind: ${[...report.byKind].map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
  console.log(`failures: ${report.failures.length}`);
  for (const failure of report.failures) console.log(`- ${describeFailure(failure, seed)}`);
  if (report.failures.length > 0) process.exitCode = 1;
}

void main();
