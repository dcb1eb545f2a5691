/**
 * The extension host's side of the API worker (client/src/worker/main.ts, built as dist/worker.js):
 * starts it on first use, gives it each account's settings once, serves its calls' gate (the
 * account's one rate window and concurrency limiter live here), and routes its messages to the
 * listings and details requests waiting for them. The worker is unreferenced while nothing waits
 * on it, so it never keeps a process alive; if it dies, everything waiting fails with an error and
 * the next use starts a new one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { QualysClient } from './client';
import { apiError, type ApiError } from './errors';
import type { Result } from './result';
import type { DetectionKey, DownloadJob, DownloadProgress, FromWorker, ToWorker, WorkerCall } from '../worker/protocol';
import type { RenderedResponse, ResponseView } from '../requests/renderResponse';

export interface ListingHandler {
  onMessage(message: Extract<FromWorker, { listing: number }>): void;
  onFailure(error: ApiError): void;
}

/** How to start the worker: the built dist/worker.js next to this bundle, or the sources under tsx (tests, benchmarks). */
function workerSource(): { script: string; eval: boolean } {
  const built = join(__dirname, 'worker.js');
  if (!__filename.endsWith('.ts') && existsSync(built)) return { script: built, eval: false };
  const source = join(__dirname, '..', 'worker', 'main.ts');
  const tsx = require.resolve('tsx/cjs', { paths: [__dirname] });
  return { script: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, eval: true };
}

class WorkerHost {
  private worker: Worker | undefined;
  private readonly accounts = new WeakMap<QualysClient, number>();
  private readonly clients = new Map<number, QualysClient>();
  private readonly listings = new Map<number, ListingHandler>();
  private readonly details = new Map<number, (result: Result<unknown>) => void>();
  private readonly renders = new Map<number, (rendered: RenderedResponse | undefined) => void>();
  /** Download jobs' progress listeners, by request (their answer waits in `details`). */
  private readonly progress = new Map<number, (progress: DownloadProgress) => void>();
  /** Gate tickets of the worker's calls: the slot release once granted, or the wait to abort. */
  private readonly tickets = new Map<number, { readonly controller: AbortController; release?: () => void; cancelled?: boolean }>();
  private nextId = 1;
  /** Accounts the current worker knows. */
  private readonly sent = new Set<number>();
  /** Listings whose consumer waits for a page (a paused listing keeps nothing alive). */
  private readonly awaited = new Set<number>();

  /** Starts a listing; the handler hears its messages until `end` (or a failure of the worker). */
  list(client: QualysClient, message: Omit<Extract<ToWorker, { type: 'list' }>, 'type' | 'listing' | 'account'>, handler: ListingHandler): number {
    const listing = this.nextId++;
    const account = this.account(client);
    this.listings.set(listing, handler);
    this.send({ type: 'list', listing, account, ...message });
    return listing;
  }

  /** Asks for one more page of a listing; the caller now waits for it. */
  pull(listing: number): void {
    if (!this.listings.has(listing)) return;
    this.awaited.add(listing);
    this.send({ type: 'pull', listing });
  }

  cancel(listing: number): void {
    if (this.listings.has(listing)) this.send({ type: 'cancel', listing });
  }

  detailsOf<T>(client: QualysClient, kind: 'host' | 'authRecord' | 'detection', id: string, recordType?: string, detection?: DetectionKey): Promise<Result<T>> {
    const request = this.nextId++;
    const account = this.account(client);
    return new Promise((resolve) => {
      this.details.set(request, resolve as (result: Result<unknown>) => void);
      this.send({ type: 'details', request, account, kind, id, ...(recordType !== undefined ? { recordType } : {}), ...(detection ? { detection } : {}) });
    });
  }

  /**
   * Runs a download job in the worker: `onProgress` hears of each page written. The signal stops it
   * there; the answer still comes from the worker, once the file is closed with its resume state.
   */
  download(client: QualysClient, job: DownloadJob, onProgress: (progress: DownloadProgress) => void, signal?: AbortSignal): Promise<Result<DownloadProgress>> {
    if (signal?.aborted) return Promise.resolve({ ok: false, error: apiError('cancelled', 'The download was cancelled.') });
    const request = this.nextId++;
    const account = this.account(client);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        if (this.details.has(request)) this.post({ type: 'cancelDownload', request });
      };
      this.progress.set(request, onProgress);
      this.details.set(request, (result) => {
        signal?.removeEventListener('abort', onAbort);
        this.progress.delete(request);
        resolve(result as Result<DownloadProgress>);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.send({ type: 'download', request, account, job });
    });
  }

  /** A read-only call made and read in the worker; the signal cancels it there. */
  call<T>(client: QualysClient, call: WorkerCall, signal?: AbortSignal): Promise<Result<T>> {
    if (signal?.aborted) return Promise.resolve({ ok: false, error: apiError('cancelled', 'The call was cancelled.') });
    const request = this.nextId++;
    const account = this.account(client);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        if (this.details.delete(request)) {
          this.post({ type: 'cancelCall', request });
          this.reference();
          resolve({ ok: false, error: apiError('cancelled', 'The call was cancelled.') });
        }
      };
      this.details.set(request, (result) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(result as Result<T>);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.send({ type: 'call', request, account, call });
    });
  }

  /** Formats and redacts a response document in the worker; undefined when the worker failed. */
  render(client: QualysClient, view: ResponseView, secrets: readonly string[]): Promise<RenderedResponse | undefined> {
    const request = this.nextId++;
    const account = this.account(client);
    return new Promise((resolve) => {
      this.renders.set(request, resolve);
      this.send({ type: 'render', request, account, view, secrets });
    });
  }

  private account(client: QualysClient): number {
    let account = this.accounts.get(client);
    if (account === undefined) {
      const id = (account = this.nextId++);
      this.accounts.set(client, id);
      this.clients.set(id, client);
      client.onClose(() => {
        this.clients.delete(id);
        this.accounts.delete(client);
        if (this.worker && this.sent.delete(id)) this.post({ type: 'drop', account: id });
      });
    }
    this.start();
    if (!this.sent.has(account)) {
      // Once per account (and again for a new worker): the settings, credentials included, never logged.
      this.sent.add(account);
      this.post({ type: 'account', account, settings: client.threadSettings() });
    }
    return account;
  }

  private send(message: ToWorker): void {
    this.post(message);
    this.reference();
  }

  private post(message: ToWorker): void {
    this.start().postMessage(message);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const source = workerSource();
    const worker = new Worker(source.script, { eval: source.eval, execArgv: [], stdout: false, stderr: false });
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => this.lost(worker, error.message));
    worker.on('exit', (code) => this.lost(worker, `it exited with code ${code}`));
    worker.unref();
    this.worker = worker;
    this.sent.clear();
    return worker;
  }

  /** Keeps the process alive while something waits on the worker, and only then. */
  private reference(): void {
    const busy = this.awaited.size > 0 || this.details.size > 0 || this.renders.size > 0;
    if (busy) this.worker?.ref();
    else this.worker?.unref();
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'rows':
      case 'reset':
        this.listings.get(message.listing)?.onMessage(message);
        break;
      case 'page':
        this.awaited.delete(message.listing);
        this.listings.get(message.listing)?.onMessage(message);
        break;
      case 'end': {
        const handler = this.listings.get(message.listing);
        this.listings.delete(message.listing);
        this.awaited.delete(message.listing);
        handler?.onMessage(message);
        break;
      }
      case 'downloadProgress':
        this.progress.get(message.request)?.(message.progress);
        break;
      case 'details':
      case 'downloaded':
      case 'called': {
        const resolve = this.details.get(message.request);
        this.details.delete(message.request);
        resolve?.(message.result);
        break;
      }
      case 'rendered': {
        const resolve = this.renders.get(message.request);
        this.renders.delete(message.request);
        resolve?.(message.rendered);
        break;
      }
      case 'enter':
        void this.enter(message.ticket, message.account, message.slot);
        break;
      case 'cancelEnter': {
        const ticket = this.tickets.get(message.ticket);
        if (ticket?.release) this.leave(message.ticket);
        else if (ticket) {
          ticket.cancelled = true;
          ticket.controller.abort();
        }
        break;
      }
      case 'leave':
        this.leave(message.ticket);
        break;
      case 'limits':
        this.clients.get(message.account)?.gate.observe(message.headers);
        break;
    }
    this.reference();
  }

  /** A worker call asks for the account's rate window and a slot: the same gate as this thread's calls. */
  private async enter(ticket: number, account: number, slot: boolean): Promise<void> {
    const client = this.clients.get(account);
    const entry: { controller: AbortController; release?: () => void; cancelled?: boolean } = { controller: new AbortController() };
    this.tickets.set(ticket, entry);
    const result = client ? await client.gate.enter(entry.controller.signal, slot) : { ok: false as const, error: apiError('config', 'The account is no longer signed in.') };
    if (entry.cancelled || !this.worker) {
      if (result.ok) result.value();
      this.tickets.delete(ticket);
    } else if (result.ok && !slot) {
      // The rate window only: nothing to give back.
      this.tickets.delete(ticket);
      this.post({ type: 'entered', ticket, result: { ok: true, value: true } });
    } else if (result.ok) {
      entry.release = result.value;
      this.post({ type: 'entered', ticket, result: { ok: true, value: true } });
    } else {
      this.tickets.delete(ticket);
      this.post({ type: 'entered', ticket, result });
    }
    this.reference();
  }

  private leave(ticket: number): void {
    this.tickets.get(ticket)?.release?.();
    this.tickets.delete(ticket);
  }

  private lost(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const error = apiError('network', `The background API worker stopped (${reason}); Retry starts it again.`);
    for (const [ticket] of this.tickets) this.leave(ticket);
    const listings = [...this.listings.values()];
    const details = [...this.details.values()];
    const renders = [...this.renders.values()];
    this.listings.clear();
    this.awaited.clear();
    this.details.clear();
    this.renders.clear();
    this.progress.clear();
    for (const resolve of renders) resolve(undefined);
    for (const handler of listings) handler.onFailure(error);
    for (const resolve of details) resolve({ ok: false, error });
  }
}

let host: WorkerHost | undefined;

/** The one worker host of this extension host. */
export function workerHost(): WorkerHost {
  host ??= new WorkerHost();
  return host;
}

export type { WorkerHost };
