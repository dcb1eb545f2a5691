/**
 * curl in, chained requests and environments in a real VS Code against the local simulator (signed
 * in from QUALYS_DEMO_*): a pasted curl command converted by its quick fix and sent; a status request
 * whose reference sends the scan launch first, after asking; the environment switched from the
 * status bar fills a variable.
 */
import { after, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { startSimulator, type RunningSimulator } from '../../simulator/src/index';
import { placeOf } from './harness/positions';
import { useSession } from './harness/session';

const USER = 'e2e_chains';
const PASSWORD = 'e2e-Chains-789';
const CURL_FILE = 'requests/pasted-curl.qualys';
const CHAIN_FILE = 'requests/scan-chain.qualys';

// As Qualys prints it in its release notes, with the account's credentials in it.
const curlFile = [
  '### The policy list, pasted from the release notes',
  'curl -u "USERNAME:PASSWORD" -H "X-Requested-With: curl" -d "action=list&details=Basic" \\',
  '  "https://qualysapi.qualys.com/api/2.0/fo/compliance/policy/"',
  '',
].join('\n');

const chainFile = [
  '### Launch a scan',
  '# @name launch',
  'POST {{baseUrl}}/api/2.0/fo/scan/',
  'X-Requested-With: vscode-qualys',
  'Content-Type: application/x-www-form-urlencoded',
  '',
  'action=launch&scan_title={{scanTitle}}&ip=10.10.10.1&option_title=Initial Options',
  '',
  '### Its status',
  '# @name status',
  "GET {{baseUrl}}/api/2.0/fo/scan/?action=list&scan_ref={{launch.response.body.//ITEM[KEY='REFERENCE']/VALUE}}",
  'X-Requested-With: vscode-qualys',
  '',
].join('\n');

const environments = JSON.stringify({ $shared: { scanTitle: 'Shared title' }, lab: { scanTitle: 'Lab nightly' } }, null, 2);

describe('curl in, chained requests, environments', () => {
  let simulator: RunningSimulator | undefined;
  const session = useSession('request-chains', {
    files: { [CURL_FILE]: curlFile, [CHAIN_FILE]: chainFile, '.vscode/qualys-environments.json': environments },
    beforeStart: async () => {
      simulator = await startSimulator({ port: 0, hosts: 20, user: USER, password: PASSWORD, seed: 21, rateLimit: { limit: 300, windowSec: 3600 } });
      return { env: { QUALYS_DEMO_URL: simulator.url, QUALYS_DEMO_USER: USER, QUALYS_DEMO_PASSWORD: PASSWORD } };
    },
  });
  after(async () => {
    await simulator?.close();
  });

  test('a pasted curl command is converted by its quick fix, without the credentials, and sent', async (t) => {
    const { workbench, codeServer } = session;
    await workbench.openFile(CURL_FILE);
    await workbench.page.locator('.statusbar-item', { hasText: USER }).first().waitFor();
    await workbench.waitForProblem(/A curl command: the code action 'Convert curl command to request'/);
    const at = placeOf(codeServer.workspace, CURL_FILE, 'curl -u', 1);
    await workbench.goTo(at.line, at.column);
    await workbench.applyQuickFix('Convert curl command to request');
    await workbench.waitForEditorLine('POST {{baseUrl}}/api/2.0/fo/compliance/policy/');
    await workbench.waitForEditorLine('action=list&details=Basic');
    const text = await workbench.editor().locator('.view-lines').textContent();
    assert.doesNotMatch(text ?? '', /PASSWORD/);
    const before = simulator!.requests.length;
    await workbench.clickCodeLens(/^Send Request$/);
    await workbench.page.locator('.editor-group-container .view-line', { hasText: /^HTTP\s200\s\|/ }).first().waitFor();
    await workbench.page.locator('.editor-group-container .view-line', { hasText: 'POLICY_LIST_OUTPUT' }).first().waitFor();
    await workbench.waitForToastsGone('Sending');
    await session.shot(t, { readme: 'request-curl' });
    const sent = simulator!.requests.slice(before).filter((r) => r.url.startsWith('/api/2.0/fo/compliance/policy'));
    assert.equal(sent.length, 1);
  });

  test('the environment is switched from the status bar', async (t) => {
    const { workbench } = session;
    await workbench.openFile(CHAIN_FILE);
    const item = workbench.page.locator('.statusbar-item', { hasText: 'No environment' }).first();
    await item.waitFor();
    await item.click();
    await workbench.quickPickRow('lab').first().waitFor();
    await session.shot(t, { readme: 'request-environment' });
    await workbench.quickPickRow('lab').first().click();
    await workbench.page.locator('.statusbar-item', { hasText: 'lab' }).first().waitFor();
  });

  test('sending the status request asks to send the launch first, then sends both and shows the status', async (t) => {
    const { workbench } = session;
    await workbench.openFile(CHAIN_FILE);
    const before = simulator!.requests.length;
    // The status request's lens is the last plain one (the launch's may say it changes data).
    const lenses = await workbench.editor().locator('.codelens-decoration a', { hasText: /^Send Request$/ }).count();
    await workbench.clickCodeLens(/^Send Request$/, lenses - 1);
    const question = await workbench.waitForDialog(/first\?/);
    assert.match(question, /Send "Launch a scan" first\? "Its status" reads its answer/);
    await workbench.answerDialog('Send');
    await workbench.page.locator('.editor-group-container .view-line', { hasText: 'SCAN_LIST_OUTPUT' }).first().waitFor();
    await workbench.page.locator('.editor-group-container .view-line', { hasText: /<REF>scan\/\d+\.\d+<\/REF>/ }).first().waitFor();
    await workbench.waitForToastsGone('Sending');
    const sent = simulator!.requests.slice(before).filter((r) => r.url.startsWith('/api/2.0/fo/scan'));
    assert.deepEqual(
      sent.map((r) => r.method),
      ['POST', 'GET'],
    );
    assert.match(sent[1]!.url, /scan_ref=scan%2F\d+\.\d+/);
    // The launch carried the lab environment's title.
    await workbench.page.locator('.editor-group-container .view-line', { hasText: 'Lab nightly' }).first().waitFor();
    await session.shot(t, { readme: 'request-chain' });
  });

  test('hover on a reference names the request it reads', async (t) => {
    const { workbench, codeServer } = session;
    // The focus may be nowhere after the modal: click the file's tab to give it to the editor.
    await workbench.page.locator('.tabs-container .tab', { hasText: 'scan-chain.qualys' }).first().click();
    await workbench.editor().locator('.view-line').first().click();
    const at = placeOf(codeServer.workspace, CHAIN_FILE, '{{launch.response', 4);
    await workbench.goTo(at.line, at.column);
    const hover = await workbench.waitForHover(/Reads the XPath/);
    assert.match(hover, /launch/);
    await session.shot(t);
  });
});
