/** "Download all pages" in the API worker against the simulator: every page, both formats, a failure in the middle and its resumption. */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadInWorker } from '../../../client/src/api';
import { readState, statePath } from '../../../client/src/download/downloadFile';
import { DETECTION_COLUMNS } from '../../../client/src/download/downloadRecords';
import type { DownloadJob } from '../../../client/src/worker/protocol';
import { clientOf, requestsSince, SIM_PASSWORD, SIM_USER, startSim } from '../support';

const simPromise = startSim({ hosts: 250 });
const dir = mkdtempSync(join(tmpdir(), 'download-worker-'));
after(async () => {
  await (await simPromise).close();
  rmSync(dir, { recursive: true, force: true });
});

const DETECTIONS: Omit<DownloadJob, 'file' | 'format' | 'resume'> = {
  method: 'GET',
  path: '/api/2.0/fo/asset/host/vm/detection/',
  params: { action: 'list', truncation_limit: '40', status: 'New,Active,Re-Opened,Fixed', show_igs: '1' },
  kind: 'detections',
};

async function expectedDetections(sim: Awaited<typeof simPromise>): Promise<number> {
  const r = await fetch(`${sim.url}/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=0&status=New,Active,Re-Opened,Fixed&show_igs=1`, { headers: { Authorization: `Basic ${Buffer.from(`${SIM_USER}:${SIM_PASSWORD}`).toString('base64')}`, 'X-Requested-With': 'test' } });
  return [...(await r.text()).matchAll(/<DETECTION>/g)].length;
}

test('every page of the detection list is written as CSV, one row per detection with its host, and the progress counts pages', async () => {
  const sim = await simPromise;
  const file = join(dir, 'detections.csv');
  const progress: number[] = [];
  const result = await downloadInWorker(clientOf(sim), { ...DETECTIONS, file, format: 'csv', resume: false }, (p) => progress.push(p.pages));
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\r\n').filter(Boolean);
  assert.equal(lines[0], DETECTION_COLUMNS.join(','));
  assert.equal(result.value.pages, 7, '250 hosts, 40 a page');
  assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(result.value.records, await expectedDetections(sim));
  assert.ok(lines.length > result.value.records, 'results spanning lines are quoted');
  assert.equal(existsSync(statePath(file)), false, 'a finished download leaves no state');
  assert.equal(result.value.bytes, Buffer.byteLength(text));
});

test('JSON Lines of the detections, and any other list (the host list) as its elements', async () => {
  const sim = await simPromise;
  const file = join(dir, 'detections.jsonl');
  const result = await downloadInWorker(clientOf(sim), { ...DETECTIONS, file, format: 'jsonl', resume: false }, () => undefined);
  assert.ok(result.ok);
  const first = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!);
  assert.ok(first.hostId && first.qid && first.status && 'results' in first, JSON.stringify(first));
  const hosts = join(dir, 'hosts.jsonl');
  const listed = await downloadInWorker(clientOf(sim), { method: 'GET', path: '/api/2.0/fo/asset/host/', params: { action: 'list', details: 'All', truncation_limit: '100', show_tags: '1' }, kind: 'records', format: 'jsonl', file: hosts, resume: false }, () => undefined);
  assert.ok(listed.ok, listed.ok ? '' : listed.error.message);
  const records = readFileSync(hosts, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(records.length, 250);
  assert.equal(listed.value.pages, 3);
  assert.ok(records[0].ID && records[0].IP && records[0].DNS_DATA, JSON.stringify(records[0]).slice(0, 200));
  assert.equal(new Set(records.map((r) => r.ID)).size, 250, 'no host twice');
});

test('a failure in the middle keeps the complete pages; resuming continues from the next page and the file equals a clean download', async () => {
  const sim = await simPromise;
  const clean = join(dir, 'clean.jsonl');
  assert.ok((await downloadInWorker(clientOf(sim), { ...DETECTIONS, file: clean, format: 'jsonl', resume: false }, () => undefined)).ok);
  const file = join(dir, 'broken.jsonl');
  const from = sim.requests.length;
  const failed = await downloadInWorker(clientOf(sim), { ...DETECTIONS, file, format: 'jsonl', resume: false }, (p) => {
    // After the third page every call fails (503), more often than the client retries.
    if (p.pages === 3) sim.setFaults({ http5xx: 50 });
  });
  sim.setFaults({ http5xx: 0 });
  assert.equal(failed.ok, false);
  assert.equal(!failed.ok && failed.error.status, 503);
  const state = readState(file)!;
  assert.equal(state.pages, 3);
  assert.ok(state.next, 'the next page is known');
  const resumedFrom = sim.requests.length;
  const resumed = await downloadInWorker(clientOf(sim), { ...DETECTIONS, file, format: 'jsonl', resume: true }, () => undefined);
  assert.ok(resumed.ok, resumed.ok ? '' : resumed.error.message);
  assert.equal(readFileSync(file, 'utf8'), readFileSync(clean, 'utf8'));
  const first = requestsSince(sim, resumedFrom, '/vm/detection/')[0]!;
  assert.match(first, new RegExp(`id_min=${state.next}`), 'resumed at the page after the last complete one');
  assert.ok(requestsSince(sim, from, '/vm/detection/').length >= 7);
});

test('a cancelled download stops with its state; a call that changes data is never run', async () => {
  const sim = await simPromise;
  const file = join(dir, 'cancelled.jsonl');
  const controller = new AbortController();
  const result = await downloadInWorker(clientOf(sim), { ...DETECTIONS, file, format: 'jsonl', resume: false }, (p) => {
    if (p.pages === 2) controller.abort();
  }, controller.signal);
  assert.equal(!result.ok && result.error.kind, 'cancelled');
  assert.ok((readState(file)?.pages ?? 0) >= 2);
  const from = sim.requests.length;
  const purge = await downloadInWorker(clientOf(sim), { method: 'POST', path: '/api/2.0/fo/asset/host/', params: { action: 'purge', ids: '1' }, kind: 'records', format: 'jsonl', file: join(dir, 'purge.jsonl'), resume: false }, () => undefined);
  assert.equal(purge.ok, false);
  assert.equal(requestsSince(sim, from).length, 0, 'nothing sent');
});
