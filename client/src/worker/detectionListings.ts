/**
 * The worker's detection listings, each a paged read of the host list detection
 * (ops/vulnerabilities.ts) with the detection reader (parse/detectionList.ts):
 * - hostDetections: one host's detections as rows (the Hosts view), each kept for its details;
 * - qidGroups: a page's detections grouped by QID (the Vulnerabilities view): only the groups cross,
 *   and the page's host count;
 * - qidHosts: the hosts with a QID, each with its detection of it (kept for its details).
 */
import { followDetectionPages } from '../api/ops/vulnerabilities';
import { detectionReader, hostOf, rowOf, type Detection } from '../api/parse/detectionList';
import type { DocumentReader } from '../api/stream/documentReader';
import type { Paged } from '../api/ops/paging';
import { PageGrouper } from '../views/vulnerabilities/qidGroups';
import type { ListingContext, PageStream } from './listings';

function info(page: { nextIdMin?: string }, count: number): { next?: string; count: number } {
  return page.nextIdMin === undefined ? { count } : { next: page.nextIdMin, count };
}

/** Reads pages with `reader`, made again for each attempt at a page; `count` is the page's record count. */
async function* pages(ctx: ListingContext, reader: () => { readonly reader: DocumentReader<Paged & { hosts: number }>; readonly count: () => number }): PageStream {
  let current: ReturnType<typeof reader> | undefined;
  const stream = (): DocumentReader<Paged & { hosts: number }> => {
    ctx.rows.attempt();
    current = reader();
    return current.reader;
  };
  const options = { ...(ctx.args.pageSize ? { pageSize: ctx.args.pageSize } : {}), params: ctx.args.params, signal: ctx.signal };
  for await (const page of followDetectionPages(ctx.client, options, { stream })) {
    if (!page.ok) {
      yield page;
      return;
    }
    yield { ok: true, value: info(page.value, current?.count() ?? 0) };
  }
}

function keep(ctx: ListingContext, detection: Detection): void {
  if (ctx.args.keepDetails) ctx.details.keepDetection(ctx.account, detection);
}

export function hostDetections(ctx: ListingContext): PageStream {
  return pages(ctx, () => {
    let count = 0;
    const reader = detectionReader((_host, detection) => {
      count++;
      keep(ctx, detection);
      ctx.rows.row(rowOf(detection));
    }, ctx.args.keepDetails === true ? 'full' : 'row');
    return { reader, count: () => count };
  });
}

export function qidGroups(ctx: ListingContext): PageStream {
  return pages(ctx, () => {
    const grouper = new PageGrouper();
    let hosts = 0;
    const inner = detectionReader((host, d) => grouper.add(host.id ?? '', d.qid, d.severity, d.type, d.status), 'group');
    const reader: DocumentReader<Paged & { hosts: number }> = {
      write: (chunk) => inner.write(chunk),
      end: () => {
        const page = inner.end();
        if (page.ok) {
          hosts = page.value.hosts;
          // The groups cross at the page's end: a QID's counts are complete only then.
          for (const group of grouper.rows()) ctx.rows.row(group);
        }
        return page;
      },
      get root() {
        return inner.root;
      },
      get failed() {
        return inner.failed;
      },
    };
    return { reader, count: () => hosts };
  });
}

export function qidHosts(ctx: ListingContext): PageStream {
  return pages(ctx, () => {
    let count = 0;
    const reader = detectionReader((host, detection) => {
      count++;
      keep(ctx, detection);
      ctx.rows.row({ host: hostOf(host), detection: rowOf(detection) });
    }, ctx.args.keepDetails === true ? 'full' : 'row');
    return { reader, count: () => count };
  });
}
