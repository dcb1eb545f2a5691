import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyCompletion, testCompletion } from './serviceHelpers';

const profileStart = '<OPTION_PROFILES><OPTION_PROFILE>';

test('after < : the allowed elements, required first, then schema order', () => {
  // Only what may come next: a sequence starts with its first element.
  testCompletion(`${profileStart}<BASIC_INFO><|</BASIC_INFO></OPTION_PROFILE></OPTION_PROFILES>`, ['ID']);
  testCompletion(`${profileStart}<BASIC_INFO><ID>1</ID><GROUP_NAME/><|</BASIC_INFO>`, ['IS_GLOBAL']);
  // After ID only GROUP_NAME and IS_GLOBAL can follow; GROUP_NAME is still required.
  testCompletion(`${profileStart}<BASIC_INFO><ID>1</ID><|</BASIC_INFO>`, ['GROUP_NAME']);
  // All of SCAN's children are optional: schema order.
  testCompletion(`${profileStart}<BASIC_INFO/><SCAN><|</SCAN>`, ['PERFORMANCE', 'SYSTEM_AUTH_RECORD', 'CONTROL_TYPES', 'TEST_AUTHENTICATION']);
  testCompletion(`${profileStart}<BASIC_INFO/><SCAN><CONTROL_TYPES/><|</SCAN>`, ['TEST_AUTHENTICATION']);
  testCompletion(`${profileStart}<BASIC_INFO/><SCAN><PERFORMANCE><|`, ['OVERALL_PERFORMANCE', 'PARALLEL_SCALING']);
});

test('completion works on half-typed and broken documents', () => {
  // A half-typed name, an unclosed parent, no end tags at all.
  testCompletion(`${profileStart}<BASIC_INFO><ID>1</ID><GR|`, ['GROUP_NAME']);
  // Broken XML before the cursor does not stop it.
  testCompletion(`<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO><ID><!CDATA[1]]></ID>\n  <|\n<SCAN>`, ['GROUP_NAME']);
  testCompletion(`<OPTION_PROFILES>\n<OPTION_PROFILE>\n  <BASIC_INFO>\n  </BASIC_INFO>\n  <SCAN>\n  </SCAN>\n  <|\n</OPTION_PROFILE>`, ['ADDITIONAL']);
  testCompletion('<OPTION_PROFILES><|', ['OPTION_PROFILE']);
  testCompletion('<|', ['OPTION_PROFILES']);
});

test('an element completion inserts a snippet with its required children', () => {
  const text = `${profileStart}<|</OPTION_PROFILE></OPTION_PROFILES>`;
  const items = testCompletion(text, ['BASIC_INFO']);
  const basic = items[0]!;
  assert.equal(basic.detail, 'required');
  assert.equal(basic.insertTextFormat, 2);
  assert.equal(
    applyCompletion(text, basic),
    `${profileStart}<BASIC_INFO>\n    <ID>$1</ID>\n    <GROUP_NAME>$2</GROUP_NAME>\n</BASIC_INFO></OPTION_PROFILE></OPTION_PROFILES>`,
  );
  const perfText = `${profileStart}<BASIC_INFO/><SCAN><|</SCAN>`;
  const perf = testCompletion(perfText, (labels) => assert.equal(labels[0], 'PERFORMANCE'))[0]!;
  assert.match(applyCompletion(perfText, perf), /<OVERALL_PERFORMANCE>\$\{1\|Low,Normal,High\|\}<\/OVERALL_PERFORMANCE>/);
});

test('after </ : the end tag of the open element', () => {
  const text = `${profileStart}<BASIC_INFO><ID>1</ID></|`;
  const items = testCompletion(text, ['</BASIC_INFO>']);
  assert.equal(applyCompletion(text, items[0]!), `${profileStart}<BASIC_INFO><ID>1</ID></BASIC_INFO>`);
  testCompletion(`${profileStart}<BASIC_INFO><ID>1</ID></BA|`, ['</BASIC_INFO>']);
});

test('inside a text value: enumeration values, 0/1, the fixed value', () => {
  const perf = `${profileStart}<BASIC_INFO/><SCAN><PERFORMANCE><OVERALL_PERFORMANCE>|</OVERALL_PERFORMANCE>`;
  testCompletion(perf, ['Low', 'Normal', 'High']);
  const wrong = `${profileStart}<BASIC_INFO/><SCAN><PERFORMANCE><OVERALL_PERFORMANCE>Hg|h</OVERALL_PERFORMANCE>`;
  const items = testCompletion(wrong, ['Low', 'Normal', 'High']);
  assert.match(applyCompletion(wrong, items[2]!), /<OVERALL_PERFORMANCE>High<\/OVERALL_PERFORMANCE>/);
  testCompletion(`${profileStart}<BASIC_INFO><ID>1</ID><GROUP_NAME>g</GROUP_NAME><IS_GLOBAL>|</IS_GLOBAL>`, ['0', '1']);
  testCompletion(
    `${profileStart}<BASIC_INFO/><SCAN><SYSTEM_AUTH_RECORD><INCLUDE_SYSTEM_AUTH><ON_DUPLICATE_USE_USER_AUTH>|</ON_DUPLICATE_USE_USER_AUTH>`,
    ['1'],
  );
  testCompletion(`${profileStart}<BASIC_INFO><ID>1</ID><GROUP_NAME>|</GROUP_NAME>`, []);
});

test('no completion inside a tag or outside the schema', () => {
  testCompletion(`${profileStart}<BASIC_INFO a="|"`, []);
  testCompletion(`${profileStart}<UNKNOWN><|</UNKNOWN>`, []);
});
