/**
 * The catalog families of issue 9 for VM: host list detection, scans, scan schedules, reports and
 * templates, KnowledgeBase, search lists. Real calls (Qualys' own Postman collection, documentation
 * samples and scripts, public integrations) must draw nothing; real mistakes must still be caught;
 * hover and completion work on the new entries, live values included.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { loadRequestCatalog } from '../../../server/src/request/catalogLoader';
import { matchEndpoint } from '../../../server/src/request/endpointMatch';
import { RequestService } from '../../../server/src/request/requestService';
import { completionItems, completionLabels, diagnosticsOf, hoverText, marked, post } from './helpers';

const get = (url: string): string => `GET {{baseUrl}}${url}\nX-Requested-With: vscode\n`;
const problems = (text: string): string[] => diagnosticsOf(text).map((d) => `${String(d.code)}: ${d.message}`);

test('each family has its endpoints and actions', () => {
  const catalog = loadRequestCatalog();
  const actions = (path: string): string[] => [...(matchEndpoint(catalog, path)?.endpoint.actions.keys() ?? [])];
  assert.deepEqual(actions('/api/2.0/fo/asset/host/vm/detection/'), ['list']);
  assert.deepEqual(actions('/api/2.0/fo/scan/'), ['list', 'launch', 'cancel', 'pause', 'resume', 'delete', 'fetch']);
  assert.deepEqual(actions('/api/2.0/fo/scan/compliance/'), ['list', 'launch', 'cancel', 'pause', 'resume', 'delete', 'fetch']);
  assert.deepEqual(actions('/api/2.0/fo/schedule/scan/'), ['list', 'create', 'update', 'delete']);
  assert.deepEqual(actions('/api/2.0/fo/report/'), ['list', 'launch', 'cancel', 'fetch', 'delete']);
  assert.deepEqual(actions('/api/2.0/fo/schedule/report/'), ['list', 'launch_now']);
  assert.deepEqual(actions('/msp/report_template_list.php'), ['']);
  assert.deepEqual(actions('/api/2.0/fo/report/template/scan/'), ['create', 'update', 'export', 'delete']);
  assert.deepEqual(actions('/api/2.0/fo/report/template/pciscan/'), ['export']);
  assert.deepEqual(actions('/api/2.0/fo/report/template/patch/'), ['create', 'update', 'export']);
  assert.deepEqual(actions('/api/2.0/fo/report/template/map/'), ['export']);
  assert.deepEqual(actions('/api/2.0/fo/knowledge_base/vuln/'), ['list', 'edit', 'reset', 'custom']);
  for (const kind of ['static', 'dynamic']) assert.deepEqual(actions(`/api/2.0/fo/qid/search_list/${kind}/`), ['list', 'create', 'update', 'delete']);
  for (const family of ['detections', 'scans', 'scan-schedules', 'reports', 'knowledge-base', 'search-lists']) {
    const endpoints = catalog.endpoints.filter((e) => e.family === family);
    assert.ok(endpoints.length > 0, family);
    // Qualys documents more than any source here lists in full: unknown names stay warnings.
    assert.ok(endpoints.every((e) => e.partial), `${family} is partial`);
    for (const e of endpoints) for (const spec of e.params.values()) assert.ok(spec.source in catalog.sources, `${e.path} ${spec.name}`);
  }
});

test('real calls draw no diagnostic', () => {
  const real = [
    // Qualys' Postman collection (Qualys/community): HLD export, KB lookup, scan and report calls as sent.
    post('/api/2.0/fo/asset/host/vm/detection/', 'action=list&ids=190-400&status=New, Active, Re-Opened&detection_updated_since=2019-08-15T23:15:00Z&truncation_limit=25&output_format=XML'),
    post('/api/2.0/fo/asset/host/vm/detection/', 'output_format=CSV&ips=10.10.10.220,10.10.24.78&action=list&status=Fixed&vm_scan_since=2013-12-01'),
    post('/api/2.0/fo/knowledge_base/vuln', 'action=list&details=All'),
    post('/api/2.0/fo/knowledge_base/vuln/', 'action=list&details=All&ids=82054,82024&echo_request=1'),
    post('/api/2.0/fo/scan/', 'action=launch&asset_groups=MMW - Training Seattle Data Center&option_title=PB - Map-like&scan_title=Acquisition scan of organization_name'),
    post('/api/2.0/fo/scan/', 'action=list&show_ags=0&state=Finished&scan_ref=scan/1391836210.38701&show_op=1&show_status=1'),
    post('/api/2.0/fo/scan/', 'action=fetch&scan_ref=scan/1391836210.38701&mode=extended&output_format=json'),
    post('/api/2.0/fo/scan/', 'action=launch&scan_title=CertView-AdHoc-Scan&scan_type=certview&fqdn=FQDNs'),
    post('/api/2.0/fo/scan/compliance/', 'action=list&echo_request=1&scan_id=scan/1234567890.12345&state=Finished&show_status=1&show_ags=0&show_op=0'),
    post('/api/2.0/fo/scan/compliance/', 'action=fetch&scan_ref=compliance/1386842985.15485'),
    post('/api/2.0/fo/report/', 'action=launch&template_id=1448292&report_title=ReportTitle&output_format=pdf'),
    post('/api/2.0/fo/report/', 'id=6662512&action=list'),
    post('/api/2.0/fo/report/', 'action=fetch&id=5182503'),
    // docs.qualys.com samples: scan schedule create (both), report list, search lists.
    post('/api/2.0/fo/schedule/scan/?action=create', 'scan_title=My+Scan+Schedule&active=1&option_id=3456&target_from=tags&tag_set_include=tag1,tag2,tag3&iscanner_name=scanner1&occurrence=daily&frequency_days=5&time_zone_code=US-CA&observe_dst=yes&start_hour=14&start_minute=0'),
    post('/api/2.0/fo/schedule/scan/', 'action=create&scan_title=My_Weekly_Scan&option_title=InitialOptions&ip=10.20.31.73,10.20.31.106&active=1&occurrence=weekly&start_hour=13&start_minute=30&time_zone_code=IN&frequency_weeks=1&weekdays=Sunday&end_after=0&end_after_mins=30'),
    get('/api/2.0/fo/qid/search_list/static/?action=list&ids=381'),
    get('/api/2.0/fo/qid/search_list/dynamic/?action=list&ids=381'),
    // Qualys' API documentation samples (QualysAPI) and API_Driven_Migration scripts.
    get('/api/2.0/fo/asset/host/vm/detection/?action=list&show_results=1&show_reopened_info=0&output_format=XML&truncation_limit=100&include_search_list_titles=Exploitable&status=New,Re-Opened'),
    get('/api/2.0/fo/report/template/scan/?action=export&report_format=xml'),
    get('/api/2.0/fo/report/template/pciscan/?action=export&report_format=xml'),
    get('/api/2.0/fo/schedule/scan/?action=list&show_notifications=1&active=0&show_cloud_details=1'),
    get('/api/2.0/fo/qid/search_list/dynamic/?action=list&show_option_profiles=0&show_distribution_groups=0&show_report_templates=0&show_remediation_policies=0&show_qids=0'),
    post('/api/2.0/fo/qid/search_list/dynamic/?action=create&title=Imported&global=1', 'confirmed_severities=5&patch_available=1&published_date_within_last_days=30&not_user_modified=0'),
    // Public integrations: paging loops, tag selection by name, CSV without metadata.
    get('/api/2.0/fo/asset/host/vm/detection/?action=list&status=New,Active,Re-Opened&truncation_limit=1000&id_min=1'),
    get('/api/2.0/fo/asset/host/vm/detection/?action=list&qids=38170&use_tags=1&tag_set_by=name&tag_set_include=On-Prem All&output_format=CSV_NO_METADATA&'),
    get('/api/2.0/fo/asset/host/vm/detection/?action=list&ids=2000001&show_results=1&truncation_limit=0'),
    post('/api/2.0/fo/asset/host/vm/detection/', 'action=list&show_asset_id=1&show_reopened_info=1&show_tags=0&show_results=1&show_igs=1&status=Active,New,Re-Opened,Fixed&arf_kernel_filter=1&arf_service_filter=0&arf_config_filter=0&include_ignored=1&include_disabled=1&truncation_limit=0'),
    post('/api/2.0/fo/asset/host/vm/detection/', 'action=list&truncation_limit=0&output_format=XML&status=Active,New,Fixed,Re-Opened&detection_updated_since=2024-01-01&max_days_since_last_vm_scan=31&arf_kernel_filter=0&show_results=1&ag_titles=Servers'),
  ];
  for (const text of real) assert.deepEqual(problems(text), [], text);
});

test('real mistakes are still caught', () => {
  const hld = '/api/2.0/fo/asset/host/vm/detection/';
  assert.deepEqual(marked(get(`${hld}?action=list&status=Open`)), [['bad-value', 'Open']]);
  assert.deepEqual(marked(get(`${hld}?action=list&arf_kernel_filter=5`)), [['bad-value', '5']]);
  assert.deepEqual(marked(get(`${hld}?action=list&ag_ids=1&ag_titles=Servers`)), [['conflict', 'ag_titles']]);
  assert.deepEqual(marked(get(`${hld}?action=list&detection_updated_since=2026-13-01`)), [['bad-format', '2026-13-01']]);
  assert.deepEqual(marked(get(`${hld}?action=lits`)).map(([code]) => code), ['unknown-action']);
  assert.deepEqual(marked(get(`${hld}?action=list&qds_min=0`)), [['bad-value', '0']]);
  assert.deepEqual(marked(get('/api/2.0/fo/scan/?action=fetch&mode=extended')).map(([code]) => code), ['missing-required']);
  assert.deepEqual(marked(get('/api/2.0/fo/scan/?action=cancel&scan_ref=1391836210.38701')), [['bad-format', '1391836210.38701']]);
  assert.deepEqual(marked(post('/api/2.0/fo/scan/', 'action=launch&scan_title=x&ip=10.0.0.1&priority=11')), [['bad-value', '11']]);
  assert.deepEqual(marked(post('/api/2.0/fo/report/', 'action=launch&output_format=pdf')).map(([code]) => code), ['missing-required']);
  assert.deepEqual(marked(post('/api/2.0/fo/report/', 'action=launch&template_id=1&output_format=pdf&recipient_group_id=12')).map(([code]) => code), ['missing-required']);
  assert.deepEqual(marked(post('/api/2.0/fo/schedule/scan/', 'action=create&active=1&occurrence=weekly&start_hour=25&start_minute=0&time_zone_code=US-CA&frequency_weeks=1&weekdays=sunday')), [['bad-value', '25']]);
  assert.deepEqual(marked(post('/api/2.0/fo/schedule/scan/', 'action=create&active=1&occurrence=weekly&start_hour=2&start_minute=0&time_zone_code=US-CA&weekdays=sunday')).map(([code]) => code), ['missing-required']);
  assert.deepEqual(marked(post('/api/2.0/fo/schedule/scan/', 'action=create&active=1&occurrence=daily&frequency_days=1&start_hour=2&start_minute=0&time_zone_code=US-CA&start_date=2026-02-01')), [['bad-format', '2026-02-01']]);
  assert.deepEqual(marked(get('/api/2.0/fo/knowledge_base/vuln/?action=list&details=Full')), [['bad-value', 'Full']]);
  assert.deepEqual(marked(get('/api/2.0/fo/qid/search_list/static/?action=delete')).map(([code]) => code), ['missing-required']);
});

test('hover explains the new endpoints and parameters with their sources', () => {
  const endpoint = hoverText('GET {{baseUrl}}/api/2.0/fo/asset/host/vm/de|tection/?action=list');
  assert.match(endpoint, /\*\*Host list detection\*\*/);
  assert.match(endpoint, /_Source: docs\.qualys\.com .*host_detection\.htm/);
  const status = hoverText('GET {{baseUrl}}/api/2.0/fo/asset/host/vm/detection/?action=list&sta|tus=Fixed');
  assert.match(status, /\*\*status\*\* \(enum, comma separated\)/);
  assert.match(status, /Values: `New`, `Active`, `Re-Opened`, `Fixed`/);
  assert.match(status, /Postman Collection/);
  const since = hoverText('GET {{baseUrl}}/api/2.0/fo/asset/host/vm/detection/?action=list&vm_scan_si|nce=2026-01-01');
  assert.match(since, /Conditions: not together with vm_scan_since, max_days_since_last_vm_scan\./);
  const scanRef = hoverText('GET {{baseUrl}}/api/2.0/fo/scan/?action=fetch&scan_r|ef=scan/1.2');
  assert.match(scanRef, /Required for action=cancel, action=pause, action=resume, action=delete, action=fetch\./);
  const launch = hoverText('POST {{baseUrl}}/api/2.0/fo/report/?act|ion=launch');
  assert.match(launch, /\*\*action=launch\*\* _\(changes data\)_/);
  const v1 = hoverText('GET {{baseUrl}}/msp/report_template_li|st.php');
  assert.match(v1, /Report template list \(API v1\)/);
  const start = hoverText(post('/api/2.0/fo/schedule/scan/', 'action=create&start_da|te=01/31/2026'));
  assert.match(start, /mm\/dd\/yyyy/);
});

test('completion offers the actions, parameters and values of the new entries', () => {
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/scan/?|'), ['action=list', 'action=launch', 'action=cancel', 'action=pause', 'action=resume', 'action=delete', 'action=fetch']);
  const hld = completionLabels('GET {{baseUrl}}/api/2.0/fo/asset/host/vm/detection/?action=list&|');
  for (const name of ['show_igs', 'show_results', 'status', 'qids', 'severities', 'include_vuln_type', 'truncation_limit', 'id_min', 'output_format', 'arf_kernel_filter', 'detection_updated_since', 'vm_scan_since', 'max_days_since_last_vm_scan', 'use_tags', 'tag_set_by', 'tag_include_selector', 'tag_set_include', 'tag_set_exclude', 'show_tags', 'host_metadata', 'show_qds', 'qds_min', 'qds_max']) {
    assert.ok(hld.includes(name), name);
  }
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/asset/host/vm/detection/?action=list&status=New,|'), ['New', 'Active', 'Re-Opened', 'Fixed']);
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/scan/?action=fetch&scan_ref=scan/1.2&output_format=|'), ['csv', 'json', 'csv_extended', 'json_extended']);
  assert.deepEqual(completionLabels(post('/api/2.0/fo/schedule/scan/', 'action=create&weekdays=|')), ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);
  const cancel = completionLabels('POST {{baseUrl}}/api/2.0/fo/scan/?action=cancel&|');
  assert.deepEqual(cancel, ['echo_request', 'scan_ref']);
});

test('live values complete scan references, report and template IDs and search lists, each where it belongs', () => {
  const service = new RequestService();
  const at = '2026-01-15T08:00:00Z';
  service.updateLiveValues({ account: 'demo', kind: 'scanRefs', fetchedAt: at, values: [
    { value: 'scan/1767862800.10001', label: 'Weekly DMZ scan', group: 'vm' },
    { value: 'compliance/1611000000.70000', label: 'PC baseline', group: 'compliance' },
  ] });
  service.updateLiveValues({ account: 'demo', kind: 'reportIds', fetchedAt: at, values: [{ value: '7001001', label: 'Servers January' }] });
  service.updateLiveValues({ account: 'demo', kind: 'reportTemplateIds', fetchedAt: at, values: [
    { value: '91001', label: 'Technical Report', group: 'scan' },
    { value: '91010', label: 'Patch Report', group: 'patch' },
  ] });
  service.updateLiveValues({ account: 'demo', kind: 'searchListIds', fetchedAt: at, values: [
    { value: '4101', label: 'Critical web QIDs', group: 'static' },
    { value: '4201', label: 'Patchable 4-5', group: 'dynamic' },
  ] });
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/scan/?action=fetch&scan_ref=|', service), ['scan/1767862800.10001']);
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/scan/compliance/?action=fetch&scan_ref=|', service), ['compliance/1611000000.70000']);
  assert.deepEqual(completionLabels('POST {{baseUrl}}/api/2.0/fo/report/?action=launch&template_id=1&output_format=csv&report_refs=|', service), ['scan/1767862800.10001', 'compliance/1611000000.70000']);
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/report/?action=fetch&id=|', service), ['7001001']);
  assert.deepEqual(completionLabels('POST {{baseUrl}}/api/2.0/fo/report/?action=launch&template_id=|', service), ['91001', '91010']);
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/report/template/scan/?action=export&template_id=|', service), ['91001']);
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/asset/host/vm/detection/?action=list&include_search_list_ids=4101,|', service), ['4101', '4201']);
  assert.deepEqual(completionLabels('POST {{baseUrl}}/api/2.0/fo/qid/search_list/dynamic/?action=delete&id=|', service), ['4201']);
  const item = completionItems('GET {{baseUrl}}/api/2.0/fo/report/?action=fetch&id=|', service)[0]!;
  assert.match(String(item.detail), /^Servers January \(demo, 2026-01-15T08:00:00Z\)$/);
});

test('the newer API versions of the detection list, the KnowledgeBase and the VM scans validate like 2.0 and say so on hover', () => {
  const real = [
    // qualysdk's 5.0 detection list and 3.0 KnowledgeBase calls; qualyspy's 4.0 KnowledgeBase.
    get('/api/5.0/fo/asset/host/vm/detection/?action=list&detection_last_tested_since_days=7&max_days_since_detection_updated=30&severities=3-5&status=New,Active,Re-Opened'),
    post('/api/4.0/fo/asset/host/vm/detection/', 'action=list&show_qds=1&show_qds_factors=1&truncation_limit=250'),
    get('/api/3.0/fo/knowledge_base/vuln/?action=list&details=Basic&id_min=100000&id_max=105000&is_patchable=1&discovery_method=Authenticated&discovery_auth_types=Windows,Unix'),
    get('/api/4.0/fo/knowledge_base/vuln/?action=list&details=All&ids=38170'),
    get('/api/3.0/fo/scan/?action=list&state=Finished&show_last=1'),
  ];
  for (const text of real) assert.deepEqual(problems(text), [], text);
  // A value is still checked under another version.
  assert.deepEqual(marked(get('/api/5.0/fo/asset/host/vm/detection/?action=list&status=Open')), [['bad-value', 'Open']]);
  const hover = hoverText('GET {{baseUrl}}/api/5.0/fo/asset/host/vm/de|tection/?action=list');
  assert.match(hover, /5\.0/);
  assert.match(hover, /qualysdk/);
});
