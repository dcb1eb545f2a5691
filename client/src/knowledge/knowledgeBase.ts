/**
 * One account's KnowledgeBase as the UI asks it: "what is QID n?" for rows, hovers and lookups.
 * Answers come from memory, then the disk store (kbStore.ts), then Qualys: QIDs asked for within a
 * short window are fetched together, in batches of BATCH QIDs (one call each, one call at a time).
 * Once a day the entries kept are refreshed with `last_modified_after` (only what changed comes back).
 * A refusal that will not change by asking again (no KnowledgeBase permission, an account problem)
 * is remembered: nothing more is sent until `reset()`, and every answer carries it, so the UI says it
 * once instead of failing at each hover. No `vscode` import.
 */
import type { ApiError } from '../api/errors';
import type { KbEntry, KbPage } from '../api/parse/knowledgeBase';
import type { Result } from '../api/result';
import type { KbStore } from './kbStore';

/** Fetches the entries of these QIDs (details=All), or only those changed after `modifiedAfter`. */
export type KbFetcher = (qids: readonly string[], options: { readonly modifiedAfter?: string; readonly signal?: AbortSignal }) => Promise<Result<KbPage>>;

export interface KbAnswer {
  readonly entries: ReadonlyMap<string, KbEntry>;
  /** Set when the account cannot read the KnowledgeBase: no call is made until reset(). */
  readonly unavailable?: ApiError;
  /** The last fetch failed for a reason that may pass (network, rate limit): the next lookup tries again. */
  readonly failed?: ApiError;
}

export interface KnowledgeBaseOptions {
  /** QIDs per call (default 300). */
  readonly batch?: number;
  /** How long QIDs asked for are gathered before a call (default 40 ms). */
  readonly gatherMs?: number;
  /** Entries older than this are refreshed (default one day). */
  readonly refreshAfterMs?: number;
  readonly now?: () => number;
}

const DEFAULT_BATCH = 300;
/** A change made in the second of the last answer is not missed: ask from a minute before it. */
const OVERLAP_MS = 60_000;
const QID = /^\d{1,9}$/;

/** Whether asking again could succeed: transient failures may pass, refusals will not. */
export function isLastingRefusal(error: ApiError): boolean {
  if (error.kind === 'auth' || error.kind === 'account' || error.kind === 'config') return true;
  if (error.kind !== 'qualys' && error.kind !== 'http') return false;
  if (error.status !== undefined && (error.status === 409 || error.status === 429 || error.status >= 500)) return false;
  return error.code !== '999';
}

interface Waiter {
  readonly qids: readonly string[];
  readonly resolve: (answer: KbAnswer) => void;
}

export class KnowledgeBase {
  private readonly memory = new Map<string, KbEntry>();
  private pending = new Set<string>();
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private refusal: ApiError | undefined;
  private lastFailure: ApiError | undefined;
  private refreshing: Promise<void> | undefined;
  private readonly controller = new AbortController();
  private readonly batch: number;
  private readonly now: () => number;

  constructor(private readonly store: KbStore, private readonly fetcher: KbFetcher, private readonly options: KnowledgeBaseOptions = {}) {
    this.batch = Math.max(1, options.batch ?? DEFAULT_BATCH);
    this.now = options.now ?? Date.now;
  }

  /** Why the KnowledgeBase cannot be read, when a refusal was remembered. */
  get unavailable(): ApiError | undefined {
    return this.refusal;
  }

  /** An entry already in memory (rows read it while building; never waits). */
  peek(qid: string): KbEntry | undefined {
    return this.memory.get(qid);
  }

  /** The entries of these QIDs: from memory, disk, or Qualys (gathered with other lookups). */
  async lookup(qids: readonly string[]): Promise<KbAnswer> {
    const wanted = [...new Set(qids.filter((q) => QID.test(q)))];
    let missing = wanted.filter((q) => !this.memory.has(q));
    if (missing.length > 0) {
      const fromDisk = await this.store.get(missing);
      for (const [qid, entry] of fromDisk) this.memory.set(qid, entry);
      missing = missing.filter((q) => !fromDisk.has(q));
    }
    void this.refreshIfDue();
    if (missing.length === 0 || this.refusal || this.controller.signal.aborted) return this.answer(wanted);
    return new Promise((resolve) => {
      for (const qid of missing) this.pending.add(qid);
      this.waiters.push({ qids: wanted, resolve });
      if (this.pending.size >= this.batch) this.flushSoon(0);
      else this.flushSoon(this.options.gatherMs ?? 40);
    });
  }

  /** Every entry kept for the account (memory and disk), for searches such as a CVE lookup. */
  async *entries(): AsyncGenerator<KbEntry, void, void> {
    yield* this.store.all();
  }

  /** How many entries are kept on disk. */
  async size(): Promise<number> {
    return (await this.store.qids()).length;
  }

  /** Forgets a remembered refusal (a new sign-in, or the user asked to try again). */
  reset(): void {
    this.refusal = undefined;
    this.lastFailure = undefined;
  }

  /**
   * Asks Qualys for the entries kept that changed since the last refresh and keeps the new ones.
   * Runs on its own once a day when entries are looked up; `force` runs it now.
   */
  refresh(force = false): Promise<void> {
    this.refreshing ??= this.runRefresh(force).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Ends calls in flight and answers every waiting lookup with what is known. */
  async dispose(): Promise<void> {
    this.controller.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of this.waiters.splice(0)) waiter.resolve(this.answer(waiter.qids));
    await this.store.flush();
  }

  private answer(qids: readonly string[]): KbAnswer {
    const entries = new Map<string, KbEntry>();
    for (const qid of qids) {
      const entry = this.memory.get(qid);
      if (entry) entries.set(qid, entry);
    }
    return { entries, ...(this.refusal ? { unavailable: this.refusal } : {}), ...(this.lastFailure && !this.refusal ? { failed: this.lastFailure } : {}) };
  }

  private flushSoon(delay: number): void {
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.running.then(() => this.fetchPending());
    }, delay);
  }

  private async fetchPending(): Promise<void> {
    while (this.pending.size > 0 && !this.refusal && !this.controller.signal.aborted) {
      const qids = [...this.pending].slice(0, this.batch);
      for (const qid of qids) this.pending.delete(qid);
      const page = await this.fetcher(qids, { signal: this.controller.signal });
      if (page.ok) {
        this.lastFailure = undefined;
        for (const entry of page.value.entries) this.memory.set(entry.qid, entry);
        await this.store.put(page.value.entries);
        const meta = await this.store.readMeta();
        // The first fetch starts the refresh clock; entries fetched later are newer than it.
        if (meta.refreshedAt === undefined && page.value.datetime) await this.store.writeMeta({ refreshedAt: page.value.datetime, refreshedMs: this.now() });
      } else if (page.error.kind !== 'cancelled') {
        if (isLastingRefusal(page.error)) this.refusal = page.error;
        else this.lastFailure = page.error;
      }
      this.answerWaiters(false);
    }
    this.answerWaiters(true);
  }

  /** Answers the lookups whose QIDs are all settled (known, or asked for and not listed by Qualys). */
  private answerWaiters(all: boolean): void {
    const waiting: Waiter[] = [];
    for (const waiter of this.waiters) {
      const open = !all && !this.refusal && waiter.qids.some((q) => this.pending.has(q));
      if (open) waiting.push(waiter);
      else waiter.resolve(this.answer(waiter.qids));
    }
    this.waiters = waiting;
  }

  private async refreshIfDue(): Promise<void> {
    if (this.refreshing || this.refusal) return;
    const meta = await this.store.readMeta();
    if (meta.refreshedMs === undefined || this.now() - meta.refreshedMs < (this.options.refreshAfterMs ?? 86_400_000)) return;
    await this.refresh();
  }

  private async runRefresh(force: boolean): Promise<void> {
    const meta = await this.store.readMeta();
    if (!force && meta.refreshedMs !== undefined && this.now() - meta.refreshedMs < (this.options.refreshAfterMs ?? 86_400_000)) return;
    const qids = await this.store.qids();
    if (qids.length === 0 || meta.refreshedAt === undefined || this.refusal) return;
    const since = Date.parse(meta.refreshedAt);
    const modifiedAfter = Number.isFinite(since) ? new Date(since - OVERLAP_MS).toISOString().replace(/\.\d{3}Z$/, 'Z') : meta.refreshedAt;
    let datetime: string | undefined;
    for (let i = 0; i < qids.length; i += this.batch * 10) {
      const page = await this.fetcher(qids.slice(i, i + this.batch * 10), { modifiedAfter, signal: this.controller.signal });
      if (!page.ok) {
        if (isLastingRefusal(page.error)) this.refusal = page.error;
        return;
      }
      datetime ??= page.value.datetime;
      for (const entry of page.value.entries) this.memory.set(entry.qid, entry);
      await this.store.put(page.value.entries);
    }
    await this.store.writeMeta({ refreshedAt: datetime ?? meta.refreshedAt, refreshedMs: this.now() });
  }
}
