/**
 * Runs with assertions and the request history in a real VS Code against the local simulator (signed
 * in from QUALYS_DEMO_* as the demo does): "Run All Requests" runs a file's requests in the Test
 * Explorer, asks before the one that changes data, and shows the failed assertion at its line; the
 * Request History view lists what was sent with its assertions' verdict, reopens an answer and compares two side by side.
 */
import { after, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { startSimulator, type RunningSimulator } from '../../simulator/src/index';
import { useSession } from './harness/session';

const USER = 'e2e_runner';
const PASSWORD = 'e2e-Runner-789';
const RUN_FILE = 'requests/run-all.qualys';
const HOST_PATH = '/api/2.0/fo/asset/host/';
const CHAIN_FILE = 'requests/scan-chain-run.qualys';

const chainFile = [
  '### Launch a scan',
  '# @name launch',
  'POST {{baseUrl}}/api/2.0/fo/scan/',
  'Content-Type: application/x-www-form-urlencoded',
  '',
  'action=launch&scan_title=Run All chain&ip=10.10.10.1&option_title=Initial Options',
  '?? status == 200',
  '',
  '### Its status',
  '# @name status',
  "GET {{baseUrl}}/api/2.0/fo/scan/?action=list&scan_ref={{launch.response.body.//ITEM[KEY='REFERENCE']/VALUE}}",
  '?? xpath string(//SCAN/STATUS/STATE) == Queued',
  '',
].join('\n');

const runFile = [
  '### list hosts',
  `GET {{baseUrl}}${HOST_PATH}?action=list&truncation_limit=10`,
  '?? status == 200',
  '?? xpath count(//HOST) == 10',
  '?? header x-ratelimit-remaining > 10',
  '?? code != 1965',
  '',
  '### expects too many hosts',
  `GET {{baseUrl}}${HOST_PATH}?action=list&truncation_limit=10&details=Basic`,
  '?? xpath count(//HOST) > 1000',
  '',
  '### purge a host',
  `POST {{baseUrl}}${HOST_PATH}`,
  'Content-Type: application/x-www-form-urlencoded',
  '',
  'action=purge&ids=1',
  '?? status == 200',
  '',
].join('\n');

describe('runs with assertions and the request history', () => {
  let simulator: RunningSimulator | undefined;
  const session = useSession('run-all', {
    files: { [RUN_FILE]: runFile, [CHAIN_FILE]: chainFile },
    beforeStart: async () => {
      simulator = await startSimulator({ port: 0, hosts: 40, user: USER, password: PASSWORD, seed: 21, rateLimit: { limit: 300, windowSec: 3600 } });
      return { env: { QUALYS_DEMO_URL: simulator.url, QUALYS_DEMO_USER: USER, QUALYS_DEMO_PASSWORD: PASSWORD } };
    },
  });
  after(async () => {
    await simulator?.close();
  });

  const runSends = (): string[] => simulator!.requests.filter((r) => r.url.startsWith(HOST_PATH) && (r.method === 'POST' || /truncation_limit=10(&|$)/.test(r.url))).map((r) => `${r.method} ${r.url}`);

  test('Run All Requests runs the file in the Test Explorer: a pass, a failure at its line, the change skipped after asking', async (t) => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.openFile(RUN_FILE);
    await page.locator('.statusbar-item', { hasText: USER }).first().waitFor();
    await workbench.runCommand('Qualys: Run All Requests');
    const question = await workbench.waitForDialog(/changes data/);
    assert.match(question, /One request changes data in .*"purge a host"\. Send it\?/);
    await workbench.answerDialog('Skip');
    // The failed assertion's message, shown by VS Code at the assertion's line.
    await page.getByText('xpath count(//HOST) (10) > 1000').first().waitFor();
    // The Test Explorer lists the file's requests with their results.
    const sidebar = page.locator('.part.sidebar');
    const row = (label: string) => sidebar.locator('.monaco-list-row', { hasText: label }).first();
    if ((await row('list hosts').count()) === 0) await row('run-all.qualys').click();
    await row('list hosts').locator('.codicon-testing-passed-icon').waitFor();
    await row('expects too many hosts').locator('.codicon-testing-failed-icon').waitFor();
    await row('purge a host').locator('.codicon-testing-skipped-icon').waitFor();
    await session.shot(t, { readme: 'run-all-test-explorer' });
    const sent = runSends();
    assert.equal(sent.filter((s) => s.startsWith('GET')).length, 2, sent.join('\n'));
    assert.equal(sent.filter((s) => s.startsWith('POST')).length, 0, 'the purge was skipped');
  });

  test('the Request History lists the sent requests, reopens an answer and compares two', async (t) => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.runCommand('View: Close All Editor Groups');
    await workbench.runCommand('Qualys: Focus on Request History View');
    // Fold the other views of the container so the history has the room (and the screenshot shows it).
    for (const title of ['Hosts', 'Vulnerabilities', 'Authentication Records', 'Compliance Posture']) {
      const header = page.locator('.part.sidebar .pane-header[aria-expanded="true"]', { hasText: new RegExp(`^${title}`, 'i') }).first();
      if ((await header.count()) > 0) await header.click();
    }
    const history = page.locator('.part.sidebar .pane', { hasText: 'Request History' });
    const entry = (label: string) => history.locator('.monaco-list-row', { hasText: label }).first();
    await entry('expects too many hosts').waitFor();
    await entry('list hosts').waitFor();
    // Each row carries Run All's verdict: its assertions decide the mark, as in the Test Explorer.
    assert.match((await entry('list hosts').textContent()) ?? '', /HTTP 200 · 4 assertions held · \d+ ms · [\d.]+ KB/);
    assert.match((await entry('expects too many hosts').textContent()) ?? '', /HTTP 200 · 1 of 1 assertion failed · /);
    assert.equal(await entry('list hosts').locator('.codicon-pass').count(), 1, 'list hosts is marked passed');
    assert.equal(await entry('expects too many hosts').locator('.codicon-error').count(), 1, 'a failed assertion marks the row failed');
    await entry('list hosts').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'list-hosts.xml' }).waitFor();
    await page.locator('.editor-group-container .view-line', { hasText: /^HTTP\s200\s\|/ }).first().waitFor();
    await page.locator('.editor-group-container .view-line', { hasText: '<HOST_LIST_OUTPUT>' }).first().waitFor();
    await session.shot(t, { readme: 'request-history', step: 'answer' });

    // Both rows selected (a Ctrl+click that landed while the opened answer took focus is repeated), then
    // the row's inline Compare Answers: VS Code's context menu drops a click that comes as it opens.
    const selected = history.locator('.monaco-list-row[aria-selected="true"]');
    for (let attempt = 0; attempt < 3 && (await selected.count()) < 2; attempt++) {
      await entry('list hosts').click();
      await entry('expects too many hosts').click({ modifiers: ['Control'] });
      await page.waitForTimeout(300);
    }
    assert.equal(await selected.count(), 2, 'both history entries are selected');
    await entry('expects too many hosts').hover();
    await entry('expects too many hosts').locator('.action-label[aria-label="Compare Answers"]').click();
    await page.locator('.monaco-diff-editor .view-line', { hasText: '<HOST_LIST_OUTPUT>' }).first().waitFor();
    await page.locator('.tabs-container .tab.active', { hasText: '↔' }).waitFor();
    await session.shot(t, { readme: 'request-history-compare', step: 'compare' });
  });

  test('Run All on a chained file: the launch is asked about and sent, the status reads its reference, both pass in the Test Explorer', async (t) => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.runCommand('View: Close All Editor Groups');
    await workbench.openFile(CHAIN_FILE);
    await workbench.runCommand('Qualys: Run All Requests');
    const question = await workbench.waitForDialog(/changes data/);
    assert.match(question, /One request changes data in .*"Launch a scan"\. Send it\?/);
    await workbench.answerDialog('Send');
    const sidebar = page.locator('.part.sidebar');
    const row = (label: string) => sidebar.locator('.monaco-list-row', { hasText: label }).first();
    if ((await row('Its status').count()) === 0) await row('scan-chain-run.qualys').click();
    await row('Launch a scan').locator('.codicon-testing-passed-icon').waitFor();
    await row('Its status').locator('.codicon-testing-passed-icon').waitFor();
    // Not a README image: the .vsix, which inlines them, is at its 2 MB budget.
    await session.shot(t);
    // The run's calls (completion values list scans too, without a scan_ref).
    const scans = simulator!.requests.filter((r) => r.url.startsWith('/api/2.0/fo/scan/') && (r.method === 'POST' || r.url.includes('scan_ref='))).map((r) => `${r.method} ${r.url}`);
    assert.equal(scans.length, 2, scans.join('\n'));
    assert.match(scans[0]!, /^POST /);
    assert.match(scans[1]!, /^GET \/api\/2\.0\/fo\/scan\/\?action=list&scan_ref=scan%2F\d+\.\d+$/);
  });
});
