/**
 * How rows should cross from the API worker to the extension host's thread: 100,000 host rows in
 * messages of 100, as arrays of objects (structured clone, what worker/main.ts sends) or as JSON
 * strings parsed on arrival. The figure that matters is this thread's CPU (the extension host's);
 * the process's CPU adds the worker's side. Median of 3 runs each, alternating.
 */
import { Worker } from 'node:worker_threads';
import { median, type BenchRow } from './benchRow';
import { threadCpuNs } from './measure';

const ROWS = 100_000;
const BATCH = 100;

const WORKER = `
const { parentPort } = require('node:worker_threads');
const row = (i) => ({ id: String(100000 + i), ip: '10.0.' + ((i >> 8) & 255) + '.' + (i & 255), dns: 'host-' + i + '.corp.example', fqdn: 'host-' + i + '.corp.example', netbios: 'HOST-' + i, os: 'Windows Server 2019 Datacenter 64 bit Edition Version 1809', trackingMethod: 'IP', ...(i % 3 === 0 ? { cloud: true } : {}) });
parentPort.on('message', (mode) => {
  for (let b = 0; b < ${ROWS / BATCH}; b++) {
    const batch = Array.from({ length: ${BATCH} }, (_, k) => row(b * ${BATCH} + k));
    parentPort.postMessage(mode === 'json' ? JSON.stringify(batch) : batch);
  }
  parentPort.postMessage('done');
});`;

async function run(mode: 'clone' | 'json'): Promise<{ main: number; process: number }> {
  const worker = new Worker(WORKER, { eval: true });
  await new Promise((resolve) => worker.once('online', resolve));
  let rows = 0;
  const main0 = threadCpuNs() ?? 0;
  const all0 = process.cpuUsage();
  await new Promise<void>((resolve) => {
    worker.on('message', (message: unknown) => {
      if (message === 'done') return resolve();
      const batch = typeof message === 'string' ? (JSON.parse(message) as unknown[]) : (message as unknown[]);
      rows += batch.length;
    });
    worker.postMessage(mode);
  });
  const all = process.cpuUsage(all0);
  const main = ((threadCpuNs() ?? 0) - main0) / 1e6;
  await worker.terminate();
  if (rows !== ROWS) throw new Error(`received ${rows} rows`);
  return { main, process: (all.user + all.system) / 1000 };
}

export default async function workerMessagesBench(): Promise<BenchRow[]> {
  if (threadCpuNs() === undefined) return [];
  const runs: Record<'clone' | 'json', { main: number; process: number }[]> = { clone: [], json: [] };
  await run('clone');
  for (let i = 0; i < 3; i++) for (const mode of ['clone', 'json'] as const) runs[mode].push(await run(mode));
  const area = 'worker messages';
  const rows: BenchRow[] = [];
  for (const mode of ['clone', 'json'] as const) {
    const main = median(runs[mode].map((r) => r.main));
    const cpu = median(runs[mode].map((r) => r.process));
    rows.push({ area, metric: `100,000 host rows in batches of 100 as ${mode === 'clone' ? 'objects (structured clone; chosen)' : 'JSON strings parsed on arrival'}: this thread's CPU`, value: main, unit: 'ms', cpuMs: cpu });
  }
  return rows;
}
