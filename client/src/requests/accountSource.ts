/**
 * What the request features need from the rest of the extension, as small interfaces: the sidebar's
 * AccountManager (client/src/accounts/accountManager.ts) and its Log satisfy them as they are, and
 * tests pass plain objects. Nothing here imports `vscode`.
 */
import type { ApiError, QualysClient } from '../api';

export interface AccountLike {
  /** A display name ("acme_tw1 @ US1"); never a credential. */
  readonly label: string;
  /** A stable id (the sidebar's accounts have one): the request history is kept per account by it. */
  readonly id?: string;
}

export interface Subscription {
  dispose(): unknown;
}

export interface AccountSource {
  activeAccount(): AccountLike | undefined;
  /** The active account's client; undefined when signed out (or its password is gone). */
  getActiveClient(): Promise<QualysClient | undefined>;
  /** Sign-in, account switch and sign-out. */
  onDidChangeActiveAccount(listener: (account: AccountLike | undefined) => unknown): Subscription;
}

/** Where failures and notes go. Lines must already be free of credentials; implementations redact again. */
export interface RequestLog {
  info(message: string): void;
  warn(message: string): void;
  /** An API error with its Qualys CODE and TEXT (already redacted by the API client). */
  apiError(context: string, error: ApiError): void;
}

/** For an extension without accounts yet: every call says "signed out". */
export const NO_ACCOUNTS: AccountSource = {
  activeAccount: () => undefined,
  getActiveClient: () => Promise.resolve(undefined),
  onDidChangeActiveAccount: () => ({ dispose: () => undefined }),
};
