/**
 * Assertions on a real-sized answer: a 1,000-host page of the simulator's host list (details=All,
 * about 1.8 MB). Four assertions (two XPath, a status, a header) as one request's evaluation: the
 * slimdom parse once, then fontoxpath per expression. The reference is `xmllint --xpath count(//HOST)`
 * on the same file in the same run (its time includes its process start). CPU time besides wall
 * time, and the load average, because the machine is shared.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, type BenchRow } from './benchRow';
import { startSimulator } from '../simulator/src/index';
import { readAssertionLine, toAssertion, type Assertion } from '../server/src/request/assertions';
import { evaluateAssertions } from '../client/src/runner/evaluate';

const AREA = 'assertions';

function assertion(line: string): Assertion {
  const read = toAssertion(line, readAssertionLine(line, 0, line.length), 0);
  if (!read.ok) throw new Error(read.problem);
  return read.assertion;
}

export default async function assertionsBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [{ area: AREA, metric: 'load average (1 min) at start', value: loadavg()[0]!, unit: '' }];
  const sim = await startSimulator({ port: 0, hosts: 1000, user: 'bench', password: 'bench' });
  let body: string;
  try {
    const response = await fetch(`${sim.url}/api/2.0/fo/asset/host/?action=list&truncation_limit=1000&details=All&show_tags=1`, {
      headers: { Authorization: `Basic ${Buffer.from('bench:bench').toString('base64')}`, 'X-Requested-With': 'bench' },
    });
    body = await response.text();
  } finally {
    await sim.close();
  }
  const lines = ['?? xpath count(//HOST) == 1000', "?? xpath //HOST[TRACKING_METHOD='IP'][last()]/IP exists", '?? status == 200', '?? header x-ratelimit-remaining > 0'].map(assertion);
  const answer = { status: 200, headers: { 'x-ratelimit-remaining': '100' }, body, durationMs: 0, size: Buffer.byteLength(body) };
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 4; i++) {
    const wall0 = performance.now();
    const cpu0 = process.cpuUsage();
    const results = evaluateAssertions(lines, answer);
    const cpu = process.cpuUsage(cpu0);
    if (results.some((r) => r.outcome !== 'passed')) throw new Error(`an assertion failed: ${results.map((r) => r.message).join('; ')}`);
    if (i === 0) continue; // the first run loads fontoxpath and slimdom
    walls.push(performance.now() - wall0);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  rows.push({ area: AREA, metric: `1,000-host page (${(answer.size / 1048576).toFixed(1)} MB), 4 assertions: wall`, value: median(walls), unit: 'ms' });
  rows.push({ area: AREA, metric: '1,000-host page, 4 assertions: CPU', value: median(cpus), unit: 'ms' });
  const dir = mkdtempSync(join(tmpdir(), 'qualys-assert-bench-'));
  try {
    const file = join(dir, 'hosts.xml');
    writeFileSync(file, body.replace(/<!DOCTYPE[^>]*>/, ''));
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const run = spawnSync('xmllint', ['--nonet', '--xpath', 'count(//HOST)', file], { encoding: 'utf8' });
      if (run.error) return rows;
      times.push(performance.now() - start);
    }
    rows.push({ area: AREA, metric: 'xmllint --xpath count(//HOST), same file (reference): wall', value: median(times), unit: 'ms' });
    rows.push({ area: AREA, metric: 'ratio of the 4 assertions to xmllint (wall)', value: median(walls) / median(times), unit: 'x' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
