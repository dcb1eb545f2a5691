/** The pager behind every paged node: keeps its iterator, resumes after failures, dedupes loads. */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import type { ApiError, Result } from '../../../client/src/api';
import { flatMapOpener, Pager, type Page, type PageOpener } from '../../../client/src/views/paging/pager';
import { pagedChildren } from '../../../client/src/views/paging/pagedChildren';
import { ErrorNode } from '../../../client/src/views/nodes/errorNode';
import { MessageNode } from '../../../client/src/views/nodes/messageNode';
import { contextValueOf } from '../../../client/src/views/nodes/row';

/** Pages of numbers: [0..size), [size..2size)...; `fail` makes the page at a cursor fail once. */
function numbers(total: number, size: number, fail: Set<string> = new Set(), opened: (string | undefined)[] = []): PageOpener<number> {
  return (cursor, signal) => {
    opened.push(cursor);
    return (async function* (): AsyncGenerator<Result<Page<number>>> {
      for (let start = Number(cursor ?? 0); start < total; start += size) {
        if (signal.aborted) {
          yield { ok: false, error: { kind: 'cancelled', message: 'The call was cancelled.' } };
          return;
        }
        if (fail.delete(String(start))) {
          yield { ok: false, error: { kind: 'rate-limit', message: 'Rate limit', code: '1965', text: 'Rate limit exceeded' } };
          return;
        }
        const items = Array.from({ length: Math.min(size, total - start) }, (_, i) => start + i);
        const next = start + size < total ? String(start + size) : undefined;
        yield { ok: true, value: next === undefined ? { items } : { items, next } };
      }
    })();
  };
}

test('pager: each load reads one page and the iterator continues where it stopped', async () => {
  const opened: (string | undefined)[] = [];
  const pager = new Pager(numbers(25, 10, new Set(), opened));
  assert.equal(pager.state, 'idle');
  await pager.loadNext();
  assert.deepEqual(pager.items, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(pager.state, 'more');
  await pager.loadNext();
  await pager.loadNext();
  assert.equal(pager.items.length, 25);
  assert.equal(pager.state, 'done');
  assert.deepEqual(opened, [undefined], 'one iterator for all pages');
  await pager.loadNext();
  assert.equal(pager.pages, 3, 'nothing read after the last page');
});

test('pager: a failed page keeps the error (CODE and TEXT) and Retry resumes at that page', async () => {
  const opened: (string | undefined)[] = [];
  const pager = new Pager(numbers(30, 10, new Set(['10']), opened));
  await pager.loadNext();
  await pager.loadNext();
  assert.equal(pager.state, 'error');
  assert.equal(pager.error?.code, '1965');
  assert.equal(pager.items.length, 10, 'rows already loaded stay');
  assert.equal(pager.canRetry, true);
  await pager.loadNext();
  assert.equal(pager.error, undefined);
  assert.deepEqual(pager.items.slice(10, 12), [10, 11]);
  assert.deepEqual(opened, [undefined, '10'], 'the retry opened a new iterator at the failed cursor');
});

test('pager: concurrent loads share one call', async () => {
  const pager = new Pager(numbers(100, 10));
  await Promise.all([pager.loadNext(), pager.loadNext(), pager.loadNext()]);
  assert.equal(pager.items.length, 10);
  assert.equal(pager.pages, 1);
});

test('pager: an aborted signal cancels the load without a failure, and the next load reads the same page', async () => {
  const pager = new Pager(numbers(30, 10));
  const controller = new AbortController();
  controller.abort();
  await pager.loadNext(controller.signal);
  assert.equal(pager.error, undefined, 'a cancellation is not a failure');
  assert.equal(pager.state, 'idle');
  assert.equal(pager.items.length, 0);
  await pager.loadNext();
  assert.deepEqual(pager.items.slice(0, 2), [0, 1]);
});

test('pager: a local filter reads further pages (bounded) so Load more never adds nothing while more exist', async () => {
  const keep = (n: number): boolean => n >= 35;
  const pager = new Pager(numbers(100, 10), { filter: keep, maxPagesPerLoad: 3 });
  await pager.loadNext();
  assert.deepEqual(pager.items, [], 'three pages read, none matched');
  assert.equal(pager.pages, 3);
  assert.equal(pager.state, 'more');
  await pager.loadNext();
  assert.deepEqual(pager.items, [35, 36, 37, 38, 39]);
  assert.equal(pager.pages, 4, 'stopped at the first page with matches');
});

test('pager: flatMapOpener maps items and keeps the cursor', async () => {
  const pager = new Pager(flatMapOpener(numbers(20, 10), (n) => (n % 5 === 0 ? [`${n}a`, `${n}b`] : [])));
  await pager.loadNext();
  assert.deepEqual(pager.items, ['0a', '0b', '5a', '5b']);
  assert.equal(pager.state, 'more');
  await pager.loadNext();
  assert.equal(pager.state, 'done');
});

/** A listing that gives its pages and then the error that ended it (the API client's pager does so when it refuses a next-page URL). */
function pagesThenError(pages: readonly (readonly number[])[], error: ApiError): PageOpener<number> {
  return () =>
    (async function* (): AsyncGenerator<Result<Page<number>>> {
      for (const items of pages) yield { ok: true, value: { items } };
      yield { ok: false, error };
    })();
}

test('pager: an error after the last page is shown, not dropped as if the listing had ended', async () => {
  const pager = new Pager(pagesThenError([[1, 2, 3]], { kind: 'paging', message: 'The listing stopped: Qualys pointed the next page at action=purge.' }));
  await pager.loadNext();
  assert.deepEqual(pager.items, [1, 2, 3]);
  assert.equal(pager.state, 'error');
  assert.equal(pager.error?.kind, 'paging');
  await pager.loadNext();
  assert.deepEqual(pager.items, [1, 2, 3], 'the listing cannot go on from a refused page: nothing is read twice');
  assert.equal(pager.error?.kind, 'paging', 'and the reason stays shown');
});

/** The rows a paged node shows for `pager`, its items as message rows. */
function rowsOf(pager: Pager<number>): ReturnType<typeof pagedChildren<number>> {
  return pagedChildren({ pager, owner: undefined, idPrefix: 'n', toNode: (i) => new MessageNode(`n/${i}`, String(i)), what: 'numbers', empty: 'none' }, new AbortController().signal);
}

test('error row: Retry is offered where loading again goes on, and not where the listing stopped for good', async () => {
  const failed = new Pager(numbers(30, 10, new Set(['10'])));
  await failed.loadNext();
  await failed.loadNext();
  const retryable = (await rowsOf(failed)).find((n) => n instanceof ErrorNode)!;
  assert.equal(retryable.row.action, 'qualys.retry');
  assert.equal(retryable.row.description, 'Retry');
  assert.equal(contextValueOf(retryable.row), 'error:copyId:retry:log');

  // The API client refused the next page's URL: there is nothing to go on from, so a Retry that
  // does nothing is not offered; the row says how to start again and still offers the log.
  const stopped = new Pager(pagesThenError([[1, 2, 3]], { kind: 'paging', message: 'The listing stopped: Qualys pointed the next page at action=purge.' }));
  const rows = await rowsOf(stopped);
  assert.deepEqual(rows.map((n) => n.row.label), ['1', '2', '3', 'The listing stopped: Qualys pointed the next page at action=purge.']);
  const final = rows[3] as ErrorNode;
  assert.equal(stopped.canRetry, false);
  assert.equal(final.retryable, false);
  assert.equal(final.row.action, undefined);
  assert.equal(final.row.description, 'Refresh to start again');
  assert.equal(contextValueOf(final.row), 'error:log');
  assert.match(final.row.tooltip ?? '', /Refresh the view to start it again/);
  assert.doesNotMatch(final.row.tooltip ?? '', /Click to retry/);
});
