/**
 * A control's evidence taken apart the way Qualys writes it, on Qualys' own published samples:
 * seed 000 (release notes, "Control References Added to Compliance Posture Info API Output": the
 * posture info CSV, whose "Posture Evidence" column is the classic API's evidence text) and seed 004
 * (release notes, PCRS "Get Posture Info" with evidence: seven "expectedValues"). Both are the text
 * of PDFs: the samples are read from the seeds and only the PDF's artefacts are undone (a page footer
 * inside the CSV record; line wraps inside the JSON strings).
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parseEvidenceText, parseExpectedValues } from '../../../client/src/views/posture/evidenceText';
import { controlDetailsMarkdown } from '../../../client/src/views/posture/postureText';
import type { ControlPosture } from '../../../client/src/views/posture/postureModel';

const SEEDS = '/work/shared/seeds';

/** The "Posture Evidence" field of control 8249 in seed 000's CSV sample. */
function seed000Evidence(): string {
  const seed = readFileSync(`${SEEDS}/000_739cdca3009ad119.txt`, 'utf8');
  const start = seed.indexOf('"This integer value');
  const end = seed.indexOf('","SV-51752r1_rule"');
  assert.ok(start > 0 && end > start, 'seed 000 has the CSV sample');
  return seed
    .slice(start + 1, end)
    .split('\n')
    // The PDF's page footer, printed in the middle of the record.
    .filter((line) => !/^(APIs affected|New or Updated API|DTD or XSD changes)\b/.test(line.trim()) && line.trim() !== '')
    .join('\n');
}

/** Every "expectedValues" string of seed 004's PCRS samples, as the JSON held it. */
function seed004ExpectedValues(): string[] {
  const seed = readFileSync(`${SEEDS}/004_f142980ed2dfc29c.txt`, 'utf8');
  return [...seed.matchAll(/"expectedValues": "([\s\S]*?)",\n"currentValues"/g)].map(([, raw]) =>
    // A JSON string holds no line break: each one here is the PDF wrapping a line, inside a run of
    // dashes (joined) or where a space was.
    JSON.parse(`"${raw!.replace(/-\n-/g, '--').replace(/\n/g, ' ')}"`) as string,
  );
}

test("classic evidence text: Qualys' sample splits into explanation, expected and current values with their date", () => {
  const evidence = parseEvidenceText(seed000Evidence());
  assert.ok(evidence, 'the sample has sections');
  assert.match(evidence.description!, /^This integer value <B>X<\/B>\s+indicates the status of the setting <B>Allow Basic authentication<\/B>/);
  assert.match(evidence.description!, /<B>Enabled<\/B>\.$/);
  assert.equal(evidence.expected, 'Disabled (0)');
  assert.deepEqual(evidence.current, ['Key not Found']);
  // The PDF wrapped the title; the date reads as one line.
  assert.equal(evidence.currentAsOf, '02/24/2021 at 07:11:21 AM (GMT+0000)');
  assert.deepEqual(evidence.sections, []);
  assert.deepEqual(parseExpectedValues(evidence.expected), [{ values: ['Disabled (0)'] }]);
});

test("expected values: every PCRS sample of Qualys' splits into its alternatives, each an operator and values or a value alone", () => {
  const samples = seed004ExpectedValues();
  assert.equal(samples.length, 7, 'seed 004 has seven expectedValues');
  const regex = { operator: 'matches regular expression list', values: ['.*'] };
  assert.deepEqual(samples.map(parseExpectedValues), [
    [{ values: ['Attribute not found'] }, { values: ['Unable to retrieve password policy'] }, { operator: 'equal to', values: ['1'] }],
    [{ values: ['Grantees not found'] }, regex],
    [{ operator: 'greater than or equal to', values: ['0'] }],
    [{ values: ['Setting not found'] }, { values: ['File not found'] }, regex],
    [{ values: ['Filter 2 not found: ^[\\*\\.\\d]'] }, { values: ['Filter 1 not found: show clock detail'] }, regex],
    [{ values: ['Set status to PASS if no data found'] }, regex],
    [{ values: ['Attribute not found'] }, { operator: 'greater than or equal to', values: ['0'] }],
  ]);
});

test('text of another shape is left alone: no sections, one value, nothing for empty text', () => {
  assert.equal(parseEvidenceText('cramfs loaded\nlsmod\ncramfs'), undefined);
  assert.equal(parseEvidenceText(''), undefined);
  assert.deepEqual(parseExpectedValues('Disabled (0)'), [{ values: ['Disabled (0)'] }]);
  assert.deepEqual(parseExpectedValues(''), []);
  // A value that starts with dashes after a separator stays a value.
  assert.deepEqual(parseExpectedValues('in\n-1\n------------ OR ------------\n-1'), [{ operator: 'in', values: ['-1'] }, { values: ['-1'] }]);
  // Further sections are kept by title.
  assert.deepEqual(parseEvidenceText('x\n======Expected Value(s)======\n1\n======Extended Evidence======\na\nb')?.sections, [{ title: 'Extended Evidence', lines: ['a', 'b'] }]);
});

const control = (evidence: ControlPosture['evidence']): ControlPosture => ({ policyId: '597463', hostId: '7258550', hostLabel: '2k12std.sample.qualys.com', controlId: '8249', status: 'Failed', evidence });

test("the details document shows Qualys' sample as expected and current values, not as one block", () => {
  const text = seed000Evidence();
  // The classic API carries the text in EVIDENCE (BOOLEAN_EXPR, and as the whole text).
  const doc = controlDetailsMarkdown(control({ expression: text, text }));
  const evidence = doc.slice(doc.indexOf('## Evidence'), doc.indexOf('## References'));
  assert.match(evidence, /indicates the status of the setting \*\*Allow Basic authentication\*\*/);
  assert.match(evidence, /\*\*Expected:\*\*\n\n- `Disabled \(0\)`\n/);
  assert.match(evidence, /\*\*Current\*\* \(last updated 02\/24\/2021 at 07:11:21 AM \(GMT\+0000\)\):\n\n- `Key not Found`\n/);
  assert.ok(!evidence.includes('======'), evidence);
  assert.ok(!/\(none\)/.test(evidence), evidence);
});

test('the details document lists PCRS expected values by alternative, with the current values and the causes of failure', () => {
  const [first] = seed004ExpectedValues();
  const doc = controlDetailsMarkdown(control({ expected: first, current: ['0'], missing: ['1', 'Attribute not found'], unexpected: ['0'] }));
  assert.match(doc, /\*\*Expected\*\*, any of:\n\n- `Attribute not found`\n- `Unable to retrieve password policy`\n- equal to `1`\n/);
  assert.match(doc, /\*\*Current\*\*:\n\n- `0`\n/);
  assert.match(doc, /\*\*Missing\*\* \(cause of failure\):\n\n- `1`\n- `Attribute not found`\n/);
  assert.match(doc, /\*\*Unexpected\*\* \(cause of failure\):\n\n- `0`\n/);
});

test('evidence of no known shape: an expression with data points, or the text as it came', () => {
  const byPart = controlDetailsMarkdown(control({ expression: 'dp_1 >= 14', current: ['Minimum password length: 8'], text: 'dp_1 >= 14\nMinimum password length\n8' }));
  assert.match(byPart, /\*\*Expected\*\* \(Qualys' expression\):\n\n```\ndp_1 >= 14\n```/);
  assert.match(byPart, /\*\*Current\*\*:\n\n- `Minimum password length: 8`\n/);
  const asText = controlDetailsMarkdown(control({ text: 'cramfs\nloaded' }));
  assert.match(asText, /As Qualys reports it:\n\n```\ncramfs\nloaded\n```/);
  // A value holding backticks keeps them: the code span's fence is longer than any run inside.
  assert.match(controlDetailsMarkdown(control({ expected: 'equal to\na`b', current: ['``'] })), /- equal to ``a`b``\n[\s\S]*- ``` `` ```/);
});
