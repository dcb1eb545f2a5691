/**
 * Send Again from the history: the stored request (which never holds a credential) through the
 * account's client, as Send Request sends it; the answer rendered the same way. No `vscode` here.
 */
import type { QualysClient, Result, SendResponse } from '../api';
import { renderResponse, type RenderedResponse } from '../requests/renderResponse';
import type { AccountLike } from '../requests/accountSource';
import type { SendPlan } from '../requests/sendPlan';
import type { HistoryEntry } from './historyStore';

export interface SentAgain {
  readonly sent: { readonly plan: SendPlan; readonly outcome: Result<SendResponse>; readonly sentAt: Date; readonly client: QualysClient; readonly account: AccountLike };
  readonly rendered: RenderedResponse;
}

/** Undefined when the user cancelled; the caller has asked before a request that changes data. */
export async function sendAgain(entry: HistoryEntry, client: QualysClient, account: AccountLike, signal?: AbortSignal): Promise<SentAgain | undefined> {
  if (!entry.request) return undefined;
  const plan: SendPlan = {
    request: { ...entry.request, mutating: entry.mutating },
    secrets: [],
    answerIsCredential: /^\/auth\/?$/.test(entry.endpoint.replace(/^\S+\s+/, '')),
    mutating: entry.mutating,
    endpoint: entry.endpoint,
    ...(entry.action ? { action: entry.action } : {}),
    name: entry.name,
  };
  const sentAt = new Date();
  const outcome = await (await import('../api')).send(client, plan.request, signal ? { signal } : {});
  if (!outcome.ok && outcome.error.kind === 'cancelled') return undefined;
  const password = client.password();
  const secrets = [password, Buffer.from(`${client.username}:${password}`).toString('base64')];
  const rendered = renderResponse({ name: entry.name, endpoint: entry.endpoint, account: account.label, sentAt, outcome, hideBody: plan.answerIsCredential }, secrets);
  return { sent: { plan, outcome, sentAt, client, account }, rendered };
}
