/**
 * What a signed-in user does in the editor, in a real VS Code against the local simulator (signed in
 * from QUALYS_DEMO_* as the demo does): Send Request from its CodeLens, with the modal question
 * before a request that changes data; completion of auth record IDs from the account; and Import
 * Option Profile from Editor, refused while the document has errors.
 */
import { after, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { startSimulator, type RunningSimulator } from '../../simulator/src/index';
import { placeOf } from './harness/positions';
import { waitFor } from './harness/processes';
import { useSession } from './harness/session';

const USER = 'e2e_signed_in';
const PASSWORD = 'e2e-Signed-In-456';
const SEND_FILE = 'requests/send.qualys';
const LIVE_FILE = 'requests/live-values.qualys';
const SCAN_FILE = 'requests/live-scans.qualys';
const HOST_PATH = '/api/2.0/fo/asset/host/';

const sendFile = [
  '### List the first hosts',
  `GET {{baseUrl}}${HOST_PATH}?action=list&truncation_limit=5`,
  'X-Requested-With: vscode-qualys',
  '',
  '### Move one host to DNS tracking',
  `POST {{baseUrl}}${HOST_PATH}`,
  'X-Requested-With: vscode-qualys',
  'Content-Type: application/x-www-form-urlencoded',
  '',
  'action=update&ips=10.10.0.1&new_tracking_method=DNS',
  '',
].join('\n');

const scanFile = ['### Fetch a compliance scan', 'GET {{baseUrl}}/api/2.0/fo/scan/compliance/?action=fetch&scan_ref=', 'X-Requested-With: vscode-qualys', ''].join('\n');

const liveFile = ['### Deactivate Unix records', 'POST {{baseUrl}}/api/2.0/fo/auth/unix/?action=update&ids=', 'X-Requested-With: vscode-qualys', ''].join('\n');

/** The auth record IDs the simulator's account has, read from its own API (ranges expanded). */
async function authRecordIds(simulator: RunningSimulator): Promise<Set<string>> {
  const response = await fetch(`${simulator.url}/api/2.0/fo/auth/?action=list`, {
    headers: { Authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`, 'X-Requested-With': 'e2e' },
  });
  const xml = await response.text();
  const ids = new Set<string>();
  for (const [, id] of xml.matchAll(/<ID>(\d+)<\/ID>/g)) ids.add(id!);
  for (const [, from, to] of xml.matchAll(/<ID_RANGE>(\d+)-(\d+)<\/ID_RANGE>/g)) {
    for (let id = Number(from); id <= Number(to); id++) ids.add(String(id));
  }
  return ids;
}

describe('signed in: send requests, live completion values, import', () => {
  let simulator: RunningSimulator | undefined;
  const session = useSession('signed-in', {
    files: { [SEND_FILE]: sendFile, [LIVE_FILE]: liveFile, [SCAN_FILE]: scanFile },
    beforeStart: async () => {
      simulator = await startSimulator({ port: 0, hosts: 40, user: USER, password: PASSWORD, seed: 11, rateLimit: { limit: 300, windowSec: 3600 } });
      return { env: { QUALYS_DEMO_URL: simulator.url, QUALYS_DEMO_USER: USER, QUALYS_DEMO_PASSWORD: PASSWORD } };
    },
  });
  after(async () => {
    await simulator?.close();
  });

  // The sends of this file, told apart from the reads the completion values make in the background.
  const listSends = (): number => simulator!.requests.filter((r) => r.method === 'GET' && r.url.startsWith(HOST_PATH) && r.url.includes('truncation_limit=5')).length;
  // (The completion values export option profiles in the background; an import is another action.)
  const importSends = (): number => simulator!.requests.filter((r) => r.url.includes('/option_profile/') && r.url.includes('action=import')).length;
  const updateSends = (): number => simulator!.requests.filter((r) => r.method === 'POST' && r.url.startsWith(HOST_PATH)).length;

  test('the Send Request CodeLens shows the response document with the HTTP status and the rate limit', async (t) => {
    const { workbench } = session;
    await workbench.openFile(SEND_FILE);
    // Activation signed in with the demo account: the status bar names it.
    await workbench.page.locator('.statusbar-item', { hasText: USER }).first().waitFor();
    await workbench.clearNotifications();
    await workbench.clickCodeLens(/^Send Request$/);
    const page = workbench.page;
    await page.locator('.editor-group-container .view-line', { hasText: /^HTTP\s200\s\|/ }).first().waitFor();
    await page.locator('.editor-group-container .view-line', { hasText: /Rate\slimit:\s\d+\sof\s300\scalls\sleft/ }).first().waitFor();
    await page.locator('.editor-group-container .view-line', { hasText: 'HOST_LIST_OUTPUT' }).first().waitFor();
    // The progress notification closes once the answer is shown.
    await workbench.waitForToastsGone('Sending');
    await session.shot(t, { readme: 'request-response' });
    assert.equal(listSends(), 1);
  });

  test('a request that changes data asks first, and Cancel sends nothing', async (t) => {
    const { workbench } = session;
    await workbench.openFile(SEND_FILE);
    const gets = listSends();
    await workbench.clickCodeLens('Send Request (changes data)');
    const dialog = await workbench.waitForDialog(/changes data/);
    assert.match(dialog, /Move one host to DNS tracking/);
    assert.match(dialog, /POST \/api\/2\.0\/fo\/asset\/host\/ with action=update/);
    await session.shot(t, { step: 'asked' });
    await workbench.answerDialog('Cancel');
    // Commands run in order: once the next request (a read) has reached the simulator, a declined
    // one would have arrived before it.
    await workbench.openFile(SEND_FILE);
    await workbench.clickCodeLens(/^Send Request$/);
    await waitFor('the list request after the declined update', async () => (listSends() > gets ? true : undefined), 30_000);
    assert.equal(updateSends(), 0, 'the declined update reached the simulator');
  });

  test('Send on the question sends the update once and the response says it changed data', async (t) => {
    const { workbench } = session;
    await workbench.openFile(SEND_FILE);
    await workbench.clickCodeLens('Send Request (changes data)');
    await workbench.waitForDialog(/with action=update/);
    await workbench.answerDialog('Send');
    await workbench.page.locator('.editor-group-container .view-line', { hasText: /^HTTP\s200\s\|.*changes\sdata\s\(not\sretried\)/ }).first().waitFor();
    await workbench.page.locator('.editor-group-container .view-line', { hasText: 'HOST_UPDATE_OUTPUT' }).first().waitFor();
    await workbench.waitForToastsGone('Sending');
    await session.shot(t);
    assert.equal(updateSends(), 1);
  });

  test('completion after ids= of an auth record update offers the IDs of the account', async (t) => {
    const { workbench, codeServer } = session;
    const ids = await authRecordIds(simulator!);
    assert.ok(ids.size > 0, 'the simulator has no auth records');
    await workbench.runCommand('View: Close All Editor Groups');
    await workbench.openFile(LIVE_FILE);
    const end = placeOf(codeServer.workspace, LIVE_FILE, 'ids=', 'ids='.length);
    await workbench.goTo(end.line, end.column);
    const labels = await workbench.waitForCompletionWhere('an auth record ID of the simulator', (shown) => shown.some((label) => ids.has(label)));
    await session.shot(t, { readme: 'request-live-completion' });
    // Every number offered is one of the account's records.
    const numbers = labels.filter((label) => /^\d+$/.test(label));
    assert.ok(numbers.every((label) => ids.has(label)), `not in the account: ${numbers.filter((label) => !ids.has(label)).join(', ')}`);
    await workbench.page.keyboard.press('Escape');
  });

  test('completion after scan_ref= of a compliance scan fetch offers the compliance scans of the account, not the VM ones', async (t) => {
    const { workbench, codeServer } = session;
    const auth = { Authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`, 'X-Requested-With': 'e2e' };
    const refs = async (path: string) => new Set([...(await (await fetch(`${simulator!.url}${path}`, { headers: auth })).text()).matchAll(/<REF>([^<]+)<\/REF>/g)].map((m) => m[1]!));
    const compliance = await refs('/api/2.0/fo/scan/compliance/?action=list');
    const vm = await refs('/api/2.0/fo/scan/?action=list');
    assert.ok(compliance.size > 0 && vm.size > 0);
    await workbench.runCommand('View: Close All Editor Groups');
    await workbench.openFile(SCAN_FILE);
    const end = placeOf(codeServer.workspace, SCAN_FILE, 'scan_ref=', 'scan_ref='.length);
    await workbench.goTo(end.line, end.column);
    const labels = await workbench.waitForCompletionWhere('a compliance scan of the simulator', (shown) => shown.some((label) => compliance.has(label)));
    assert.ok(!labels.some((label) => vm.has(label)), 'VM scan references offered on the compliance endpoint');
    await session.shot(t);
    await workbench.page.keyboard.press('Escape');
  });

  test('Import Option Profile from Editor refuses a profile with errors', async (t) => {
    const { workbench } = session;
    // Only the profile is open: the Problems panel shows its errors alone.
    await workbench.runCommand('View: Close All Editor Groups');
    await workbench.clearNotifications();
    await workbench.openFile('option-profiles/vm-mistakes.xml');
    // The language server has published the document's errors.
    await workbench.waitForProblem(/'yes' is not an allowed value of ICMP/);
    await workbench.openFile('option-profiles/vm-mistakes.xml');
    await workbench.runCommand('Qualys: Import Option Profile from Editor');
    const message = await workbench.waitForNotification(/Fix them before importing/);
    assert.match(message, /The option profile has 6 errors \(first, line \d+: /);
    await session.shot(t);
    assert.equal(importSends(), 0, 'a refused import reached the simulator');
  });

  test('Import Option Profile from Editor asks, then shows the new profile ID Qualys answered', async (t) => {
    const { workbench } = session;
    // The refusal of the test before is not this test's answer.
    await workbench.clearNotifications();
    await workbench.openFile('option-profiles/vm-baseline.xml');
    await workbench.runCommand('Qualys: Import Option Profile from Editor');
    const question = await workbench.waitForDialog(/Import this option profile into/);
    assert.match(question, /not retried automatically/);
    await workbench.answerDialog('Import');
    const answer = await workbench.waitForNotification(/Option profiles? imported: new profile IDs? \d+/);
    assert.match(answer, /\d+/);
    // The progress notification closes once the answer is shown.
    await workbench.page.locator('.notification-toast', { hasText: 'Importing option profile' }).waitFor({ state: 'detached' });
    await session.shot(t);
    assert.equal(importSends(), 1);
  });
});
