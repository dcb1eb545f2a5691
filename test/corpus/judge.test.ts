/** The corpus verdict on small inline cases: it can fail, and says why. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { familyOf, judge, knownKey, type CorpusCall, type KnownFalse } from './corpus';

function call(block: string, diagnostics: CorpusCall['diagnostics']): CorpusCall {
  return { file: 'x.qualys', block, method: 'GET', url: '{{baseUrl}}/api/2.0/fo/scan/', key: block, family: 'scans', diagnostics };
}

test('an error on a valid call is a false diagnostic; information notes are not', () => {
  const verdict = judge(
    [call('a', [{ code: 'unknown-endpoint', severity: 'error', message: 'm', line: 3 }, { code: 'not-checked', severity: 'information', message: 'n', line: 3 }])],
    [],
  );
  assert.deepEqual(verdict.falseDiagnostics.map((d) => [d.block, d.code, d.severity]), [['a', 'unknown-endpoint', 'error']]);
});

test('a listed mistake is caught only by a warning or error with its code', () => {
  const mistake = { file: 'x.qualys', block: 'b', code: 'bad-format', why: 'ids are digits', doc: 'https://docs.qualys.com/x' };
  const caught = judge([call('b', [{ code: 'bad-format', severity: 'warning', message: 'm', line: 1 }])], [mistake]);
  assert.equal(caught.caught.length, 1);
  assert.deepEqual(caught.falseDiagnostics, []);
  const onlyInfo = judge([call('b', [{ code: 'bad-format', severity: 'information', message: 'm', line: 1 }])], [mistake]);
  assert.equal(onlyInfo.missed.length, 1);
  const otherCode = judge([call('b', [{ code: 'unknown-parameter', severity: 'error', message: 'm', line: 1 }])], [mistake]);
  assert.equal(otherCode.missed.length, 1);
  assert.equal(otherCode.falseDiagnostics.length, 1, 'an error beyond the expected one is false');
});

test('families fold doubled slashes and tell the gateway apart', () => {
  assert.equal(familyOf('/api/2.0/fo//scan/compliance/', false), 'compliance scans');
  assert.equal(familyOf('/api/5.0/fo/asset/host/vm/detection/', false), 'host detections');
  assert.equal(familyOf('/qps/rest/3.0/search/was/finding', false), 'WAS');
  assert.equal(familyOf('/fim/v2/events/search', true), 'gateway');
});

test('a known false diagnostic is matched on file, block and code, whatever its wording', () => {
  const before: KnownFalse = { file: 'x.qualys', block: 'a', code: 'unknown-endpoint', severity: 'error', message: "Did you mean '/api/2.0/fo/auth/'?" };
  const reworded: KnownFalse = { ...before, message: "Did you mean '/api/2.0/fo/network/'?" };
  assert.equal(knownKey(before), knownKey(reworded));
  assert.notEqual(knownKey(before), knownKey({ ...before, code: 'unknown-parameter' }));
});
