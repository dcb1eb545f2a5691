/** The language server processes the extension forks itself (client/src/serverProcess.ts). */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ChildProcess } from 'node:child_process';
import { ServerProcesses } from '../../client/src/serverProcess';

// A stand-in server: it reports its arguments over IPC and stays up until it is killed.
const dir = mkdtempSync(join(tmpdir(), 'qualys-server-process-'));
const fakeServer = join(dir, 'server.js');
// `cloned`: a property JSON would drop and a structured clone keeps, to tell the channel's serialization.
writeFileSync(fakeServer, "process.send({ argv: process.argv.slice(2), electron: process.env.ELECTRON_RUN_AS_NODE, cloned: undefined });\nsetInterval(() => {}, 1000);\n");

interface Hello {
  argv: string[];
  electron: string;
  cloned?: undefined;
}

function firstMessage(child: ChildProcess): Promise<Hello> {
  return new Promise((resolve) => child.once('message', (message) => resolve(message as Hello)));
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

test('the process forked at activation is the one the client gets first; a restart forks a new one', async () => {
  const processes = new ServerProcesses(fakeServer);
  try {
    processes.start();
    processes.start(); // idempotent: still one process
    const first = processes.next();
    const hello = await firstMessage(first);
    assert.deepEqual(hello.argv, ['--node-ipc', `--clientProcessId=${process.pid}`]);
    assert.equal(hello.electron, '1');
    assert.ok('cloned' in hello, 'messages cross by structured clone (serialization: advanced), not JSON');
    first.kill();
    await exited(first);
    const second = processes.next();
    assert.notEqual(second.pid, first.pid, 'a restart after the server died starts a new process');
    await firstMessage(second);
    processes.dispose();
    await exited(second);
    assert.ok(second.signalCode !== null || second.exitCode !== null);
  } finally {
    // A failed assertion must not leave the stand-in running (the test run would wait for it).
    processes.dispose();
  }
});

test('dispose kills every process still running, including one the client never took', async () => {
  const processes = new ServerProcesses(fakeServer);
  processes.start();
  const taken = processes.next();
  processes.start();
  await firstMessage(taken);
  processes.dispose();
  await exited(taken);
  const untaken = processes.next(); // the one started after `taken`, already killed by dispose
  await exited(untaken);
  assert.ok(untaken.killed || untaken.exitCode !== null || untaken.signalCode !== null);
});
