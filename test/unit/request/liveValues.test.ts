import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { LiveValuesNotification } from '../../../server/src/protocol/liveValues';
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
