/**
 * The API worker (dist/worker.js, a worker thread of the extension host): it fetches and parses
 * the sidebar's listings, so a page's parse never runs on the thread every extension shares. Only
 * rows cross back, in batches, as they are read; the next page may be fetched while the host's
 * thread takes the current one (`readAhead`), within the account's concurrency limit, which the
 * host's thread keeps (remoteGate.ts). Nothing here logs: credentials arrive once per account in an
 * `account` message and stay in this thread's client.
 */
import { parentPort } from 'node:worker_threads';
import { QualysClient } from '../api/client';
import { apiError, type ApiError } from '../api/errors';
import { resolveEndpoints } from '../api/platforms';
import { fail, type Result } from '../api/result';
import { runCall } from './calls';
import { runDownloadJob } from './download';
import { DetailsStore } from './detailsStore';
import { PcrsHostIdCache } from './pcrsListing';
import { LISTINGS, type PageStream } from './listings';
import { ROW_BATCH_WEIGHT, type FromWorker, type ListingArgs, type ListingKind, type ToWorker } from './protocol';
import { GateTickets } from './remoteGate';
import { renderResponse } from '../requests/renderResponse';

const port = parentPort;
if (!port) throw new Error('worker/main.ts runs as a worker thread');

const send = (message: FromWorker): void => port.postMessage(message);
const tickets = new GateTickets(send);
const accounts = new Map<number, QualysClient>();
const listings = new Map<number, Listing>();
const details = new DetailsStore();
const pcrsHosts = new PcrsHostIdCache();
/** Calls under way, by request: their cancellation. */
const calls = new Map<number, AbortController>();

/** One listing: pages are read while the consumer has asked for them (plus `readAhead`). */
class Listing {
  private readonly controller = new AbortController();
  private pulled = 0;
  private wake: (() => void) | undefined;
  private page = 0;
  private attempts = 0;
  /** The rows of the next `rows` message, and their weight (objects to copy, about). */
  private batch: unknown[] = [];
  private batchWeight = 0;

  constructor(private readonly id: number, private readonly client: QualysClient, private readonly account: number, private readonly kind: ListingKind, private readonly args: ListingArgs) {}

  pull(): void {
    this.pulled++;
    this.wake?.();
  }

  cancel(): void {
    this.controller.abort();
    this.wake?.();
  }

  async run(): Promise<void> {
    const stream: PageStream = LISTINGS[this.kind]({
      client: this.client,
      account: this.account,
      args: this.args,
      signal: this.controller.signal,
      details,
      pcrsHosts,
      rows: { attempt: () => this.attempt(), row: (row, weight = 1) => this.row(row, weight) },
    });
    let error: { readonly error: ApiError } | undefined;
    try {
      for (;;) {
        await this.allowed();
        if (this.controller.signal.aborted) {
          error = { error: apiError('cancelled', 'The call was cancelled.') };
          break;
        }
        const step = await stream.next();
        if (step.done) break;
        if (!step.value.ok) {
          error = step.value;
          break;
        }
        this.flush();
        send({ type: 'page', listing: this.id, page: this.page, info: step.value.value });
        this.page++;
        this.attempts = 0;
      }
    } catch (thrown) {
      // The client never throws; this guards a bug in a listing, which must end it, not the worker.
      error = { error: apiError('malformed', `The answer could not be read (${thrown instanceof Error ? thrown.message : String(thrown)}).`) };
    } finally {
      listings.delete(this.id);
      await stream.return(undefined).catch(() => undefined);
    }
    send(error ? { type: 'end', listing: this.id, error: error.error } : { type: 'end', listing: this.id });
  }

  /** Waits until the consumer has asked for this page (or the one before it, with read-ahead). */
  private allowed(): Promise<void> {
    const ahead = Math.max(0, this.args.readAhead ?? 0);
    if (this.page < this.pulled + ahead || this.controller.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = () => {
        if (this.page < this.pulled + ahead || this.controller.signal.aborted) {
          this.wake = undefined;
          resolve();
        }
      };
    });
  }

  private attempt(): void {
    // A second read of the same page (a retry): the host drops the rows it already has of it.
    if (this.attempts++ > 0) {
      this.batch = [];
      send({ type: 'reset', listing: this.id, page: this.page });
    }
  }

  private row(row: unknown, weight: number): void {
    this.batch.push(row);
    this.batchWeight += weight;
    if (this.batchWeight >= ROW_BATCH_WEIGHT) this.flush();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    send({ type: 'rows', listing: this.id, page: this.page, rows: this.batch });
    this.batch = [];
    this.batchWeight = 0;
  }
}

async function answerDetails(message: Extract<ToWorker, { type: 'details' }>): Promise<void> {
  const client = accounts.get(message.account);
  let result: Result<unknown>;
  if (!client) result = fail(apiError('config', 'The account is no longer signed in.'));
  else if (message.kind === 'host') result = await details.host(client, message.account, message.id);
  else if (message.kind === 'detection') result = message.detection ? await details.detection(client, message.account, message.detection) : fail(apiError('config', 'No detection named.'));
  else result = await details.authRecord(client, message.account, message.recordType ?? '', message.id);
  send({ type: 'details', request: message.request, result });
}

async function runDownload(message: Extract<ToWorker, { type: 'download' }>): Promise<void> {
  const client = accounts.get(message.account);
  const controller = new AbortController();
  calls.set(message.request, controller);
  let result: Result<{ pages: number; records: number; bytes: number }>;
  try {
    result = client
      ? await runDownloadJob(client, message.job, (progress) => send({ type: 'downloadProgress', request: message.request, progress }), controller.signal)
      : fail(apiError('config', 'The account is no longer signed in.'));
  } catch (thrown) {
    result = fail(apiError('malformed', `The download stopped (${thrown instanceof Error ? thrown.message : String(thrown)}).`));
  } finally {
    calls.delete(message.request);
  }
  send({ type: 'downloaded', request: message.request, result });
}

async function answerCall(message: Extract<ToWorker, { type: 'call' }>): Promise<void> {
  const client = accounts.get(message.account);
  const controller = new AbortController();
  calls.set(message.request, controller);
  let result: Result<unknown>;
  try {
    result = client ? await runCall(client, message.call, controller.signal) : fail(apiError('config', 'The account is no longer signed in.'));
  } catch (thrown) {
    // The client never throws; this guards a bug in a call, which must answer, not end the worker.
    result = fail(apiError('malformed', `The answer could not be read (${thrown instanceof Error ? thrown.message : String(thrown)}).`));
  } finally {
    calls.delete(message.request);
  }
  send({ type: 'called', request: message.request, result });
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'account': {
      const endpoints = resolveEndpoints({ url: message.settings.apiBase }, message.settings.gatewayBase);
      if (!endpoints.ok) return;
      const { apiBase: _api, gatewayBase: _gateway, ...options } = message.settings;
      accounts.set(message.account, new QualysClient({ ...options, endpoints: endpoints.value, gate: tickets.gate(message.account) }));
      return;
    }
    case 'drop': {
      const client = accounts.get(message.account);
      accounts.delete(message.account);
      details.drop(message.account);
      pcrsHosts.drop(message.account);
      void client?.close().catch(() => undefined);
      return;
    }
    case 'list': {
      const client = accounts.get(message.account);
      if (!client) {
        send({ type: 'end', listing: message.listing, error: apiError('config', 'The account is no longer signed in.') });
        return;
      }
      const listing = new Listing(message.listing, client, message.account, message.kind, message.args);
      listings.set(message.listing, listing);
      void listing.run();
      return;
    }
    case 'pull':
      listings.get(message.listing)?.pull();
      return;
    case 'cancel':
      listings.get(message.listing)?.cancel();
      return;
    case 'details':
      void answerDetails(message);
      return;
    case 'call':
      void answerCall(message);
      return;
    case 'cancelCall':
    case 'cancelDownload':
      calls.get(message.request)?.abort();
      return;
    case 'download':
      void runDownload(message);
      return;
    case 'entered':
      tickets.answer(message.ticket, message.result);
      return;
    case 'render': {
      // The account's credentials are masked too, from this thread's client: they never cross again.
      const client = accounts.get(message.account);
      const own = client ? [client.password(), Buffer.from(`${client.username}:${client.password()}`).toString('base64')] : [];
      send({ type: 'rendered', request: message.request, rendered: renderResponse(message.view, [...own, ...message.secrets]) });
      return;
    }
  }
});
