/**
 * Request files: a generated file of 5,000 requests (every endpoint family, query strings and
 * multi-line form bodies, JSON bodies, some mistakes). Diagnostics of a document never seen (every
 * request parsed and validated), diagnostics after an edit of one request (the per-request cache
 * serves the rest), each with its CPU time beside the wall time, and completion right after an edit
 * (no parsed model cached for the new version).
 */
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildCatalog, loadRequestCatalog, mergeCatalogFiles, readCatalogFiles } from '../server/src/request/catalogLoader';
import { pathVerdict } from '../server/src/request/pathNearMiss';
import { RequestService } from '../server/src/request/requestService';
import { runnableRequests } from '../server/src/request/runnableFile';
import { median, type BenchRow } from './benchRow';

const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

const templates = [
  (i: number) => `GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&details=All&ids=${i}&truncation_limit=500\nX-Requested-With: bench\n`,
  (i: number) => `POST {{baseUrl}}/api/2.0/fo/auth/windows/\nContent-Type: application/x-www-form-urlencoded\n\naction=create&title=w${i}&username=root\n&asset_type=asset_tags&tag_set_by=name&tags_include=WindowsOS&tag_include_selector=all\n`,
  (i: number) => `POST {{baseUrl}}/api/2.0/fo/asset/host/\nContent-Type: application/x-www-form-urlencoded\n\naction=update&ips=10.0.${i % 250}.1&host_dns=h${i}.example.com&new_tracking_method=DNS&new_ud1=loc${i}\n`,
  (i: number) => `POST {{gatewayUrl}}/pcrs/1.0/posture/postureInfo?evidenceRequired=1&compressionRequired=0&lastScanDateFrom=2025-01-01&lastScanDateTo=2025-02-0${(i % 9) + 1}\nContent-Type: application/json\n\n[{"policyId":"${i}","subscriptionId":"1","hostIds":["1"]}]\n`,
  (i: number) => `POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/pc/\n\naction=update&id=${i}&enable_instance_data_collection=1&instance_data_collection_auth_types=MongoDB,Orcale\n`,
  (i: number) => `GET {{baseUrl}}/api/2.0/fo/auth/oracle/?action=list&detials=All&ids=${i}\n`,
  // Asset groups, appliances, exceptions and a v1 call (issue 9).
  (i: number) => `POST {{baseUrl}}/api/2.0/fo/asset/group/\nContent-Type: application/x-www-form-urlencoded\n\naction=edit&id=${i}&add_ips=10.1.${i % 250}.0/24&set_business_impact=High&set_cvss_enviro_cdp=medium-high\n`,
  (i: number) => `GET {{baseUrl}}/api/2.0/fo/appliance/?action=list&output_mode=full&ids=${i}&busy=1\n`,
  (i: number) => `POST {{baseUrl}}/api/2.0/fo/compliance/exception/?action=update&exception_numbers=${i}-${i + 5}&status=Approved&end_date=12/31/2026&comments=ok\n`,
  (i: number) => `GET {{baseUrl}}/msp/ticket_list.php?states=OPEN,RESOLVED&since_ticket_number=${i}&show_vuln_details=1\n`,
  // VM families (issue 9): detections, scan launch, scan schedule.
  (i: number) => `GET {{baseUrl}}/api/2.0/fo/asset/host/vm/detection/?action=list&status=New,Active,Fixed&severities=4-5&show_qds=1&qds_min=${(i % 90) + 1}&truncation_limit=500&id_min=${i}\n`,
  (i: number) => `POST {{baseUrl}}/api/2.0/fo/scan/\nContent-Type: application/x-www-form-urlencoded\n\naction=launch&scan_title=s${i}&ip=10.${i % 250}.0.1-10.${i % 250}.0.254&option_title=Initial Options&priority=${i % 12}\n`,
  (i: number) => `POST {{baseUrl}}/api/2.0/fo/schedule/scan/\nContent-Type: application/x-www-form-urlencoded\n\naction=create&scan_title=w${i}&active=1&option_id=${i + 1}&ip=10.0.0.${i % 250}&occurrence=weekly&frequency_weeks=1&weekdays=sunday&start_hour=${i % 24}&start_minute=0&time_zone_code=US-CA\n`,
  // Paths as real code writes them: another API version (partial), a documented path without an
  // entry, a near miss, a path nobody knows.
  (i: number) => `GET {{baseUrl}}/api/5.0/fo/asset/host/?action=list&details=All&ids=${i}&show_trurisk=1&a_version_5_name=1\n`,
  (i: number) => `POST {{baseUrl}}/api/2.0/fo/asset/vhost/?action=list&ids=${i}\n`,
  (i: number) => `GET {{baseUrl}}/api/2.0/fo/asset/hots/?action=list&ids=${i}\n`,
  (i: number) => `GET {{baseUrl}}/api/2.0/fo/nothing_${i % 97}/?action=list&ids=${i}\n`,
];

export function generate(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`### request ${i}\n${templates[i % templates.length]!(i)}`);
  return parts.join('\n');
}

/** Median wall time and mean CPU time (user + system) of `runs` calls: on a shared machine the
 *  wall clock also counts waiting for a core, the CPU time only the work. */
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
  const text = generate(5000);
  const service = new RequestService();
  let version = 0;
  const fresh = (content: string, uri = 'file:///bench.qualys') => TextDocument.create(uri, 'qualys-request', ++version, content);
  let count = 0;
  // Warm up the JIT and the catalog (process-wide memos such as endpoint matches stay warm).
  for (let i = 0; i < 3; i++) count = service.diagnostics(fresh(text, `file:///warm${i}.qualys`), token).length;
  // Cold: a document the service has never seen, every request parsed and validated.
  const cold = time((run) => service.diagnostics(fresh(text, `file:///cold${run}.qualys`), token), 15);
  // Edit: one request in the middle changes (a value typed), then the whole file is re-checked;
  // the other 4,999 requests come from the per-request cache, moved to their line.
  const middle = text.indexOf('### request 2500\n');
  const valueAt = text.indexOf('ids=', middle) + 'ids='.length;
  service.diagnostics(fresh(text), token);
  const edit = time((run) => {
    const edited = `${text.slice(0, valueAt)}${run}${text.slice(valueAt)}`;
    if (service.diagnostics(fresh(edited), token).length !== count) throw new Error('edit bench: the problem count changed');
  }, 15);

  const line = '### request 4998\n';
  const at = text.indexOf(line) + line.length;
  const edited = `${text.slice(0, at)}GET {{baseUrl}}/api/2.0/fo/auth/unix/?action=list&details=\n\n${text.slice(at)}`;
  const cursor = at + 'GET {{baseUrl}}/api/2.0/fo/auth/unix/?action=list&details='.length;
  let items = 0;
  const completion = time(() => {
    const document = fresh(edited);
    items = service.completion(document, document.positionAt(cursor), token)?.items.length ?? 0;
  }, 30).wall;
  if (items !== 3) throw new Error(`completion bench: expected 3 items, got ${items}`);
  const hover = time(() => {
    const document = fresh(edited);
    service.hover(document, document.positionAt(cursor - 3), token);
  }, 30).wall;

  // Run All Requests: every request of the file resolved (qualys/resolveFile), with a `# @name` on each.
  const named = text.replace(/^### request (\d+)\n/gm, '### request $1\n# @name r$1\n');
  let resolvedCount = 0;
  const runAll = time(() => {
    resolvedCount = runnableRequests(loadRequestCatalog(), named).length;
  }, 5);
  if (resolvedCount !== 5000) throw new Error(`run all bench: expected 5,000 requests, got ${resolvedCount}`);

  // Catalog load as at server start: read the family files, parse, merge, validate and resolve.
  const load = time(() => buildCatalog(mergeCatalogFiles(readCatalogFiles())), 15);
  // The first verdict on a path without an entry (known path, near miss, other version or none):
  // 1,000 paths never seen before, each compared with every catalogued and known path.
  let pathRun = 0;
  const verdicts = time(() => {
    const run = pathRun++;
    const catalog = loadRequestCatalog();
    for (let i = 0; i < 1000; i++) pathVerdict(catalog, `/api/2.0/fo/r${run}x${i}/list/`);
  }, 5);

  return [
    { area: 'request files', metric: `catalog load (${loadRequestCatalog().endpoints.length} entries)`, value: load.wall, unit: 'ms', target: '<= 50 ms', ok: load.wall <= 50 },
    { area: 'request files', metric: `diagnostics, 5,000 requests, cold (${count} problems)`, value: cold.wall, unit: 'ms', target: '<= 100 ms', ok: cold.wall <= 100 },
    { area: 'request files', metric: 'diagnostics, 5,000 requests, cold, CPU time (mean)', value: cold.cpu, unit: 'ms' },
    { area: 'request files', metric: 'diagnostics after editing one request of 5,000', value: edit.wall, unit: 'ms', target: '<= 100 ms', ok: edit.wall <= 100 },
    { area: 'request files', metric: 'diagnostics after editing one request, CPU time (mean)', value: edit.cpu, unit: 'ms' },
    { area: 'request files', metric: 'completion in a 5,000-request file', value: completion, unit: 'ms', target: '<= 10 ms', ok: completion <= 10 },
    { area: 'request files', metric: 'hover in a 5,000-request file', value: hover, unit: 'ms' },
    { area: 'request files', metric: 'Run All: resolve 5,000 named requests (qualys/resolveFile)', value: runAll.wall, unit: 'ms', wallMs: runAll.wall, cpuMs: runAll.cpu },
    { area: 'request files', metric: 'first verdict on 1,000 distinct paths without an entry', value: verdicts.wall, unit: 'ms' },
    { area: 'request files', metric: 'file size', value: Math.round(text.length / 1024), unit: 'KiB' },
  ];
}
