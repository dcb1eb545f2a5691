/**
 * The demo sign-in: the local simulator's account from environment variables, read once at
 * activation. Pure (the log is injected), so it is tested without VS Code.
 *
 * Why environment variables: the demo script starts code-server and cannot call a command with
 * arguments, and the password must not go into settings or files. The variables are read once, the
 * password variable is deleted from the extension host's environment at once (so the language
 * server and terminals started later do not inherit it), only loopback URLs are honoured (this is
 * for the simulator, never for a real platform), and the password is saved to SecretStorage like
 * any other. Tests and automation use the `qualys.signInWith` command instead.
 */
import type { ApiError } from '../api';
import { isLoopbackHost } from '../api/platforms';
import type { AccountManager } from './accountManager';
import { whereText } from './accountStore';

export interface DemoLog {
  addSecret(secret: string): void;
  info(message: string): void;
  warn(message: string): void;
  apiError(context: string, error: ApiError): void;
}

export const DEMO_ENV = { url: 'QUALYS_DEMO_URL', user: 'QUALYS_DEMO_USER', password: 'QUALYS_DEMO_PASSWORD' } as const;

/**
 * Reads the demo account from the environment once, removes the variables from this process (so
 * the language server and terminals started later do not inherit the password), and signs in when
 * the URL is a loopback address: this path exists for the local simulator only.
 */
export async function signInFromEnvironment(
  accounts: AccountManager,
  log: DemoLog,
  env: NodeJS.ProcessEnv = process.env,
  /** URL and user name from elsewhere (the demo's user settings), used when the variables are unset. */
  fallback: { readonly url?: string; readonly username?: string } = {},
): Promise<void> {
  const url = env[DEMO_ENV.url] || fallback.url;
  const username = env[DEMO_ENV.user] || fallback.username;
  const password = env[DEMO_ENV.password];
  delete env[DEMO_ENV.password];
  if (!url || !username || !password) return;
  log.addSecret(password);
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    log.warn(`${DEMO_ENV.url} is not a URL; demo sign-in skipped.`);
    return;
  }
  if (!isLoopbackHost(host)) {
    log.warn(`${DEMO_ENV.url} must be a loopback address (the local simulator); demo sign-in skipped.`);
    return;
  }
  const existing = accounts.accounts().find((a) => whereText(a.where) === url.replace(/\/+$/, '') && a.username === username);
  if (existing && accounts.activeAccount()?.id === existing.id) return;
  // Not verified: the simulator may still be starting; a failing call shows as an error row.
  const result = await accounts.signIn({ where: { url }, username, password, label: `${username} @ simulator` }, { verify: false });
  if (result.ok) log.info(`Demo account ${result.value.label} signed in from the environment.`);
  else log.apiError('Demo sign-in', result.error);
}
