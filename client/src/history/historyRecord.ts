/**
 * What the history keeps of one sent request: a summary (status, Qualys CODE and TEXT, time, size),
 * the response document's text (renderResponse.ts, redacted), and the request itself for Send Again,
 * but only when nothing secret is in it: the account's password (or its Basic form) and the
 * request's own password-like parameters are never written (a request that carried one is kept
 * without its content, and cannot be sent again from the history).
 */
import type { QualysClient, Result, SendResponse } from '../api';
import { accountSecrets, redactText } from '../api/errors';
import { renderAnswer } from '../requests/renderAway';
import type { RenderedResponse } from '../requests/renderResponse';
import type { SendPlan } from '../requests/sendPlan';
import { HISTORY_REQUEST_CHARS, type HistoryEntry, type NewEntry } from './historyStore';

export interface RecordContext {
  readonly account: string;
  readonly sentAt: Date;
  readonly origin: HistoryEntry['origin'];
  readonly source?: { readonly uri: string; readonly line: number };
  /** Values never to write besides the account's and the request's own (the environment's secrets). */
  readonly secrets?: readonly string[];
  /** The answer's document already rendered with these secrets masked (Send Request's): stored as it is. */
  readonly rendered?: Promise<RenderedResponse>;
}

/** A large answer is rendered in the API worker (renderAway.ts), never on the extension host's thread; one Send Request rendered is not rendered again. */
export async function historyRecord(plan: SendPlan, outcome: Result<SendResponse>, context: RecordContext, client: QualysClient): Promise<{ entry: NewEntry; answer: string }> {
  const own = [...plan.secrets, ...(context.secrets ?? []).filter((secret) => secret.length > 0)];
  const secrets = accountSecrets(client, own);
  const rendered = await (context.rendered ?? renderAnswer(client, { name: plan.name, endpoint: plan.endpoint, account: context.account, sentAt: context.sentAt, outcome, hideBody: plan.answerIsCredential }, own, secrets));
  const written = JSON.stringify(plan.request);
  const clean = plan.secrets.length === 0 && written.length <= HISTORY_REQUEST_CHARS && redactText(written, secrets) === written;
  const summary: Partial<Record<'status' | 'durationMs' | 'size', number>> & { code?: string; text?: string; error?: HistoryEntry['error'] } = {};
  if (outcome.ok) {
    const response = outcome.value;
    summary.status = response.status;
    summary.durationMs = response.durationMs;
    summary.size = Buffer.byteLength(response.body);
    if (response.qualysError?.code) summary.code = response.qualysError.code;
    if (response.qualysError?.text) summary.text = redactText(response.qualysError.text, secrets);
  } else {
    summary.error = { kind: outcome.error.kind, message: redactText(outcome.error.message, secrets) };
    if (outcome.error.status !== undefined) summary.status = outcome.error.status;
    if (outcome.error.code) summary.code = outcome.error.code;
    if (outcome.error.text) summary.text = redactText(outcome.error.text, secrets);
  }
  const entry: NewEntry = {
    name: redactText(plan.name, secrets),
    endpoint: plan.endpoint,
    ...(plan.action ? { action: plan.action } : {}),
    account: context.account,
    sentAt: context.sentAt.toISOString(),
    origin: context.origin,
    ...summary,
    format: rendered.format,
    mutating: plan.mutating,
    ...(clean ? { request: plan.request } : {}),
    ...(context.source ? { source: context.source } : {}),
  };
  return { entry, answer: rendered.text };
}
