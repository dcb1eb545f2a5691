/** AccountManager: metadata in globalState, the password in SecretStorage only, clients, events. */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { listAuthRecordTypes } from '../../../client/src/api';
import { AccountManager, type AccountInfo } from '../../../client/src/accounts/accountManager';
import { secretKey, type KeyValueStore, type SecretStore } from '../../../client/src/accounts/accountStore';
import { DEMO_ENV, signInFromEnvironment, type DemoLog } from '../../../client/src/accounts/demoSignIn';
import { lowBudgetText } from '../../../client/src/accounts/rateBudget';
import { ConcurrencyLimiter } from '../../../client/src/api/limiter';
import { startSim, SIM_PASSWORD, SIM_USER } from '../support';

const simPromise = startSim({ hosts: 50 });
after(async () => (await simPromise).close());

/** In-memory stand-ins for vscode.Memento and vscode.SecretStorage that keep what was written. */
function stores(): { state: KeyValueStore & { data: Map<string, unknown> }; secrets: SecretStore & { data: Map<string, string> } } {
  const stateData = new Map<string, unknown>();
  const secretData = new Map<string, string>();
  return {
    state: {
      data: stateData,
      get: <T>(key: string) => stateData.get(key) as T | undefined,
      update: (key: string, value: unknown) => {
        // Memento stores JSON: a round trip proves nothing but plain data is kept.
        stateData.set(key, JSON.parse(JSON.stringify(value)));
        return Promise.resolve();
      },
    },
    secrets: {
      data: secretData,
      get: (key: string) => Promise.resolve(secretData.get(key)),
      store: (key: string, value: string) => {
        secretData.set(key, value);
        return Promise.resolve();
      },
      delete: (key: string) => {
        secretData.delete(key);
        return Promise.resolve();
      },
    },
  };
}

function manager(s = stores()): { accounts: AccountManager; s: ReturnType<typeof stores> } {
  const accounts = new AccountManager(s.state, s.secrets, { limiter: new ConcurrencyLimiter(), retry: { attempts: 1 } });
  return { accounts, s };
}

test('accounts: sign in checks the credentials, keeps metadata in globalState and the password only in SecretStorage', async () => {
  const sim = await simPromise;
  const { accounts, s } = manager();
  const events: (AccountInfo | undefined)[] = [];
  accounts.onDidChangeActiveAccount((a) => events.push(a));
  assert.equal(await accounts.getActiveClient(), undefined, 'signed out: no client');
  const result = await accounts.signIn({ where: { url: sim.url }, username: SIM_USER, password: SIM_PASSWORD });
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  assert.equal(accounts.activeAccount()?.username, SIM_USER);
  assert.equal(result.value.label, `${SIM_USER} @ ${sim.url}`);
  assert.equal(events.length, 1);
  const stateText = JSON.stringify([...s.state.data]);
  assert.ok(!stateText.includes(SIM_PASSWORD), 'no password in globalState');
  assert.ok(stateText.includes(SIM_USER));
  assert.deepEqual([...s.secrets.data], [[secretKey(result.value.id), SIM_PASSWORD]]);
  const client = await accounts.getActiveClient();
  assert.ok(client);
  assert.equal(await accounts.getActiveClient(), client, 'one client per account, reused');
  const types = await listAuthRecordTypes(client);
  assert.ok(types.ok);
  accounts.dispose();
});

test('accounts: a wrong password is refused with Qualys\' answer and nothing is saved', async () => {
  const sim = await simPromise;
  const { accounts, s } = manager();
  const result = await accounts.signIn({ where: { url: sim.url }, username: SIM_USER, password: 'wrong password' });
  assert.ok(!result.ok);
  assert.equal(result.error.kind, 'auth');
  assert.ok(!result.error.message.includes('wrong password'));
  assert.equal(accounts.accounts().length, 0);
  assert.equal(s.secrets.data.size, 0);
});

test('accounts: plain HTTP to a non-loopback host is refused before any call', async () => {
  const { accounts } = manager();
  const result = await accounts.signIn({ where: { url: 'http://qualysapi.example.com' }, username: 'u', password: 'p' });
  assert.ok(!result.ok);
  assert.equal(result.error.kind, 'config');
});

test('accounts: several accounts, switch, sign out deletes the password; same place and user updates, not duplicates', async () => {
  const sim = await simPromise;
  const { accounts, s } = manager();
  const a = await accounts.signIn({ where: { url: sim.url }, username: SIM_USER, password: SIM_PASSWORD, label: 'A' });
  const b = await accounts.signIn({ where: { platform: 'US2' }, username: 'other', password: 'pw-b', label: 'B' }, { verify: false });
  assert.ok(a.ok && b.ok);
  assert.equal(accounts.accounts().length, 2);
  assert.equal(accounts.activeAccount()?.label, 'B');
  const events: (string | undefined)[] = [];
  accounts.onDidChangeActiveAccount((x) => events.push(x?.label));
  await accounts.switchTo(a.value.id);
  assert.equal(accounts.activeAccount()?.label, 'A');
  const again = await accounts.signIn({ where: { url: `${sim.url}/` }, username: SIM_USER, password: SIM_PASSWORD, label: 'A2' });
  assert.ok(again.ok);
  assert.equal(again.value.id, a.value.id, 'same account updated');
  assert.equal(accounts.accounts().length, 2);
  await accounts.signOut();
  assert.equal(accounts.activeAccount(), undefined);
  assert.equal(await accounts.getActiveClient(), undefined);
  assert.equal(s.secrets.data.has(secretKey(a.value.id)), false, 'password deleted');
  assert.equal(s.secrets.data.get(secretKey(b.value.id)), 'pw-b', 'the other account keeps its password');
  assert.deepEqual(events, ['A', 'A2', undefined]);
  accounts.dispose();
});

test('accounts: the rate-limit state of the active client reaches listeners', async () => {
  const sim = await simPromise;
  const { accounts } = manager();
  await accounts.signIn({ where: { url: sim.url }, username: SIM_USER, password: SIM_PASSWORD });
  const client = (await accounts.getActiveClient())!;
  const seen: number[] = [];
  accounts.onDidChangeRateLimit((state) => state.limit !== undefined && seen.push(state.limit));
  await listAuthRecordTypes(client);
  assert.ok(seen.length > 0, 'X-RateLimit-Limit reported');
  assert.equal(lowBudgetText({ limit: 300, remaining: 50, updatedAt: 0 }, 20), '50 calls left');
  assert.equal(lowBudgetText({ limit: 300, remaining: 61, updatedAt: 0 }, 20), undefined);
  assert.equal(lowBudgetText({ limit: 300, remaining: 1, updatedAt: 0 }, 20), '1 call left');
  assert.equal(lowBudgetText({ updatedAt: 0 }, 20), undefined);
  accounts.dispose();
});

function fakeLog(): DemoLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, addSecret: () => undefined, info: (m) => lines.push(m), warn: (m) => lines.push(m), apiError: (c, e) => lines.push(`${c}: ${e.message}`) };
}

test('accounts: the demo sign-in reads the environment once, removes the password from it and saves it to SecretStorage', async () => {
  const sim = await simPromise;
  const { accounts, s } = manager();
  const env: NodeJS.ProcessEnv = { [DEMO_ENV.url]: sim.url, [DEMO_ENV.user]: SIM_USER, [DEMO_ENV.password]: SIM_PASSWORD };
  const log = fakeLog();
  await signInFromEnvironment(accounts, log, env);
  assert.equal(env[DEMO_ENV.password], undefined, 'the password left the environment');
  assert.equal(accounts.activeAccount()?.label, `${SIM_USER} @ simulator`);
  assert.ok([...s.secrets.data.values()].includes(SIM_PASSWORD));
  assert.ok(!JSON.stringify([...s.state.data]).includes(SIM_PASSWORD));
  assert.ok(!log.lines.join('\n').includes(SIM_PASSWORD));
  assert.ok(await accounts.getActiveClient());
});

test('accounts: the demo sign-in takes URL and user from settings when only the password is in the environment', async () => {
  const sim = await simPromise;
  const { accounts } = manager();
  const env: NodeJS.ProcessEnv = { [DEMO_ENV.password]: SIM_PASSWORD };
  await signInFromEnvironment(accounts, fakeLog(), env, { url: sim.url, username: SIM_USER });
  assert.equal(accounts.activeAccount()?.username, SIM_USER);
  assert.equal(env[DEMO_ENV.password], undefined);
  const none = manager().accounts;
  await signInFromEnvironment(none, fakeLog(), {}, { url: sim.url, username: SIM_USER });
  assert.equal(none.accounts().length, 0, 'no password, no account');
});

test('accounts: the demo sign-in ignores non-loopback URLs', async () => {
  const { accounts } = manager();
  const env: NodeJS.ProcessEnv = { [DEMO_ENV.url]: 'https://qualysapi.qualys.com', [DEMO_ENV.user]: 'real', [DEMO_ENV.password]: 'secret-pw' };
  const log = fakeLog();
  await signInFromEnvironment(accounts, log, env);
  assert.equal(accounts.accounts().length, 0);
  assert.equal(env[DEMO_ENV.password], undefined);
  assert.match(log.lines.join('\n'), /must be a loopback address/);
});
