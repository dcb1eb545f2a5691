import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { RequestService } from '../../../server/src/request/requestService';
import { codes, diagnosticsOf, makeDocument, marked, post, token } from './helpers';

const windows = (body: string) => post('/api/2.0/fo/auth/windows/', body);
const host = (body: string) => post('/api/2.0/fo/asset/host/', body);
const op = (body: string) => post('/api/2.0/fo/subscription/option_profile/pc/', body);
const pcrs = (query: string) => `POST {{gatewayUrl}}/pcrs/1.0/posture/postureInfo?${query}\nContent-Type: application/json\n\n[{"policyId":"597463","subscriptionId":"218748","hostIds":["1574730"]}]\n`;

test('asset_type takes ips, asset_tags or ip_range_tag_rule', () => {
  assert.deepEqual(marked(windows('action=create&title=t&username=u&asset_type=tags&tags_include=1')), [['bad-value', 'tags']]);
});

test('tags_include is required when asset_type is asset_tags or ip_range_tag_rule', () => {
  for (const type of ['asset_tags', 'ip_range_tag_rule']) {
    assert.deepEqual(marked(windows(`action=create&title=t&username=u&asset_type=${type}`)), [['missing-required', `asset_type=${type}`]]);
  }
  assert.match(diagnosticsOf(windows('action=create&title=t&username=u&asset_type=asset_tags'))[0]!.message, /tags_include is required when asset_type is asset_tags or ip_range_tag_rule/);
});

test('ips is required to create a record when asset_type is ips, the default', () => {
  assert.deepEqual(codes(windows('action=create&title=t&username=u')), ['missing-required']);
  assert.deepEqual(codes(windows('action=create&title=t&username=u&ips=10.0.0.1')), []);
});

test('tag parameters apply only with asset tags; tag_set_by is id or name; selectors any or all', () => {
  assert.deepEqual(marked(windows('action=create&title=t&username=u&ips=10.0.0.1&tag_set_by=name')), [['condition', 'tag_set_by']]);
  assert.deepEqual(marked(windows('action=create&title=t&username=u&asset_type=asset_tags&tags_include=a&tag_set_by=names')), [['bad-value', 'names']]);
  const d = diagnosticsOf(windows('action=create&title=t&username=u&asset_type=asset_tags&tags_include=1&tag_include_selector=Any'));
  assert.equal(d.length, 1);
  assert.match(d[0]!.message, /Did you mean 'any'\?/);
  assert.deepEqual(marked(windows('action=create&title=t&username=u&asset_type=asset_tags&tags_include=1&tag_exclude_selector=some')), [['bad-value', 'some']]);
});

test('tags are IDs unless tag_set_by=name', () => {
  assert.deepEqual(marked(windows('action=create&title=t&username=u&asset_type=asset_tags&tags_include=WindowsOS')), [['bad-format', 'WindowsOS']]);
  assert.deepEqual(codes(windows('action=create&title=t&username=u&asset_type=asset_tags&tag_set_by=name&tags_include=WindowsOS')), []);
});

test('ips cannot be combined with add_ips or remove_ips; add_ips is for update only', () => {
  assert.deepEqual(marked(windows('action=update&ids=1&ips=10.0.0.1&add_ips=10.0.0.2')), [['conflict', 'add_ips']]);
  assert.deepEqual(marked(windows('action=update&ids=1&remove_ips=10.0.0.2&ips=10.0.0.1')), [['conflict', 'ips']]);
  assert.deepEqual(marked(windows('action=create&title=t&username=u&ips=10.0.0.1&add_ips=10.0.0.2')), [['parameter-not-for-action', 'add_ips']]);
  assert.deepEqual(marked(windows('action=update&ids=1&ips=10.0.0.300')), [['bad-format', '10.0.0.300']]);
});

test('is_cdb is 0 or 1; Oracle has a SID or a service name', () => {
  const oracle = (body: string) => post('/api/2.0/fo/auth/oracle/', body);
  assert.deepEqual(marked(oracle('action=update&ids=1&is_cdb=2')), [['bad-value', '2']]);
  assert.deepEqual(marked(oracle('action=update&ids=1&sid=a&servicename=b')), [['conflict', 'servicename']]);
  assert.deepEqual(marked(oracle('action=update&ids=1&login_type=vault&vault_type=Vault+9000')), [['bad-value', 'Vault+9000']]);
});

test('Apache status and is_system_created are 0 or 1', () => {
  const apache = (body: string) => post('/api/2.0/fo/auth/apache/', body);
  assert.deepEqual(marked(apache('action=list&status=O')), [['bad-value', 'O']]);
  assert.deepEqual(marked(apache('action=list&is_system_created=yes')), [['bad-value', 'yes']]);
  assert.deepEqual(codes(apache('action=list&status=0&is_system_created=1')), []);
});

test('new_tracking_method is IP, DNS or NETBIOS, never EC2 or AGENT', () => {
  for (const bad of ['EC2', 'AGENT']) assert.deepEqual(marked(host(`action=update&ids=1&new_tracking_method=${bad}`)), [['bad-value', bad]]);
  for (const good of ['IP', 'DNS', 'NETBIOS']) assert.deepEqual(codes(host(`action=update&ids=1&new_tracking_method=${good}`)), []);
});

test('new_ud1..3 take at most 128 ASCII characters', () => {
  assert.deepEqual(codes(host(`action=update&ids=1&new_ud1=${'a'.repeat(128)}`)), []);
  assert.deepEqual(codes(host(`action=update&ids=1&new_ud2=${'a'.repeat(129)}`)), ['bad-format']);
  assert.deepEqual(codes(host('action=update&ids=1&new_ud3=Zürich')), ['bad-format']);
});

test('host update selects hosts by exactly one of ids, ips, ag_ids, ag_titles, with its own filters', () => {
  assert.deepEqual(marked(host('action=update&new_comment=x')), [['missing-required', '{{baseUrl}}/api/2.0/fo/asset/host/']]);
  assert.deepEqual(marked(host('action=update&ids=1&ips=10.0.0.1')), [['conflict', 'ips']]);
  assert.deepEqual(marked(host('action=update&ids=1&tracking_method=IP')), [['condition', 'tracking_method']]);
  assert.deepEqual(marked(host('action=update&ag_ids=1&host_dns=a.b')), [['condition', 'host_dns']]);
  assert.deepEqual(codes(host('action=update&ag_titles=AG&tracking_method=IP&new_comment=x')), []);
  assert.deepEqual(codes(host('action=update&ips=10.0.0.1&network_id=0&network_name=n&tracking_method=IP&host_dns=a.b&host_netbios=A')), []);
});

test('host_dns and host_netbios need a single IP in ips', () => {
  assert.deepEqual(marked(host('action=update&ips=10.0.0.1-10.0.0.5&host_dns=a.b')), [['condition', '10.0.0.1-10.0.0.5']]);
  assert.deepEqual(marked(host('action=update&ips=10.0.0.1,10.0.0.2&host_netbios=A')), [['condition', '10.0.0.1,10.0.0.2']]);
});

test('instance_data_collection_auth_types: MongoDB, Oracle, MySQL, MSSQL, only with enable_instance_data_collection=1', () => {
  assert.deepEqual(marked(op('action=update&id=1&enable_instance_data_collection=0&instance_data_collection_auth_types=MySQL')), [['condition', 'instance_data_collection_auth_types']]);
  assert.deepEqual(marked(op('action=update&id=1&instance_data_collection_auth_types=MySQL')), [['condition', 'instance_data_collection_auth_types']]);
  assert.deepEqual(marked(op('action=update&id=1&enable_instance_data_collection=1&instance_data_collection_auth_types=MongoDB,Postgres')), [['bad-value', 'Postgres']]);
  assert.deepEqual(marked(op('action=update&id=1&enable_instance_data_collection=1')), [['missing-required', 'enable_instance_data_collection=1']]);
  assert.deepEqual(marked(op('action=update&id=1&enable_instance_data_collection=2&instance_data_collection_auth_types=MSSQL')), [['bad-value', '2']]);
  assert.deepEqual(codes(op('action=update&id=1&enable_instance_data_collection=1&instance_data_collection_auth_types=MSSQL,MS SQL')), []);
});

test('os_based_instance_disc_technologies is Oracle JRE', () => {
  assert.deepEqual(marked(op('action=update&id=1&os_based_instance_disc_technologies=Oracle JDK')), [['bad-value', 'Oracle JDK']]);
  assert.deepEqual(codes(op('action=update&id=1&os_based_instance_disc_technologies=Oracle+JRE')), []);
});

test('PCRS: evidenceRequired and compressionRequired are 0 or 1; dates YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ', () => {
  assert.deepEqual(marked(pcrs('evidenceRequired=2&compressionRequired=yes')), [['bad-value', '2'], ['bad-value', 'yes']]);
  assert.deepEqual(marked(pcrs('lastEvaluationDate=2021/12/23')), [['bad-format', '2021/12/23']]);
  assert.deepEqual(marked(pcrs('statusChangedSince=2021-02-30')), [['bad-format', '2021-02-30']]);
  assert.deepEqual(marked(pcrs('lastScanDate=2021-12-17T18:48:16')), [['bad-format', '2021-12-17T18:48:16']]);
  assert.deepEqual(codes(pcrs('lastEvaluationDate=2021-12-27T15:35:22Z&statusChangedSince=2021-12-23')), []);
});

test('PCRS: lastScanDate excludes lastScanDateFrom/To, which go together', () => {
  assert.deepEqual(marked(pcrs('lastScanDate=2021-12-17&lastScanDateFrom=2021-12-01&lastScanDateTo=2021-12-02')), [['conflict', 'lastScanDateFrom'], ['conflict', 'lastScanDateTo']]);
  assert.deepEqual(marked(pcrs('lastScanDateFrom=2022-09-30')), [['conflict', 'lastScanDateFrom']]);
  assert.match(diagnosticsOf(pcrs('lastScanDateTo=2022-09-30'))[0]!.message, /needs lastScanDateFrom/);
  assert.deepEqual(codes(pcrs('lastScanDateFrom=2022-09-30&lastScanDateTo=2022-12-27T20:48:16Z')), []);
});

test('unknown endpoint, action and parameter come with did-you-mean', () => {
  const endpoint = diagnosticsOf(post('/api/2.0/fo/auth/window/', 'action=list'));
  assert.equal(endpoint[0]!.code, 'unknown-endpoint');
  assert.match(endpoint[0]!.message, /Did you mean '\/api\/2\.0\/fo\/auth\/windows\/'/);
  assert.deepEqual(marked(host('action=lst')), [['unknown-action', 'lst']]);
  const param = diagnosticsOf(host('action=list&detials=All'));
  assert.deepEqual([param[0]!.code, param[0]!.message], ['unknown-parameter', "Unknown parameter 'detials' for /api/2.0/fo/asset/host/ action=list. Did you mean 'details'?"]);
  assert.deepEqual(marked(host('details=All')), [['missing-action', '{{baseUrl}}/api/2.0/fo/asset/host/']]);
});

test('a parameter given twice is a warning on the earlier one (Qualys keeps the last)', () => {
  const d = diagnosticsOf(host('action=list&details=All\n&details=None'));
  assert.deepEqual(d.map((x) => [x.code, x.severity, x.range.start.line]), [['duplicate', 2, 4]]);
});

test('every diagnostic has a stable code, the source and a message', () => {
  for (const d of diagnosticsOf(host('action=list&detials=All&details=Everything&truncation_limit=-1&vm_scan_since=yesterday'))) {
    assert.equal(d.source, 'qualys-request');
    assert.ok(typeof d.code === 'string' && d.code.length > 0);
    assert.ok(d.message.length > 10);
  }
});

test('query string, multi-line query and form body are checked alike, with variables', () => {
  const text = [
    '@ips = 10.0.0.1',
    'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list',
    '    &details=Everything',
    '    &ips={{ips}}',
    '    &ids={{unknownVariable}}',
    '',
  ].join('\n');
  assert.deepEqual(marked(text), [['bad-value', 'Everything']]);
  const badVariable = '@ips = 10.0.0.999\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ips={{ips}}\n';
  assert.deepEqual(codes(badVariable), ['bad-format']);
});

test('a form body may run over several lines', () => {
  assert.deepEqual(marked(host('action=update\n&ids=1\n&new_tracking_method=EC2\n&new_ud1=x')), [['bad-value', 'EC2']]);
});

test('REST Client files: only Qualys requests are checked', () => {
  const text = [
    'GET https://example.com/api/items?action=whatever',
    '',
    '###',
    'POST https://qualysapi.qualys.eu/api/2.0/fo/asset/host/',
    'Content-Type: application/x-www-form-urlencoded',
    '',
    'action=purg',
  ].join('\n');
  assert.deepEqual(marked(text, 'http'), [['unknown-action', 'purg']]);
});

test('a half-typed file still gets diagnostics for the complete requests', () => {
  const text = `GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&details=Al\n\n###\nPOS\n\n###\nGET {{baseUrl}}/api/2.0/fo/auth/unix/?action=list&ids=abc\n`;
  assert.deepEqual(marked(text), [['bad-value', 'Al'], ['bad-format', 'abc']]);
});

test('the method is checked against the endpoint', () => {
  // GET lists too (terraform-provider-qualys confirms GET or POST for the list); PUT is nowhere documented.
  assert.deepEqual(marked('PUT {{baseUrl}}/api/2.0/fo/subscription/option_profile/pc/?action=list\n'), [['method-not-allowed', 'PUT']]);
});

test('a cancelled diagnostics run stops early instead of finishing the file', () => {
  const text = Array.from({ length: 600 }, (_, i) => `###\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=lst&ids=${i}\n`).join('');
  const service = new RequestService();
  const cancelled = { isCancellationRequested: true, onCancellationRequested: () => ({ dispose() {} }) };
  assert.equal(service.diagnostics(makeDocument(text), cancelled).length, 0);
  assert.equal(service.diagnostics(makeDocument(text), token).length, 600);
});

test('gateway calls go to {{gatewayUrl}}, API calls to {{baseUrl}}', () => {
  assert.deepEqual(marked('GET {{baseUrl}}/pcrs/1.0/posture/hostids?policyId=1\n'), [['wrong-host', '{{baseUrl}}']]);
  assert.deepEqual(marked('GET {{gatewayUrl}}/api/2.0/fo/auth/?action=list\n'), [['wrong-host', '{{gatewayUrl}}']]);
  assert.deepEqual(marked('GET {{gatewayUrl}}/pcrs/1.0/posture/hostids?policyId=1\n'), []);
});

test('VM option profiles: the Quick Reference values are checked', () => {
  const vm = (body: string) => post('/api/2.0/fo/subscription/option_profile/vm/', body);
  assert.deepEqual(marked(vm('action=create&title=t&scan_tcp_ports=ful&map_netblock_size=4096')), [['bad-value', 'ful']]);
  assert.deepEqual(marked(vm('action=update&title=t')), [['missing-required', '{{baseUrl}}/api/2.0/fo/subscription/option_profile/vm/']]);
});
