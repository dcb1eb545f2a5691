import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { allowedEdits, editDistance, isNearMiss, nearMiss, NearMissMemo, normalizeName } from '../../../server/src/common/nearMiss';

test('words are compared without case, whitespace, _ and -', () => {
  assert.equal(normalizeName('Acti on'), 'action');
  assert.equal(normalizeName('SCAN-TCP_ports'), 'scantcpports');
  // Spelling variants are always meant, whatever their length (the OCR text of seed 001, a case slip).
  assert.equal(nearMiss('li st', ['list', 'update']), 'list');
  assert.equal(nearMiss('st at us', ['status', 'ids']), 'status');
  assert.equal(nearMiss('Any', ['all', 'any']), 'any');
  assert.equal(nearMiss('PERFORMANCE', ['PERFORMANCE']), 'PERFORMANCE');
});

test('the number of edits allowed grows with the length: none up to 2, 1 up to 5, 2 up to 11, 3 beyond', () => {
  assert.deepEqual([1, 2, 3, 5, 6, 11, 12, 30].map(allowedEdits), [0, 0, 1, 1, 2, 2, 3, 3]);
  assert.equal(nearMiss('lst', ['list', 'update', 'purge']), 'list');
  assert.equal(nearMiss('ds', ['ids']), 'ids'); // 3 characters on the longer side: one edit
  assert.equal(nearMiss('id', ['ip']), undefined); // 2 characters: no edit
  assert.equal(nearMiss('tag', ['awsassetdataconnector']), undefined);
  assert.equal(nearMiss('PERFORMANSE', ['PERFORMANCE', 'PARALLEL_SCALING']), 'PERFORMANCE');
  assert.equal(nearMiss('s_system created', ['is_system_created', 'status']), 'is_system_created');
  assert.equal(nearMiss('tag_set_byy', ['tag_set_by', 'tag_include_selector']), 'tag_set_by');
  assert.equal(nearMiss('completely_different', ['tag_set_by', 'tag_include_selector']), undefined);
});

test('a swap of two neighbours is one edit', () => {
  assert.equal(editDistance('detials', 'details'), 1);
  assert.equal(editDistance('hots', 'host'), 1);
  assert.equal(nearMiss('detials', ['details', 'ids']), 'details');
  assert.ok(isNearMiss('hots', 'host'));
});

test('editDistance stops at the limit', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('kitten', 'sitting', 1), 2);
  assert.equal(editDistance('a', 'abcdef', 2), 3);
  assert.equal(editDistance('', 'abc'), 3);
});

test('two equally close candidates: no suggestion (a guess between two is no help)', () => {
  assert.equal(nearMiss('is', ['ids', 'ips']), undefined);
  assert.equal(nearMiss('ipss', ['ips', 'ids']), 'ips');
});

test('a real name elsewhere is never taken for a typo; spelling variants still are', () => {
  const realNames = new Set(['ips', 'vhost']);
  assert.equal(nearMiss('ips', ['ids'], { realNames }), undefined);
  assert.equal(nearMiss('ips', ['ids']), 'ids');
  assert.equal(nearMiss('IDS', ['ids'], { realNames: new Set(['IDS']) }), 'ids');
});

test('the memo answers the same as nearMiss, per owner and per use of real names', () => {
  const memo = new NearMissMemo();
  const owner = {};
  let calls = 0;
  const candidates = () => {
    calls++;
    return ['ids', 'details'];
  };
  assert.equal(memo.nearMiss(owner, 'ips', candidates), 'ids');
  assert.equal(memo.nearMiss(owner, 'ips', candidates), 'ids');
  assert.equal(calls, 1);
  assert.equal(memo.nearMiss(owner, 'ips', candidates, new Set(['ips'])), undefined);
  assert.equal(memo.nearMiss({}, 'detials', candidates), 'details');
});
