import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseRequestFile } from '../../../server/src/request/requestParser';
import { diagnosticsOf, marked } from './helpers';

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

// The one seed sample that is not valid JSON (seed 004: `"policyId1"subscriptionId"`, a comma
// and a quote lost): a real mistake, reported where it is.
const SEED_004_BROKEN = ["58: The JSON body is not valid JSON: unexpected 'subscriptionId' (is a comma or a quote missing before it?)."];

// Every curl sample of the seeds, transcribed into fixtures/seed-*.qualys, must validate clean:
// a catalog rule that a sample of the seeds contradicts is wrong.
for (const [file, count, expected] of [
  ['seed-000.qualys', 29, []],
  ['seed-001.qualys', 9, []],
  ['seed-003.qualys', 2, []],
  ['seed-004.qualys', 10, SEED_004_BROKEN],
] as const) {
  test(`the ${count} curl samples of ${file} validate without a diagnostic${expected.length ? ', but for the broken JSON one' : ''}`, () => {
    const text = fixture(file);
    assert.equal(parseRequestFile(text).requests.length, count);
    const diagnostics = diagnosticsOf(text);
    assert.deepEqual(
      diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`),
      expected,
    );
  });
}

test('the same samples validate the same when pasted in a REST Client (.http) file', () => {
  for (const file of ['seed-000.qualys', 'seed-001.qualys', 'seed-003.qualys']) {
    assert.deepEqual(diagnosticsOf(fixture(file), 'http'), [], file);
  }
  assert.deepEqual(
    diagnosticsOf(fixture('seed-004.qualys'), 'http').map((d) => `${d.range.start.line + 1}: ${d.message}`),
    SEED_004_BROKEN,
  );
});

test('seed 004: the broken JSON body gets a json-syntax diagnostic on the word after the lost comma', () => {
  const found = marked(fixture('seed-004.qualys'));
  assert.deepEqual(found, [['json-syntax', 'subscriptionId']]);
});

test('the OCR-damaged seed 001 parameters get the diagnostics a user needs, with did-you-mean', () => {
  const found = marked(fixture('seed-001-ocr.qualys'));
  assert.deepEqual(found, [
    ['unknown-action', 'li st'],
    ['unknown-parameter', 'let ai | s'],
    ['unknown-parameter', 's_system created'],
    ['missing-action', 'https://qualysapi.qualys.com/api/2.0/fo/auth/apache'],
    ['unknown-parameter', 'acti on'],
    ['unknown-parameter', 'ds'],
    ['unknown-parameter', 'st at us'],
  ]);
  const messages = diagnosticsOf(fixture('seed-001-ocr.qualys')).map((d) => String(d.message));
  assert.ok(messages.some((m) => m.includes("Did you mean 'list'?")));
  assert.ok(messages.some((m) => m.includes("Did you mean 'is_system_created'?")));
  assert.ok(messages.some((m) => m.includes("Did you mean 'action'?")));
  assert.ok(messages.some((m) => m.includes("Did you mean 'status'?")));
});
