/**
 * The Qualys sidebar in a real VS Code against the local simulator: the real Sign In flow (quick
 * pick and input boxes), Hosts with a second page, a host's tooltip and details, Authentication
 * Records expanded, Compliance Posture down to a control's details, a request sent from a request
 * file, and error rows (Qualys CODE and TEXT, HTTP 503) with Retry when the simulator is switched to fail.
 */
import { after, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { startSimulator, type RunningSimulator } from '../../simulator/src/index';
import type { Locator, Page } from 'playwright-core';
import { placeOf } from './harness/positions';
import { waitFor } from './harness/processes';
import { useSession } from './harness/session';

const USER = 'e2e_user';
const PASSWORD = 'e2e-Secret-123';
const PAGE_SIZE = 25;

/** The pane of the Qualys view titled `title` (the three views share the sidebar). */
function viewPane(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: title }) });
}

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

  async function setFaults(faults: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${simulator!.url}/__simulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(faults) });
    assert.equal(response.status, 200);
  }

  test('Sign In asks where, who and the password, and signs in to the simulator', async (t) => {
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
    await workbench.waitForNotification(/Signed in to Qualys/);
    await session.shot(t);
    // The sign-in check reached the simulator, with the password redacted from what it recorded.
    assert.ok(simulator!.requests.length > 0);
    assert.ok(!JSON.stringify(simulator!.requests).includes(PASSWORD));
  });

  test('Hosts lists the first page from the simulator and Load more fetches the next', async (t) => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.clearNotifications();
    await workbench.runCommand('Qualys: Focus on Hosts View');
    await workbench.waitForTreeRow(/\.corp\.example\.com/);
    // The list renders only the rows in sight, and End moves to its last row only while the tree has
    // the focus (a notification or the palette closing may take it): focus the view and press End
    // until the Load more row with the count shows, then click it (its command loads the next page).
    const loadMore = async (loaded: number): Promise<Locator> => {
      const row = page.locator('.part.sidebar .monaco-list-row', { hasText: new RegExp(`Load more.*${loaded} hosts loaded`) }).first();
      await waitFor(`the Load more row after ${loaded} hosts`, async () => {
        await workbench.runCommand('Qualys: Focus on Hosts View');
        await page.keyboard.press('End');
        return (await row.count()) > 0 ? true : undefined;
      }, 60_000, 500);
      return row;
    };
    await (await loadMore(PAGE_SIZE)).click();
    // The second page replaces the row with its hosts and a new Load more row counting both pages.
    await loadMore(PAGE_SIZE * 2);
    await session.shot(t);
  });

  test('a host row opens the host as a readable document', async (t) => {
    const { workbench } = session;
    await workbench.runCommand('Qualys: Focus on Hosts View');
    await workbench.page.keyboard.press('Home');
    const host = await workbench.waitForTreeRow(/\.corp\.example\.com/);
    const label = ((await host.locator('.label-name').first().textContent()) ?? '').trim();
    await host.click();
    // Rendered in the Markdown preview, not shown as Markdown source.
    await workbench.waitForPreview('h1', label);
    await workbench.waitForPreview('h2', 'Identity');
    await workbench.waitForPreview('h2', 'Scans');
    await workbench.waitForPreview('td', 'Tracking method');
    // Its tooltip: tracking method, scan dates, tags.
    await workbench.page.mouse.move(0, 0);
    await host.hover();
    await workbench.page.locator('.monaco-hover, .workbench-hover', { hasText: /Tracking/ }).first().waitFor();
    await session.shot(t, { readme: 'sidebar-hosts' });
  });

  test('Authentication Records lists the record types and a type expands to its records', async (t) => {
    const { workbench } = session;
    const pane = viewPane(workbench.page, 'Authentication Records');
    await workbench.runCommand('Qualys: Focus on Authentication Records View');
    const unix = pane.locator('.monaco-list-row', { hasText: /^Unix\s*\d+ records?/ }).first();
    await unix.click();
    await pane.locator('.monaco-list-row[aria-expanded="true"]', { hasText: /^Unix\s*\d+ records?/ }).waitFor();
    // The rows under the type are its records: a title described by its user name and what it covers.
    const record = pane.locator('.monaco-list-row[aria-level="2"]', { hasText: /^Unix\s\d+/ }).first();
    await record.waitFor();
    assert.match((await record.textContent()) ?? '', /·|\d+\.\d+\.\d+\.\d+|tags/);
    // The record's details beside the list (not the host opened before): what it covers, rendered.
    const title = ((await record.locator('.label-name').first().textContent()) ?? '').trim();
    await record.click();
    await workbench.waitForPreview('h1', title);
    await workbench.waitForPreview('p', /Unix authentication record \d+\. Passwords are never shown\./);
    await session.shot(t, { readme: 'sidebar-auth-records' });
  });

  test('an authentication record opens rendered: its user name reads as written, no escapes', async (t) => {
    const { workbench } = session;
    const pane = viewPane(workbench.page, 'Authentication Records');
    await workbench.runCommand('Qualys: Focus on Authentication Records View');
    const windows = pane.locator('.monaco-list-row', { hasText: /^Windows\s*\d+ records?/ }).first();
    await windows.click();
    await pane.locator('.monaco-list-row[aria-expanded="true"]', { hasText: /^Windows\s*\d+ records?/ }).waitFor();
    // The simulator's Windows user names hold underscores (svc_qualys, scan_user), which Markdown escapes.
    const record = pane.locator('.monaco-list-row[aria-level="2"]', { hasText: /svc_qualys|scan_user/ }).first();
    await record.click();
    const user = await workbench.waitForPreview('td', /^(svc_qualys|scan_user)$/);
    assert.ok(!user.includes('\\'), user);
    const text = await workbench.previewText(/^Windows\s\d+/);
    assert.ok(!/\\[_*|<>#]/.test(text), `escapes show in the preview:\n${text}`);
    assert.match(text, /Passwords are never shown/);
    await session.shot(t);
  });

  test('Compliance Posture: a policy, a host under it, and a control\'s details with statement, rationale, remediation and evidence', async (t) => {
    const { workbench } = session;
    const page = workbench.page;
    const pane = viewPane(page, 'Compliance Posture');
    await workbench.runCommand('Qualys: Focus on Compliance Posture View');
    const policy = pane.locator('.monaco-list-row', { hasText: /Benchmark for/ }).first();
    await policy.click();
    await pane.locator('.monaco-list-row[aria-expanded="true"]', { hasText: /Benchmark for/ }).first().waitFor();
    // The hosts under the policy, each with its pass ratio.
    await pane.locator('.monaco-list-row[aria-level="2"]', { hasText: /\d+\/\d+ passed/ }).first().waitFor();
    await page.keyboard.press('ArrowDown');
    await pane.locator('.monaco-list-row.focused[aria-level="2"]', { hasText: /passed/ }).waitFor();
    await page.keyboard.press('ArrowRight');
    // The controls under the host, each with its status.
    await pane.locator('.monaco-list-row[aria-level="3"]', { hasText: /Passed|Failed|Error/ }).first().waitFor();
    await page.keyboard.press('ArrowDown');
    const control = pane.locator('.monaco-list-row.focused[aria-level="3"]');
    await control.waitFor();
    assert.match((await control.textContent()) ?? '', /Passed|Failed|Error/);
    await page.keyboard.press('Enter');
    for (const section of ['Statement', 'Rationale', 'Remediation', 'Evidence']) await workbench.waitForPreview('h2', section);
    // Qualys' evidence taken apart: expected values by alternative, the current value with its date.
    await workbench.waitForPreview('p', /^Expected, any of:$/);
    await workbench.waitForPreview('li', /^greater than or equal to \d+$/);
    await workbench.waitForPreview('p', /^Current \(last updated \d\d\/\d\d\/\d{4} at [\d:]+ [AP]M \(GMT\+0000\)\):$/);
    const text = await workbench.previewText(/^\d+ Status of/);
    // Paths read as Qualys wrote them, with single backslashes.
    assert.match(text, /HKEY_LOCAL_MACHINE\\Software\\Policies|systemctl/);
    assert.ok(!/\\\\|\\[_*|<>#]|======/.test(text), `escapes or section marks show in the preview:\n${text}`);
    // The picture shows the document from its Statement down to its Evidence.
    await workbench.scrollPreviewTo('h2', 'Statement');
    await session.shot(t, { readme: 'sidebar-posture' });
  });

  test('Send Request at Cursor in a request file shows the response document', async (t) => {
    const { workbench, codeServer } = session;
    const file = 'requests/hosts.qualys';
    await workbench.openFile(file);
    const request = placeOf(codeServer.workspace, file, 'GET {{baseUrl}}', 1);
    await workbench.goTo(request.line, request.column);
    await workbench.runCommand('Qualys: Send Request at Cursor');
    // The answer opens beside the request, read-only: the simulator's host list.
    await workbench.page.locator('.editor-group-container .view-line', { hasText: 'HOST_LIST_OUTPUT' }).first().waitFor();
    await workbench.waitForToastsGone('Sending');
    await session.shot(t);
  });

  test('a Qualys error becomes a row with its CODE and TEXT, and Retry brings the rows back', async (t) => {
    const { workbench } = session;
    const pane = viewPane(workbench.page, 'Hosts');
    // Every call answers HTTP 200 with SIMPLE_RETURN CODE 2001, as an expired account does.
    await setFaults({ accountExpired200: true });
    await workbench.runCommand('Qualys: Refresh Hosts');
    const error = pane.locator('.monaco-list-row', { hasText: /CODE\s2001:\sThis\saccount\shas\sexpired\./ }).first();
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /Retry/);
    assert.equal(await pane.locator('.monaco-list-row', { hasText: /\.corp\.example\.com/ }).count(), 0);
    await session.shot(t, { step: 'error' });
    await setFaults({ accountExpired200: false });
    await error.click();
    await pane.locator('.monaco-list-row', { hasText: /\.corp\.example\.com/ }).first().waitFor();
    await error.waitFor({ state: 'detached' });
    await session.shot(t, { step: 'retried' });
  });

  test('a failing simulator becomes an error row with Retry, not an exception', async (t) => {
    const { workbench } = session;
    // Every following call answers 503 (the client retries idempotent reads, so enough of them).
    const response = await fetch(`${simulator!.url}/__simulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ http5xx: 1000 }) });
    assert.equal(response.status, 200);
    await workbench.runCommand('Qualys: Refresh Hosts');
    const row = await workbench.waitForTreeRow(/Retry/);
    assert.match((await row.textContent()) ?? '', /503|unavailable|server/i);
    await session.shot(t);
    await fetch(`${simulator!.url}/__simulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ http5xx: 0 }) });
  });
});
