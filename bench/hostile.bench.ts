/**
 * Hostile inputs (issue 10, finding 1): every 1 MB document of test/protocol/hostileInputs.ts is
 * opened in a fresh dist/server.js; the wall and CPU time to its diagnostics, the server's peak
 * memory (VmHWM), the number of diagnostics and the longest message are recorded, then the outline,
 * folding, completion, hover and code lenses are asked for. Targets: diagnostics within 1 s of
 * server CPU and 300 MB; the five requests within 1 s of CPU together. CPU time is the target because
 * the machine is shared: the wall time beside it depends on the neighbours (the load average is
 * printed). The reference is a 1 MB plain text document (no service reads it): what opening and
 * publishing cost on their own.
 *
 * `npx tsx bench/hostile.bench.ts [filter|filter...]` prints one line per document (the table rows
 * are the worst); a filter keeps the documents whose 'kind: shape' contains it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { hostileDocuments, type HostileDocument } from '../test/protocol/hostileInputs';
import { serverPath, startServer } from '../test/protocol/lspClient';
import type { BenchRow } from './benchRow';

const AREA = 'hostile input';
const TIMEOUT_MS = 20_000;

export interface HostileResult {
  readonly document: HostileDocument;
  /** Wall time from didOpen to published diagnostics; Infinity when none came within the timeout. */
  readonly diagnosticsMs: number;
  /** Server CPU time (user + system) from didOpen to the diagnostics (10 ms resolution). */
  readonly diagnosticsCpuMs: number;
  /** Server CPU time of the five requests together. */
  readonly requestsCpuMs: number;
  /** The slowest of the five requests (wall), and which one it was. */
  readonly slowestRequestMs: number;
  readonly slowestRequest: string;
  readonly peakMb: number;
  readonly count: number;
  readonly longestMessage: number;
  readonly error?: string;
}

function peakOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

/** User + system CPU time of a process, from /proc (clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)))]).finally(() => clearTimeout(timer));
}

export async function measure(document: HostileDocument): Promise<HostileResult> {
  const server = await startServer();
  const pid = server.process.pid!;
  const uri = `file:///hostile/doc.${document.extension}`;
  let diagnostics: Diagnostic[] = [];
  let diagnosticsMs = Infinity;
  let diagnosticsCpuMs = NaN;
  let requestsCpuMs = NaN;
  let slowestRequestMs = 0;
  let slowestRequest = '';
  let error: string | undefined;
  try {
    await server.configured;
    const published = server.nextDiagnostics(uri, 1);
    const cpu0 = cpuOf(pid);
    const t0 = performance.now();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: document.languageId, version: 1, text: document.text } });
    const answer = await withTimeout(published, TIMEOUT_MS);
    if (answer === 'timeout') throw new Error(`no diagnostics in ${TIMEOUT_MS / 1000} s`);
    diagnosticsMs = performance.now() - t0;
    diagnosticsCpuMs = cpuOf(pid) - cpu0;
    diagnostics = answer.diagnostics;
    const middle = Math.floor(document.text.length / 2);
    const lines = document.text.slice(0, middle).split('\n');
    const position = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
    const requests: Array<[string, string, object]> = [
      ['outline', 'textDocument/documentSymbol', { textDocument: { uri } }],
      ['folding', 'textDocument/foldingRange', { textDocument: { uri } }],
      ['completion', 'textDocument/completion', { textDocument: { uri }, position }],
      ['hover', 'textDocument/hover', { textDocument: { uri }, position }],
      ['code lenses', 'textDocument/codeLens', { textDocument: { uri } }],
    ];
    const cpu1 = cpuOf(pid);
    for (const [label, method, params] of requests) {
      const t = performance.now();
      const result = await withTimeout(server.connection.sendRequest(method, params), TIMEOUT_MS);
      if (result === 'timeout') throw new Error(`${label}: no answer in ${TIMEOUT_MS / 1000} s`);
      const ms = performance.now() - t;
      if (ms > slowestRequestMs) [slowestRequestMs, slowestRequest] = [ms, label];
    }
    requestsCpuMs = cpuOf(pid) - cpu1;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const peakMb = peakOf(pid);
  if (error) server.process.kill('SIGKILL');
  else await server.stop();
  return {
    document,
    diagnosticsMs,
    diagnosticsCpuMs,
    requestsCpuMs,
    slowestRequestMs,
    slowestRequest,
    peakMb,
    count: diagnostics.length,
    longestMessage: diagnostics.reduce((longest, d) => Math.max(longest, String(d.message).length), 0),
    ...(error ? { error } : {}),
  };
}

function ensureBuilt(): void {
  if (!existsSync(serverPath)) spawnSync(process.execPath, [join(__dirname, '..', 'esbuild.mjs')], { stdio: 'inherit' });
}

const label = (r: HostileResult): string => `${r.document.kind}: ${r.document.name}`;

function line(r: HostileResult): string {
  const ms = (n: number): string => n.toFixed(0).padStart(5);
  return (
    `${label(r).padEnd(55)} diagnostics ${ms(r.diagnosticsMs)} ms wall, ${ms(r.diagnosticsCpuMs)} ms CPU; ${String(r.count).padStart(4)} of them, longest message ${String(r.longestMessage).padStart(3)}; ` +
    `peak ${r.peakMb.toFixed(0).padStart(3)} MB; five requests ${ms(r.requestsCpuMs)} ms CPU, slowest ${r.slowestRequest} ${r.slowestRequestMs.toFixed(0)} ms wall` +
    (r.error ? `  ERROR ${r.error}` : '')
  );
}

export default async function hostileBench(filter?: string): Promise<BenchRow[]> {
  ensureBuilt();
  const wanted = filter?.split('|');
  const documents = hostileDocuments(undefined, (name) => !wanted || wanted.some((w) => name.includes(w)));
  const reference = await measure({ name: '1 MB of plain text', kind: 'request file', languageId: 'plaintext', extension: 'txt', text: 'plain text\n'.repeat(90_910) });
  process.stderr.write(`  reference: ${line(reference)}\n`);
  const results: HostileResult[] = [];
  for (const document of documents) {
    const result = await measure(document);
    results.push(result);
    process.stderr.write(`  ${line(result)}\n`);
  }
  const worst = (pick: (r: HostileResult) => number): HostileResult => results.reduce((a, b) => (pick(b) > pick(a) ? b : a));
  const cpu = worst((r) => r.diagnosticsCpuMs);
  const wall = worst((r) => r.diagnosticsMs);
  const big = worst((r) => r.peakMb);
  const requests = worst((r) => r.requestsCpuMs);
  const many = worst((r) => r.count);
  const wordy = worst((r) => r.longestMessage);
  const failed = results.filter((r) => r.error);
  return [
    { area: AREA, metric: 'load average (1 min) at the end', value: loadavg()[0]!, unit: '' },
    { area: AREA, metric: 'reference: a 1 MB plain text document, open to (empty) diagnostics, wall', value: reference.diagnosticsMs, unit: 'ms' },
    { area: AREA, metric: `${results.length} documents of 1 MB: most diagnostics CPU (${label(cpu)}; ${cpu.diagnosticsMs.toFixed(0)} ms wall)`, value: cpu.diagnosticsCpuMs, unit: 'ms', target: '<= 1,000 ms', ok: cpu.diagnosticsCpuMs <= 1000 },
    { area: AREA, metric: `slowest diagnostics, wall (${label(wall)}), as a multiple of the reference`, value: wall.diagnosticsMs / reference.diagnosticsMs, unit: 'x' },
    { area: AREA, metric: `highest server peak RSS (${label(big)})`, value: big.peakMb, unit: 'MB', target: '<= 300 MB', ok: big.peakMb <= 300 },
    { area: AREA, metric: `outline, folding, completion, hover, lenses together, most CPU (${label(requests)}; slowest ${requests.slowestRequest} ${requests.slowestRequestMs.toFixed(0)} ms wall)`, value: requests.requestsCpuMs, unit: 'ms', target: '<= 1,000 ms', ok: requests.requestsCpuMs <= 1000 },
    { area: AREA, metric: `most diagnostics published for one document (${label(many)})`, value: many.count, unit: '', target: '<= 1,001', ok: many.count <= 1001 },
    { area: AREA, metric: `longest diagnostic message (${label(wordy)})`, value: wordy.longestMessage, unit: 'chars' },
    { area: AREA, metric: `documents without an answer or with an error${failed.length ? ` (${failed.map(label).join('; ')})` : ''}`, value: failed.length, unit: '', target: '0', ok: failed.length === 0 },
  ];
}

if (require.main === module) {
  void hostileBench(process.argv[2]).then((rows) => {
    for (const row of rows) console.log(`${row.metric}: ${row.value.toFixed(row.unit === 'x' || row.unit === '' ? 1 : 0)} ${row.unit}${row.target ? ` (target ${row.target}: ${row.ok ? 'met' : 'NOT met'})` : ''}`);
  });
}
