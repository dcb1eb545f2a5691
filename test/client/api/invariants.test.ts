import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { OPERATIONS } from '../../../client/src/api/operations';

const ROOT = join(__dirname, '..', '..', '..', 'client', 'src', 'api');
/** The API worker thread: no `vscode` there either (it does not exist in a worker), and no logging. */
const WORKER = join(__dirname, '..', '..', '..', 'client', 'src', 'worker');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('nothing below client/src/api or client/src/worker imports vscode (usable from tests, scripts and a worker thread)', () => {
  const offenders = [...sources(ROOT), ...sources(WORKER)].filter((file) => /from\s+['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(file, 'utf8')));
  assert.deepEqual(offenders.map((f) => relative(ROOT, f)), []);
});

test('the API client and its worker log nothing (credentials can never reach a log from here)', () => {
  const offenders = [...sources(ROOT), ...sources(WORKER)].filter((file) => /\bconsole\.\w+\(/.test(readFileSync(file, 'utf8')));
  assert.deepEqual(offenders.map((f) => relative(ROOT, f)), []);
});

test('every operation that changes Qualys data is marked mutating', () => {
  const mutating = Object.values(OPERATIONS).filter((op) => op.mutating).map((op) => op.id).sort();
  assert.deepEqual(mutating, ['auth.create', 'auth.update', 'host.update', 'optionProfile.import', 'send.mutating']);
});
