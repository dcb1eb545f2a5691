/**
 * Chained requests: the cost of one reference's value in an answer (chainValue.ts: parse with
 * slimdom, evaluate with fontoxpath), on a scan launch's SIMPLE_RETURN and on a 5,000-host page,
 * beside xmllint --xpath on the same file (which parses and evaluates in C) as the reference ratio.
 * That work runs in the chain worker (chainValues.ts); what the extension host's thread feels is
 * measured too: its longest block while a reference on the 5,000-host page is resolved through the
 * worker (its start included, then warm), beside the block the same value costs when computed on
 * the thread itself (as before the worker).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chainValue, type ChainAnswer } from '../client/src/requests/exchange/chainValue';
import { ChainValues } from '../client/src/requests/exchange/chainValues';
import { median, type BenchRow } from './benchRow';
import { blockRows, measure as measureBlocks, type Measured } from './measure';

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

/** The extension host's side of resolving a reference on `body`: through the worker, cold then warm; and in-process. */
async function hostBlocks(body: string, path: string): Promise<BenchRow[]> {
  const reference = { text: path, name: 'x', kind: 'xpath' as const, path };
  const values = new ChainValues();
  const expected = chainValue(reference, { status: 200, headers: {}, body });
  if (!expected.ok) throw new Error(expected.message);
  const check = (found: readonly { ok: boolean }[]): void => {
    if (JSON.stringify(found) !== JSON.stringify([expected])) throw new Error(`the worker answered ${JSON.stringify(found)}`);
  };
  try {
    // A fresh answer each time: the worker parses it again (its cache is keyed by the answer).
    const cold = await measureBlocks(() => values.values({ status: 200, headers: {}, body }, [reference]));
    check(cold.value);
    const warm: Measured<unknown>[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await measureBlocks(() => values.values({ status: 200, headers: {}, body }, [reference]));
      check(run.value);
      warm.push(run);
    }
    const here = await measureBlocks(() => chainValue(reference, { status: 200, headers: {}, body }));
    const area = AREA;
    return [
      ...blockRows(area, 'a reference on a 5,000-host answer, the chain worker started for it', [cold]),
      { area, metric: '  its wall time (worker start, copy, parse, evaluate)', value: cold.wallMs, unit: 'ms', wallMs: cold.wallMs, cpuMs: cold.cpuMs, mainMs: cold.mainMs },
      ...blockRows(area, 'a reference on a 5,000-host answer, the chain worker running', warm),
      { area, metric: '  its wall time (median of 3)', value: median(warm.map((m) => m.wallMs)), unit: 'ms', mainMs: median(warm.map((m) => m.mainMs)) },
      ...(here.maxCpuBlockMs !== undefined ? [{ area, metric: '  the same value on the thread itself (before the worker): its block', value: here.maxCpuBlockMs, unit: 'ms' }] : []),
    ];
  } finally {
    values.stop();
  }
}

export default async function chainBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'chain-bench-'));
  try {
    for (const [label, body, path, runs, target] of [
      ['scan launch SIMPLE_RETURN', LAUNCH, "//ITEM[KEY='REFERENCE']/VALUE", 50, 16],
      ['5,000-host page', hostPage(5000), "//HOST[ID='104999']/IP", 5, undefined],
    ] as const) {
      measure(body, path, 2);
      const ours = measure(body, path, runs);
      rows.push({ area: AREA, metric: `XPath value in a ${label} (${(body.length / 1e6).toFixed(2)} MB; in the chain worker), wall`, value: ours.wall, unit: 'ms', ...(target ? { target: `<= ${target} ms`, ok: ours.wall <= target } : {}) });
      rows.push({ area: AREA, metric: `XPath value in a ${label}, CPU`, value: ours.cpu, unit: 'ms' });
      const file = join(dir, 'answer.xml');
      writeFileSync(file, body);
      const reference = xmllint(file, path, runs);
      if (reference === undefined) rows.push({ area: AREA, metric: 'xmllint not installed: no comparison', value: 0, unit: '' });
      else rows.push({ area: AREA, metric: `  ours / xmllint --xpath (process start included) on the ${label}`, value: ours.wall / reference, unit: 'x' });
    }
    rows.push(...(await hostBlocks(hostPage(5000), "//HOST[ID='104999']/IP")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
