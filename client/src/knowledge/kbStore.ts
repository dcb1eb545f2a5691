/**
 * The KnowledgeBase entries of one account on disk (the extension's global storage): a directory of
 * SHARDS JSON files, a QID in the shard of `qid % SHARDS`, and `meta.json` with the time of the last
 * refresh. A shard is read on first use and written back (whole, through a temporary file and a
 * rename) shortly after it changed, so one read or write is a small file and never blocks the thread
 * for long. Bounded: each shard keeps at most its share of `maxBytes`, the least recently used
 * entries leaving first. A file that cannot be read or parsed counts as empty (a cache, not data).
 * No `vscode` import.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KbEntry } from '../api/parse/knowledgeBase';

export const SHARDS = 64;
export const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;
const FORMAT = 1;

interface Stored {
  readonly entry: KbEntry;
  /** When the entry was last looked up (ms), for eviction. */
  used: number;
  /** Its size in the shard file (characters of its JSON). */
  readonly size: number;
}

interface ShardFile {
  readonly format: number;
  readonly entries: readonly { readonly entry: KbEntry; readonly used: number }[];
}

export interface KbMeta {
  readonly format: number;
  /** Qualys' DATETIME of the last refresh (or of the first fetch): changes after it are asked for next time. */
  readonly refreshedAt?: string;
  /** When (ms, this machine's clock) that refresh ran. */
  readonly refreshedMs?: number;
}

class Shard {
  readonly entries = new Map<string, Stored>();
  bytes = 0;
  dirty = false;
}

export interface KbStoreOptions {
  readonly maxBytes?: number;
  /** Delay before changed shards are written (default 500 ms). */
  readonly writeDelayMs?: number;
  readonly now?: () => number;
}

export class KbStore {
  private readonly shards = new Map<number, Promise<Shard>>();
  private meta: Promise<KbMeta> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly maxShardBytes: number;
  private readonly now: () => number;

  constructor(readonly dir: string, private readonly options: KbStoreOptions = {}) {
    this.maxShardBytes = Math.max(4096, Math.floor((options.maxBytes ?? DEFAULT_CACHE_BYTES) / SHARDS));
    this.now = options.now ?? Date.now;
  }

  /** The entries of these QIDs that are on disk (or in memory), marked as used now. */
  async get(qids: readonly string[]): Promise<Map<string, KbEntry>> {
    const found = new Map<string, KbEntry>();
    const now = this.now();
    for (const [index, group] of groupByShard(qids)) {
      const shard = await this.shard(index);
      for (const qid of group) {
        const stored = shard.entries.get(qid);
        if (!stored) continue;
        stored.used = now;
        found.set(qid, stored.entry);
      }
    }
    return found;
  }

  /** Every QID kept (for a refresh: their changes are asked for). */
  async qids(): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < SHARDS; i++) for (const qid of (await this.shard(i)).entries.keys()) out.push(qid);
    return out;
  }

  /** Every entry kept, in no particular order (a CVE lookup searches them). */
  async *all(): AsyncGenerator<KbEntry, void, void> {
    for (let i = 0; i < SHARDS; i++) for (const stored of (await this.shard(i)).entries.values()) yield stored.entry;
  }

  /** Keeps entries (replacing older ones of the same QID); written to disk shortly after. */
  async put(entries: readonly KbEntry[]): Promise<void> {
    const now = this.now();
    const byShard = new Map<number, KbEntry[]>();
    for (const entry of entries) {
      const index = shardOf(entry.qid);
      const list = byShard.get(index) ?? [];
      list.push(entry);
      byShard.set(index, list);
    }
    for (const [index, list] of byShard) {
      const shard = await this.shard(index);
      for (const entry of list) {
        const old = shard.entries.get(entry.qid);
        if (old) shard.bytes -= old.size;
        const size = JSON.stringify(entry).length + 24;
        shard.entries.set(entry.qid, { entry, used: old?.used ?? now, size });
        shard.bytes += size;
      }
      evict(shard, this.maxShardBytes);
      shard.dirty = true;
    }
    this.schedule();
  }

  async readMeta(): Promise<KbMeta> {
    this.meta ??= readJson<KbMeta>(join(this.dir, 'meta.json')).then((m) => (m && m.format === FORMAT ? m : { format: FORMAT }));
    return this.meta;
  }

  async writeMeta(meta: Omit<KbMeta, 'format'>): Promise<void> {
    const value: KbMeta = { format: FORMAT, ...meta };
    this.meta = Promise.resolve(value);
    await this.enqueue(() => writeAtomic(this.dir, 'meta.json', JSON.stringify(value)));
  }

  /** Size of what is kept (characters of JSON), over the shards read so far. */
  async bytes(): Promise<number> {
    let total = 0;
    for (const shard of this.shards.values()) total += (await shard).bytes;
    return total;
  }

  /** Writes what changed now (before the extension stops, and in tests). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.enqueue(() => this.writeDirty());
  }

  /** Forgets everything kept for this account, on disk too. */
  async clear(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.shards.clear();
    this.meta = undefined;
    await this.enqueue(() => rm(this.dir, { recursive: true, force: true }));
  }

  private shard(index: number): Promise<Shard> {
    let shard = this.shards.get(index);
    if (!shard) {
      shard = this.load(index);
      this.shards.set(index, shard);
    }
    return shard;
  }

  private async load(index: number): Promise<Shard> {
    const shard = new Shard();
    const file = await readJson<ShardFile>(join(this.dir, shardName(index)));
    if (file?.format !== FORMAT || !Array.isArray(file.entries)) return shard;
    for (const item of file.entries) {
      if (!item || typeof item.entry?.qid !== 'string') continue;
      const size = JSON.stringify(item.entry).length + 24;
      shard.entries.set(item.entry.qid, { entry: normalise(item.entry), used: typeof item.used === 'number' ? item.used : 0, size });
      shard.bytes += size;
    }
    evict(shard, this.maxShardBytes);
    return shard;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.enqueue(() => this.writeDirty());
    }, this.options.writeDelayMs ?? 500);
    this.timer.unref?.();
  }

  /** Writes run one after another: a later write of a shard never lands before an earlier one. */
  private enqueue(write: () => Promise<void>): Promise<void> {
    const next = this.writing.then(write).catch(() => undefined);
    this.writing = next;
    return next;
  }

  private async writeDirty(): Promise<void> {
    for (const [index, pending] of this.shards) {
      const shard = await pending;
      if (!shard.dirty) continue;
      shard.dirty = false;
      const file: ShardFile = { format: FORMAT, entries: [...shard.entries.values()].map((s) => ({ entry: s.entry, used: s.used })) };
      await writeAtomic(this.dir, shardName(index), JSON.stringify(file));
    }
  }
}

function shardName(index: number): string {
  return `shard-${String(index).padStart(2, '0')}.json`;
}

export function shardOf(qid: string): number {
  const n = Number.parseInt(qid, 10);
  return Number.isFinite(n) ? Math.abs(n) % SHARDS : 0;
}

function groupByShard(qids: readonly string[]): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const qid of qids) {
    const index = shardOf(qid);
    const list = groups.get(index) ?? [];
    list.push(qid);
    groups.set(index, list);
  }
  return groups;
}

function evict(shard: Shard, max: number): void {
  if (shard.bytes <= max) return;
  const oldestFirst = [...shard.entries.entries()].sort((a, b) => a[1].used - b[1].used);
  for (const [qid, stored] of oldestFirst) {
    if (shard.bytes <= max) break;
    shard.entries.delete(qid);
    shard.bytes -= stored.size;
    shard.dirty = true;
  }
}

/** Arrays a file written by an older build may lack. */
function normalise(entry: KbEntry): KbEntry {
  return { ...entry, cves: entry.cves ?? [], vendorRefs: entry.vendorRefs ?? [], software: entry.software ?? [], threats: entry.threats ?? [], exploits: entry.exploits ?? 0 };
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function writeAtomic(dir: string, name: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${name}.${process.pid}.tmp`);
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, join(dir, name));
}
