/**
 * Paging for tree nodes: keeps the API client's async page iterator between "Load more" clicks, so
 * the next page continues where the last one stopped, and remembers where the next page starts, so
 * a failed or cancelled page can be fetched again without starting over. A cancelled load leaves
 * the pager as it was: only a failure is kept in `error`. No `vscode` import.
 */
import type { ApiError, Result } from '../../api';

export interface Page<T> {
  readonly items: readonly T[];
  /** Where the next page starts (Qualys' id_min, or a batch index); undefined on the last page. */
  readonly next?: string;
}

/** Opens a page iterator at a cursor (undefined = the first page); the signal ends its calls. */
export type PageOpener<T> = (cursor: string | undefined, signal: AbortSignal) => AsyncIterator<Result<Page<T>>>;

export interface PagerOptions<T> {
  /** Keeps only matching items (for filters the API has no parameter for). */
  readonly filter?: (item: T) => boolean;
  /**
   * How many pages one load may read when filtered pages come back empty, so "Load more" never
   * answers nothing while more exists, and never reads a whole large account either.
   */
  readonly maxPagesPerLoad?: number;
}

export type PagerState = 'idle' | 'more' | 'done' | 'error';

export class Pager<T> {
  private readonly loaded: T[] = [];
  private iterator: AsyncIterator<Result<Page<T>>> | undefined;
  private controller: AbortController | undefined;
  private cursor: string | undefined;
  private started = false;
  private finished = false;
  private failure: ApiError | undefined;
  private inflight: Promise<void> | undefined;
  private pagesRead = 0;

  constructor(private readonly open: PageOpener<T>, private readonly options: PagerOptions<T> = {}) {}

  get items(): readonly T[] {
    return this.loaded;
  }

  /** The failure of the last load (never a cancellation); cleared when the next load starts. */
  get error(): ApiError | undefined {
    return this.failure;
  }

  /** Pages read from the API so far (for tests and the log). */
  get pages(): number {
    return this.pagesRead;
  }

  get state(): PagerState {
    if (this.failure) return 'error';
    if (!this.started) return 'idle';
    return this.finished ? 'done' : 'more';
  }

  /**
   * Whether loading again can go on from where the last load failed. Not after an error that ended
   * the listing past its last page (a refused next-page URL, too many pages): no cursor is left to
   * go on from, and reading the last page again would list its items twice.
   */
  get canRetry(): boolean {
    return this.failure !== undefined && !this.finished;
  }

  get loading(): boolean {
    return this.inflight !== undefined;
  }

  /**
   * Loads the next page (or the first). Never rejects: a failure is kept in `error` and the next
   * call starts again at the page that failed. Concurrent calls share one load.
   */
  loadNext(signal?: AbortSignal): Promise<void> {
    if (this.finished) return Promise.resolve();
    this.inflight ??= this.load(signal).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Ends the iterator and any call in flight (on refresh, sign-out or a new filter). */
  dispose(): void {
    this.controller?.abort();
    void this.iterator?.return?.().catch(() => undefined);
    this.iterator = undefined;
  }

  private async load(signal: AbortSignal | undefined): Promise<void> {
    this.failure = undefined;
    const maxPages = Math.max(1, this.options.maxPagesPerLoad ?? 1);
    let added = 0;
    for (let pages = 0; !this.finished && added === 0 && pages < maxPages; pages++) {
      if (!this.iterator) {
        this.controller = new AbortController();
        this.iterator = this.open(this.cursor, this.controller.signal);
      }
      const step = await this.step(this.iterator, signal);
      if (!step.done && !step.value.ok && step.value.error.kind === 'cancelled') {
        // Cancelled by the extension (refresh, sign-in, account switch, collapse): not a failure.
        // The pager stays as it was; the next load opens a new iterator at the same cursor.
        this.iterator = undefined;
        return;
      }
      this.started = true;
      if (step.done) {
        this.finished = true;
        break;
      }
      if (!step.value.ok) {
        // The iterator ends after a failure; the next load opens a new one at the same cursor.
        this.failure = step.value.error;
        this.iterator = undefined;
        return;
      }
      this.pagesRead++;
      const page = step.value.value;
      const kept = this.options.filter ? page.items.filter(this.options.filter) : page.items;
      for (const item of kept) this.loaded.push(item);
      added += kept.length;
      this.cursor = page.next;
      if (page.next === undefined) {
        // A page without a next cursor is the last one, unless the listing then says why it stopped
        // (the API client refused the next-page URL): that error is kept, and the listing stays
        // finished, since there is no cursor to go on from without reading a page twice.
        const after = await this.step(this.iterator, signal);
        if (!after.done && !after.value.ok && after.value.error.kind !== 'cancelled') this.failure = after.value.error;
        this.finished = true;
        this.dispose();
      }
    }
  }

  /** One step of the iterator; the caller's signal aborts it, and a page source that throws (a bug) gives an error. */
  private async step(iterator: AsyncIterator<Result<Page<T>>>, signal: AbortSignal | undefined): Promise<IteratorResult<Result<Page<T>>>> {
    const controller = this.controller!;
    const onAbort = (): void => controller.abort();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await iterator.next();
    } catch (error) {
      // The client never throws; this guards a bug in a page source, which must not break the tree.
      return { done: false, value: { ok: false, error: { kind: 'malformed', message: error instanceof Error ? error.message : String(error) } } };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** Maps each page of a client listing to a Page, taking the cursor from `nextIdMin`. */
export async function* mapPages<P extends { readonly nextIdMin?: string }, T>(
  pages: AsyncIterable<Result<P>>,
  items: (page: P) => readonly T[],
): AsyncGenerator<Result<Page<T>>, void, void> {
  for await (const page of pages) {
    if (!page.ok) {
      yield page;
      return;
    }
    const next = page.value.nextIdMin;
    yield { ok: true, value: next === undefined ? { items: items(page.value) } : { items: items(page.value), next } };
  }
}

/** An opener whose items are mapped to several items each (e.g. hosts to their controls). */
export function flatMapOpener<T, U>(open: PageOpener<T>, map: (item: T) => readonly U[]): PageOpener<U> {
  return (cursor, signal) => {
    const inner = open(cursor, signal);
    return {
      async next(): Promise<IteratorResult<Result<Page<U>>>> {
        const step = await inner.next();
        if (step.done || !step.value.ok) return step as IteratorResult<Result<Page<U>>>;
        const page = step.value.value;
        const items = page.items.flatMap(map);
        return { done: false, value: { ok: true, value: page.next === undefined ? { items } : { items, next: page.next } } };
      },
      async return(): Promise<IteratorResult<Result<Page<U>>>> {
        await inner.return?.();
        return { done: true, value: undefined };
      },
    };
  };
}
