/**
 * The README's first command: scripts/demo.sh sets everything up, serves VS Code on loopback and,
 * when it stops, leaves none of its processes behind. (--smoke stops right after the checks.)
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './harness/install';
import { freePort } from './harness/processes';

test('demo.sh starts the simulator and VS Code, prints the URL, and stops what it started', async () => {
  const state = mkdtempSync(join(tmpdir(), 'qualys-demo-'));
  try {
    const port = await freePort();
    const run = spawnSync('bash', [join(repoRoot, 'scripts', 'demo.sh'), '--smoke', '--port', String(port), '--hosts', '50'], {
      cwd: repoRoot,
      env: { ...process.env, QUALYS_DEMO_STATE: state },
      encoding: 'utf8',
      timeout: 600_000,
    });
    assert.equal(run.status, 0, `demo.sh failed:\n${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, new RegExp(`Open: +http://127\\.0\\.0\\.1:${port}/\\?folder=`));
    assert.match(run.stdout, /smoke check passed/);
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    if (manifest.scripts.simulator) {
      // With the simulator in the checkout, the demo account answered a host list (checked by --smoke).
      assert.match(run.stdout, /Qualys: +http:\/\/127\.0\.0\.1:\d+ \(simulator\) +user: demo_\w+/);
    }
    const left = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' })
      .split('\n')
      .filter((args) => args.includes(state));
    assert.deepEqual(left, [], 'processes of the demo still running');
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
});
