/**
 * Response XML of hostile shapes: the API client's streaming scanner (client/src/api/stream), fed in
 * 64 KiB chunks as undici delivers them and with every text wanted (its slowest use), on a single
 * large text node, attribute value, run of references, white space inside a tag and many small
 * elements, at 2 and 8 MiB. Linear time means the 8 MiB run costs about 4 times the 2 MiB one;
 * the reference is `xmllint --noout --nonet` on the same file in the same run (its time includes its
 * process start). CPU time is measured besides wall time, and the load average is printed, because
 * the machine is shared.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, type BenchRow } from './benchRow';
import { XmlScanner, type XmlEvents } from '../client/src/api/stream/xmlScanner';

const AREA = 'response XML';
const MIB = 2 ** 20;

const SHAPES: Readonly<Record<string, (bytes: number) => string>> = {
  'one text node': (n) => `<A><B>${'Windows Server '.repeat(n / 15)}</B></A>`,
  'one attribute value': (n) => `<A><B c="${'x'.repeat(n)}"/></A>`,
  'text of &amp; only': (n) => `<A><B>${'&amp;'.repeat(n / 5)}</B></A>`,
  'white space in a tag': (n) => `<A${' '.repeat(n)}></A>`,
  'elements <B>x</B>': (n) => `<A>${'<B>x</B>'.repeat(n / 8)}</A>`,
};

const WANT_ALL: XmlEvents = { open: () => true, close: () => undefined };

/** Whether the scanner reads the document, fed in 64 KiB chunks of bytes. */
function scan(bytes: Buffer): boolean {
  const scanner = new XmlScanner(WANT_ALL);
  for (let at = 0; at < bytes.length; at += 64 * 1024) scanner.write(bytes.subarray(at, at + 64 * 1024));
  return scanner.end() === undefined;
}

function cpuMs(work: () => unknown): { wall: number; cpu: number } {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  work();
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - wall0, cpu: (cpu.user + cpu.system) / 1000 };
}

function xmllintMs(file: string): number | undefined {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--huge', file], { encoding: 'utf8' });
    if (run.error) return undefined;
    if (run.status !== 0) throw new Error(`xmllint rejects the generated file: ${run.stderr.slice(0, 300)}`);
    times.push(performance.now() - start);
  }
  return median(times);
}

export default function responseXmlBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [{ area: AREA, metric: 'load average (1 min) at start', value: loadavg()[0]!, unit: '' }];
  const dir = mkdtempSync(join(tmpdir(), 'qualys-xml-bench-'));
  try {
    for (const [shape, make] of Object.entries(SHAPES)) {
      const cpu: number[] = [];
      for (const mib of [2, 8]) {
        const doc = make(mib * MIB);
        const bytes = Buffer.from(doc);
        scan(Buffer.from(make(64 * 1024))); // warm
        // Median of 7: the 2 MiB runs take under 10 ms, which one GC pause or a busy neighbour doubles.
        const runs = Array.from({ length: 7 }, () => {
          const result = { ok: false };
          const time = cpuMs(() => Object.assign(result, { ok: scan(bytes) }));
          if (!result.ok) throw new Error(`${shape}: the scanner refused the generated document`);
          return time;
        });
        const ours = { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
        cpu.push(ours.cpu);
        const file = join(dir, 'doc.xml');
        writeFileSync(file, doc);
        const theirs = xmllintMs(file);
        rows.push({ area: AREA, metric: `${shape}, ${mib} MiB: scanner wall / CPU`, value: ours.wall, unit: `ms (CPU ${Math.round(ours.cpu)} ms)` });
        if (theirs !== undefined) rows.push({ area: AREA, metric: `${shape}, ${mib} MiB: scanner / xmllint --noout`, value: ours.wall / theirs, unit: `x (xmllint ${Math.round(theirs)} ms)` });
      }
      const growth = cpu[1]! / Math.max(cpu[0]!, 1);
      rows.push({ area: AREA, metric: `${shape}: CPU 8 MiB / 2 MiB`, value: growth, unit: 'x', target: '<= 6 (linear: 4)', ok: growth <= 6 });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Promise.resolve(rows);
}
