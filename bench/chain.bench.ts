/**
 * Chained requests: the cost of one reference's value in an answer (chainValue.ts: parse with
 * slimdom, evaluate with fontoxpath), on a scan launch's SIMPLE_RETURN and on a 5,000-host page,
 * beside xmllint --xpath on the same file (which parses and evaluates in C) as the reference ratio.
 * The value runs on the extension host's thread when a chained request is sent.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chainValue, type ChainAnswer } from '../client/src/requests/exchange/chainValue';
import { median, type BenchRow } from './benchRow';

const AREA = 'chained requests';

function hostPage(count: number): string {
  let hosts = '';
  for (let i = 0; i < count; i++) hosts += `<HOST><ID>${100000 + i}</ID><IP>10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}</IP><TRACKING_METHOD>IP</TRACKING_METHOD><DNS><![CDATA[host${i}.example.com]]></DNS><OS><![CDATA[Linux 5.x]]></OS></HOST>`;
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<HOST_LIST_OUTPUT><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><HOST_LIST>${hosts}</HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>\n`;
}

const LAUNCH = `<?xml version="1.0" encoding="UTF-8" ?>\n<SIMPLE_RETURN><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><TEXT>New vm scan launched</TEXT><ITEM_LIST><ITEM><KEY>ID</KEY><VALUE>40001</VALUE></ITEM><ITEM><KEY>REFERENCE</KEY><VALUE>scan/1700000001.40001</VALUE></ITEM></ITEM_LIST></RESPONSE></SIMPLE_RETURN>\n`;

/** Median wall and CPU time of `runs` fresh evaluations (a fresh answer each time: no parse cache). */
function measure(body: string, path: string, runs: number): { wall: number; cpu: number; value: string } {
  const walls: number[] = [];
  const cpus: number[] = [];
  let value = '';
  for (let i = 0; i < runs; i++) {
    const answer: ChainAnswer = { status: 200, headers: {}, body };
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = chainValue({ text: path, name: 'x', kind: 'xpath', path }, answer);
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
    if (!result.ok) throw new Error(result.message);
    value = result.value;
  }
  return { wall: median(walls), cpu: median(cpus), value };
}

function xmllint(file: string, path: string, runs: number): number | undefined {
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const run = spawnSync('xmllint', ['--nonet', '--xpath', `string(${path})`, file], { encoding: 'utf8' });
    if (run.error || run.status !== 0) return undefined;
    walls.push(performance.now() - start);
  }
  return median(walls);
}

export default function chainBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'chain-bench-'));
  try {
    for (const [label, body, path, runs, target] of [
      ['scan launch SIMPLE_RETURN', LAUNCH, "//ITEM[KEY='REFERENCE']/VALUE", 50, 16],
      ['5,000-host page', hostPage(5000), "//HOST[ID='104999']/IP", 5, undefined],
    ] as const) {
      measure(body, path, 2);
      const ours = measure(body, path, runs);
      rows.push({ area: AREA, metric: `XPath value in a ${label} (${(body.length / 1e6).toFixed(2)} MB), wall`, value: ours.wall, unit: 'ms', ...(target ? { target: `<= ${target} ms`, ok: ours.wall <= target } : {}) });
      rows.push({ area: AREA, metric: `XPath value in a ${label}, CPU`, value: ours.cpu, unit: 'ms' });
      const file = join(dir, 'answer.xml');
      writeFileSync(file, body);
      const reference = xmllint(file, path, runs);
      if (reference === undefined) rows.push({ area: AREA, metric: 'xmllint not installed: no comparison', value: 0, unit: '' });
      else rows.push({ area: AREA, metric: `  ours / xmllint --xpath (process start included) on the ${label}`, value: ours.wall / reference, unit: 'x' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Promise.resolve(rows);
}
