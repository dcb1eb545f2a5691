/**
 * API client throughput: list 100,000 hosts (details=All, pages of 1000) through the client, and
 * compare with merely transferring the same pages over loopback (the limit the client cannot beat).
 *
 * The server runs in a child process so that the memory measured here is the client's alone. It is
 * the Qualys simulator (simulator/src/index.ts, `startSimulator`) when that is present; until it is,
 * a stand-in that writes host pages shaped like the seed's HOST_LIST_OUTPUT, and the rows say so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Agent, request } from 'undici';
import type { BenchRow } from './benchRow';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { listHosts } from '../client/src/api/ops/hosts';
import { parseHostList } from '../client/src/api/parse/hostList';
import { QualysClient } from '../client/src/api/client';
import { ConcurrencyLimiter } from '../client/src/api/limiter';
import { resolveEndpoints } from '../client/src/api/platforms';

const HOSTS = 100_000;
const PAGE_SIZE = 1000;
const USER = 'bench';
const PASSWORD = 'bench-password';
const SIMULATOR = join(__dirname, '..', 'simulator', 'src', 'index.ts');

/** Child-process server: prints its base URL on stdout, then serves until killed. */
const SERVER_SCRIPT = String.raw`
const useSimulator = process.env.BENCH_SIMULATOR;
async function main() {
  if (useSimulator) {
    const { startSimulator } = require(useSimulator);
    const sim = await startSimulator({ port: 0, hosts: ${HOSTS}, user: '${USER}', password: '${PASSWORD}', seed: 1 });
    process.stdout.write(sim.url + '\n');
    return;
  }
  const http = require('node:http');
  const hostXml = (id) => '<HOST><ID>' + id + '</ID><IP>10.' + ((id >> 16) & 255) + '.' + ((id >> 8) & 255) + '.' + (id & 255) + '</IP>' +
    '<TRACKING_METHOD>IP</TRACKING_METHOD><NETWORK_ID>0</NETWORK_ID><DNS><![CDATA[host-' + id + '.corp.example]]></DNS>' +
    '<DNS_DATA><HOSTNAME><![CDATA[host-' + id + ']]></HOSTNAME><DOMAIN><![CDATA[corp.example]]></DOMAIN><FQDN><![CDATA[host-' + id + '.corp.example]]></FQDN></DNS_DATA>' +
    '<NETBIOS><![CDATA[HOST-' + id + ']]></NETBIOS><OS><![CDATA[Windows Server 2019 Datacenter 64 bit Edition Version 1809]]></OS>' +
    '<TAGS><TAG><TAG_ID>' + (7000000 + id % 50) + '</TAG_ID><NAME><![CDATA[Site ' + (id % 50) + ']]></NAME></TAG><TAG><TAG_ID>7514462</TAG_ID><NAME><![CDATA[WindowsOS]]></NAME></TAG></TAGS>' +
    '<LAST_VULN_SCAN_DATETIME>2021-01-12T08:17:14Z</LAST_VULN_SCAN_DATETIME><LAST_VM_SCANNED_DATE>2021-01-12T08:17:14Z</LAST_VM_SCANNED_DATE>' +
    '<LAST_VM_SCANNED_DURATION>139</LAST_VM_SCANNED_DURATION><LAST_COMPLIANCE_SCAN_DATETIME>2021-01-12T08:20:00Z</LAST_COMPLIANCE_SCAN_DATETIME>' +
    '<USER_DEF><VALUE_1 ud_attr="Location"><![CDATA[Paris]]></VALUE_1><VALUE_2 ud_attr="Function"><![CDATA[Web]]></VALUE_2></USER_DEF></HOST>';
  http.createServer((req, res) => {
    const q = new URL(req.url, 'http://x').searchParams;
    const limit = Number(q.get('truncation_limit') || 1000);
    const from = Number(q.get('id_min') || 1);
    const last = Math.min(${HOSTS}, from + limit - 1);
    res.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8', 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '299', 'x-ratelimit-window-sec': '3600', 'x-ratelimit-towait-sec': '0', 'x-concurrency-limit-limit': '2', 'x-concurrency-limit-running': '1' });
    let body = '<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE HOST_LIST_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/asset/host/host_list_output.dtd">\n<HOST_LIST_OUTPUT><RESPONSE><DATETIME>2021-02-01T08:23:10Z</DATETIME><HOST_LIST>';
    for (let id = from; id <= last; id++) body += hostXml(id);
    body += '</HOST_LIST>';
    if (last < ${HOSTS}) body += '<WARNING><CODE>1980</CODE><TEXT>' + limit + ' record limit exceeded. Use URL to get next batch of results.</TEXT><URL><![CDATA[http://' + req.headers.host + '/api/2.0/fo/asset/host/?action=list&truncation_limit=' + limit + '&id_min=' + (last + 1) + ']]></URL></WARNING>';
    body += '<GLOSSARY><USER_DEF><LABEL_1><![CDATA[Location]]></LABEL_1><LABEL_2><![CDATA[Function]]></LABEL_2></USER_DEF></GLOSSARY></RESPONSE></HOST_LIST_OUTPUT>';
    res.end(body);
  }).listen(0, '127.0.0.1', function () { process.stdout.write('http://127.0.0.1:' + this.address().port + '\n'); });
}
main().catch((e) => { console.error(e); process.exit(1); });
`;

function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const env = { ...process.env, ...(existsSync(SIMULATOR) ? { BENCH_SIMULATOR: SIMULATOR } : {}) };
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', SERVER_SCRIPT], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ url: line.trim(), child });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

/** Samples heap and RSS while `work` runs; answers the peaks above the starting point. */
async function withMemory<T>(work: () => Promise<T>): Promise<{ value: T; heapMb: number; rssMb: number }> {
  global.gc?.();
  const base = process.memoryUsage();
  let heap = base.heapUsed;
  let rss = base.rss;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    heap = Math.max(heap, now.heapUsed);
    rss = Math.max(rss, now.rss);
  }, 10);
  try {
    const value = await work();
    return { value, heapMb: (heap - base.heapUsed) / 2 ** 20, rssMb: (rss - base.rss) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** A full garbage collection, to see what the client retains rather than what it has not yet freed. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Heap still held after each page (full GC first), over the first `pages` pages: the client's retention. */
async function retainedPerPage(client: QualysClient, pages: number): Promise<number> {
  const gc = collector();
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  for await (const page of listHosts(client, { pageSize: PAGE_SIZE, maxPages: pages })) {
    if (!page.ok) throw new Error(page.error.message);
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  }
  return peak / 2 ** 20;
}

/** Milliseconds per call of `work`, median of a few runs after one warm-up. */
function msPer(work: () => unknown, runs = 5): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export default async function apiClientBench(): Promise<BenchRow[]> {
  const server = await startServer();
  const source = existsSync(SIMULATOR) ? 'simulator' : 'stand-in server';
  const area = `api client (${source})`;
  try {
    const endpoints = resolveEndpoints({ url: server.url });
    if (!endpoints.ok) throw new Error(endpoints.error.message);
    const client = new QualysClient({ endpoints: endpoints.value, credentials: { username: USER, password: PASSWORD }, limiter: new ConcurrencyLimiter() });

    // The client: every page fetched, checked and parsed into typed hosts, one page at a time.
    const idMins: string[] = [];
    const started = performance.now();
    const run = await withMemory(async () => {
      let hosts = 0;
      for await (const page of listHosts(client, { pageSize: PAGE_SIZE })) {
        if (!page.ok) throw new Error(page.error.message);
        hosts += page.value.hosts.length;
        if (page.value.nextIdMin) idMins.push(page.value.nextIdMin);
      }
      return hosts;
    });
    const clientMs = performance.now() - started;
    const retainedMb = await retainedPerPage(client, 20);
    await client.close();

    // The limit: the same requests over loopback, bodies read and dropped.
    const agent = new Agent();
    const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    let bytes = 0;
    const rawStarted = performance.now();
    for (const idMin of [undefined, ...idMins]) {
      const url = new URL('/api/2.0/fo/asset/host/', server.url);
      for (const [k, v] of Object.entries({ action: 'list', details: 'All', show_tags: '1', host_metadata: 'all', show_cloud_tags: '1', truncation_limit: String(PAGE_SIZE) })) url.searchParams.set(k, v);
      if (idMin) url.searchParams.set('id_min', idMin);
      const response = await request(url, { dispatcher: agent, headers: { authorization: auth, 'x-requested-with': 'bench' } });
      for await (const chunk of response.body) bytes += (chunk as Buffer).length;
    }
    const rawMs = performance.now() - rawStarted;
    await agent.close();

    // Where a page's time goes: validation, fast-xml-parser itself, and the whole typed parse.
    const firstPage = new URL('/api/2.0/fo/asset/host/', server.url);
    for (const [k, v] of Object.entries({ action: 'list', details: 'All', show_tags: '1', host_metadata: 'all', show_cloud_tags: '1', truncation_limit: String(PAGE_SIZE) })) firstPage.searchParams.set(k, v);
    const pageBody = await (await request(firstPage, { headers: { authorization: auth, 'x-requested-with': 'bench' } })).body.text();
    const bare = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
    const validateMs = msPer(() => XMLValidator.validate(pageBody));
    const fxpMs = msPer(() => bare.parse(pageBody));
    const typedMs = msPer(() => parseHostList(pageBody));

    const hostsPerSec = run.value / (clientMs / 1000);
    return [
      { area, metric: 'hosts listed', value: run.value, unit: 'hosts', target: `= ${HOSTS}`, ok: run.value === HOSTS },
      { area, metric: 'client throughput', value: Math.round(hostsPerSec), unit: 'hosts/s' },
      { area, metric: 'client time', value: clientMs / 1000, unit: 's' },
      { area, metric: 'transfer only (the limit)', value: rawMs / 1000, unit: 's' },
      { area, metric: 'bytes transferred', value: Math.round(bytes / 2 ** 20), unit: 'MiB' },
      { area, metric: 'client time / transfer time', value: clientMs / rawMs, unit: 'x' },
      { area, metric: `page of ${PAGE_SIZE}: XML validation`, value: validateMs, unit: 'ms' },
      { area, metric: `page of ${PAGE_SIZE}: fast-xml-parser alone`, value: fxpMs, unit: 'ms' },
      { area, metric: `page of ${PAGE_SIZE}: whole typed parse`, value: typedMs, unit: 'ms' },
      { area, metric: 'heap held between pages (after GC)', value: retainedMb, unit: 'MiB', target: '<= 16 MiB (one page at a time)', ok: retainedMb <= 16 },
      { area, metric: 'peak heap growth while listing', value: run.heapMb, unit: 'MiB' },
      { area, metric: 'peak RSS growth while listing', value: run.rssMb, unit: 'MiB', target: '<= 256 MiB', ok: run.rssMb <= 256 },
    ];
  } finally {
    server.child.kill();
  }
}
