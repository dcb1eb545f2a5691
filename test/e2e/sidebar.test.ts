/**
 * The Qualys sidebar in a real VS Code against the local simulator: the real Sign In flow (quick
 * pick and input boxes), Hosts with a second page, Authentication Records, Compliance Posture, a
 * request sent from a request file, and an error row when the simulator is switched to fail.
 */
import { after, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { startSimulator, type RunningSimulator } from '../../simulator/src/index';
import { placeOf } from './harness/positions';
import { waitFor } from './harness/processes';
import { readmeScreenshot, useSession } from './harness/session';

const USER = 'e2e_user';
const PASSWORD = 'e2e-Secret-123';
const PAGE_SIZE = 25;

describe('sidebar', () => {
  let simulator: RunningSimulator | undefined;
  const session = useSession('sidebar', {
    settings: { 'qualys.hosts.pageSize': PAGE_SIZE },
    beforeStart: async () => {
      simulator = await startSimulator({ port: 0, hosts: 60, user: USER, password: PASSWORD, seed: 7 });
      return {};
    },
  });
  after(async () => {
    await simulator?.close();
  });

  test('Sign In asks where, who and the password, and signs in to the simulator', async () => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.runCommand('Qualys: Sign In', true);
    const input = page.locator('.quick-input-widget input');
    await workbench.quickPickRow('Custom API URL').first().waitFor();
    await input.fill('Custom API URL');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Custom API URL' }).waitFor();
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'API server URL' }).waitFor();
    await input.fill(simulator!.url);
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'user name' }).waitFor();
    await input.fill(USER);
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'password' }).waitFor();
    await input.fill(PASSWORD);
    await input.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // Signed in: the status bar names the account.
    await page.locator('.statusbar-item', { hasText: `${USER} · ${simulator!.url}` }).waitFor();
    // The sign-in check reached the simulator, with the password redacted from what it recorded.
    assert.ok(simulator!.requests.length > 0);
    assert.ok(!JSON.stringify(simulator!.requests).includes(PASSWORD));
  });

  test('Hosts lists the first page from the simulator and Load more fetches the next', async () => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.runCommand('Qualys: Focus on Hosts View');
    await workbench.waitForTreeRow(/\.corp\.example\.com/);
    // The tree has the focus and renders only the rows in sight: End moves to the last row.
    await page.keyboard.press('End');
    await workbench.waitForTreeRow(new RegExp(`Load more.*${PAGE_SIZE} hosts loaded`));
    await page.keyboard.press('Enter');
    // The second page replaces the row; the list keeps rendering only what is in sight, so move to
    // the end again until the new Load more row shows the count.
    const secondPage = page.locator('.part.sidebar .monaco-list-row', { hasText: new RegExp(`Load more.*${PAGE_SIZE * 2} hosts loaded`) });
    await waitFor('the second page of hosts', async () => {
      await workbench.runCommand('Qualys: Focus on Hosts View');
      await page.keyboard.press('End');
      return (await secondPage.count()) > 0 ? true : undefined;
    }, 30_000, 500);
  });

  test('Authentication Records and Compliance Posture show rows from the simulator', async () => {
    const { workbench } = session;
    await workbench.waitForTreeRow(/^Unix\s*\d+ records?/);
    await workbench.waitForTreeRow(/Benchmark for/);
    await readmeScreenshot(workbench, 'sidebar');
  });

  test('Send Request at Cursor in a request file shows the response document', async () => {
    const { workbench, codeServer } = session;
    const file = 'requests/hosts.qualys';
    await workbench.openFile(file);
    const request = placeOf(codeServer.workspace, file, 'GET {{baseUrl}}', 1);
    await workbench.goTo(request.line, request.column);
    await workbench.runCommand('Qualys: Send Request at Cursor');
    // The answer opens beside the request, read-only: the simulator's host list.
    await workbench.page.locator('.editor-group-container .view-line', { hasText: 'HOST_LIST_OUTPUT' }).first().waitFor();
  });

  test('a failing simulator becomes an error row with Retry, not an exception', async () => {
    const { workbench } = session;
    // Every following call answers 503 (the client retries idempotent reads, so enough of them).
    const response = await fetch(`${simulator!.url}/__simulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ http5xx: 1000 }) });
    assert.equal(response.status, 200);
    await workbench.runCommand('Qualys: Refresh Hosts');
    const row = await workbench.waitForTreeRow(/Retry/);
    assert.match((await row.textContent()) ?? '', /503|unavailable|server/i);
    await fetch(`${simulator!.url}/__simulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ http5xx: 0 }) });
  });
});
