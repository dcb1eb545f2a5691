/**
 * Where accounts are kept. Metadata (id, label, where, user name, gateway override) goes to a
 * key-value store (VS Code's globalState); the password goes to a secret store (VS Code's
 * SecretStorage) and nowhere else. Both are injected, so this is tested without VS Code.
 */
import type { PlatformChoice } from '../api';

/** An account as saved: never a password. */
export interface AccountInfo {
  readonly id: string;
  /** Shown in the status bar and pickers, e.g. "acme_tw1 @ US1". */
  readonly label: string;
  readonly where: PlatformChoice;
  readonly username: string;
  readonly gatewayUrl?: string;
}

/** The part of vscode.Memento used here. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** The part of vscode.SecretStorage used here. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

interface Saved {
  readonly accounts: readonly AccountInfo[];
  readonly activeId?: string;
}

const STATE_KEY = 'qualys.accounts';

export function secretKey(accountId: string): string {
  return `qualys.account.${accountId}.password`;
}

/** Where an account lives, as one line: "US1", "https://qualysapi.example.com", "http://127.0.0.1:8080". */
export function whereText(where: PlatformChoice): string {
  if ('platform' in where) return where.platform;
  if ('privateCloud' in where) return `private cloud ${where.privateCloud}`;
  return where.url.replace(/\/+$/, '');
}

function sameWhere(a: PlatformChoice, b: PlatformChoice): boolean {
  return whereText(a).toLowerCase() === whereText(b).toLowerCase();
}

export class AccountStore {
  constructor(private readonly state: KeyValueStore, private readonly secrets: SecretStore) {}

  private saved(): Saved {
    const value = this.state.get<Saved>(STATE_KEY);
    return value && Array.isArray(value.accounts) ? value : { accounts: [] };
  }

  list(): readonly AccountInfo[] {
    return this.saved().accounts;
  }

  active(): AccountInfo | undefined {
    const saved = this.saved();
    return saved.accounts.find((a) => a.id === saved.activeId);
  }

  find(where: PlatformChoice, username: string): AccountInfo | undefined {
    return this.list().find((a) => sameWhere(a.where, where) && a.username === username);
  }

  /**
   * Saves an account (or replaces the one with the same place and user name) and its password, and
   * makes it active. The password is written to the secret store first, so metadata never points at
   * a missing secret.
   */
  async save(account: Omit<AccountInfo, 'id'> & { id?: string }, password: string): Promise<AccountInfo> {
    const existing = this.find(account.where, account.username);
    const id = account.id ?? existing?.id ?? newId();
    const info: AccountInfo = { ...account, id };
    await this.secrets.store(secretKey(id), password);
    const others = this.list().filter((a) => a.id !== id);
    await this.state.update(STATE_KEY, { accounts: [...others, info], activeId: id } satisfies Saved);
    return info;
  }

  async setActive(id: string | undefined): Promise<void> {
    const accounts = this.list();
    if (id !== undefined && !accounts.some((a) => a.id === id)) return;
    await this.state.update(STATE_KEY, id === undefined ? { accounts } : ({ accounts, activeId: id } satisfies Saved));
  }

  /** Forgets an account and deletes its password; the active account is cleared if it was this one. */
  async remove(id: string): Promise<void> {
    const saved = this.saved();
    await this.secrets.delete(secretKey(id));
    const accounts = saved.accounts.filter((a) => a.id !== id);
    await this.state.update(STATE_KEY, saved.activeId === id || saved.activeId === undefined ? { accounts } : { accounts, activeId: saved.activeId });
  }

  password(id: string): PromiseLike<string | undefined> {
    return this.secrets.get(secretKey(id));
  }
}

function newId(): string {
  return `acct-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
