/**
 * Keeps the language server's live values (completion) in step with the active account: fetches
 * every kind on start, on sign-in and account switch, on a timer and on demand, and pushes each
 * kind that arrived with the `qualys/liveValues` notification. A kind that fails is logged (the
 * API client has already removed credentials) and keeps its previous values; values of another
 * account are cleared as soon as the account changes. One refresh runs at a time, its kinds one
 * after the other, so completion data never costs more than one call of the account's rate budget
 * at a time. Nothing here imports `vscode`: the notification is a function given by the caller.
 */
import type { ApiError } from '../api';
import type { LiveValue, LiveValueKind, LiveValuesParams } from '../../../protocol';
import type { AccountLike, AccountSource, RequestLog, Subscription } from './accountSource';
import type { LiveFetcher } from './liveValues';

/** A kind computed from another kind's values: [derived kind, source kind, derivation]. */
export type LiveDerivation = readonly [LiveValueKind, LiveValueKind, (values: readonly LiveValue[]) => LiveValue[]];

export const REFRESH_INTERVAL_MS = 10 * 60_000;

export interface RefresherDeps {
  readonly accounts: AccountSource;
  /** Sends `qualys/liveValues` to the language server. */
  readonly notify: (params: LiveValuesParams) => Promise<void>;
  readonly log: RequestLog;
  readonly fetchers?: ReadonlyArray<readonly [LiveValueKind, LiveFetcher]>;
  /** Kinds derived from a fetched kind (titles from IDs), pushed right after it; default LIVE_DERIVED. */
  readonly derived?: ReadonlyArray<LiveDerivation>;
  readonly now?: () => Date;
  /**
   * Whether values are wanted now (the extension: a request file is open). Background refreshes
   * (start, timer, account change) skip while not, so the account's rate budget is not spent on
   * completion nobody uses; `documentOpened` catches up. Default: always.
   */
  readonly wanted?: () => boolean;
}

export interface RefreshReport {
  /** The account refreshed; undefined when signed out (nothing fetched). */
  readonly account?: string;
  readonly updated: readonly LiveValueKind[];
  readonly failed: readonly { readonly kind: LiveValueKind; readonly error: ApiError }[];
  /** The account changed (or the refresher was disposed) before the refresh ended. */
  readonly aborted: boolean;
}

export class LiveValuesRefresher {
  private readonly pushed = new Map<LiveValueKind, LiveValuesParams>();
  private pushedAccount: string | undefined;
  private refreshedAt = Number.NEGATIVE_INFINITY;
  private intervalMs = REFRESH_INTERVAL_MS;
  private running: { readonly controller: AbortController; readonly done: Promise<RefreshReport> } | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private subscription: Subscription | undefined;

  constructor(private readonly deps: RefresherDeps) {}

  /** Listens to account changes, refreshes now and then every `intervalMs`. */
  start(intervalMs = REFRESH_INTERVAL_MS): void {
    this.intervalMs = intervalMs;
    this.subscription = this.deps.accounts.onDidChangeActiveAccount((account) => this.accountChanged(account));
    this.timer = setInterval(() => void this.refreshIfWanted(), intervalMs);
    this.timer.unref?.();
    void this.refreshIfWanted();
  }

  /** A background refresh: only when values are wanted. */
  refreshIfWanted(): Promise<RefreshReport | undefined> {
    return (this.deps.wanted ?? (() => true))() ? this.refresh() : Promise.resolve(undefined);
  }

  /** A request file was opened: refresh when the values are another account's or older than the interval. */
  documentOpened(): Promise<RefreshReport | undefined> {
    const stale = this.pushedAccount !== this.deps.accounts.activeAccount()?.label || this.now().getTime() - this.refreshedAt >= this.intervalMs;
    return stale ? this.refreshIfWanted() : Promise.resolve(undefined);
  }

  /** What the server was last sent for a kind. */
  current(kind: LiveValueKind): LiveValuesParams | undefined {
    return this.pushed.get(kind);
  }

  /** Sends every kind again (a restarted language server starts with an empty cache). */
  async resend(): Promise<void> {
    for (const params of [...this.pushed.values()]) await this.push(params);
  }

  /** Refreshes every kind; joins a refresh already running instead of starting a second one. */
  refresh(): Promise<RefreshReport> {
    if (this.running) return this.running.done;
    const controller = new AbortController();
    const done = this.run(controller.signal).finally(() => {
      if (this.running?.controller === controller) this.running = undefined;
    });
    this.running = { controller, done };
    return done;
  }

  /** Sign-in, switch or sign-out: drop the old account's values at once, then fetch the new one's. */
  accountChanged(account: AccountLike | undefined): Promise<RefreshReport | undefined> {
    this.running?.controller.abort();
    this.running = undefined;
    const clearing = account?.label === this.pushedAccount ? Promise.resolve() : this.clear();
    return clearing.then(() => this.refreshIfWanted());
  }

  dispose(): void {
    this.running?.controller.abort();
    this.running = undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.subscription?.dispose();
    this.subscription = undefined;
  }

  private async clear(): Promise<void> {
    const kinds = [...this.pushed.keys()];
    const account = this.pushedAccount ?? '';
    this.pushed.clear();
    this.pushedAccount = undefined;
    for (const kind of kinds) await this.push({ account, kind, values: [], fetchedAt: this.now().toISOString() });
  }

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  private async push(params: LiveValuesParams): Promise<boolean> {
    try {
      await this.deps.notify(params);
      return true;
    } catch (error) {
      this.deps.log.warn(`Completion values (${params.kind}) could not be sent to the language server: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  private async run(signal: AbortSignal): Promise<RefreshReport> {
    const updated: LiveValueKind[] = [];
    const failed: { kind: LiveValueKind; error: ApiError }[] = [];
    const client = await this.deps.accounts.getActiveClient();
    const account = this.deps.accounts.activeAccount()?.label;
    if (!client || account === undefined) return { updated, failed, aborted: signal.aborted };
    // The fetchers (and the API client under them) load with the first refresh, not with the language client.
    const module = this.deps.fetchers && this.deps.derived ? undefined : await import('./liveValues');
    const derived = this.deps.derived ?? module!.LIVE_DERIVED;
    for (const [kind, fetch] of this.deps.fetchers ?? module!.LIVE_FETCHERS_IN_WORKER) {
      if (signal.aborted) break;
      const result = await fetch(client, signal);
      if (signal.aborted) break;
      if (!result.ok) {
        failed.push({ kind, error: result.error });
        this.deps.log.apiError(`Refreshing completion values (${kind}); the previous values are kept`, result.error);
        continue;
      }
      const fetchedAt = this.now().toISOString();
      const batch: LiveValuesParams[] = [{ account, kind, values: result.value, fetchedAt }];
      for (const [target, source, derive] of derived) if (source === kind) batch.push({ account, kind: target, values: derive(result.value), fetchedAt });
      for (const params of batch) {
        if (!(await this.push(params))) continue;
        this.pushed.set(params.kind, params);
        this.pushedAccount = account;
        updated.push(params.kind);
      }
    }
    if (!signal.aborted) this.refreshedAt = this.now().getTime();
    if (updated.length > 0) this.deps.log.info(`Completion values refreshed for ${account}: ${updated.map((k) => `${k} ${this.pushed.get(k)!.values.length}`).join(', ')}.`);
    return { account, updated, failed, aborted: signal.aborted };
  }
}
