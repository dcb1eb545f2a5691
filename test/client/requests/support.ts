/** Fakes of what the extension gives the request features: an account source over a real client, a log that keeps its lines. */
import { createQualysClient, type ApiError, type QualysClient } from '../../../client/src/api';
import { ConcurrencyLimiter } from '../../../client/src/api/limiter';
import type { AccountLike, AccountSource, RequestLog } from '../../../client/src/requests/accountSource';
import type { RunningSimulator } from '../../../simulator/src/index';

export const USER = 'acme_tw1';
export const PASSWORD = 'Sim-Pa55 word!';

export function simClient(sim: RunningSimulator, password = PASSWORD): QualysClient {
  const made = createQualysClient(
    { where: { url: sim.url }, gatewayUrl: sim.gatewayUrl, credentials: { username: USER, password } },
    { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxWaitSec: 2 }, limiter: new ConcurrencyLimiter(), timeoutMs: 20_000 },
  );
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

/** An AccountSource whose active account the test switches. */
export class FakeAccounts implements AccountSource {
  private active: { account: AccountLike; client: QualysClient } | undefined;
  private readonly listeners = new Set<(account: AccountLike | undefined) => unknown>();

  activeAccount(): AccountLike | undefined {
    return this.active?.account;
  }

  getActiveClient(): Promise<QualysClient | undefined> {
    return Promise.resolve(this.active?.client);
  }

  onDidChangeActiveAccount(listener: (account: AccountLike | undefined) => unknown) {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Sets the account without telling listeners (a test calls the refresher itself when it wants to). */
  set(label: string | undefined, client?: QualysClient): void {
    this.active = label && client ? { account: { label }, client } : undefined;
  }

  switchTo(label: string | undefined, client?: QualysClient): void {
    this.set(label, client);
    for (const listener of this.listeners) listener(this.activeAccount());
  }
}

export class MemoryLog implements RequestLog {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  apiError(context: string, error: ApiError): void {
    this.lines.push(`error ${context}: ${error.message} | CODE ${error.code ?? '-'} | TEXT ${error.text ?? '-'} | kind ${error.kind}`);
  }
}
