// Paths as real code writes them, against the bundled catalog: other API versions, no trailing
// slash, doubled slashes, every parameter in the query string of a POST, with or without
// X-Requested-With, absolute URLs on any Qualys platform. Each real call names where it was taken
// from. Calls to endpoints other families are adding are checked for "no error, no warning" only,
// so that these tests hold before and after those entries land.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { loadRequestCatalog } from '../../../server/src/request/catalogLoader';
import { matchEndpoint } from '../../../server/src/request/endpointMatch';
import { diagnosticsOf, hoverText } from './helpers';

const loud = (text: string, languageId = 'qualys-request') =>
  diagnosticsOf(text, languageId).filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning).map((d) => `${String(d.code)}: ${d.message}`);

test('host list under API versions 3.0, 4.0 and 5.0, as real integrations call it, validates clean', () => {
  // 0x41424142/qualysdk qualysdk/base/call_schemas/vmdr_schema.py (008da3e, still at 226ff59): host list at /api/3.0/.
  assert.deepEqual(diagnosticsOf('POST https://qualysapi.qualys.com/api/3.0/fo/asset/host/\nX-Requested-With: qualysdk\n\naction=list&details=All&show_tags=1&truncation_limit=1000\n'), []);
  // JordanBarnartt/qualyspy qualyspy/URLS.py: /api/4.0/fo/asset/host/ from 631452e, /api/5.0/fo/asset/host/ from 04df92e.
  assert.deepEqual(diagnosticsOf('GET https://qualysapi.qg2.apps.qualys.com/api/4.0/fo/asset/host/?action=list&details=All&truncation_limit=500\n'), []);
  assert.deepEqual(diagnosticsOf('POST https://qualysapi.qualys.eu/api/5.0/fo/asset/host/\n\naction=list&show_trurisk=1&show_trurisk_factors=1&host_metadata=all&truncation_limit=100\n'), []);
});

test('the newer host list versions are partial: names they add pass, near misses warn, the 2.0 path stays strict', () => {
  assert.deepEqual(loud('GET {{baseUrl}}/api/5.0/fo/asset/host/?action=list&a_parameter_of_version_5=1\n'), []);
  assert.deepEqual(
    diagnosticsOf('GET {{baseUrl}}/api/5.0/fo/asset/host/?action=list&detials=All\n').map((d) => [d.code, d.severity]),
    [['unknown-parameter', DiagnosticSeverity.Warning]],
  );
  assert.deepEqual(diagnosticsOf('GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&a_parameter_of_version_5=1\n').map((d) => [d.code, d.severity]), [['unknown-parameter', DiagnosticSeverity.Error]]);
  // A name of another host action (update's tracking_method) may be one version 5.0 adds to list:
  // polarityio/qualys src/querying/queryHostDetectionListForAllEntities.ts (d853c0e) lists hosts at
  // /api/5.0/ with tracking_method=DNS. Quiet under 5.0; the 2.0 path keeps the error.
  assert.deepEqual(
    diagnosticsOf('GET {{baseUrl}}/api/5.0/fo/asset/host/?action=list&details=Basic&tracking_method=DNS&show_asset_id=1\n').map((d) => [d.code, d.severity]),
    [['parameter-not-for-action', DiagnosticSeverity.Information]],
  );
  assert.deepEqual(diagnosticsOf('GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&tracking_method=DNS\n').map((d) => [d.code, d.severity]), [['parameter-not-for-action', DiagnosticSeverity.Error]]);
  // Values and rules the catalog knows are still checked under every version.
  assert.deepEqual(diagnosticsOf('GET {{baseUrl}}/api/5.0/fo/asset/host/?action=list&details=Everything\n').map((d) => d.code), ['bad-value']);
});

test('hover explains the version a path is called under, with its source', () => {
  const v5 = hoverText('GET {{baseUrl}}/api/5.0/fo/asset/ho|st/?action=list');
  assert.match(v5, /\*\*API version 5\.0\*\*/);
  assert.match(v5, /qualyspy/);
  assert.match(v5, /The catalog of this version is partial/);
  assert.match(hoverText('GET {{baseUrl}}/api/2.0/fo/asset/ho|st/?action=list'), /Also served under API version 3\.0, 4\.0, 5\.0\./);
});

test('PCRS policy list 2.0 (Policy Audit 1.11 release notes sample) validates clean', () => {
  // docs.qualys.com/en/vm/release-notes/mergedProjects/qualys_pa/pa/release_1_11_api.htm
  assert.deepEqual(diagnosticsOf('GET {{gatewayUrl}}/pcrs/2.0/posture/policy/list?lastEvaluationDate=2021-09-30T07%3A25%3A58Z&requireTagInfo=1\nAuthorization: Bearer {{token}}\n'), []);
  assert.match(hoverText('GET {{gatewayUrl}}/pcrs/2.0/posture/policy/li|st?requireTagInfo=1'), /requireTagInfo/);
});

test('a missing trailing slash and doubled slashes are accepted; hover names the documented form', () => {
  // Qualys' Postman collection (reference/qualys/postman, Qualys/community): POST with the parameters in the
  // query string and no trailing slash.
  assert.deepEqual(loud('POST {{baseUrl}}/api/2.0/fo/knowledge_base/vuln?action=list&details=All\n'), []);
  // qualyspy qualyspy/URLS.py before e57f9ff (2024-02-26) called the host list without the trailing slash.
  assert.deepEqual(diagnosticsOf('GET https://qualysapi.qualys.com/api/2.0/fo/asset/host?action=list&details=Basic\n'), []);
  // demisto/content Packs/qualys/Integrations/Qualysv2/Qualysv2.py (013ef1f): a doubled slash, every parameter in the query of a POST.
  const demisto = 'POST {{baseUrl}}/api/2.0/fo//asset/host/?action=list&os_pattern=%5EWindows&truncation_limit=100&show_tags=1&host_metadata=all&show_cloud_tags=1&cloud_tag_fields=Environment&details=All\n';
  assert.deepEqual(diagnosticsOf(demisto), []);
  assert.match(hoverText('POST {{baseUrl}}/api/2.0/fo//asset/ho|st/?action=list'), /Written `\/api\/2\.0\/fo\/\/asset\/host\/`; Qualys documents `\/api\/2\.0\/fo\/asset\/host\/` \(doubled slashes read as one\)\./);
  assert.match(hoverText('GET {{baseUrl}}/api/2.0/fo/asset/ho|st?action=list'), /Qualys documents `\/api\/2\.0\/fo\/asset\/host\/`/);
  assert.doesNotMatch(hoverText('GET {{baseUrl}}/api/2.0/fo/asset/ho|st/?action=list'), /Qualys documents/);
});

test('X-Requested-With absent or present, a POST with every parameter in the query: all the same', () => {
  const query = 'action=list&details=All&ips=10.0.0.1-10.0.0.20';
  assert.deepEqual(diagnosticsOf(`POST {{baseUrl}}/api/2.0/fo/asset/host/?${query}\n`), []);
  assert.deepEqual(diagnosticsOf(`POST {{baseUrl}}/api/2.0/fo/asset/host/?${query}\nX-Requested-With: curl\n`), []);
  assert.deepEqual(diagnosticsOf(`POST {{baseUrl}}/api/2.0/fo/asset/host/\nContent-Type: application/x-www-form-urlencoded\n\n${query}\n`), []);
  assert.deepEqual(diagnosticsOf(`POST {{baseUrl}}/api/2.0/fo/asset/host/?${query}&details=None\n`).map((d) => d.code), ['duplicate']);
});

test('absolute URLs on every Qualys platform, API server or gateway, in .qualys and REST Client files', () => {
  // reference/qualys/samples/responses/recorded_responses_meta.json (JupiterOne graph-qualys recordings, qg3 platform).
  const recorded = 'GET https://qualysapi.qg3.apps.qualys.com/api/2.0/fo/asset/host/?action=list&details=None&truncation_limit=0\n';
  for (const languageId of ['qualys-request', 'http']) {
    assert.deepEqual(diagnosticsOf(recorded, languageId), []);
    for (const host of ['qualysapi.qualys.com', 'qualysapi.qg2.apps.qualys.com', 'qualysapi.qg4.apps.qualys.com', 'qualysapi.qualys.eu', 'qualysapi.qg2.apps.qualys.eu', 'qualysapi.qg1.apps.qualys.in', 'qualysapi.qg1.apps.qualys.ca', 'qualysapi.qg1.apps.qualys.ae', 'qualysapi.qg1.apps.qualys.co.uk', 'qualysapi.qg1.apps.qualys.com.au']) {
      assert.deepEqual(diagnosticsOf(`GET https://${host}/api/2.0/fo/asset/host/?action=list\n`, languageId), [], host);
    }
    assert.deepEqual(diagnosticsOf('GET https://gateway.qg2.apps.qualys.com/pcrs/1.0/posture/hostids?policyId=1\nAuthorization: Bearer {{token}}\n', languageId), []);
  }
});

test('real calls the catalog does not describe yet get no error and no warning', () => {
  const calls = [
    // recorded_responses_meta.json: activity log and the QPS portal version (JupiterOne graph-qualys recordings).
    'GET https://qualysapi.qg3.apps.qualys.com/api/2.0/fo/activity_log/?action=list&username=upter3aw&truncation_limit=1',
    'GET https://qualysapi.qg3.apps.qualys.com/qps/rest/portal/version',
    // reference/qualys/postman (Qualys' Postman collection): QPS 1.0 and 2.0 Asset Management, WAS 3.0, v1 users.
    'POST {{baseUrl}}/qps/rest/1.0/search/am/tag',
    'POST {{baseUrl}}/qps/rest/2.0/search/am/hostasset',
    'POST {{baseUrl}}/qps/rest/3.0/search/was/webapp',
    'GET {{baseUrl}}/qps/rest/3.0/download/was/wasscan/4912497',
    'POST {{baseUrl}}/msp/user_list.php',
    // Qualys/API_Driven_Migration (8d99a44) QualysVM/QualysVirtualHostProcessor.py, QualysPC/QualysComplianceScanScheduleProcessor.py.
    'POST {{baseUrl}}/api/2.0/fo/asset/vhost/?action=list',
    'POST {{baseUrl}}/api/2.0/fo/schedule/scan/compliance/?action=list',
    // qualysdk vmdr_schema.py: detection list under 5.0, CVE detections under 3.0, activity log without a trailing slash.
    'POST {{baseUrl}}/api/5.0/fo/asset/host/vm/detection/?action=list&show_qds=1',
    'POST {{baseUrl}}/api/3.0/fo/asset/host/vm/cve_detection/?action=list',
    'GET {{baseUrl}}/api/2.0/fo/activity_log?action=list',
    // qualyspy URLS.py: v1 about with a trailing slash after .php, ignore_vuln, KnowledgeBase 4.0, the CSAM gateway path.
    'GET {{baseUrl}}/msp/about.php/',
    'POST {{baseUrl}}/api/2.0/fo/ignore_vuln/index.php/?action=ignore&qids=38170',
    'POST {{baseUrl}}/api/4.0/fo/knowledge_base/vuln/?action=list&ids=90082',
    'POST {{gatewayUrl}}/rest/2.0/search/am/asset',
    // docs.qualys.com release notes: SNMP records under 3.0 (10.38), compliance exceptions under 3.0 (Policy Audit 1.4).
    'POST {{baseUrl}}/api/3.0/fo/auth/snmp/?action=list',
    'POST {{baseUrl}}/api/3.0/fo/compliance/exception/?action=list',
  ];
  for (const call of calls) assert.deepEqual(loud(`${call}\n`), [], call);
});

test('every documented path the catalog has no entry for yet draws one information note naming it, nothing else', () => {
  const catalog = loadRequestCatalog();
  let notes = 0;
  for (const known of catalog.knownPaths) {
    const path = known.path.replace('{operation}', 'search').replace('/{id}', '/');
    const found = diagnosticsOf(`POST {{baseUrl}}${path}?action=whatever&nonsense=1\n`);
    if (matchEndpoint(catalog, path)) {
      assert.deepEqual(found.filter((d) => d.code === 'not-in-catalog' || d.code === 'unknown-endpoint'), [], path);
      continue;
    }
    notes++;
    assert.deepEqual(found.map((d) => [d.code, d.severity, d.message]), [['not-in-catalog', DiagnosticSeverity.Information, `'${path}' (${known.title}) is not in the catalog: its parameters are not checked.`]], path);
  }
  assert.ok(notes > 0 || catalog.knownPaths.length === 0);
  // A path of a module no entry describes (Container Security): one note, and its body is not checked.
  const [cs] = diagnosticsOf('POST {{gatewayUrl}}/csapi/v1.3/images\nContent-Type: text/xml\n\n<ServiceRequest><nonsense/></ServiceRequest>\n');
  assert.deepEqual([cs!.code, cs!.severity], ['not-in-catalog', DiagnosticSeverity.Information]);
  assert.equal(diagnosticsOf('POST {{baseUrl}}/qps/rest/2.0/search/am/nosuchobjectanywhere\nContent-Type: text/xml\n\n<ServiceRequest><nonsense/></ServiceRequest>\n').length, 1);
});

test('near misses of real paths are still caught, with the fix', () => {
  const [hots] = diagnosticsOf('GET {{baseUrl}}/api/2.0/fo/asset/hots/?action=list\n');
  assert.deepEqual([hots!.code, hots!.severity, hots!.message], ['unknown-endpoint', DiagnosticSeverity.Warning, "'/api/2.0/fo/asset/hots/' is not in the catalog. Did you mean '/api/2.0/fo/asset/host/'?"]);
  assert.match(diagnosticsOf('GET {{baseUrl}}/api/5.0/fo/asset/hots/?action=list\n')[0]!.message, /Did you mean '\/api\/5\.0\/fo\/asset\/host\/'\?/);
  assert.match(diagnosticsOf('GET {{baseUrl}}/api/2.0/asset/host/?action=list\n')[0]!.message, /Did you mean '\/api\/2\.0\/fo\/asset\/host\/'\?/);
  assert.match(diagnosticsOf('GET {{baseUrl}}/api/2.1/fo/asset/host/?action=list\n')[0]!.message, /Did you mean '\/api\/2\.0\/fo\/asset\/host\/'\?/);
  assert.match(diagnosticsOf('GET {{baseUrl}}/api/2.0/fo/auth/unx/?action=list\n')[0]!.message, /Did you mean '\/api\/2\.0\/fo\/auth\/unix\/'\?/);
  // A real path next to a known one is no typo of it.
  assert.deepEqual(loud('GET {{baseUrl}}/api/2.0/fo/asset/vhost/?action=list\n'), []);
  assert.deepEqual(loud('GET {{baseUrl}}/api/2.0/fo/asset/host/vm/detection/?action=list\n'), []);
  assert.deepEqual(loud('POST {{baseUrl}}/qps/rest/2.0/search/am/tag\n'), []);
  // Another version of a catalogued path that the API uses elsewhere: not called a mistake.
  const [windows3] = diagnosticsOf('GET {{baseUrl}}/api/3.0/fo/auth/windows/?action=list\n');
  assert.deepEqual([windows3!.code, windows3!.severity], ['not-in-catalog', DiagnosticSeverity.Information]);
  assert.match(windows3!.message, /The catalog knows it as \/api\/2\.0\/fo\/auth\/windows\/ \(API version 2\.0\)\./);
});

test('REST Client files: a Qualys path behind any host variable is checked, written with a doubled slash or a newer version too', () => {
  const text = 'GET {{host}}//api/5.0/fo/asset/host/?action=lst\n\n###\nGET {{host}}/api/items?action=lst\n';
  assert.deepEqual(diagnosticsOf(text, 'http').map((d) => [d.code, d.range.start.line]), [['unknown-action', 0]]);
});

test('KnowledgeBase through index.php and reports under 3.0, as real integrations call them, are checked as their entries', () => {
  // polarityio/qualys src/querying/queryKnowledgeBaseForAllEntities.ts (d853c0e): POST with the query string only.
  assert.deepEqual(diagnosticsOf('POST {{baseUrl}}/api/4.0/fo/knowledge_base/vuln/index.php?action=list&details=All&cve=CVE-2021-44228\nX-Requested-With: Polarity\n'), []);
  assert.deepEqual(diagnosticsOf('GET {{baseUrl}}/api/2.0/fo/knowledge_base/vuln/index.php?action=list&details=Everything\n').map((d) => d.code), ['bad-value']);
  // chronicle/content-hub content/response_integrations/google/qualys_vm/core/QualysVMManager.py (88f7b9d).
  assert.deepEqual(diagnosticsOf('POST {{baseUrl}}/api/3.0/fo/report/\nContent-Type: application/x-www-form-urlencoded\n\naction=launch&report_type=Patch&report_title=Weekly&template_id=1542671&output_format=pdf&ips=10.0.0.10-10.0.0.20\n'), []);
  assert.deepEqual(diagnosticsOf('GET {{baseUrl}}/api/3.0/fo/report/?action=fetch&id=abc\n').map((d) => d.code), ['bad-format']);
});
