// checkSimpleValue: whitespace rules, built-in lexical spaces, every facet, fixed values.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import type { SimpleTypeModel } from '../../../server/src/schema/contentModel';
import { checkSimpleValue, normalizeWhiteSpace } from '../../../server/src/schema/simpleValue';

const t = (base: string, facets: Partial<SimpleTypeModel> = {}): SimpleTypeModel => ({ name: base, base, ...facets });
const kind = (type: SimpleTypeModel, value: string, fixed?: string) => checkSimpleValue(type, value, 'E', fixed)?.kind;

test('whitespace: string preserves, normalizedString replaces, token and numbers collapse', () => {
  assert.equal(normalizeWhiteSpace(' a\t b\n', 'preserve'), ' a\t b\n');
  assert.equal(normalizeWhiteSpace(' a\t b\n', 'replace'), ' a  b ');
  assert.equal(normalizeWhiteSpace(' a\t b\n', 'collapse'), 'a b');
  assert.equal(kind(t('string', { enumeration: ['Oracle JRE'] }), ' Oracle JRE'), 'enumeration');
  assert.equal(kind(t('token', { enumeration: ['Oracle JRE'] }), '\n  Oracle   JRE \n'), undefined);
  assert.equal(kind(t('nonNegativeInteger'), '\n 15 \n'), undefined);
  assert.equal(kind(t('string', { whiteSpace: 'collapse', enumeration: ['a b'] }), ' a  b '), undefined);
});

test('built-in lexical spaces and bounds', () => {
  for (const ok of ['true', 'false', '1', '0']) assert.equal(kind(t('boolean'), ok), undefined, ok);
  assert.equal(kind(t('boolean'), 'yes'), 'type');
  assert.equal(kind(t('integer'), '+007'), undefined);
  assert.equal(kind(t('integer'), '1.0'), 'type');
  assert.equal(kind(t('nonNegativeInteger'), '-1'), 'type');
  assert.equal(kind(t('positiveInteger'), '0'), 'type');
  assert.equal(kind(t('int'), '2147483648'), 'type');
  assert.equal(kind(t('unsignedLong'), '18446744073709551615'), undefined);
  assert.equal(kind(t('decimal'), '-.5'), undefined);
  assert.equal(kind(t('decimal'), '1e3'), 'type');
  assert.equal(kind(t('dateTime'), '2021-02-01T09:16:52Z'), undefined);
  assert.equal(kind(t('dateTime'), '2021-02-01T09:16:52.123+05:30'), undefined);
  assert.equal(kind(t('dateTime'), '2021-02-29T09:16:52Z'), 'type');
  assert.equal(kind(t('dateTime'), '2021-02-01 09:16:52'), 'type');
  assert.equal(kind(t('date'), '2024-02-29'), undefined);
  assert.equal(kind(t('date'), '2024-13-01'), 'type');
  assert.equal(kind(t('NCName'), 'a:b'), 'type');
  assert.equal(kind(t('string'), ''), undefined);
  assert.equal(checkSimpleValue(t('nonNegativeInteger'), 'ten', 'DB_UDC_LIMIT')?.message, "'ten' is not a valid value of DB_UDC_LIMIT: expected a whole number (xs:nonNegativeInteger)");
});

test('enumeration: message names the element and the allowed values, in schema order', () => {
  const perf = t('token', { enumeration: ['Low', 'Normal', 'High'] });
  assert.deepEqual(checkSimpleValue(perf, 'Hgh', 'OVERALL_PERFORMANCE'), {
    kind: 'enumeration',
    message: "'Hgh' is not an allowed value of OVERALL_PERFORMANCE: Low, Normal, High",
    allowed: ['Low', 'Normal', 'High'],
  });
  assert.equal(kind(perf, 'high'), 'enumeration');
  // Enumerations compare in the value space: integer 010 is 10.
  assert.equal(kind(t('integer', { enumeration: ['1024', '4096'] }), '04096'), undefined);
});

test('pattern: XSD patterns are anchored and all derivation steps must match', () => {
  const ports = t('string', { patterns: ['\\d+(-\\d+)?(,\\d+(-\\d+)?)*'] });
  assert.equal(kind(ports, '1024,8080-8090'), undefined);
  assert.equal(kind(ports, 'x1024'), 'pattern');
  assert.equal(kind(ports, '1024,'), 'pattern');
  const both = t('string', { patterns: ['[a-z]+', '.{2}'] });
  assert.equal(kind(both, 'ab'), undefined);
  assert.equal(kind(both, 'abc'), 'pattern');
  assert.equal(checkSimpleValue(ports, 'a', 'ADDITIONAL_PORTS')?.message, "'a' does not match the pattern of ADDITIONAL_PORTS: \\d+(-\\d+)?(,\\d+(-\\d+)?)*");
});

test('range: min and max inclusive on integers', () => {
  const r = t('integer', { minInclusive: 1, maxInclusive: 15 });
  assert.equal(kind(r, '1'), undefined);
  assert.equal(kind(r, '15'), undefined);
  assert.equal(kind(r, '0'), 'range');
  assert.equal(checkSimpleValue(r, '16', 'EXTERNAL_SCANNERS')?.message, "'16' is out of range for EXTERNAL_SCANNERS: from 1 to 15");
  assert.equal(checkSimpleValue(t('integer', { minInclusive: 30 }), '29', 'M')?.message, "'29' is out of range for M: 30 or more");
  assert.equal(checkSimpleValue(t('integer', { maxInclusive: 9 }), '10', 'M')?.message, "'10' is out of range for M: 9 or less");
});

test('length: minLength, maxLength and exact length count characters, not UTF-16 units', () => {
  assert.equal(kind(t('string', { minLength: 1 }), ''), 'length');
  assert.equal(kind(t('string', { maxLength: 3 }), 'abcd'), 'length');
  assert.equal(kind(t('string', { minLength: 2, maxLength: 2 }), '😀😀'), undefined);
  assert.equal(checkSimpleValue(t('string', { minLength: 3, maxLength: 3 }), 'ab', 'CODE')?.message, "'ab' has 2 characters; CODE needs exactly 3");
  assert.equal(checkSimpleValue(t('string', { maxLength: 64 }), 'x'.repeat(65), 'TITLE')?.message, `'${'x'.repeat(59)}…' has 65 characters; TITLE needs at most 64`);
});

test('fixed: compared in the value space after whitespace', () => {
  assert.equal(kind(t('boolean'), 'true', '1'), undefined);
  assert.equal(kind(t('boolean'), ' 1 ', 'true'), undefined);
  assert.deepEqual(checkSimpleValue(t('boolean'), 'false', 'ON_DUPLICATE_USE_SYSTEM_AUTH', '1'), {
    kind: 'fixed',
    message: "ON_DUPLICATE_USE_SYSTEM_AUTH has the fixed value '1'; found 'false'",
    allowed: ['1'],
  });
  assert.equal(kind(t('integer'), '+01', '1'), undefined);
  assert.equal(kind(t('string'), 'a ', 'a'), 'fixed');
  assert.equal(kind(t('token'), ' a ', 'a'), undefined);
});

test('the type problem comes first: a bad integer is reported as a type error, not a range error', () => {
  assert.equal(kind(t('integer', { minInclusive: 1, enumeration: ['1'] }), 'one'), 'type');
});
