/**
 * scripts/ensure-system-packages.sh (used by test-all.sh, demo.sh and ensure-code-server.sh) with a
 * stand-in apt-get on PATH: apt-get is told to wait for the apt lock (bounded) instead of failing at
 * once when another program holds it, the script says so, and without root or sudo it says what to do.
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '..', '..', 'scripts', 'ensure-system-packages.sh');

function fakeBin(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'qualys-apt-'));
  for (const [name, body] of Object.entries(files)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

test('apt-get waits for the apt lock, up to 10 minutes by default, and the script says so', () => {
  const bin = fakeBin({ id: 'echo 0', 'apt-get': 'echo "$@" >> "$APT_LOG"' });
  try {
    const log = join(bin, 'apt.log');
    const run = spawnSync('bash', [script, 'qualys-test-package:/nonexistent/qualys-test'], { env: { PATH: `${bin}:/usr/bin:/bin`, APT_LOG: log }, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /installing Debian packages: qualys-test-package \(if another program holds the apt lock, waiting for it up to 10 min\)/);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    assert.deepEqual(calls, ['-o DPkg::Lock::Timeout=600 update -qq', '-o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends qualys-test-package']);

    const shorter = spawnSync('bash', [script, 'qualys-test-package:/nonexistent/qualys-test'], { env: { PATH: `${bin}:/usr/bin:/bin`, APT_LOG: log, APT_LOCK_WAIT_SEC: '120' }, encoding: 'utf8' });
    assert.equal(shorter.status, 0, shorter.stderr);
    assert.match(readFileSync(log, 'utf8'), /-o DPkg::Lock::Timeout=120 update/);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

test('nothing missing: apt-get is not run; not root and no sudo: the script names the packages and what to do', () => {
  const bin = fakeBin({ id: 'echo 1000', 'apt-get': 'echo called >> "$APT_LOG"' });
  try {
    const log = join(bin, 'apt.log');
    const present = spawnSync('/bin/bash', [script, 'sh:/bin/sh'], { env: { PATH: bin, APT_LOG: log }, encoding: 'utf8' });
    assert.equal(present.status, 0);
    const missing = spawnSync('/bin/bash', [script, 'qualys-test-package:/nonexistent/qualys-test'], { env: { PATH: bin, APT_LOG: log }, encoding: 'utf8' });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /missing Debian packages: qualys-test-package; installing them needs root\. Run as root, or first: apt-get install qualys-test-package/);
    assert.throws(() => readFileSync(log), 'apt-get ran');
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});
