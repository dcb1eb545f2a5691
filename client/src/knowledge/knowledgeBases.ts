/**
 * The KnowledgeBase of the active account, made on first use: its store under the extension's global
 * storage (`knowledgebase/<account id>/`), its fetcher from the account's API client. A new sign-in
 * forgets a remembered refusal (the permission may have changed); signing out of an account deletes
 * what was kept for it. No `vscode` import: the account source is the AccountManager's small API.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { QualysClient } from '../api/client';
import { KbStore } from './kbStore';
import { KnowledgeBase, type KbFetcher, type KnowledgeBaseOptions } from './knowledgeBase';

export interface KnowledgeAccounts {
  activeAccount(): { readonly id: string } | undefined;
  accounts(): readonly { readonly id: string }[];
  getActiveClient(): Promise<QualysClient | undefined>;
  onDidChangeActiveAccount(listener: (account: { readonly id: string } | undefined) => void): { dispose(): void };
}

export interface KnowledgeBasesOptions extends KnowledgeBaseOptions {
  /** Bytes of entries kept per account on disk. */
  readonly maxBytes?: number;
}

/** An account id as a directory name (ids are generated, but a synced state could hold anything). */
function directoryName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80) || 'account';
}

export class KnowledgeBases {
  private current: { readonly accountId: string; readonly client: QualysClient; readonly kb: KnowledgeBase } | undefined;
  private readonly subscription: { dispose(): void };
  private known: Set<string>;

  constructor(
    private readonly root: string,
    private readonly accounts: KnowledgeAccounts,
    private readonly makeFetcher: (client: QualysClient) => KbFetcher | Promise<KbFetcher>,
    private readonly options: KnowledgeBasesOptions = {},
  ) {
    this.known = new Set(accounts.accounts().map((a) => a.id));
    this.subscription = accounts.onDidChangeActiveAccount(() => void this.accountsChanged());
  }

  /** The active account's KnowledgeBase; undefined when signed out or its password is not here. */
  async active(): Promise<KnowledgeBase | undefined> {
    const account = this.accounts.activeAccount();
    if (!account) return undefined;
    const client = await this.accounts.getActiveClient();
    if (!client || this.accounts.activeAccount()?.id !== account.id) return undefined;
    if (this.current?.accountId === account.id && this.current.client === client) return this.current.kb;
    const previous = this.current;
    const store = new KbStore(join(this.root, 'knowledgebase', directoryName(account.id)), this.options.maxBytes !== undefined ? { maxBytes: this.options.maxBytes } : {});
    const kb = new KnowledgeBase(store, await this.makeFetcher(client), this.options);
    if (this.accounts.activeAccount()?.id !== account.id) return undefined;
    this.current = { accountId: account.id, client, kb };
    void previous?.kb.dispose();
    return kb;
  }

  /** The active account's KnowledgeBase only if already made (never waits: tree rows read it while building). */
  peek(): KnowledgeBase | undefined {
    return this.current?.accountId === this.accounts.activeAccount()?.id ? this.current?.kb : undefined;
  }

  async dispose(): Promise<void> {
    this.subscription.dispose();
    await this.current?.kb.dispose();
    this.current = undefined;
  }

  private async accountsChanged(): Promise<void> {
    const now = new Set(this.accounts.accounts().map((a) => a.id));
    const removed = [...this.known].filter((id) => !now.has(id));
    this.known = now;
    if (this.current && this.current.accountId !== this.accounts.activeAccount()?.id) {
      const old = this.current;
      this.current = undefined;
      await old.kb.dispose();
    } else this.current?.kb.reset();
    for (const id of removed) await rm(join(this.root, 'knowledgebase', directoryName(id)), { recursive: true, force: true }).catch(() => undefined);
  }
}
