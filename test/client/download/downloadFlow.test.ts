import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import type { QualysClient } from '../../../client/src/api';
import { progressText, runDownload, type DownloadDeps, type DownloadProgress, type DownloadSpec, type DownloadUi } from '../../../client/src/download/downloadFlow';

const detections = { name: 'Detections', method: 'GET' as const, path: '/api/2.0/fo/asset/host/vm/detection/', params: { action: 'list', truncation_limit: '100' }, kind: 'detections' as const };

function harness(options: { runs: ((spec: DownloadSpec, report: (p: DownloadProgress) => void) => DownloadProgress | 'fail' | 'cancel')[]; unfinished?: DownloadProgress; resumeAfterFailure?: boolean; formats?: boolean[] }) {
  const events: string[] = [];
  const specs: DownloadSpec[] = [];
  let state = options.unfinished;
  const ui: DownloadUi = {
    pickFormat: async (csv) => {
      events.push(`format offered csv=${csv}`);
      return csv ? 'csv' : 'jsonl';
    },
    pickFile: async (suggested) => `/tmp/${suggested}`,
    askResume: async () => {
      events.push('asked to resume');
      return 'resume';
    },
    withProgress: async (_title, work) => work((message) => events.push(`progress ${message}`), new AbortController().signal),
    signInNeeded: async () => void events.push('sign in'),
    done: (message) => void events.push(`done ${message}`),
    failed: async (message, canResume) => {
      events.push(`failed ${message} canResume=${canResume}`);
      return options.resumeAfterFailure ? 'resume' : undefined;
    },
    error: (message) => void events.push(`error ${message}`),
  };
  let run = 0;
  const deps: DownloadDeps = {
    ui,
    getClient: async () => ({}) as QualysClient,
    rateLimit: () => ({ remaining: 280, limit: 300, updatedAt: 0 }),
    unfinished: () => state,
    runner: async (_client, spec, onProgress) => {
      specs.push(spec);
      const outcome = options.runs[run++]!(spec, onProgress);
      if (outcome === 'fail') {
        state = { pages: 2, records: 200, bytes: 1000 };
        return { ok: false, error: { kind: 'qualys', code: '999', text: 'Internal error', message: 'x' } };
      }
      if (outcome === 'cancel') return { ok: false, error: { kind: 'cancelled', message: 'cancelled' } };
      state = undefined;
      return { ok: true, value: outcome };
    },
  };
  return { deps, events, specs };
}

test('a download runs under progress (pages, records, bytes, rate budget) and says how it ended', async () => {
  const h = harness({ runs: [(_s, report) => (report({ pages: 1, records: 100, bytes: 2048 }), { pages: 3, records: 250, bytes: 3 * 1024 * 1024 })] });
  assert.equal(await runDownload(h.deps, detections, false), 'done');
  assert.deepEqual(h.events, ['format offered csv=true', 'progress 1 page · 100 records · 2 KB · rate budget 280 of 300 calls', 'done Downloaded 250 records (3 pages, 3.0 MB).']);
  assert.equal(h.specs[0]!.file, `/tmp/vm-detection-list-${new Date().toISOString().slice(0, 10)}.csv`);
  assert.equal(h.specs[0]!.resume, false);
});

test('never for a call that changes data, nor for something that is not a list', async () => {
  const h = harness({ runs: [] });
  assert.equal(await runDownload(h.deps, { ...detections, params: { action: 'purge' } }, true), 'refused');
  assert.equal(await runDownload(h.deps, { ...detections, params: { action: 'purge' } }, false), 'refused');
  assert.equal(await runDownload(h.deps, { ...detections, path: '/qps/rest/2.0/search/am/hostasset' }, false), 'refused');
  assert.equal(h.specs.length, 0);
  assert.match(h.events[0]!, /changes data: only lists can be downloaded/);
});

test('a failure in the middle offers Resume, which continues from the last complete page; an unfinished file is offered to resume', async () => {
  const h = harness({ runs: [() => 'fail', () => ({ pages: 5, records: 500, bytes: 5000 })], resumeAfterFailure: true });
  assert.equal(await runDownload(h.deps, { ...detections, kind: 'records' }, false), 'done');
  assert.deepEqual(h.specs.map((s) => [s.format, s.resume]), [['jsonl', false], ['jsonl', true]]);
  assert.match(h.events.find((e) => e.startsWith('failed'))!, /failed after 0 pages \(0 records kept\): CODE 999: Internal error canResume=true/);
  const unfinished = harness({ runs: [() => 'cancel'], unfinished: { pages: 2, records: 10, bytes: 10 } });
  assert.equal(await runDownload(unfinished.deps, detections, false), 'cancelled');
  assert.ok(unfinished.events.includes('asked to resume'));
  assert.equal(unfinished.specs[0]!.resume, true);
  assert.match(unfinished.events.at(-1)!, /was stopped after 0 pages/);
});

test('the progress line without a known rate budget', () => {
  assert.equal(progressText({ pages: 1, records: 1234, bytes: 512 }, undefined), '1 page · 1,234 records · 1 KB');
});
