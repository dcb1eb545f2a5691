/**
 * Qualys platforms and the endpoints of an account: the API base (FO, QPS) and the gateway base
 * (JWT APIs such as PCRS). The table lives in common/platforms.json (the server's curl conversion reads it too) with its sources.
 */
import platformData from '../../../common/platforms.json';
import { apiError, type ApiError } from './errors';
import { fail, ok, type Result } from './result';

export interface PlatformInfo {
  readonly id: string;
  readonly label: string;
  readonly apiHost: string;
  readonly gatewayHost: string;
}

export const PLATFORMS: readonly PlatformInfo[] = platformData.platforms;
export const PRIVATE_CLOUD = platformData.privateCloud;

/** Where an account lives: a known platform, a private cloud base domain, or any URL. */
export type PlatformChoice =
  | { readonly platform: string }
  | { readonly privateCloud: string }
  | { readonly url: string };

export interface Endpoints {
  readonly apiBase: URL;
  /** Undefined when no gateway could be derived (a custom URL not named qualysapi.*) and none was given. */
  readonly gatewayBase?: URL;
}

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts that may be reached over plain HTTP. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** HTTPS only, except loopback hosts; anything else is refused before a byte is sent. */
export function checkTransport(url: URL): ApiError | undefined {
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return apiError('config', `Refusing ${url.protocol}//${url.host}: Qualys is reached over HTTPS only (plain HTTP is allowed for loopback hosts).`);
}

/**
 * The gateway host for an API host. Known platforms come from the table; otherwise the documented
 * rule: 'qualysapi.X' becomes 'gateway.X'. Loopback hosts (the simulator) use the same origin.
 */
export function deriveGatewayBase(apiBase: URL): URL | undefined {
  const known = PLATFORMS.find((p) => p.apiHost === apiBase.hostname.toLowerCase());
  if (known) return new URL(`https://${known.gatewayHost}`);
  if (isLoopbackHost(apiBase.hostname)) return new URL(apiBase.origin);
  const host = apiBase.hostname.toLowerCase();
  if (host.startsWith('qualysapi.')) return new URL(`${apiBase.protocol}//gateway.${host.slice('qualysapi.'.length)}${apiBase.port ? `:${apiBase.port}` : ''}`);
  return undefined;
}

function parseUrl(text: string, what: string): Result<URL> {
  try {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim()) ? text.trim() : `https://${text.trim()}`;
    const url = new URL(withScheme);
    if (url.username || url.password) return fail(apiError('config', `The ${what} must not carry credentials; enter them separately.`));
    const refused = checkTransport(url);
    return refused ? fail(refused) : ok(url);
  } catch {
    return fail(apiError('config', `The ${what} '${text}' is not a valid URL.`));
  }
}

/** Resolves a platform choice (and an optional gateway override) to the account's endpoints. */
export function resolveEndpoints(choice: PlatformChoice, gatewayOverride?: string): Result<Endpoints> {
  let api: Result<URL>;
  if ('platform' in choice) {
    const known = PLATFORMS.find((p) => p.id.toLowerCase() === choice.platform.toLowerCase());
    if (!known) return fail(apiError('config', `Unknown Qualys platform '${choice.platform}'. Known: ${PLATFORMS.map((p) => p.id).join(', ')}.`));
    api = ok(new URL(`https://${known.apiHost}`));
  } else if ('privateCloud' in choice) {
    const base = choice.privateCloud.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '');
    if (!base) return fail(apiError('config', 'The private cloud base URL is empty.'));
    api = parseUrl(`https://qualysapi.${base}`, 'private cloud API URL');
  } else {
    api = parseUrl(choice.url, 'API server URL');
  }
  if (!api.ok) return api;
  const apiBase = new URL(api.value.origin + api.value.pathname.replace(/\/+$/, ''));
  if (gatewayOverride && gatewayOverride.trim()) {
    const gateway = parseUrl(gatewayOverride, 'gateway URL');
    if (!gateway.ok) return gateway;
    return ok({ apiBase, gatewayBase: new URL(gateway.value.origin + gateway.value.pathname.replace(/\/+$/, '')) });
  }
  const gatewayBase = deriveGatewayBase(apiBase);
  return ok(gatewayBase ? { apiBase, gatewayBase } : { apiBase });
}
