import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError } from '../../../client/src/api/errors';
import type { KbEntry, KbPage } from '../../../client/src/api/parse/knowledgeBase';
import type { Result } from '../../../client/src/api/result';
import { KbStore } from '../../../client/src/knowledge/kbStore';
import { isLastingRefusal, KnowledgeBase, type KbFetcher } from '../../../client/src/knowledge/knowledgeBase';
import { qidRanges } from '../../../client/src/api/ops/vulnerabilities';

function entry(qid: string, title = `Title ${qid}`): KbEntry {
  return { qid, title, severity: 3, cves: [], vendorRefs: [], software: [], threats: [], exploits: 0 };
}

interface Call {
  readonly qids: readonly string[];
  readonly modifiedAfter?: string;
}

function scripted(answer: (call: Call) => Result<KbPage>): { fetcher: KbFetcher; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetcher: async (qids, options) => {
      const call = { qids: [...qids], ...(options.modifiedAfter ? { modifiedAfter: options.modifiedAfter } : {}) };
      calls.push(call);
      await new Promise((r) => setTimeout(r, 5));
      return answer(call);
    },
  };
}

const known = (call: Call): Result<KbPage> => ({ ok: true, value: { datetime: '2026-02-01T10:00:00Z', entries: call.qids.filter((q) => q !== '999999').map((q) => entry(q)) } });

async function withDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'kb-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('lookups made together become one call; a second lookup is answered from memory, a new session from disk', async () => {
  await withDir(async (dir) => {
    const { fetcher, calls } = scripted(known);
    const kb = new KnowledgeBase(new KbStore(dir, { writeDelayMs: 1 }), fetcher, { batch: 50 });
    const [a, b] = await Promise.all([kb.lookup(['38170', '38171']), kb.lookup(['38171', '999999', 'not-a-qid'])]);
    assert.equal(calls.length, 1, 'gathered into one call');
    assert.deepEqual([...calls[0]!.qids].sort(), ['38170', '38171', '999999']);
    assert.equal(a.entries.get('38170')!.title, 'Title 38170');
    assert.deepEqual([...b.entries.keys()], ['38171'], 'a QID Qualys does not list is simply absent');
    await kb.lookup(['38170']);
    assert.equal(calls.length, 1, 'from memory');
    assert.equal(kb.peek('38171')!.qid, '38171');
    await kb.dispose();
    const next = new KnowledgeBase(new KbStore(dir), fetcher);
    assert.equal((await next.lookup(['38170', '38171'])).entries.size, 2);
    assert.equal(calls.length, 1, 'from disk: no call');
  });
});

test('many QIDs are fetched in batches, one call at a time', async () => {
  await withDir(async (dir) => {
    let inFlight = 0;
    let most = 0;
    const { fetcher, calls } = scripted((call) => {
      inFlight--;
      return known(call);
    });
    const counting: KbFetcher = (qids, options) => {
      inFlight++;
      most = Math.max(most, inFlight);
      return fetcher(qids, options);
    };
    const kb = new KnowledgeBase(new KbStore(dir), counting, { batch: 10 });
    const qids = Array.from({ length: 35 }, (_, k) => String(1000 + k));
    const answer = await kb.lookup(qids);
    assert.equal(answer.entries.size, 35);
    assert.equal(calls.length, 4);
    assert.equal(most, 1);
    await kb.dispose();
  });
});

test('a refusal is remembered: said in every answer, no second call until reset()', async () => {
  await withDir(async (dir) => {
    const denied: ApiError = { kind: 'http', status: 403, message: 'HTTP 403', text: 'Access denied: this user has no permission to download vulnerability data from the KnowledgeBase.' };
    let refuse = true;
    const { fetcher, calls } = scripted((call) => (refuse ? { ok: false, error: denied } : known(call)));
    const kb = new KnowledgeBase(new KbStore(dir), fetcher);
    const first = await kb.lookup(['38170']);
    assert.equal(first.entries.size, 0);
    assert.equal(first.unavailable?.status, 403);
    const second = await kb.lookup(['38171']);
    assert.equal(second.unavailable?.status, 403);
    assert.equal(calls.length, 1, 'asked once');
    refuse = false;
    kb.reset();
    assert.equal((await kb.lookup(['38171'])).entries.size, 1);
    await kb.dispose();
  });
});

test('a failure that may pass is reported and tried again at the next lookup', async () => {
  await withDir(async (dir) => {
    let fail = true;
    const { fetcher, calls } = scripted((call) => (fail ? { ok: false, error: { kind: 'network', message: 'socket hang up' } } : known(call)));
    const kb = new KnowledgeBase(new KbStore(dir), fetcher);
    const first = await kb.lookup(['38170']);
    assert.equal(first.failed?.kind, 'network');
    assert.equal(first.unavailable, undefined);
    fail = false;
    const second = await kb.lookup(['38170']);
    assert.equal(second.entries.size, 1);
    assert.equal(second.failed, undefined);
    assert.equal(calls.length, 2);
    await kb.dispose();
  });
});

test('a day later, the entries kept are refreshed with last_modified_after (a minute before the last answer) and changes replace them', async () => {
  await withDir(async (dir) => {
    let clock = 1_000_000;
    let title = 'Old title';
    const { fetcher, calls } = scripted((call) =>
      call.modifiedAfter
        ? { ok: true, value: { datetime: '2026-02-02T10:00:00Z', entries: [entry('38170', 'New title')] } }
        : { ok: true, value: { datetime: '2026-02-01T10:00:00Z', entries: call.qids.map((q) => entry(q, title)) } },
    );
    const store = new KbStore(dir, { writeDelayMs: 1 });
    const kb = new KnowledgeBase(store, fetcher, { now: () => clock });
    await kb.lookup(['38170', '38171']);
    title = 'unused';
    clock += 86_400_001;
    await kb.lookup(['38170']);
    await kb.refresh();
    const refresh = calls.find((c) => c.modifiedAfter);
    assert.ok(refresh, 'a refresh call');
    assert.equal(refresh.modifiedAfter, '2026-02-01T09:59:00Z');
    assert.deepEqual([...refresh.qids].sort(), ['38170', '38171'], 'only the QIDs kept');
    assert.equal(kb.peek('38170')!.title, 'New title');
    assert.equal(kb.peek('38171')!.title, 'Old title', 'unchanged entries stay');
    assert.equal((await store.readMeta()).refreshedAt, '2026-02-02T10:00:00Z');
    const before = calls.length;
    await kb.refresh();
    assert.equal(calls.length, before, 'not again the same day');
    await kb.dispose();
  });
});

test('refusals and passing failures are told apart; QIDs become ranges', () => {
  assert.equal(isLastingRefusal({ kind: 'http', status: 403, message: '' }), true);
  assert.equal(isLastingRefusal({ kind: 'qualys', code: '1901', status: 400, message: '' }), true);
  assert.equal(isLastingRefusal({ kind: 'qualys', code: '999', status: 500, message: '' }), false);
  assert.equal(isLastingRefusal({ kind: 'rate-limit', code: '1965', status: 409, message: '' }), false);
  assert.equal(isLastingRefusal({ kind: 'timeout', message: '' }), false);
  assert.equal(isLastingRefusal({ kind: 'http', status: 503, message: '' }), false);
  assert.equal(qidRanges(['5', '1', '2', '3', '9', '10', '3']), '1-3,5,9-10');
});
