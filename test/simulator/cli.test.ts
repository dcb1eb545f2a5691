import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { parseArgs } from '../../simulator/src/cli';

test('the CLI maps its flags onto SimulatorOptions', () => {
  const o = parseArgs(['--port', '9000', '--hosts', '100000', '--user', 'u', '--password', 'p', '--seed', '3', '--page-size', '500', '--policies', '4', '--auth-records', '50', '--latency', '20', '--concurrency', '3', '--rate-limit', '10', '--rate-window', '60', '--jwt-lifetime', '30']);
  assert.deepEqual(o, { port: 9000, hosts: 100000, user: 'u', password: 'p', seed: 3, pageSize: 500, policies: 4, authRecords: 50, faults: { latencyMs: 20 }, concurrencyLimit: 3, rateLimit: { limit: 10, windowSec: 60 }, jwtLifetimeSec: 30 });
});

test('the CLI refuses unknown flags and bad numbers with the usage line', () => {
  assert.throws(() => parseArgs(['--colour', 'x']), /unknown option --colour[\s\S]*usage: npm run simulator/);
  assert.throws(() => parseArgs(['--hosts', 'many']), /--hosts needs a non-negative integer, got many/);
  assert.throws(() => parseArgs(['--user']), /--user needs a value/);
});
