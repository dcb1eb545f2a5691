/**
 * QPS bodies in request files: loading the QPS catalog (read, merge and check every module file),
 * diagnostics of 2,000 distinct QPS requests (searches with Criteria and preferences, tag creates
 * and host asset updates, some mistakes) cold and after editing one, and Criteria field completion.
 * Wall time beside CPU time; the load average shows how busy the shared machine was.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildQpsCatalog, mergeQpsFiles, readQpsFiles } from '../server/src/qps/qpsCatalog';
import { RequestService } from '../server/src/request/requestService';
import { parseXml } from '../server/src/xml/xmlParser';
import { median, type BenchRow } from './benchRow';

const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

const templates = [
  (i: number) =>
    `POST {{baseUrl}}/qps/rest/2.0/search/am/hostasset?fields=id,name\nContent-Type: text/xml\n\n<ServiceRequest>\n  <preferences><limitResults>${(i % 900) + 100}</limitResults><startFromOffset>${i + 1}</startFromOffset></preferences>\n  <filters>\n    <Criteria field="tagName" operator="EQUALS">Cloud Agent ${i}</Criteria>\n    <Criteria field="lastCheckedIn" operator="LESSER">2024-0${(i % 9) + 1}-01</Criteria>\n    <Criteria field="qwebHostId" operator="IN">${i},${i + 1},${i + 2}</Criteria>\n  </filters>\n</ServiceRequest>\n`,
  (i: number) =>
    `POST {{baseUrl}}/qps/rest/2.0/create/am/tag\nContent-Type: text/xml\n\n<ServiceRequest><data><Tag><name>tag ${i}</name><color>#FF0000</color><ruleType>OS_REGEX</ruleType><ruleText>.*Linux ${i}.*</ruleText><children><set><TagSimple><name>child ${i}</name></TagSimple></set></children></Tag></data></ServiceRequest>\n`,
  (i: number) =>
    `POST {{baseUrl}}/qps/rest/3.0/search/was/finding\nContent-Type: text/xml\n\n<ServiceRequest><filters><Criteria field="webApp.id" operator="EQUALS">${i}</Criteria><Criteria field="status" operator="IN">NEW,ACTIVE</Criteria><Criteria field="severty" operator="GREATER">${i % 5}</Criteria></filters></ServiceRequest>\n`,
  (i: number) =>
    `POST {{baseUrl}}/qps/rest/2.0/update/am/hostasset\nContent-Type: text/xml\n\n<ServiceRequest><filters><Criteria field="id" operator="IN">${i},${i + 7}</Criteria></filters><data><HostAsset><tags><add><TagSimple><id>${i}</id></TagSimple></add></tags></HostAsset></data></ServiceRequest>\n`,
];

export function generate(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`### request ${i}\n${templates[i % templates.length]!(i)}`);
  return parts.join('\n');
}

function time(fn: (run: number) => void, runs: number): { wall: number; cpu: number } {
  const samples: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(i);
    samples.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: median(samples), cpu: (cpu.user + cpu.system) / 1000 / runs };
}

export default async function bench(): Promise<BenchRow[]> {
  // Load: what the server does once at start (files read, merged and checked).
  const load = time(() => buildQpsCatalog(mergeQpsFiles(readQpsFiles())), 20);

  const text = generate(2000);
  const service = new RequestService();
  let version = 0;
  const fresh = (content: string, uri = 'file:///qps-bench.qualys') => TextDocument.create(uri, 'qualys-request', ++version, content);
  let count = 0;
  for (let i = 0; i < 3; i++) count = service.diagnostics(fresh(text, `file:///qps-warm${i}.qualys`), token).length;
  const cold = time((run) => service.diagnostics(fresh(text, `file:///qps-cold${run}.qualys`), token), 10);
  // Reference in the same run: only parsing the 2,000 bodies with the server's XML parser.
  const bodies = text.split('### request ').map((block) => block.slice(block.indexOf('<ServiceRequest>')));
  const parse = time(() => {
    for (const body of bodies) parseXml(body);
  }, 10);
  const middle = text.indexOf('### request 1000\n');
  const valueAt = text.indexOf('Cloud Agent ', middle) + 'Cloud Agent '.length;
  service.diagnostics(fresh(text), token);
  const edit = time((run) => {
    const edited = `${text.slice(0, valueAt)}${run}${text.slice(valueAt)}`;
    if (service.diagnostics(fresh(edited), token).length !== count) throw new Error('qps bench: the problem count changed');
  }, 15);
  // The same edits with the texts built beforehand: what the server's diagnostics take once the
  // document has its new text (building and flattening a 0.7 MB string is the bench's own work above).
  const ready = Array.from({ length: 15 }, (_, run) => {
    const edited = `${text.slice(0, valueAt)}x${run}${text.slice(valueAt)}`;
    edited.indexOf('\u0001');
    return fresh(edited);
  });
  const editReady = time((run) => service.diagnostics(ready[run]!, token), 15);
  const cursor = text.indexOf('field="', text.indexOf('### request 1996\n')) + 'field="'.length;
  let items = 0;
  const completion = time(() => {
    const document = fresh(text);
    items = service.completion(document, document.positionAt(cursor), token)?.items.length ?? 0;
  }, 30).wall;
  if (items < 20) throw new Error(`qps bench: expected the host asset fields, got ${items} items`);

  return [
    { area: 'QPS bodies', metric: 'QPS catalog load (read, merge, check 4 files)', value: load.wall, unit: 'ms', target: '<= 50 ms', ok: load.wall <= 50 },
    { area: 'QPS bodies', metric: `diagnostics, 2,000 QPS requests, cold (${count} problems)`, value: cold.wall, unit: 'ms', target: '<= 100 ms', ok: cold.wall <= 100 },
    { area: 'QPS bodies', metric: 'diagnostics, 2,000 QPS requests, cold, CPU time (mean)', value: cold.cpu, unit: 'ms' },
    { area: 'QPS bodies', metric: 'reference: XML parse of the 2,000 bodies alone', value: parse.wall, unit: 'ms' },
    { area: 'QPS bodies', metric: 'cold diagnostics / XML parse alone', value: cold.wall / parse.wall, unit: 'x' },
    { area: 'QPS bodies', metric: 'diagnostics after editing one QPS request of 2,000', value: edit.wall, unit: 'ms', target: '<= 10 ms', ok: edit.wall <= 10 },
    { area: 'QPS bodies', metric: 'diagnostics after editing one QPS request, CPU time (mean)', value: edit.cpu, unit: 'ms' },
    { area: 'QPS bodies', metric: 'the same, the edited text built beforehand, CPU time (mean)', value: editReady.cpu, unit: 'ms' },
    { area: 'QPS bodies', metric: 'Criteria field completion in a 2,000-request file', value: completion, unit: 'ms', target: '<= 10 ms', ok: completion <= 10 },
    { area: 'QPS bodies', metric: 'load average (1 min) during the QPS bench', value: loadavg()[0]!, unit: '' },
  ];
}
