import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { LiveValuesNotification } from '../../../protocol';
import { LiveValuesCache, MAX_LIVE_VALUES } from '../../../server/src/request/liveValuesCache';
import { RequestService } from '../../../server/src/request/requestService';
import { completionItems, makeDocument, token } from './helpers';

test('the live values notification is declared once, with its method and type', () => {
  assert.equal(LiveValuesNotification.method, 'qualys/liveValues');
  assert.equal(LiveValuesNotification.type.method, 'qualys/liveValues');
});

test('the cache keeps the last values per kind, bounded, and an empty list clears the kind', () => {
  const cache = new LiveValuesCache();
  const values = Array.from({ length: MAX_LIVE_VALUES + 10 }, (_, i) => ({ value: String(i) }));
  cache.update({ account: 'demo', kind: 'policyIds', values, fetchedAt: 't1' });
  assert.equal(cache.get('policyIds')!.values.length, MAX_LIVE_VALUES);
  cache.update({ account: 'demo', kind: 'policyIds', values: [{ value: '7' }], fetchedAt: 't2' });
  assert.deepEqual(cache.get('policyIds')!.values, [{ value: '7' }]);
  cache.update({ account: 'demo', kind: 'policyIds', values: [], fetchedAt: 't3' });
  assert.equal(cache.get('policyIds'), undefined);
});

test('policy and option profile IDs complete from the cache, labelled with their titles', () => {
  const service = new RequestService();
  service.updateLiveValues({ account: 'demo', kind: 'policyIds', fetchedAt: '2026-01-01T00:00:00Z', values: [{ value: '597463', label: 'CIS Windows 2019' }] });
  service.updateLiveValues({ account: 'demo', kind: 'optionProfileIds', fetchedAt: '2026-01-01T00:00:00Z', values: [{ value: '108430', label: 'PC default' }] });
  const policy = completionItems('GET {{baseUrl}}/api/2.0/fo/compliance/posture/info/?action=list&policy_id=|', service);
  assert.deepEqual(policy.map((i) => [i.label, i.detail]), [['597463', 'CIS Windows 2019 (demo, 2026-01-01T00:00:00Z)']]);
  assert.deepEqual(completionItems('GET {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=export&option_profile_id=|', service).map((i) => i.label), ['108430']);
  assert.deepEqual(completionItems('GET {{gatewayUrl}}/pcrs/1.0/posture/hostids?policyId=|', service).map((i) => i.label), ['597463']);
});

test('requests fold from one ### to the next', () => {
  const document = makeDocument('### a\nGET {{baseUrl}}/api/2.0/fo/auth/?action=list\n\n### b\nGET {{baseUrl}}/api/2.0/fo/auth/?action=list\nX-Requested-With: x\n');
  assert.deepEqual(new RequestService().foldingRanges(document, token), [{ startLine: 0, endLine: 1 }, { startLine: 3, endLine: 5 }]);
});

test('auth record IDs complete with the records of the endpoint own type only', () => {
  const service = new RequestService();
  service.updateLiveValues({
    account: 'demo',
    kind: 'authRecordIds',
    fetchedAt: '2026-01-01T00:00:00Z',
    values: [
      { value: '204017', label: 'windows record', group: 'windows' },
      { value: '204028', label: 'unix record', group: 'unix' },
    ],
  });
  const unix = completionItems('POST {{baseUrl}}/api/2.0/fo/auth/unix/?action=update&ids=|', service);
  assert.deepEqual(unix.map((i) => i.label), ['204028']);
  const windows = completionItems('POST {{baseUrl}}/api/2.0/fo/auth/windows/?action=update&ids=|', service);
  assert.deepEqual(windows.map((i) => i.label), ['204017']);
});

test('asset groups, appliances and networks complete by ID or by title and name, as each parameter takes them', () => {
  const service = new RequestService();
  const at = '2026-01-01T00:00:00Z';
  service.updateLiveValues({ account: 'demo', kind: 'assetGroupIds', fetchedAt: at, values: [{ value: '4580720', label: 'Datacenter Servers', name: 'Datacenter Servers' }] });
  service.updateLiveValues({ account: 'demo', kind: 'assetGroupTitles', fetchedAt: at, values: [{ value: 'Datacenter Servers', label: 'ID 4580720' }] });
  service.updateLiveValues({ account: 'demo', kind: 'applianceIds', fetchedAt: at, values: [{ value: '43575', label: 'scanner-dc1, Online' }, { value: '43576', label: 'scanner-dmz, Online' }] });
  service.updateLiveValues({ account: 'demo', kind: 'applianceNames', fetchedAt: at, values: [{ value: 'scanner-dc1', label: 'ID 43575' }] });
  service.updateLiveValues({ account: 'demo', kind: 'networkIds', fetchedAt: at, values: [{ value: '1001', label: 'DMZ' }] });
  service.updateLiveValues({ account: 'demo', kind: 'optionProfileTitles', fetchedAt: at, values: [{ value: 'Initial Options', label: 'ID 1' }] });
  const labels = (text: string) => completionItems(text, service).map((i) => i.label);
  assert.deepEqual(labels('POST {{baseUrl}}/api/2.0/fo/asset/group/?action=edit&id=|'), ['4580720']);
  assert.deepEqual(completionItems('GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ag_titles=|', service).map((i) => [i.label, i.detail]), [['Datacenter Servers', `ID 4580720 (demo, ${at})`]]);
  assert.deepEqual(labels('GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ag_ids=|'), ['4580720']);
  // A comma separated list completes the item under the cursor.
  const second = completionItems('POST {{baseUrl}}/api/2.0/fo/asset/group/?action=edit&id=1&add_appliance_ids=43575,|', service);
  assert.deepEqual(second.map((i) => i.label), ['43575', '43576']);
  assert.deepEqual(labels('GET {{baseUrl}}/api/2.0/fo/appliance/?action=list&name=|'), ['scanner-dc1']);
  assert.deepEqual(labels('GET {{baseUrl}}/api/2.0/fo/network/?action=list&ids=|'), ['1001']);
  assert.deepEqual(labels('POST {{baseUrl}}/api/2.0/fo/appliance/?action=assign_network_id&appliance_id=43575&network_id=|'), ['1001']);
  assert.deepEqual(labels('GET {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=export&option_profile_title=|'), ['Initial Options']);
  assert.deepEqual(labels('POST {{baseUrl}}/api/2.0/fo/compliance/policy/?action=set_asset_group_ids&id=1&asset_group_ids=|'), ['4580720']);
});

test('a long live value is listed cut to 60 characters, inserted and matched whole, its whole text in the documentation', () => {
  const service = new RequestService();
  const at = '2026-01-01T00:00:00Z';
  const title = 'Quarterly PCI external scan - all DMZ and partner-facing web servers (authenticated, full TCP)';
  const policy = 'CIS Microsoft Windows Server 2022 Benchmark v2.0.0 Level 1 Member Server, with site exceptions';
  service.updateLiveValues({ account: 'demo', kind: 'optionProfileTitles', fetchedAt: at, values: [{ value: title, label: 'ID 1' }, { value: 'Initial Options', label: 'ID 2' }] });
  service.updateLiveValues({ account: 'demo', kind: 'policyIds', fetchedAt: at, values: [{ value: '597463', label: policy }] });
  const [long, short] = completionItems('GET {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=export&option_profile_title=|', service);
  assert.equal(long!.label, `${title.slice(0, 59)}…`);
  assert.equal([...String(long!.label)].length, 60);
  assert.equal(long!.textEdit!.newText, title, 'the whole title is inserted');
  assert.equal(long!.filterText, title, 'typing matches any of it');
  assert.equal(long!.documentation, `${title}\n\nID 1`);
  assert.deepEqual([short!.label, short!.filterText, short!.documentation], ['Initial Options', undefined, undefined], 'a short value is as it was');
  // A long title beside a short ID: the ID is listed whole, the title cut in the detail and whole in the documentation.
  const [id] = completionItems('GET {{baseUrl}}/api/2.0/fo/compliance/posture/info/?action=list&policy_id=|', service);
  assert.equal(id!.label, '597463');
  assert.equal(id!.detail, `${policy.slice(0, 59)}… (demo, ${at})`);
  assert.equal(id!.documentation, `597463\n\n${policy}`);
});
