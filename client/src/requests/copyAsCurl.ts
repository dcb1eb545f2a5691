/**
 * "Copy as curl" from start to end, without VS Code: resolve the request (the language server),
 * fill what is known (environment variables, the kept answers of the requests it references), plan
 * it as Send Request would, and write the command (curlOut.ts). Nothing is sent. The account only
 * gives its hosts; signed out, the command names them by variables.
 */
import type { ResolvedRequest } from '../../../protocol';
import type { AccountSource } from './accountSource';
import { copyableCurl, VARIABLE_HOSTS, type CurlHosts } from './curlOut';
import type { AnswerStore } from './exchange/answers';
import { fillKnown, type VariableLookup } from './exchange/exchange';
import { planSend, secretsOf } from './sendPlan';
import type { Position } from './sendFlow';

export interface CopyDeps {
  resolve(uri: string, position: Position): Promise<ResolvedRequest | null>;
  readonly accounts: AccountSource;
  readonly answers: AnswerStore;
  readonly variables?: VariableLookup;
}

export type CopyResult = { readonly ok: true; readonly command: string; readonly name: string } | { readonly ok: false; readonly message: string };

export async function curlAt(deps: CopyDeps, uri: string, position: Position): Promise<CopyResult> {
  const resolved = await deps.resolve(uri, position);
  if (!resolved) return { ok: false, message: 'There is no request here to copy.' };
  const filled = await fillKnown(resolved, deps.answers.for(uri), deps.variables);
  if (filled.pending.length > 0) {
    const names = filled.pending.map((n) => `'${n}'`).join(', ');
    return { ok: false, message: `${resolved.name} reads the answer of ${names}, which has none yet: send it first (Send Request sends it for you), then copy.` };
  }
  if (filled.problems.length > 0) return { ok: false, message: `${resolved.name}: ${filled.problems.join(' ')}` };
  const planned = planSend(filled.resolved, resolved.changesData ?? false);
  if (!planned.ok) return { ok: false, message: planned.message.replace(' was not sent:', ' was not copied:') };
  const client = await deps.accounts.getActiveClient();
  const hosts: CurlHosts = client ? { api: client.endpoints.apiBase.origin, ...(client.endpoints.gatewayBase ? { gateway: client.endpoints.gatewayBase.origin } : {}) } : VARIABLE_HOSTS;
  const copied = copyableCurl(planned.plan, hosts, client ? secretsOf(planned.plan, client) : planned.plan.secrets);
  return copied.ok ? { ok: true, command: copied.command, name: planned.plan.name } : copied;
}
