/**
 * A curl call (curlCommand.ts) written as a request of a request file: `METHOD URL`, headers, a
 * blank line and the body. A Qualys host becomes `{{baseUrl}}` or `{{gatewayUrl}}` so the request
 * goes to whichever account is signed in: the platforms' hosts (common/platforms.json,
 * the one table of them), the signed-in account's own hosts when the client has told the server
 * (protocol/curl.ts), and any other Qualys-looking host (`qualysapi.…`, a `<base_url>`
 * placeholder), whose side the catalog decides by the path. Other hosts stay as written.
 */
import platformData from '../../../../common/platforms.json';
import type { RequestCatalog } from '../catalogTypes';
import { matchEndpoint } from '../endpointMatch';
import type { CurlCall } from './curlCommand';

export interface AccountHosts {
  /** Origins (`https://qualysapi.qualys.com`, `http://127.0.0.1:8080`) of the signed-in account. */
  readonly api?: string;
  readonly gateway?: string;
}

const API_HOSTS = new Set(platformData.platforms.map((p) => p.apiHost.toLowerCase()));
const GATEWAY_HOSTS = new Set(platformData.platforms.map((p) => p.gatewayHost.toLowerCase()));
const ORIGIN = /^([A-Za-z][\w+.-]*:\/\/)([^/?#]*)/;
const PLACEHOLDER_HOST = /^<[^>]*>$/;

function sameOrigin(scheme: string, host: string, origin: string | undefined): boolean {
  if (!origin) return false;
  const m = ORIGIN.exec(origin);
  return !!m && m[1]!.toLowerCase() === scheme.toLowerCase() && m[2]!.toLowerCase() === host.toLowerCase();
}

/** `{{baseUrl}}`, `{{gatewayUrl}}` or undefined (keep the host) for the URL's origin. */
export function hostVariable(url: string, catalog: RequestCatalog | undefined, account: AccountHosts = {}): { variable: string; rest: string } | undefined {
  const m = ORIGIN.exec(url);
  if (!m) return undefined;
  const scheme = m[1]!;
  const host = m[2]!;
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  const rest = url.slice(m[0].length) || '/';
  if (sameOrigin(scheme, host, account.api)) return { variable: '{{baseUrl}}', rest };
  if (sameOrigin(scheme, host, account.gateway)) return { variable: '{{gatewayUrl}}', rest };
  if (API_HOSTS.has(hostname)) return { variable: '{{baseUrl}}', rest };
  if (GATEWAY_HOSTS.has(hostname)) return { variable: '{{gatewayUrl}}', rest };
  if (!/qualys/i.test(hostname) && !PLACEHOLDER_HOST.test(hostname)) return undefined;
  // Another Qualys host (a private cloud, a placeholder): the catalog knows which side serves the path.
  const path = rest.replace(/[?#].*$/, '');
  const endpoint = catalog ? matchEndpoint(catalog, path)?.endpoint : undefined;
  const gateway = endpoint ? endpoint.host === 'gateway' : /gateway/i.test(hostname);
  return { variable: gateway ? '{{gatewayUrl}}' : '{{baseUrl}}', rest };
}

/** The request text, without a trailing newline. */
export function curlToRequest(call: CurlCall, catalog: RequestCatalog | undefined, account: AccountHosts = {}): string {
  const host = hostVariable(call.url, catalog, account);
  const url = host ? `${host.variable}${host.rest.startsWith('/') ? '' : '/'}${host.rest}` : call.url;
  const lines = [`${call.method} ${url}`];
  for (const [name, value] of call.headers) lines.push(`${name}: ${value}`);
  if (call.body) {
    lines.push('');
    if (call.body.kind === 'file') lines.push(`< ${call.body.path}`);
    else lines.push(...call.body.text.split(/\r?\n/));
  }
  return lines.join('\n');
}
