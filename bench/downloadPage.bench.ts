/**
 * The API worker's work on one detection page of a "Download all pages", alone: the simulator's
 * first page of the vulnerabilities bench (1,000 hosts of the 10,000-host account, seed 4, every
 * status, information gathered and results included) is recorded once, then fed in the 64 KiB
 * pieces feedSink gives, to:
 * - TextDecoder over the pieces, streaming: the decoding alone, as the scanner did it before it read
 *   ASCII chunks as Latin-1 (the reference the other rows are compared to);
 * - the detection reader with the `full` fields, records dropped (scanner and rule reader);
 * - the same, each record written as a JSON Lines or a CSV line into a DownloadFile (the download).
 * Modes alternate, 7 runs each after 2 warm-up runs; CPU time of this thread (one thread does all
 * of it), median.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../simulator/src/index';
import { detectionReader } from '../client/src/api/parse/detectionList';
import { DownloadFile } from '../client/src/download/downloadFile';
import { csvColumns, csvHeader } from '../client/src/download/downloadRecords';
import { detectionLines } from '../client/src/worker/download';
import { median, type BenchRow } from './benchRow';
import { threadCpuNs } from './measure';

const AREA = 'download page';
const PIECE = 64 * 1024;
const PARAMS = 'action=list&truncation_limit=1000&show_igs=1&status=New,Active,Re-Opened,Fixed';

async function recordPage(): Promise<Buffer> {
  const sim = await startSimulator({ port: 0, hosts: 10_000, user: 'bench', password: 'bench', seed: 4, rateLimit: { limit: 100_000, windowSec: 3600 } });
  try {
    const response = await fetch(`${sim.url}/api/2.0/fo/asset/host/vm/detection/?${PARAMS}`, { headers: { Authorization: `Basic ${Buffer.from('bench:bench').toString('base64')}`, 'X-Requested-With': 'bench' } });
    return Buffer.from(await response.arrayBuffer());
  } finally {
    await sim.close();
  }
}

function feed(page: Buffer, write: (piece: Buffer) => void): void {
  for (let at = 0; at < page.length; at += PIECE) write(page.subarray(at, at + PIECE));
}

type Mode = (page: Buffer, dir: string) => number;

const decodeOnly: Mode = (page) => {
  const decoder = new TextDecoder('utf-8');
  let chars = 0;
  feed(page, (piece) => (chars += decoder.decode(piece, { stream: true }).length));
  return chars;
};

const readOnly: Mode = (page) => {
  let records = 0;
  const reader = detectionReader(() => records++, 'full');
  feed(page, (piece) => reader.write(piece));
  if (!reader.end().ok) throw new Error('the page did not read');
  return records;
};

function download(format: 'jsonl' | 'csv'): Mode {
  return (page, dir) => {
    const columns = format === 'csv' ? csvColumns('detections') : undefined;
    const file = DownloadFile.create(join(dir, `page.${format}`), { output: format, kind: 'detections', path: '/api/2.0/fo/asset/host/vm/detection/', params: {}, ...(columns ? { columns } : {}) }, columns ? csvHeader(columns) : undefined);
    const reader = detectionReader(detectionLines(format, columns, (head, rest) => file.record(head, rest)), 'full');
    feed(page, (piece) => reader.write(piece));
    if (!reader.end().ok) throw new Error('the page did not read');
    file.endPage(undefined);
    const records = file.progress.records;
    file.finish();
    return records;
  };
}

export default async function downloadPageBench(): Promise<BenchRow[]> {
  const page = await recordPage();
  const dir = mkdtempSync(join(tmpdir(), 'download-page-'));
  try {
    const modes: [string, Mode][] = [
      ['TextDecoder alone', decodeOnly],
      ['detection reader, full fields, records dropped', readOnly],
      ['reader + JSON Lines into the file', download('jsonl')],
      ['reader + CSV into the file', download('csv')],
    ];
    const times = modes.map(() => [] as number[]);
    let records = 0;
    for (let run = 0; run < 9; run++) {
      modes.forEach(([, mode], i) => {
        const start = threadCpuNs() ?? 0;
        const count = mode(page, dir);
        if (i === 1) records = count;
        if (run >= 2) times[i]!.push(((threadCpuNs() ?? 0) - start) / 1e6);
      });
    }
    const mib = page.length / 2 ** 20;
    const floor = median(times[0]!);
    return modes.map(([name], i) => {
      const ms = median(times[i]!);
      return { area: AREA, metric: `${name}: ${mib.toFixed(1)} MiB page, ${records.toLocaleString('en-US')} detections, CPU ms (median of 7; ${(mib / (ms / 1000)).toFixed(0)} MiB/s, ${(ms / floor).toFixed(1)}x TextDecoder)`, value: ms, unit: 'ms', cpuMs: ms };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
