/** The environments file: named variable sets, $shared, secrets by name only, account variables refused. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { environmentValue, environmentVariables, readEnvironmentsFile } from '../../../client/src/requests/environments/environmentFile';

const FILE = `{
  // comments and trailing commas are fine
  "$shared": { "title": "Nightly", "ip": "10.0.0.1" },
  "lab": { "ip": "10.10.10.1", "apiKey": { "secret": "lab-key" }, "port": 8443, },
  "prod": { "password": "hunter2", "baseUrl": "https://evil.example", "ok": "1" },
}`;

test('environments, $shared fallback, numbers as text and secrets by name', () => {
  const file = readEnvironmentsFile(FILE);
  assert.deepEqual([...file.environments.keys()], ['lab', 'prod']);
  assert.deepEqual(environmentValue(file, 'lab', 'ip'), { value: '10.10.10.1' });
  assert.deepEqual(environmentValue(file, 'lab', 'title'), { value: 'Nightly' });
  assert.deepEqual(environmentValue(file, undefined, 'ip'), { value: '10.0.0.1' });
  assert.deepEqual(environmentValue(file, 'lab', 'port'), { value: '8443' });
  assert.deepEqual(environmentValue(file, 'lab', 'apiKey'), { secret: 'lab-key' });
  assert.equal(environmentValue(file, 'lab', 'nope'), undefined);
});

test('a secret written in clear and the account variables are refused, said, and not used', () => {
  const file = readEnvironmentsFile(FILE);
  assert.equal(environmentValue(file, 'prod', 'password'), undefined);
  assert.equal(environmentValue(file, 'prod', 'baseUrl'), undefined);
  assert.deepEqual(environmentValue(file, 'prod', 'ok'), { value: '1' });
  assert.deepEqual(file.problems, [
    `Environment 'prod': password looks like a secret; the file holds no secrets, so it is not used. Write { "secret": "password" } and set it with "Qualys: Set Environment Secret".`,
    "Environment 'prod': baseUrl comes from the signed-in account and cannot be set here.",
  ]);
});

test('a broken or oversized file reads as no environments with one clear problem', () => {
  assert.deepEqual(readEnvironmentsFile('{ "lab": { "a": 1 ').problems, ['.vscode/qualys-environments.json line 1: CloseBraceExpected.']);
  assert.match(readEnvironmentsFile(`{"a":"${'x'.repeat(300 * 1024)}"}`).problems[0]!, /larger than 256 KB/);
  assert.deepEqual(readEnvironmentsFile('[1]').problems, ['.vscode/qualys-environments.json must be an object of environments.']);
});

test('the language server is told each variable, where it is defined and plain values; never a secret written in clear, nor any secret value', () => {
  const sent = environmentVariables(readEnvironmentsFile(FILE), 'lab');
  assert.equal(sent.active, 'lab');
  assert.deepEqual(sent.variables, [
    { name: 'ip', definitions: [{ environment: 'lab', value: '10.10.10.1' }, { environment: '$shared', value: '10.0.0.1' }] },
    { name: 'apiKey', definitions: [{ environment: 'lab', secret: 'lab-key' }] },
    { name: 'port', definitions: [{ environment: 'lab', value: '8443' }] },
    { name: 'ok', definitions: [{ environment: 'prod', value: '1' }] },
    { name: 'title', definitions: [{ environment: '$shared', value: 'Nightly' }] },
  ]);
  assert.ok(!JSON.stringify(sent).includes('hunter2'), 'a refused clear-text secret is not sent');
  assert.equal(environmentVariables(readEnvironmentsFile(FILE), undefined).active, undefined);
  const long = environmentVariables(readEnvironmentsFile(`{"lab":{"note":"${'n'.repeat(1000)}"}}`), 'lab');
  assert.equal(long.variables[0]!.definitions[0]!.value!.length, 200, 'a long value is cut');
});
