/**
 * The language server's own start (the activation benchmark stops when the process is forked):
 * fresh `dist/server.js --stdio` processes until they answer `initialize`, with the CPU time the
 * process used by then, and then the first request file each one checks (the request catalog is
 * read on first use, so its load is in that number, not in the start).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serverPath, startServer } from '../test/protocol/lspClient';
import { dataPath } from '../server/src/util/dataPath';
import { median, type BenchRow } from './benchRow';

const AREA = 'server start';
const RUNS = 5;

/** CPU time (user + system) a process has used, from /proc. */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

const REQUEST_FILE = [
  '### hosts',
  'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&details=All&truncation_limit=500',
  '',
  '### a typo',
  'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&detials=All',
  '',
].join('\n');

export default async function serverStartBench(): Promise<BenchRow[]> {
  if (!existsSync(serverPath)) spawnSync(process.execPath, [join(__dirname, '..', 'esbuild.mjs')], { stdio: 'inherit' });
  const starts: number[] = [];
  const startCpus: number[] = [];
  const firstRequests: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const server = await startServer();
    starts.push(performance.now() - t0);
    const pid = server.process.pid!;
    try {
      startCpus.push(processCpuMs(pid));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const uri = 'file:///first.qualys';
      const t1 = performance.now();
      const published = server.nextDiagnostics(uri, 1);
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'qualys-request', version: 1, text: REQUEST_FILE } });
      const diagnostics = await published;
      if (diagnostics.diagnostics.length === 0) throw new Error('the first request file should have a diagnostic (the typo)');
      firstRequests.push(performance.now() - t1);
    } finally {
      await server.stop();
    }
  }
  const catalog = join(dataPath('catalog/shared.json'), '..');
  const files = readdirSync(catalog).filter((name) => name.endsWith('.json'));
  const kib = Math.round(files.reduce((sum, name) => sum + statSync(join(catalog, name)).size, 0) / 1024);
  return [
    // CPU: the server process's by then (node's start, the module load, the services).
    { area: AREA, metric: `spawn until initialize is answered (median of ${RUNS})`, value: median(starts), unit: 'ms', wallMs: median(starts), cpuMs: median(startCpus) },
    { area: AREA, metric: `first request file's diagnostics, the request catalog read then (${files.length} files, ${kib} KiB)`, value: median(firstRequests), unit: 'ms', wallMs: median(firstRequests) },
  ];
}
