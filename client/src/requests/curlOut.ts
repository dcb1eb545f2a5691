/**
 * "Copy as curl": a planned request (sendPlan.ts) as one POSIX shell command. Credentials are never
 * in it: the API server's Basic credentials are `-u "$QUALYS_USERNAME:$QUALYS_PASSWORD"`, the
 * gateway's JWT is `$QUALYS_TOKEN`, and a password-like parameter's value is the variable named after
 * it. `copyableCurl` refuses a command that would still hold the account's password anywhere.
 */
import { isSecretName } from '../api/errors';
import type { SendPlan } from './sendPlan';

/** Signed out: the command names the hosts by variables. */
export const VARIABLE_HOSTS: CurlHosts = { api: '${QUALYS_BASE_URL}', gateway: '${QUALYS_GATEWAY_URL}' };

export interface CurlHosts {
  /** `https://qualysapi.qualys.com`: the account's API origin (or a shell variable, VARIABLE_HOSTS). */
  readonly api: string;
  readonly gateway?: string;
}

/** Single quotes: nothing inside is expanded by the shell. */
function quote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `$QUALYS_PASSWORD` for `password`, `$QUALYS_SECRET_NAME` for other secret-like names. */
function secretVariable(name: string): string {
  return /^pass(word|wd)?$/i.test(name) ? 'QUALYS_PASSWORD' : `QUALYS_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

export function curlFor(plan: SendPlan, hosts: CurlHosts): string {
  const request = plan.request;
  const gateway = request.target === 'gateway';
  const base = gateway ? (hosts.gateway ?? hosts.api) : hosts.api;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(request.url);
  const url = absolute ? request.url : `${base.replace(/\/+$/, '')}${request.url}`;
  const path = absolute ? new URL(url).pathname : request.url.replace(/[?#].*$/, '');
  const parts: string[] = ['curl'];
  const hasBody = request.form !== undefined || request.body !== undefined;
  const defaultMethod = hasBody ? 'POST' : 'GET';
  if (request.method !== defaultMethod) parts.push('-X', request.method);
  const auth = /^\/auth\/?$/.test(path);
  if (gateway && !auth) parts.push('-H', '"Authorization: Bearer $QUALYS_TOKEN"');
  else if (!gateway) parts.push('-u', '"$QUALYS_USERNAME:$QUALYS_PASSWORD"');
  const headers = Object.entries(request.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'authorization');
  if (!gateway && !headers.some(([name]) => name.toLowerCase() === 'x-requested-with')) headers.unshift(['X-Requested-With', 'curl']);
  for (const [name, value] of headers) parts.push('-H', quote(`${name}: ${value}`));
  for (const [name, value] of Object.entries(request.form ?? {})) {
    // --data-urlencode encodes the value as a form does; a secret is the variable named after it.
    if (isSecretName(name) && value) parts.push('--data-urlencode', `"${name}=$${secretVariable(name)}"`);
    else parts.push('--data-urlencode', quote(`${name}=${String(value)}`));
  }
  if (request.body !== undefined) parts.push('--data-binary', quote(request.body));
  // Signed out, the hosts are shell variables: "$QUALYS_BASE_URL"/… followed by the quoted rest.
  const variable = !absolute && /^\$\{?\w+\}?$/.test(base) ? base : undefined;
  parts.push(variable ? `"${variable}"${quote(request.url)}` : quote(url));
  // One option per line, as Qualys documents its calls.
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith('-') && i + 1 < parts.length && !parts[i + 1]!.startsWith('-')) {
      lines.push(`${part} ${parts[i + 1]!}`);
      i++;
    } else lines.push(part);
  }
  return lines.join(' \\\n  ');
}

export type Copyable = { readonly ok: true; readonly command: string } | { readonly ok: false; readonly message: string };

/** The command, unless the account's password (or its Basic form, or the request's own secret values) would be in it. */
export function copyableCurl(plan: SendPlan, hosts: CurlHosts, secrets: readonly string[]): Copyable {
  const command = curlFor(plan, hosts);
  const forms = (s: string): string[] => [s, encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2)];
  const leaked = secrets.filter((s) => s.length >= 4).some((s) => forms(s).some((form) => command.includes(form)));
  return leaked ? { ok: false, message: `${plan.name} holds a password or a secret in its text: it was not copied. Put it in an environment secret instead.` } : { ok: true, command };
}
