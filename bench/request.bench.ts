/**
 * Request files: a generated file of 5,000 requests (every endpoint family, query strings and
 * multi-line form bodies, some mistakes). Diagnostics of a new version (parse + validate) and
 * completion right after an edit (no parsed model cached for the new version).
 */
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RequestService } from '../server/src/request/requestService';
import { median, type BenchRow } from './benchRow';

const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

const templates = [
  (i: number) => `GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&details=All&ids=${i}&truncation_limit=500\nX-Requested-With: bench\n`,
  (i: number) => `POST {{baseUrl}}/api/2.0/fo/auth/windows/\nContent-Type: application/x-www-form-urlencoded\n\naction=create&title=w${i}&username=root\n&asset_type=asset_tags&tag_set_by=name&tags_include=WindowsOS&tag_include_selector=all\n`,
  (i: number) => `POST {{baseUrl}}/api/2.0/fo/asset/host/\nContent-Type: application/x-www-form-urlencoded\n\naction=update&ips=10.0.${i % 250}.1&host_dns=h${i}.example.com&new_tracking_method=DNS&new_ud1=loc${i}\n`,
  (i: number) => `POST {{gatewayUrl}}/pcrs/1.0/posture/postureInfo?evidenceRequired=1&compressionRequired=0&lastScanDateFrom=2025-01-01&lastScanDateTo=2025-02-0${(i % 9) + 1}\nContent-Type: application/json\n\n[{"policyId":"${i}","subscriptionId":"1","hostIds":["1"]}]\n`,
  (i: number) => `POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/pc/\n\naction=update&id=${i}&enable_instance_data_collection=1&instance_data_collection_auth_types=MongoDB,Orcale\n`,
  (i: number) => `GET {{baseUrl}}/api/2.0/fo/auth/oracle/?action=list&detials=All&ids=${i}\n`,
];

export function generate(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`### request ${i}\n${templates[i % templates.length]!(i)}`);
  return parts.join('\n');
}

function time(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export default async function bench(): Promise<BenchRow[]> {
  const text = generate(5000);
  const service = new RequestService();
  let version = 0;
  const fresh = (content: string) => TextDocument.create('file:///bench.qualys', 'qualys-request', ++version, content);
  let count = 0;
  // Warm up the JIT and the catalog.
  for (let i = 0; i < 3; i++) count = service.diagnostics(fresh(text), token).length;
  const diagnostics = time(() => service.diagnostics(fresh(text), token), 15);
  // CPU time of the same work: on a shared machine the wall clock also counts waiting for a core.
  const cpuStart = process.cpuUsage();
  const runs = 10;
  for (let i = 0; i < runs; i++) service.diagnostics(fresh(text), token);
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;

  const line = '### request 4998\n';
  const at = text.indexOf(line) + line.length;
  const edited = `${text.slice(0, at)}GET {{baseUrl}}/api/2.0/fo/auth/unix/?action=list&details=\n\n${text.slice(at)}`;
  const cursor = at + 'GET {{baseUrl}}/api/2.0/fo/auth/unix/?action=list&details='.length;
  let items = 0;
  const completion = time(() => {
    const document = fresh(edited);
    items = service.completion(document, document.positionAt(cursor), token)?.items.length ?? 0;
  }, 30);
  if (items !== 3) throw new Error(`completion bench: expected 3 items, got ${items}`);
  const hover = time(() => {
    const document = fresh(edited);
    service.hover(document, document.positionAt(cursor - 3), token);
  }, 30);

  return [
    { area: 'request files', metric: `diagnostics, 5,000 requests (${count} problems)`, value: diagnostics, unit: 'ms', target: '<= 100 ms', ok: diagnostics <= 100 },
    { area: 'request files', metric: 'diagnostics, 5,000 requests, CPU time (mean)', value: cpuMs, unit: 'ms' },
    { area: 'request files', metric: 'completion in a 5,000-request file', value: completion, unit: 'ms', target: '<= 10 ms', ok: completion <= 10 },
    { area: 'request files', metric: 'hover in a 5,000-request file', value: hover, unit: 'ms' },
    { area: 'request files', metric: 'file size', value: Math.round(text.length / 1024), unit: 'KiB' },
  ];
}
