/**
 * Assertion semantics (client/src/runner/evaluate.ts) on Qualys' own answers: its host list sample,
 * a SIMPLE_RETURN error sample and a recorded QPS answer; XPath kept safe from entity declarations.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import { readAssertionLine, toAssertion, type Assertion } from '../../../server/src/request/assertions';
import { evaluateAssertions, type Answer } from '../../../client/src/runner/evaluate';

const FIXTURES = join(__dirname, '../api/fixtures');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function assertion(line: string): Assertion {
  const read = toAssertion(line, readAssertionLine(line, 0, line.length), 0);
  if (!read.ok) throw new Error(read.problem);
  return read.assertion;
}

function answer(body: string, extra: Partial<Answer> = {}): Answer {
  return { status: 200, headers: { 'Content-Type': 'text/xml', 'X-RateLimit-Remaining': '297' }, body, durationMs: 120, size: Buffer.byteLength(body), ...extra };
}

function outcomes(lines: string[], on: Answer): [string, string, string | undefined][] {
  return evaluateAssertions(lines.map(assertion), on).map((r) => [r.assertion.source, r.outcome, r.message]);
}

test("XPath on Qualys' host list sample: numbers, strings, node text, lists and absence", () => {
  const hosts = answer(fixture('host_list_ec2_metadata.qualys-doc-sample.xml'));
  const results = outcomes(
    [
      '?? xpath count(//HOST) > 0',
      '?? xpath count(//HOST) == 1',
      '?? xpath //HOST/ID == 135151',
      '?? xpath //HOST/TRACKING_METHOD == EC2',
      '?? xpath //HOST/OS startsWith Amazon Linux',
      '?? xpath /HOST_LIST_OUTPUT/RESPONSE/DATETIME matches ^2016-11-15T',
      '?? xpath //ATTRIBUTE/NAME isArray',
      '?? xpath //WARNING exists',
      '?? xpath //WARNING isFalse',
      '?? xpath boolean(//HOST[ID=135151]) isTrue',
    ],
    hosts,
  );
  assert.deepEqual(
    results.map(([source, outcome]) => [source, outcome]),
    [
      ['xpath count(//HOST) > 0', 'passed'],
      ['xpath count(//HOST) == 1', 'passed'],
      ['xpath //HOST/ID == 135151', 'passed'],
      ['xpath //HOST/TRACKING_METHOD == EC2', 'passed'],
      ['xpath //HOST/OS startsWith Amazon Linux', 'passed'],
      ['xpath /HOST_LIST_OUTPUT/RESPONSE/DATETIME matches ^2016-11-15T', 'passed'],
      ['xpath //ATTRIBUTE/NAME isArray', 'passed'],
      ['xpath //WARNING exists', 'failed'],
      ['xpath //WARNING isFalse', 'passed'],
      ['xpath boolean(//HOST[ID=135151]) isTrue', 'passed'],
    ],
  );
  assert.equal(results[7]![2], 'xpath //WARNING (absent) exists');
});

test('status, code, text, headers, duration, size and body with the operators httpYac has', () => {
  const body = fixture('simple_return_error_1905_invalid_value.qualys-doc-sample.xml');
  const error = answer(body, { status: 400, code: '1905', text: 'parameter network_id has invalid value: 1103 (No such network ID)' });
  assert.deepEqual(
    outcomes(
      [
        '?? status == 400',
        '?? status != 200',
        '?? status >= 400',
        '?? code == 1905',
        '?? code != 1965',
        '?? text includes network_id',
        '?? text endsWith (No such network ID)',
        '?? header x-ratelimit-remaining > 10',
        '?? header X-RATELIMIT-REMAINING == 297',
        '?? header x-missing exists',
        '?? duration < 1000',
        '?? size == ' + Buffer.byteLength(body),
        '?? body contains <CODE>1905</CODE>',
        '?? status isNumber',
        '?? text isString',
        '?? body sha256 ' + createHash('sha256').update(body).digest('base64'),
        '?? status == 200',
      ],
      error,
    ).map(([, outcome, message]) => message ?? outcome),
    ['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'header x-missing (absent) exists', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'status (400) == 200'],
  );
});

test('an answer without a Qualys error has no code: != passes, == fails', () => {
  assert.deepEqual(outcomes(['?? code != 1965', '?? code == 1965', '?? code exists'], answer('<OK/>')).map(([, o]) => o), ['passed', 'failed', 'failed']);
});

test('XPath failures say why: not XML, not well-formed, entity declarations refused, an evaluation error', () => {
  const [notXml] = outcomes(['?? xpath count(//A) > 0'], answer('{"a":1}'));
  assert.match(notXml![2]!, /the answer is not XML/);
  const [broken] = outcomes(['?? xpath count(//A) > 0'], answer('<A><B></A>'));
  assert.match(broken![2]!, /not well-formed XML/);
  const bomb = '<?xml version="1.0"?><!DOCTYPE A [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><A>&b;</A>';
  const [refused] = outcomes(['?? xpath string(/A) == x'], answer(bomb));
  assert.match(refused![2]!, /declares XML entities, which are never expanded/);
  const [failing] = outcomes(['?? xpath unknown-function(//A) == 1'], answer('<A/>'));
  assert.match(failing![2]!, /the XPath expression failed: XPST0017/);
});
