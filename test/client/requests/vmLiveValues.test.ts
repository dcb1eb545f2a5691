/**
 * Live values of issue 9 against the in-process simulator: scan references, report IDs, report
 * template IDs and search list IDs are fetched with the API client, pushed through the refresher to
 * a real RequestService, and completed where each belongs.
 */
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startSimulator } from '../../../simulator/src/index';
import { isMutatingRequest, listScans } from '../../../client/src/api';
import { parseScanList, parseSearchLists } from '../../../client/src/api/parse/vmLists';
import { fetchReportIds, fetchReportTemplateIds, fetchScanRefs, fetchSearchListIds } from '../../../client/src/requests/liveValues';
import { LiveValuesRefresher } from '../../../client/src/requests/liveValuesRefresher';
import { RequestService } from '../../../server/src/request/requestService';
import { FakeAccounts, MemoryLog, simClient } from './support';

const simPromise = startSimulator({ port: 0, seed: 11, hosts: 200, user: 'acme_tw1', password: 'Sim-Pa55 word!' });
const clients: { close(): Promise<void> }[] = [];
after(async () => {
  for (const client of clients) await client.close();
  await (await simPromise).close();
});

async function client() {
  const c = simClient(await simPromise);
  clients.push(c);
  return c;
}

const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
function complete(service: RequestService, marked: string): string[] {
  const offset = marked.indexOf('|');
  const document = TextDocument.create('file:///live.qualys', 'qualys-request', 1, marked.replace('|', ''));
  return service.completion(document, document.positionAt(offset), token)?.items.map((i) => i.label) ?? [];
}

test('scan references come from the VM and the compliance scan lists, grouped by kind and labelled with title and state', async () => {
  const c = await client();
  const result = await fetchScanRefs(c, new AbortController().signal);
  assert.ok(result.ok);
  const vm = result.value.filter((v) => v.group === 'vm');
  const compliance = result.value.filter((v) => v.group === 'compliance');
  assert.equal(vm.length, 24);
  assert.ok(vm.every((v) => v.value.startsWith('scan/') && /, (Finished|Running|Queued|Paused|Canceled|Error)$/.test(v.label ?? '')));
  assert.ok(compliance.length > 0 && compliance.every((v) => v.value.startsWith('compliance/')));
});

test('report, template and search list IDs: labels from their titles, templates grouped by the endpoint of their type', async () => {
  const c = await client();
  const signal = new AbortController().signal;
  const reports = await fetchReportIds(c, signal);
  assert.ok(reports.ok && reports.value.length >= 10 && reports.value.every((v) => /^\d+$/.test(v.value) && v.label));
  const templates = await fetchReportTemplateIds(c, signal);
  assert.ok(templates.ok);
  assert.deepEqual([...new Set(templates.value.map((v) => v.group))].sort(), ['map', 'patch', 'pciscan', 'policy', 'remediation', 'scan']);
  assert.equal(templates.value.find((v) => v.group === 'pciscan')?.label, 'Payment Card Industry (PCI) Technical Report, PCI');
  const lists = await fetchSearchListIds(c, signal);
  assert.ok(lists.ok);
  assert.deepEqual([...new Set(lists.value.map((v) => v.group))], ['static', 'dynamic']);
  assert.match(lists.value[0]!.label ?? '', /^Critical web QIDs \(static\)$/);
});

test('pushed through the refresher, the values complete where each belongs, and follow the account (a launched scan appears)', async () => {
  const sim = await simPromise;
  const c = await client();
  const accounts = new FakeAccounts();
  accounts.set('acme @ simulator', c);
  const service = new RequestService();
  const refresher = new LiveValuesRefresher({ accounts, log: new MemoryLog(), notify: (params) => { service.updateLiveValues(params); return Promise.resolve(); } });
  const report = await refresher.refresh();
  assert.deepEqual(report.failed, []);
  const compliance = complete(service, 'GET {{baseUrl}}/api/2.0/fo/scan/compliance/?action=fetch&scan_ref=|');
  assert.ok(compliance.length > 0 && compliance.every((v) => v.startsWith('compliance/')));
  const vm = complete(service, 'POST {{baseUrl}}/api/2.0/fo/scan/?action=cancel&scan_ref=|');
  assert.ok(vm.length === 24 && vm.every((v) => v.startsWith('scan/')));
  assert.deepEqual(complete(service, 'GET {{baseUrl}}/api/2.0/fo/report/template/map/?action=export&report_format=xml&template_id=|'), ['91008']);
  assert.equal(complete(service, 'GET {{baseUrl}}/api/2.0/fo/asset/host/vm/detection/?action=list&include_search_list_ids=|').length, 9);
  assert.ok(complete(service, 'GET {{baseUrl}}/api/2.0/fo/report/?action=fetch&id=|').includes('7001001'));

  const launched = await fetch(`${sim.url}/api/2.0/fo/scan/`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('acme_tw1:Sim-Pa55 word!').toString('base64')}`, 'X-Requested-With': 't', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'action=launch&scan_title=New&ip=10.10.0.1&option_title=Initial+Options',
  });
  const ref = /<VALUE>(scan\/[^<]+)<\/VALUE>/.exec(await launched.text())![1]!;
  await refresher.refresh();
  assert.equal(complete(service, 'POST {{baseUrl}}/api/2.0/fo/scan/?action=cancel&scan_ref=|')[0], ref);
  refresher.dispose();
});

test('the list calls are read-only; the v1 template list is read-only even when POSTed', async () => {
  assert.equal(isMutatingRequest('POST', '/msp/report_template_list.php', {}), false);
  assert.equal(isMutatingRequest('POST', '/api/2.0/fo/scan/', { action: 'list' }), false);
  assert.equal(isMutatingRequest('POST', '/api/2.0/fo/schedule/report/', { action: 'launch_now' }), true);
  assert.equal(isMutatingRequest('POST', '/msp/user.php', { action: 'add' }), true);
  const c = await client();
  const scans = await listScans(c, 'vm', { launchedAfter: '2026-01-10' });
  assert.ok(scans.ok && scans.value.length > 0 && scans.value.every((s) => (s.launched ?? '') >= '2026-01-10'));
});

test('the parsers read Qualys documentation samples and refuse the wrong document', () => {
  // docs.qualys.com list_vm_scans.htm sample (its page copy writes the closing tags as opening ones; repaired).
  const scans = parseScanList(
    '<?xml version="1.0" encoding="UTF-8" ?><!DOCTYPE SCAN_LIST_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/scan/scan_list_output.dtd"><SCAN_LIST_OUTPUT><RESPONSE><DATETIME>2025-01-09T10:21:25Z</DATETIME><SCAN_LIST><SCAN><REF>scan/1736361211.27337</REF><TYPE>Scheduled</TYPE><TITLE><![CDATA[Cloud Perimeter Scan 20250106-141228]]></TITLE><USER_LOGIN>vmsp_ag1</USER_LOGIN><LAUNCH_DATETIME>2025-01-08T18:33:31Z</LAUNCH_DATETIME><DURATION>00:29:43</DURATION><PROCESSING_PRIORITY>0 - No Priority</PROCESSING_PRIORITY><PROCESSED>1</PROCESSED><STATUS><STATE>Finished</STATE><SUB_STATE>No_Vuln</SUB_STATE></STATUS><TARGET><![CDATA[abc.com]]></TARGET><OPTION_PROFILE><TITLE><![CDATA[Initial Options]]></TITLE><DEFAULT_FLAG>0</DEFAULT_FLAG></OPTION_PROFILE></SCAN></SCAN_LIST></RESPONSE></SCAN_LIST_OUTPUT>',
  );
  assert.deepEqual(scans, { ok: true, value: [{ ref: 'scan/1736361211.27337', title: 'Cloud Perimeter Scan 20250106-141228', type: 'Scheduled', state: 'Finished', launched: '2025-01-08T18:33:31Z', target: 'abc.com' }] });
  // docs.qualys.com static_list.htm sample (its QID closing tags repaired).
  const lists = parseSearchLists(
    '<?xml version="1.0" encoding="UTF-8" ?><STATIC_SEARCH_LIST_OUTPUT><RESPONSE><DATETIME>2015-01-06T06:20:03Z</DATETIME><STATIC_LISTS><STATIC_LIST><ID>381</ID><TITLE><![CDATA[static search list]]></TITLE><GLOBAL>Yes</GLOBAL><OWNER>acme_tb</OWNER><CREATED><![CDATA[04/27/2018 at 15:18:42 (GMT+0530)]]></CREATED><MODIFIED_BY>acme_tb</MODIFIED_BY><MODIFIED><![CDATA[04/27/2018 at 15:18:42 (GMT+0530)]]></MODIFIED><QIDS><QID>1000</QID><QID>1001</QID></QIDS></STATIC_LIST></STATIC_LISTS></RESPONSE></STATIC_SEARCH_LIST_OUTPUT>',
    'static',
  );
  assert.deepEqual(lists, { ok: true, value: [{ id: '381', title: 'static search list', global: true, qidCount: 2 }] });
  // docs.qualys.com dynamic_list.htm: the DOCTYPE says DYNAMIC_SEARCH_LIST_OUTPUT, the root is SEARCH_LIST_OUTPUT.
  const dynamic = parseSearchLists('<SEARCH_LIST_OUTPUT><RESPONSE><DATETIME>2015-01-06T06:20:03Z</DATETIME><DYNAMIC_LISTS><DYNAMIC_LIST><ID>381</ID><TITLE><![CDATA[dynamic search list]]></TITLE><GLOBAL>No</GLOBAL></DYNAMIC_LIST></DYNAMIC_LISTS></RESPONSE></SEARCH_LIST_OUTPUT>', 'dynamic');
  assert.deepEqual(dynamic, { ok: true, value: [{ id: '381', title: 'dynamic search list', global: false, qidCount: 0 }] });
  const wrong = parseSearchLists('<SIMPLE_RETURN><RESPONSE><DATETIME>x</DATETIME><TEXT>y</TEXT></RESPONSE></SIMPLE_RETURN>', 'dynamic');
  assert.ok(!wrong.ok && wrong.error.kind === 'malformed' && /Expected DYNAMIC_SEARCH_LIST_OUTPUT/.test(wrong.error.message));
  const cut = parseScanList('<SCAN_LIST_OUTPUT><RESPONSE><SCAN_LIST><SCAN><REF>scan/1.2</REF>');
  assert.ok(!cut.ok && cut.error.kind === 'malformed');
});
