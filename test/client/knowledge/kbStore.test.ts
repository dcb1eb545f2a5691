import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KbEntry } from '../../../client/src/api/parse/knowledgeBase';
import { KbStore, SHARDS, shardOf } from '../../../client/src/knowledge/kbStore';

function entry(qid: number, solution = 'Install the update.'): KbEntry {
  return { qid: String(qid), title: `Title ${qid}`, severity: 1 + (qid % 5), cves: [`CVE-2024-${qid}`], vendorRefs: [], software: [], threats: [], exploits: 0, solution };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kbstore-'));
}

test('entries written by one store are read by the next (another session), shard by shard', async () => {
  const dir = tempDir();
  try {
    const first = new KbStore(dir, { writeDelayMs: 5 });
    await first.put([entry(38170), entry(91001), entry(105936)]);
    await first.flush();
    await first.writeMeta({ refreshedAt: '2026-01-15T08:00:00Z', refreshedMs: 1 });
    const files = readdirSync(dir).sort();
    assert.ok(files.includes('meta.json'));
    assert.equal(files.filter((f) => f.startsWith('shard-')).length, new Set([38170, 91001, 105936].map((q) => shardOf(String(q)))).size, 'one file per shard used');
    const second = new KbStore(dir);
    const found = await second.get(['38170', '105936', '12345']);
    assert.deepEqual([...found.keys()].sort(), ['105936', '38170']);
    assert.equal(found.get('38170')!.title, 'Title 38170');
    assert.equal((await second.readMeta()).refreshedAt, '2026-01-15T08:00:00Z');
    assert.deepEqual((await second.qids()).sort(), ['105936', '38170', '91001']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the store is bounded: the least recently used entries of a full shard leave first', async () => {
  const dir = tempDir();
  try {
    let clock = 0;
    const store = new KbStore(dir, { maxBytes: SHARDS * 6000, now: () => clock, writeDelayMs: 5 });
    const sameShard = Array.from({ length: 7 }, (_, k) => 64 * (100 + k));
    const long = 'x'.repeat(900);
    for (const qid of sameShard.slice(0, 4)) {
      clock++;
      await store.put([entry(qid, long)]);
    }
    clock++;
    await store.get([String(sameShard[0])]);
    for (const qid of sameShard.slice(4)) {
      clock++;
      await store.put([entry(qid, long)]);
    }
    const kept = await store.get(sameShard.map(String));
    assert.ok(kept.size < sameShard.length, 'some entries left');
    assert.ok(kept.has(String(sameShard[0])), 'a recently looked-up entry stays longer');
    assert.ok(!kept.has(String(sameShard[1])), 'the oldest unused entry left');
    assert.ok(kept.has(String(sameShard[6])), 'the newest is kept');
    assert.ok((await store.bytes()) <= 6000);
    await store.flush();
    const again = new KbStore(dir, { maxBytes: SHARDS * 6000 });
    assert.equal((await again.get(sameShard.map(String))).size, kept.size, 'the bound holds on disk too');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a damaged or foreign file is an empty shard, never an error; clear() removes the account\'s files', async () => {
  const dir = tempDir();
  try {
    const store = new KbStore(dir, { writeDelayMs: 5 });
    await store.put([entry(64)]);
    await store.flush();
    writeFileSync(join(dir, 'shard-00.json'), '{"format":1,"entries":[{"entry":');
    writeFileSync(join(dir, 'meta.json'), '[]');
    const reread = new KbStore(dir);
    assert.equal((await reread.get(['64'])).size, 0);
    assert.equal((await reread.readMeta()).refreshedAt, undefined);
    await reread.clear();
    assert.throws(() => readdirSync(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
