/**
 * Option profile language features: speed and memory (issue 2, "Speed and memory").
 *
 * - the seed's import sample: full diagnostics (parse + validate), median, in-process;
 * - a generated 10 MB file of 2,000 profiles: full diagnostics, completion at several places right
 *   after an edit (a new, unparsed version), the language server's memory with it open;
 * - xmllint --schema on the same file and XSD, with our time beside it as a ratio.
 * The big file is generated here (never committed). Wall times are the targets; CPU time is shown
 * beside them because the machine is shared.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createOptionProfileService } from '../server/src/optionProfile';
import { dataPath } from '../server/src/util/dataPath';
import { serverPath, startServer } from '../test/protocol/lspClient';
import { median, type BenchRow } from './benchRow';

const AREA = 'option profile';
const samples = join(__dirname, '..', 'test', 'server', 'optionProfile', 'samples');
const silent = { error: (m: string) => process.stderr.write(`${m}\n`), info: () => undefined };

/** One rich, valid profile: the synthetic VM sample plus the seed sample's PC sections, re-indented. */
function richProfile(): string {
  const vm = readFileSync(join(samples, 'vm-synthetic.xml'), 'utf8');
  const seed = readFileSync(join(samples, 'seed000-import.xml'), 'utf8');
  const cut = (t: string, open: string, close: string): string => t.slice(t.indexOf(open), t.indexOf(close) + close.length);
  let p = cut(vm, '<OPTION_PROFILE>', '</OPTION_PROFILE>');
  p = p.replace('<SYSTEM_AUTH_RECORD>', `${cut(seed, '<DISSOLVABLE_AGENT>', '</DISSOLVABLE_AGENT>')}\n<SYSTEM_AUTH_RECORD>`);
  p = p.replace('</SCAN>', `${cut(seed, '<FILE_INTEGRITY_MONITORING>', '</CONTROL_TYPES>')}\n</SCAN>`);
  p = p.replace('</ADDITIONAL>', `</ADDITIONAL>\n${cut(seed, '<INSTANCE_DATA_COLLECTION>', '</INSTANCE_DATA_COLLECTION>')}`);
  let depth = 1;
  return p
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      if (line.startsWith('</')) depth--;
      const out = '    '.repeat(depth) + line;
      if (!line.startsWith('</') && !line.includes('</') && !line.endsWith('/>')) depth++;
      return out;
    })
    .join('\n');
}

/** 2,000 profiles (about 10 MB), each with its own ID and GROUP_NAME. */
export function generateProfiles(count = 2000): string {
  const profile = richProfile();
  const parts = ['<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE OPTION_PROFILES SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/subscription/option_profile/option_profile_info.dtd">\n<OPTION_PROFILES>\n'];
  for (let i = 0; i < count; i++) {
    parts.push(profile.replace('<ID>1000001</ID>', `<ID>${1000001 + i}</ID>`).replace('Synthetic VM profile', `Generated profile ${i + 1}`), '\n');
  }
  parts.push('</OPTION_PROFILES>\n');
  return parts.join('');
}

function time<T>(fn: () => T): { wall: number; cpu: number; result: T } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, result };
}

let version = 0;
const fresh = (text: string, uri = 'file:///bench.xml'): TextDocument => TextDocument.create(uri, 'xml', ++version, text);

function seedRows(): BenchRow[] {
  const service = createOptionProfileService(silent);
  const text = readFileSync(join(samples, 'seed000-import.xml'), 'utf8');
  for (let i = 0; i < 100; i++) service.diagnostics(fresh(text), CancellationToken.None);
  const walls: number[] = [];
  for (let i = 0; i < 500; i++) walls.push(time(() => service.diagnostics(fresh(text), CancellationToken.None)).wall);
  const value = median(walls);
  return [{ area: AREA, metric: 'seed import sample: diagnostics (median, in-process)', value, unit: 'ms', target: '<= 2 ms', ok: value <= 2 }];
}

function bigRows(big: string): { rows: BenchRow[]; ours: number } {
  const service = createOptionProfileService(silent);
  const rows: BenchRow[] = [];
  // Warm-up: the JIT and the content model's lazily built automata.
  for (let i = 0; i < 2; i++) service.diagnostics(fresh(big), CancellationToken.None);
  const runs = Array.from({ length: 5 }, () => time(() => service.diagnostics(fresh(big), CancellationToken.None)));
  const problems = runs[0]!.result.length;
  const wall = median(runs.map((r) => r.wall));
  rows.push({ area: AREA, metric: `10 MB / 2,000 profiles (${(big.length / 1e6).toFixed(1)} MB, ${problems} problems): full diagnostics, wall (median of 5)`, value: wall, unit: 'ms', target: '<= 300 ms', ok: wall <= 300 });
  rows.push({ area: AREA, metric: '10 MB: full diagnostics, CPU time (median of 5)', value: median(runs.map((r) => r.cpu)), unit: 'ms' });

  // Completion right after a keystroke: the document is updated incrementally (as TextDocuments does
  // on didChange) and completion runs on the new, never parsed version.
  const places: Array<[string, (t: string) => number, string]> = [
    ['element, profile 1', (t) => t.indexOf('<SCAN>') + '<SCAN>'.length, '<'],
    ['element, profile 1,000', (t) => nth(t, '<PERFORMANCE>', 1000) + '<PERFORMANCE>'.length, '<'],
    ['value, profile 1,500', (t) => nth(t, '<OVERALL_PERFORMANCE>', 1500 * 2) + '<OVERALL_PERFORMANCE>'.length, ''],
    ['end tag, profile 2,000', (t) => t.lastIndexOf('</ADDITIONAL>') + 2, ''],
    ['after the last profile (2,000 siblings)', (t) => t.lastIndexOf('</OPTION_PROFILES>'), '<'],
  ];
  let worst = 0;
  let worstPlace = '';
  let worstCpu = 0;
  for (const [label, at, typed] of places) {
    const document = TextDocument.create('file:///typing.xml', 'xml', 1, big);
    document.positionAt(0);
    let offset = at(big);
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < 15; i++) {
      if (typed) {
        const position = document.positionAt(offset);
        TextDocument.update(document, [{ range: { start: position, end: position }, text: typed }], document.version + 1);
        offset += typed.length;
      } else {
        TextDocument.update(document, [{ range: { start: document.positionAt(0), end: document.positionAt(0) }, text: '' }], document.version + 1);
      }
      const position = document.positionAt(offset);
      const run = time(() => service.completion(document, position, CancellationToken.None));
      if (!run.result || run.result.items.length === 0) throw new Error(`no completion at ${label}`);
      walls.push(run.wall);
      cpus.push(run.cpu);
      if (typed) {
        // Undo the keystroke so every repetition sees the same text.
        const start = document.positionAt(offset - typed.length);
        TextDocument.update(document, [{ range: { start, end: document.positionAt(offset) }, text: '' }], document.version + 1);
        offset -= typed.length;
      }
    }
    const value = median(walls.slice(3));
    const cpu = median(cpus.slice(3));
    process.stderr.write(`  completion at ${label}: wall ${value.toFixed(2)} ms, CPU ${cpu.toFixed(2)} ms\n`);
    if (value > worst) {
      worst = value;
      worstPlace = label;
    }
    worstCpu = Math.max(worstCpu, cpu);
  }
  rows.push({ area: AREA, metric: `10 MB: completion after an edit, worst of 5 places (${worstPlace}), wall (median of 12)`, value: worst, unit: 'ms', target: '<= 10 ms', ok: worst <= 10 });
  rows.push({ area: AREA, metric: '10 MB: completion after an edit, worst of 5 places, CPU time', value: worstCpu, unit: 'ms' });
  return { rows, ours: wall };
}

function nth(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) at = text.indexOf(needle, at + 1);
  return at;
}

async function memoryRows(big: string): Promise<BenchRow[]> {
  if (!existsSync(serverPath)) spawnSync(process.execPath, [join(__dirname, '..', 'esbuild.mjs')], { stdio: 'inherit' });
  const server = await startServer();
  try {
    const rssOf = (field: string): number => {
      const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
      return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
    };
    const idle = rssOf('VmRSS');
    const uri = 'file:///big.xml';
    const published = server.nextDiagnostics(uri, 1);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: big } });
    await published;
    await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 100, character: 8 } });
    await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    await server.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
    const open = rssOf('VmRSS');
    const peak = rssOf('VmHWM');
    return [
      { area: AREA, metric: 'server RSS, idle', value: idle, unit: 'MB' },
      { area: AREA, metric: 'server RSS with the 10 MB file open (after diagnostics, outline, folding)', value: open, unit: 'MB', target: '<= 200 MB', ok: open <= 200 },
      { area: AREA, metric: 'server peak RSS (VmHWM)', value: peak, unit: 'MB', target: '<= 200 MB', ok: peak <= 200 },
    ];
  } finally {
    await server.stop();
  }
}

function xmllintRows(big: string, ours: number): BenchRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'op-bench-'));
  try {
    const file = join(dir, 'profiles.xml');
    writeFileSync(file, big);
    const walls: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', dataPath('option_profiles.xsd'), file], { encoding: 'utf8' });
      if (run.error) return [{ area: AREA, metric: 'xmllint not installed: no comparison', value: 0, unit: '' }];
      if (run.status !== 0) throw new Error(`xmllint rejects the generated file: ${run.stderr.slice(0, 500)}`);
      walls.push(performance.now() - t0);
    }
    const theirs = median(walls);
    return [
      { area: AREA, metric: '10 MB: xmllint --noout --nonet --schema (median of 3, incl. process start)', value: theirs, unit: 'ms' },
      { area: AREA, metric: '10 MB: xmllint time / our diagnostics time', value: theirs / ours, unit: 'x' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function optionProfileBench(): Promise<BenchRow[]> {
  const rows = seedRows();
  const big = generateProfiles();
  const { rows: bigRowsList, ours } = bigRows(big);
  rows.push(...bigRowsList);
  rows.push(...(await memoryRows(big)));
  rows.push(...xmllintRows(big, ours));
  return rows;
}
