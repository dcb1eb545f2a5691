/**
 * `npm run bench`: runs every bench/*.bench.ts and prints one table. Each bench module exports a
 * default async function returning rows; a row with a target says whether it was met.
 * `npm run bench -- NAME` runs only the modules whose file name contains NAME.
 */
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './benchRow';

async function main(): Promise<void> {
  const filter = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => !filter || name.includes(filter))
    .sort();
  const rows: BenchRow[] = [];
  const loadBefore = loadAverage();
  for (const file of files) {
    const module = (await import(join(__dirname, file))) as { default: () => Promise<BenchRow[]> };
    const produced = await module.default();
    rows.push(...produced);
    for (const row of produced) process.stderr.write(`  ${row.area}: ${row.metric} = ${format(row.value)} ${row.unit}\n`);
  }
  printTable(rows);
  // Absolute times on a shared machine are noise; the load says how much.
  console.log('wall ms: the measured work, start to end; CPU ms: the process (every thread) meanwhile; main ms: the main thread busy meanwhile.');
  console.log(`load average (1/5/15 min) on ${cpus().length} cores: before ${loadBefore}, after ${loadAverage()}`);
  if (rows.some((row) => row.ok === false)) process.exitCode = 1;
}

function format(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function loadAverage(): string {
  return loadavg().map((n) => n.toFixed(2)).join(' / ');
}

function ms(value: number | undefined): string {
  return value === undefined ? '' : format(value);
}

function printTable(rows: BenchRow[]): void {
  const header = ['area', 'metric', 'value', 'unit', 'target', 'met', 'wall ms', 'CPU ms', 'main ms'];
  const body = rows.map((row) => [
    row.area,
    row.metric,
    format(row.value),
    row.unit,
    row.target ?? '',
    row.ok === undefined ? '' : row.ok ? 'yes' : 'NO',
    ms(row.wallMs),
    ms(row.cpuMs),
    ms(row.mainMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of body) console.log(line(r));
}

void main();
