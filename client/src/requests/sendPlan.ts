/**
 * From the resolved request (protocol/resolveRequest.ts) to the API client's SendRequest: whether it
 * can be sent at all, whether it changes data (the API client's isMutatingRequest, or the catalog's
 * verdict the CodeLens carries, whichever says "changes"), and the words of the confirmation.
 */
import { isMutatingRequest, type QualysClient, type SendRequest } from '../api';
import { accountSecrets, isSecretName } from '../api/errors';
import type { ResolvedRequest } from '../../../protocol';

export interface SendPlan {
  readonly request: SendRequest;
  /** Values of password-like parameters the request itself carries: masked in what is shown, like the account's. */
  readonly secrets: readonly string[];
  /** The answer is a credential (the gateway's /auth answers a JWT): its body is not shown. */
  readonly answerIsCredential: boolean;
  readonly mutating: boolean;
  /** "POST /api/2.0/fo/asset/host/": the endpoint, for messages and the response document. */
  readonly endpoint: string;
  /** The `action` parameter (FO) or QPS verb, when there is one. */
  readonly action?: string;
  readonly name: string;
  /** Copy as curl only: the body is this file (`--data-binary @path`), not read. */
  readonly bodyFile?: string;
}

export type PlanResult = { readonly ok: true; readonly plan: SendPlan } | { readonly ok: false; readonly message: string };

function pathOf(resolved: ResolvedRequest): string {
  if (resolved.target !== 'absolute') return resolved.url;
  try {
    return new URL(resolved.url).pathname;
  } catch {
    return resolved.url;
  }
}

/**
 * Checks and converts. Query parameters travel in the URL (order and repeats kept); form
 * parameters as the client's form (so secret values among them are redacted from errors).
 */
export function planSend(resolved: ResolvedRequest, catalogSaysChangesData = false): PlanResult {
  if (resolved.problems.length > 0) return { ok: false, message: `${resolved.name}: ${resolved.problems.join(' ')}` };
  if (resolved.unresolved.length > 0) {
    const names = resolved.unresolved.map((n) => (n.startsWith('%') ? n : `{{${n}}}`)).join(', ');
    return { ok: false, message: `${resolved.name} was not sent: define ${names} first (e.g. a line '@name = value' in the file).` };
  }
  if (resolved.bodyFile !== undefined && resolved.body === undefined) return { ok: false, message: `${resolved.name} was not sent: its body is the file '${resolved.bodyFile}', which is not read here.` };
  const path = pathOf(resolved);
  const query = new URLSearchParams(resolved.query.map(([k, v]): [string, string] => [k, v]));
  const url = resolved.query.length > 0 ? `${resolved.url}?${query.toString()}` : resolved.url;
  const form = resolved.form ? Object.fromEntries(resolved.form) : undefined;
  const params = new Map<string, string>([...resolved.query, ...(resolved.form ?? [])]);
  const mutating = catalogSaysChangesData || isMutatingRequest(resolved.method, path, params);
  const qpsVerb = /^\/qps\/rest\/[\d.]+\/(\w+)\//i.exec(path)?.[1];
  const action = params.get('action') ?? qpsVerb;
  const request: SendRequest = {
    method: resolved.method,
    url,
    ...(form ? { form } : {}),
    ...(resolved.body !== undefined ? { body: resolved.body } : {}),
    headers: Object.fromEntries(resolved.headers),
    ...(resolved.target === 'absolute' ? {} : { target: resolved.target }),
    mutating,
  };
  const secrets = [...params].filter(([name, value]) => isSecretName(name) && value).map(([, value]) => value);
  const answerIsCredential = /^\/auth\/?$/.test(path);
  return { ok: true, plan: { request, secrets, answerIsCredential, mutating, endpoint: `${resolved.method} ${path}`, ...(action ? { action } : {}), name: resolved.name } };
}

/** What must never be shown: the account's password and its Basic form, and the request's own secrets. */
export function secretsOf(plan: SendPlan, client: Pick<QualysClient, 'username' | 'password'>): string[] {
  return accountSecrets(client, plan.secrets);
}

/** The modal question asked before a request that changes data. */
export function confirmationMessage(plan: SendPlan, accountLabel: string, neededBy?: string): { message: string; detail: string } {
  const what = plan.action ? `${plan.endpoint} with action=${plan.action}` : plan.endpoint;
  if (neededBy) {
    return {
      message: `Send "${plan.name}" first? "${neededBy}" reads its answer, which there is none of yet, and it changes data in ${accountLabel}.`,
      detail: `${what} changes data in the Qualys account ${accountLabel}. It is sent once and never retried automatically; then "${neededBy}" is sent with its answer.`,
    };
  }
  return {
    message: `Send "${plan.name}"? It changes data in ${accountLabel}.`,
    detail: `${what} changes data in the Qualys account ${accountLabel}. It is sent once and never retried automatically.`,
  };
}
