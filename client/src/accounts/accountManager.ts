/**
 * AccountManager: the one place that knows the signed-in Qualys accounts and hands out API clients.
 * The sidebar, and later the request file "Send Request" command and live-value completion, build
 * on this small API:
 *
 *   activeAccount(): AccountInfo | undefined          the active account's metadata (never a password)
 *   getActiveClient(): Promise<QualysClient | undefined>
 *                                                     a client for the active account, made once and
 *                                                     reused until the account changes; undefined when
 *                                                     signed out or its password is gone
 *   onDidChangeActiveAccount: Event<AccountInfo | undefined>
 *                                                     sign-in, switch and sign-out
 *   onDidChangeRateLimit: Event<RateLimitState>       the active client's X-RateLimit-* state
 *   accounts(), signIn(), switchTo(), signOut()       what the account commands use
 *
 * Passwords live in SecretStorage only (through AccountStore) and reach nothing but the client.
 * No `vscode` import: the stores are injected, so tests run it against the simulator. The API client
 * (and undici under it) is loaded on first use, not at activation (see loadApi).
 */
import type { ApiError, PlatformChoice, QualysClient, QualysClientOptions, RateLimitState, Result } from '../api';
import { AccountStore, whereText, type AccountInfo, type KeyValueStore, type SecretStore } from './accountStore';
import { Emitter, type Event } from './events';

export type { AccountInfo } from './accountStore';

type Api = typeof import('../api');

/**
 * The API client module, loaded when the first client is made: the bundle then initialises undici
 * and the parsers on first use instead of during activation (the extension host's start-up budget).
 */
function loadApi(): Promise<Api> {
  return import('../api');
}

export interface SignInRequest {
  readonly where: PlatformChoice;
  readonly username: string;
  readonly password: string;
  readonly gatewayUrl?: string;
  readonly label?: string;
}

export interface SignInOptions {
  /** Check the credentials with one small read-only call before saving (default true). */
  readonly verify?: boolean;
  readonly signal?: AbortSignal;
}

export type ClientOptions = Omit<QualysClientOptions, 'endpoints' | 'credentials'>;

export class AccountManager {
  private readonly store: AccountStore;
  private readonly activeChanged = new Emitter<AccountInfo | undefined>();
  private readonly rateChanged = new Emitter<RateLimitState>();
  private cached: { readonly accountId: string; readonly client: Promise<QualysClient | undefined>; unsubscribe?: () => void } | undefined;

  readonly onDidChangeActiveAccount: Event<AccountInfo | undefined> = this.activeChanged.event;
  readonly onDidChangeRateLimit: Event<RateLimitState> = this.rateChanged.event;

  constructor(state: KeyValueStore, secrets: SecretStore, private readonly clientOptions: ClientOptions = {}) {
    this.store = new AccountStore(state, secrets);
  }

  activeAccount(): AccountInfo | undefined {
    return this.store.active();
  }

  accounts(): readonly AccountInfo[] {
    return this.store.list();
  }

  getActiveClient(): Promise<QualysClient | undefined> {
    const account = this.store.active();
    if (!account) {
      this.dropClient();
      return Promise.resolve(undefined);
    }
    if (this.cached?.accountId === account.id) return this.cached.client;
    this.dropClient();
    const entry: NonNullable<AccountManager['cached']> = { accountId: account.id, client: this.makeClient(account) };
    this.cached = entry;
    void entry.client.then((client) => {
      if (client && this.cached === entry) entry.unsubscribe = client.onRateLimit((state) => this.rateChanged.fire(state));
    });
    return entry.client;
  }

  /** The active client's last rate-limit state, when a client exists. */
  async rateLimit(): Promise<RateLimitState | undefined> {
    return (await this.cached?.client)?.rateLimit;
  }

  /**
   * Signs in: checks the place and the credentials (one host list call asking for a single ID), then
   * saves the account with its password in SecretStorage and makes it active. An account with the
   * same place and user name is updated, not duplicated.
   */
  async signIn(request: SignInRequest, options: SignInOptions = {}): Promise<Result<AccountInfo>> {
    const api = await loadApi();
    const made = api.createQualysClient(
      { where: request.where, ...(request.gatewayUrl ? { gatewayUrl: request.gatewayUrl } : {}), credentials: { username: request.username, password: request.password } },
      this.clientOptions,
    );
    if (!made.ok) return made;
    try {
      if (options.verify !== false) {
        const failure = await verify(api, made.value, options.signal);
        if (failure) return { ok: false, error: failure };
      }
    } finally {
      await made.value.close();
    }
    const label = request.label?.trim() || `${request.username} @ ${whereText(request.where)}`;
    const info = await this.store.save(
      { label, where: request.where, username: request.username, ...(request.gatewayUrl ? { gatewayUrl: request.gatewayUrl } : {}) },
      request.password,
    );
    this.dropClient();
    this.activeChanged.fire(info);
    return { ok: true, value: info };
  }

  async switchTo(id: string): Promise<void> {
    if (this.store.active()?.id === id) return;
    await this.store.setActive(id);
    this.dropClient();
    this.activeChanged.fire(this.store.active());
  }

  /** Signs out of an account (the active one by default): forgets it and deletes its password. */
  async signOut(id: string | undefined = this.store.active()?.id): Promise<void> {
    if (id === undefined) return;
    const wasActive = this.store.active()?.id === id;
    await this.store.remove(id);
    if (wasActive) {
      this.dropClient();
      this.activeChanged.fire(undefined);
    }
  }

  dispose(): void {
    this.dropClient();
    this.activeChanged.dispose();
    this.rateChanged.dispose();
  }

  private async makeClient(account: AccountInfo): Promise<QualysClient | undefined> {
    const password = await this.store.password(account.id);
    if (password === undefined) return undefined;
    const made = (await loadApi()).createQualysClient(
      { where: account.where, ...(account.gatewayUrl ? { gatewayUrl: account.gatewayUrl } : {}), credentials: { username: account.username, password } },
      this.clientOptions,
    );
    return made.ok ? made.value : undefined;
  }

  private dropClient(): void {
    const old = this.cached;
    this.cached = undefined;
    if (!old) return;
    old.unsubscribe?.();
    void old.client.then((client) => client?.close()).catch(() => undefined);
  }
}

/** One read-only call that needs valid credentials and costs Qualys almost nothing. */
async function verify(api: Api, client: QualysClient, signal: AbortSignal | undefined): Promise<ApiError | undefined> {
  for await (const page of api.listHosts(client, { details: 'None', pageSize: 1, maxPages: 1, showTags: false, showCloudTags: false, ...(signal ? { signal } : {}) })) {
    if (!page.ok) return page.error;
  }
  return undefined;
}
