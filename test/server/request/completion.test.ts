import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { RequestService } from '../../../server/src/request/requestService';
import { completionItems, completionLabels } from './helpers';

test('paths complete on the request line', () => {
  const labels = completionLabels('GET {{baseUrl}}/api/2.0/fo/au|');
  assert.ok(labels.includes('/api/2.0/fo/auth/windows/'));
  assert.ok(labels.includes('/pcrs/1.0/posture/postureInfo'));
  assert.ok(labels.includes('/qps/rest/1.0/create/ca/agentconfig/'));
});

test('methods complete at the start of a request', () => {
  assert.deepEqual(completionLabels('###\nPO|'), ['GET', 'POST']);
});

test('without an action, the actions of the endpoint are offered first', () => {
  const labels = completionLabels('GET {{baseUrl}}/api/2.0/fo/asset/host/?|');
  assert.deepEqual(labels, ['action=list', 'action=update', 'action=purge']);
});

test('action values complete after action=', () => {
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/auth/oracle/?action=|'), ['list', 'create', 'update', 'delete']);
});

test('parameters valid for the endpoint and action and not yet used', () => {
  const labels = completionLabels('POST {{baseUrl}}/api/2.0/fo/auth/windows/\n\naction=update&ids=1&|');
  assert.ok(labels.includes('add_ips'));
  assert.ok(labels.includes('asset_type'));
  assert.ok(!labels.includes('ids'), 'ids is used');
  assert.ok(!labels.includes('action=list'), 'action is given');
  assert.ok(!labels.includes('windows_domain'), 'not for update');
  const create = completionLabels('POST {{baseUrl}}/api/2.0/fo/auth/windows/\n\naction=create\n&|');
  assert.ok(!create.includes('add_ips'), 'add_ips is for update only');
});

test('a parameter inserts name= and asks for values when it has some', () => {
  const item = completionItems('GET {{baseUrl}}/api/2.0/fo/asset/host/?action=update&new_tr|').find((i) => i.label === 'new_tracking_method')!;
  assert.equal(item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : '', 'new_tracking_method=');
  assert.equal(item.command?.command, 'editor.action.triggerSuggest');
});

test('enumeration values complete, the default preselected', () => {
  const items = completionItems('GET {{baseUrl}}/api/2.0/fo/auth/unix/?action=create&asset_type=|');
  assert.deepEqual(items.map((i) => i.label), ['ips', 'asset_tags', 'ip_range_tag_rule']);
  assert.equal(items.find((i) => i.preselect)?.label, 'ips');
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/asset/host/?action=update&new_tracking_method=|'), ['IP', 'DNS', 'NETBIOS']);
});

test('in a comma separated value only the item under the cursor is replaced', () => {
  const items = completionItems('POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/pc/\n\naction=update&id=1&enable_instance_data_collection=1&instance_data_collection_auth_types=MongoDB,|');
  assert.deepEqual(items.map((i) => i.label), ['MongoDB', 'Oracle', 'MySQL', 'MSSQL']);
  const edit = items[0]!.textEdit!;
  assert.ok('range' in edit);
  assert.equal(edit.range.start.character, edit.range.end.character);
});

test('live values from the account cache complete tag IDs, or names with tag_set_by=name', () => {
  const service = new RequestService();
  service.updateLiveValues({ account: 'demo', kind: 'tags', fetchedAt: '2026-01-01T00:00:00Z', values: [{ value: '7515612', name: 'UnixOS' }, { value: '7514462', name: 'WindowsOS' }] });
  service.updateLiveValues({ account: 'demo', kind: 'authRecordIds', fetchedAt: '2026-01-01T00:00:00Z', values: [{ value: '204017', label: 'Windows' }] });
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/auth/unix/?action=create&asset_type=asset_tags&tags_include=|', service), ['7515612', '7514462']);
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/auth/unix/?action=create&asset_type=asset_tags&tag_set_by=name&tags_include=UnixOS,|', service), ['UnixOS', 'WindowsOS']);
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/auth/unix/?action=update&ids=|', service), ['204017']);
  // An empty list clears the kind (e.g. sign-out); completion then has nothing to offer.
  service.updateLiveValues({ account: 'demo', kind: 'tags', fetchedAt: '2026-01-01T00:00:01Z', values: [] });
  assert.deepEqual(completionLabels('GET {{baseUrl}}/api/2.0/fo/auth/unix/?action=create&tags_include=|', service), []);
});

test('completion works in REST Client files and in a request among thousands', () => {
  assert.deepEqual(completionLabels('POST https://qualysapi.qualys.com/api/2.0/fo/auth/apache/\n\naction=list&status=|', new RequestService(), 'http'), ['0', '1']);
  const many = Array.from({ length: 2000 }, (_, i) => `### r${i}\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ids=${i}\n`).join('\n');
  assert.deepEqual(completionLabels(`${many}\n### last\nGET {{baseUrl}}/api/2.0/fo/compliance/policy/?action=list&details=|\n`), ['Basic', 'All', 'None']);
});

test('QPS bodies complete performance keys and enumeration values', () => {
  const body = (inner: string) => `POST {{baseUrl}}/qps/rest/1.0/update/ca/agentconfig/1\nContent-Type: text/xml\n\n<ServiceRequest><data><AgentConfig>${inner}</AgentConfig></data></ServiceRequest>\n`;
  const keys = completionLabels(body('<performanceProfile><settings><list><PerformanceLevelSettings><key>|</key><value>1</value></PerformanceLevelSettings></list></settings></performanceProfile>'));
  assert.equal(keys.length, 16);
  assert.ok(keys.includes('CPU_LIMIT'));
  assert.deepEqual(completionLabels(body('<performanceProfile><settings><list><PerformanceLevelSettings><key>AGENT_LOGGING_LEVEL</key><value>|</value></PerformanceLevelSettings></list></settings></performanceProfile>')), ['Verbose', 'Info', 'Warn', 'Error', 'None']);
  assert.deepEqual(completionLabels(body('<tags><includeResolution>|</includeResolution></tags>')), ['ANY', 'ALL']);
  assert.ok(completionLabels(body('<|')).includes('blackoutConfig'));
});

test('variables complete after {{: the account hosts and the file variables', () => {
  assert.deepEqual(completionLabels('@tagIds = 1,2\nGET {{|'), ['baseUrl', 'gatewayUrl', 'tagIds']);
  const item = completionItems('GET {{base|}}/api/2.0/fo/auth/')[0]!;
  assert.equal(item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : '', 'baseUrl');
});

test('after the method, whole URLs with the account host variable complete', () => {
  const labels = completionLabels('### new\nPOST |');
  assert.ok(labels.includes('{{baseUrl}}/api/2.0/fo/asset/host/'));
  assert.ok(labels.includes('{{gatewayUrl}}/pcrs/1.0/posture/postureInfo'));
});

test('REST Client files: no completion in requests that are not Qualys ones', () => {
  assert.deepEqual(completionLabels('GET https://example.com/|', new RequestService(), 'http'), []);
  assert.deepEqual(completionLabels('GET {{|', new RequestService(), 'http'), []);
  assert.deepEqual(completionLabels('GET https://example.com/items?action=|', new RequestService(), 'http'), []);
  assert.deepEqual(completionLabels('GET https://qualysapi.qualys.com/api/2.0/fo/auth/unix/?action=|', new RequestService(), 'http'), ['list', 'create', 'update', 'delete']);
});
