/**
 * The simulator's host list detection at scale: a 100,000-host account (about 2,000,000 detections)
 * costs no memory until a page is listed, and a page of 1,000 hosts is generated on the fly. The
 * reference in the same run is the simulator's host list page of the same 1,000 hosts (details=All).
 */
import { performance } from 'node:perf_hooks';
import { startSimulator } from '../simulator/src/index';
import { median, type BenchRow } from './benchRow';

const HOSTS = 100_000;
const AUTH = { Authorization: `Basic ${Buffer.from('bench:bench').toString('base64')}`, 'X-Requested-With': 'bench' };

async function timed(url: string, runs: number): Promise<{ wall: number; cpu: number; bytes: number }> {
  const walls: number[] = [];
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const response = await fetch(url, { headers: AUTH });
    bytes = (await response.arrayBuffer()).byteLength;
    walls.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: median(walls), cpu: (cpu.user + cpu.system) / 1000 / runs, bytes };
}

export default async function bench(): Promise<BenchRow[]> {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const sim = await startSimulator({ port: 0, hosts: HOSTS, user: 'bench', password: 'bench', seed: 1, rateLimit: { limit: 100_000, windowSec: 3600 } });
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  try {
    const page = `${sim.url}/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=1000&show_qds=1&status=New,Active,Re-Opened,Fixed&id_min=2350000`;
    await timed(page, 2);
    const detections = await timed(page, 7);
    const hosts = await timed(`${sim.url}/api/2.0/fo/asset/host/?action=list&details=All&truncation_limit=1000&id_min=2350000`, 7);
    return [
      { area: 'simulator', metric: `heap for a ${HOSTS.toLocaleString('en-US')}-host account (detections included)`, value: Math.max(0, Math.round((heapAfter - heapBefore) / 1024)), unit: 'KiB' },
      { area: 'simulator', metric: `detection page, 1,000 hosts (${Math.round(detections.bytes / 1e6)} MB)`, value: detections.wall, unit: 'ms' },
      { area: 'simulator', metric: 'detection page, 1,000 hosts, CPU time (mean, server and client)', value: detections.cpu, unit: 'ms' },
      { area: 'simulator', metric: `host list page, the same 1,000 hosts (${Math.round(hosts.bytes / 1e6)} MB, reference)`, value: hosts.wall, unit: 'ms' },
      { area: 'simulator', metric: 'detection page / host list page, CPU time', value: detections.cpu / hosts.cpu, unit: 'x' },
    ];
  } finally {
    await sim.close();
  }
}
