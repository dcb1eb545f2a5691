/**
 * What the history keeps of one sent request: a summary (status, Qualys CODE and TEXT, time, size),
 * the response document's text (renderResponse.ts, redacted), and the request itself for Send Again,
 * but only when nothing secret is in it: the account's password (or its Basic form) and the
 * request's own password-like parameters are never written (a request that carried one is kept
 * without its content, and cannot be sent again from the history). Also how an entry reads in the
 * view: its one-line description and whether it is marked failed.
 */
import type { QualysClient, Result, SendResponse } from '../api';
import { accountSecrets, redactText } from '../api/errors';
import { renderAnswer } from '../requests/renderAway';
import type { RenderedResponse } from '../requests/renderResponse';
import type { AssertionTally } from '../requests/sendFlow';
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
  /** Run All's verdict on the request's assertions, settled once they are evaluated: the entry waits for it. */
  readonly checks?: Promise<AssertionTally | undefined>;
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
  const assertions = await context.checks;
  const entry: NewEntry = {
    name: redactText(plan.name, secrets),
    endpoint: plan.endpoint,
    ...(plan.action ? { action: plan.action } : {}),
    account: context.account,
    sentAt: context.sentAt.toISOString(),
    origin: context.origin,
    ...summary,
    ...(assertions ? { assertions } : {}),
    format: rendered.format,
    mutating: plan.mutating,
    ...(clean ? { request: plan.request } : {}),
    ...(context.source ? { source: context.source } : {}),
  };
  return { entry, answer: rendered.text };
}

function size(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** "HTTP 409 · CODE 1965 · 120 ms · 1.2 KB · 14:03:22" */
export function describe(entry: HistoryEntry): string {
  const parts = [entry.status !== undefined ? `HTTP ${entry.status}` : entry.error ? `no answer (${entry.error.kind})` : ''];
  if (entry.code) parts.push(`CODE ${entry.code}`);
  if (entry.assertions) parts.push(tally(entry.assertions));
  if (entry.durationMs !== undefined) parts.push(`${entry.durationMs} ms`);
  if (entry.size !== undefined) parts.push(size(entry.size));
  parts.push(new Date(entry.sentAt).toLocaleTimeString());
  return parts.filter(Boolean).join(' · ');
}

/** "2 of 3 assertions failed", "1 assertion held" */
export function tally({ passed, failed }: AssertionTally): string {
  const total = passed + failed;
  const noun = total === 1 ? 'assertion' : 'assertions';
  return failed > 0 ? `${failed} of ${total} ${noun} failed` : `${total} ${noun} held`;
}

/**
 * Whether the view marks an entry failed: as Run All judges a request, its assertions when it had
 * any (an expected error answer passes), else an error answer or none.
 */
export function isFailure(entry: HistoryEntry): boolean {
  if (entry.assertions) return entry.assertions.failed > 0;
  return entry.error !== undefined || (entry.status ?? 0) >= 400 || entry.code !== undefined;
}
