/**
 * Vulnerabilities in a real VS Code against the local simulator (signed in from QUALYS_DEMO_* as the
 * demo does): a host expanded to its detections and a detection's details, the hover of a QID in a
 * request file, "Look Up QID or CVE", the Vulnerabilities view filtered by severity, and "Download
 * all pages" (from the view's title, a QID's context menu and a request file's CodeLens) with its
 * progress notification and the file it writes.
 */
import { after, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startSimulator, type RunningSimulator } from '../../simulator/src/index';
import { placeOf } from './harness/positions';
import { waitFor } from './harness/processes';
import { useSession } from './harness/session';

const USER = 'e2e_vulns';
const PASSWORD = 'e2e-Vulns-789';
const QID_FILE = 'requests/detections.qualys';
const DETECTION_PATH = '/api/2.0/fo/asset/host/vm/detection/';

/** RFC 4180 rows (quoted fields may hold commas, quotes doubled, line breaks). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

function viewPane(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: title }) });
}

const VIEWS = ['Hosts', 'Vulnerabilities', 'Authentication Records', 'Compliance Posture'];

/** Collapses the other Qualys views and widens the sidebar, so one view's rows show whole (for the screenshots). */
async function focusOnly(page: Page, title: string): Promise<void> {
  for (const view of VIEWS) {
    const header = page.locator('.part.sidebar .pane-header', { hasText: new RegExp(`^${view}`, 'i') }).first();
    const expanded = (await header.getAttribute('aria-expanded')) === 'true';
    // On its title: the header's right part holds the view's actions.
    if ((view === title) !== expanded) await header.click({ position: { x: 40, y: 10 } });
  }
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  // Drag the sidebar's edge to the right.
  if (sidebar && sidebar.width < 600) {
    const x = sidebar.x + sidebar.width;
    const y = sidebar.y + sidebar.height / 2;
    await page.mouse.move(x - 1, y);
    await page.mouse.down();
    await page.mouse.move(x + 320, y, { steps: 8 });
    await page.mouse.up();
  }
}

describe('vulnerabilities: detections, QID knowledge, downloads', () => {
  let simulator: RunningSimulator | undefined;
  let qid = '';
  let title = '';
  const session = useSession('vulnerabilities', {
    settings: { 'qualys.hosts.pageSize': 20, 'qualys.vulnerabilities.hostsPerPage': 100 },
    beforeStart: async () => {
      simulator = await startSimulator({ port: 0, hosts: 400, user: USER, password: PASSWORD, seed: 5, rateLimit: { limit: 300, windowSec: 3600 } });
      // A QID the account's hosts carry, with its KnowledgeBase title, read from the simulator's own API.
      const auth = { Authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`, 'X-Requested-With': 'e2e' };
      const detections = await (await fetch(`${simulator.url}${DETECTION_PATH}?action=list&truncation_limit=1&severities=5`, { headers: auth })).text();
      qid = /<QID>(\d+)<\/QID>/.exec(detections)![1]!;
      const kb = await (await fetch(`${simulator.url}/api/2.0/fo/knowledge_base/vuln/?action=list&ids=${qid}`, { headers: auth })).text();
      title = /<TITLE><!\[CDATA\[([^\]]+)\]\]><\/TITLE>/.exec(kb)![1]!;
      const file = [
        '### Hosts with this QID',
        `GET {{baseUrl}}${DETECTION_PATH}?action=list&qids=${qid}&truncation_limit=50`,
        'X-Requested-With: vscode-qualys',
        '',
        '### Every detection of the account',
        `GET {{baseUrl}}${DETECTION_PATH}?action=list&truncation_limit=25&show_igs=1`,
        'X-Requested-With: vscode-qualys',
        '',
      ].join('\n');
      return { files: { [QID_FILE]: file }, env: { QUALYS_DEMO_URL: simulator.url, QUALYS_DEMO_USER: USER, QUALYS_DEMO_PASSWORD: PASSWORD } };
    },
  });
  after(async () => {
    await simulator?.close();
  });

  async function setLatency(latencyMs: number): Promise<void> {
    await fetch(`${simulator!.url}/__simulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latencyMs }) });
  }

  /** Picks the format, then names the file in VS Code's save dialog once it shows its suggestion. */
  async function saveDownloadAs(page: Page, format: 'CSV' | 'JSON Lines', suggested: RegExp, target: string): Promise<void> {
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: format }).first().waitFor();
    await input.fill(format);
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: format }).waitFor();
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: /Download all pages to/ }).waitFor();
    await waitFor('the suggested file name', async () => (suggested.test(await input.inputValue()) ? true : undefined), 30_000, 200);
    await input.fill(target);
    await waitFor('the typed file name', async () => ((await input.inputValue()) === target ? true : undefined), 10_000, 100);
    await input.press('Enter');
  }

  test('a host expands to its detections, titled from the KnowledgeBase; a detection opens its result and entry', async (t) => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.runCommand('Qualys: Focus on Hosts View');
    // Activation signed in with the demo account: the status bar names it.
    await page.locator('.statusbar-item', { hasText: USER }).first().waitFor();
    const pane = viewPane(page, 'Hosts');
    await pane.locator('.monaco-list-row', { hasText: /\.corp\.example\.com/ }).first().waitFor();
    await focusOnly(page, 'Hosts');
    await workbench.runCommand('Qualys: Focus on Hosts View');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    const detection = pane.locator('.monaco-list-row[aria-level="2"]', { hasText: /QID\s\d+\s·\ssev\s\d/ }).first();
    await detection.waitFor();
    await page.keyboard.press('ArrowDown');
    const focused = pane.locator('.monaco-list-row.focused[aria-level="2"]');
    await focused.waitFor();
    const label = ((await focused.locator('.label-name').first().textContent()) ?? '').trim();
    await page.keyboard.press('Enter');
    // Rendered in the Markdown preview: the title, the result as Qualys wrote it, then the QID's entry.
    await workbench.waitForPreview('h1', label);
    await workbench.waitForPreview('h2', /^Result$/);
    await workbench.waitForPreview('h2', /^KnowledgeBase: QID \d+/);
    await session.shot(t, { readme: 'sidebar-detections' });
  });

  test('hovering a QID in a request file shows its title, severity, CVEs, CVSS and solution', async (t) => {
    const { workbench, codeServer } = session;
    await workbench.runCommand('View: Close All Editor Groups');
    await workbench.openFile(QID_FILE);
    const at = placeOf(codeServer.workspace, QID_FILE, `qids=${qid}`, 'qids='.length + 2);
    await workbench.goTo(at.line, at.column);
    const hover = await workbench.waitForHover(/Solution:/);
    assert.ok(hover.includes(`QID ${qid}`), hover);
    assert.ok(hover.includes(title), `${title} in ${hover}`);
    assert.match(hover, /severity 5 \(Urgent\)/);
    assert.match(hover, /CVE-\d{4}-\d+/);
    assert.match(hover, /CVSS v3 [\d.]+/);
    await session.shot(t, { readme: 'request-qid-hover' });
    await workbench.page.keyboard.press('Escape');
  });

  test('"Qualys: Look Up QID or CVE" refuses what is neither, then opens a QID\'s KnowledgeBase entry', async (t) => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.runCommand('View: Close All Editor Groups');
    await workbench.runCommand('Qualys: Look Up QID or CVE…', true);
    const input = page.locator('.quick-input-widget input');
    await input.fill('CVE-24-1');
    await page.locator('.quick-input-widget', { hasText: 'A QID is a number of up to 9 digits; a CVE looks like CVE-2024-3094.' }).waitFor();
    await input.fill(qid);
    await input.press('Enter');
    // Rendered in the Markdown preview: the entry as the simulator's KnowledgeBase has it.
    await workbench.waitForPreview('h1', `QID ${qid}: ${title}`);
    await workbench.waitForPreview('li', /^Severity: severity 5 \(Urgent\)/);
    await workbench.waitForPreview('h2', /^CVE$/);
    await workbench.waitForPreview('h2', /^Solution$/);
    await session.shot(t);
  });

  test('the Vulnerabilities view groups QIDs by severity and hosts; a severity filter narrows it', async (t) => {
    const { workbench } = session;
    const page = workbench.page;
    await workbench.runCommand('Qualys: Focus on Vulnerabilities View');
    const pane = viewPane(page, 'Vulnerabilities');
    await focusOnly(page, 'Vulnerabilities');
    await pane.locator('.monaco-list-row', { hasText: /sev\s5\s·\s\d+\shosts?/ }).first().waitFor();
    // The tree renders the rows in sight: End moves to the last one, Load more with the hosts read.
    await workbench.runCommand('Qualys: Focus on Vulnerabilities View');
    await page.keyboard.press('End');
    await pane.locator('.monaco-list-row', { hasText: /QIDs\son\s100\shosts\sread/ }).first().waitFor();
    await page.keyboard.press('Home');
    await workbench.runCommand('Qualys: Filter Vulnerabilities…', true);
    const input = page.locator('.quick-input-widget input');
    await input.fill('Severity');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Severity' }).waitFor();
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'severity (none picked = any)' }).waitFor();
    // Check severity 5 (Urgent) and accept.
    const urgent = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Urgent' }).first();
    await urgent.locator('.monaco-checkbox').click();
    await page.locator('.quick-input-widget .monaco-list-row[aria-checked="true"]', { hasText: 'Urgent' }).waitFor();
    await input.press('Enter');
    await page.locator('.part.sidebar .pane-header', { hasText: /Filter:\sseverity\s5/ }).waitFor();
    await pane.locator('.monaco-list-row', { hasText: /sev\s5/ }).first().waitFor();
    await waitFor('only severity 5 rows', async () => {
      const labels = await pane.locator('.monaco-list-row', { hasText: /sev\s\d/ }).allTextContents();
      return labels.length > 0 && labels.every((label) => /sev\s5/.test(label)) ? true : undefined;
    }, 30_000, 500);
    assert.ok(simulator!.requests.some((r) => r.url.startsWith(DETECTION_PATH) && r.url.includes('severities=5')));
    await session.shot(t, { readme: 'sidebar-vulnerabilities' });
  });

  test('"Download all pages" from the Vulnerabilities view\'s title writes the filtered detections as JSON Lines, with a progress notification', async (t) => {
    const { workbench, codeServer } = session;
    const page = workbench.page;
    // The severity 5 filter of the test before holds. Slower answers: the progress shows between pages.
    await setLatency(1500);
    try {
      await workbench.clearNotifications();
      const header = page.locator('.part.sidebar .pane-header', { hasText: /^Vulnerabilities/i }).first();
      await header.hover();
      await header.locator('.action-label[aria-label^="Download Vulnerabilities (All Pages)"]').click();
      const target = join(codeServer.workspace, 'urgent.jsonl');
      await saveDownloadAs(page, 'JSON Lines', /vm-detection-list-\d{4}-\d{2}-\d{2}\.jsonl$/, target);
      await workbench.waitForNotification(/Downloading detections \(severity 5\)/);
      await session.shot(t);
      const done = await workbench.waitForNotification(/Downloaded [\d,]+ records \(1 page, /);
      const records = readFileSync(target, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { qid?: unknown; severity?: unknown });
      assert.equal(records.length, Number(/Downloaded ([\d,]+) records/.exec(done)![1]!.replace(/,/g, '')));
      assert.ok(records.length > 0);
      assert.deepEqual([...new Set(records.map((r) => Number(r.severity)))], [5], 'the view\'s filter was downloaded');
      assert.equal(existsSync(`${target}.download.json`), false);
      assert.ok(simulator!.requests.some((r) => r.url.startsWith(DETECTION_PATH) && r.url.includes('severities=5') && r.url.includes('truncation_limit=1000')));
    } finally {
      await setLatency(0);
    }
  });

  test('"Download Detections (All Pages)" from a QID\'s context menu writes that QID\'s detections as CSV', async (t) => {
    const { workbench, codeServer } = session;
    const page = workbench.page;
    await setLatency(1500);
    try {
      await workbench.clearNotifications();
      const pane = viewPane(page, 'Vulnerabilities');
      const row = pane.locator('.monaco-list-row[aria-level="1"]', { hasText: /QID\s\d+\s·\ssev\s5/ }).first();
      await row.waitFor();
      const picked = /QID\s(\d+)/.exec((await row.textContent()) ?? '')![1]!;
      await row.click({ button: 'right' });
      // A click on the menu as it opens can be dropped: point at the item (the menu focuses it), then Enter.
      const item = page.locator('.context-view .action-item', { hasText: 'Download Detections (All Pages)' }).first();
      await item.waitFor();
      await item.hover();
      await page.locator('.context-view .action-item.focused', { hasText: 'Download Detections (All Pages)' }).waitFor();
      await page.keyboard.press('Enter');
      const target = join(codeServer.workspace, `qid-${picked}.csv`);
      await saveDownloadAs(page, 'CSV', /vm-detection-list-\d{4}-\d{2}-\d{2}\.csv$/, target);
      await workbench.waitForNotification(new RegExp(`Downloading detections of QID ${picked}`));
      await session.shot(t);
      const done = await workbench.waitForNotification(/Downloaded [\d,]+ records? \(1 page, /);
      const [head, ...rows] = csvRows(readFileSync(target, 'utf8'));
      const qidColumn = head!.indexOf('qid');
      assert.ok(qidColumn > 0, head!.join());
      assert.equal(rows.length, Number(/Downloaded ([\d,]+) records?/.exec(done)![1]!.replace(/,/g, '')));
      assert.ok(rows.length > 0);
      assert.ok(rows.every((row) => row.length === head!.length));
      assert.deepEqual([...new Set(rows.map((row) => row[qidColumn]))], [picked]);
      assert.ok(simulator!.requests.some((r) => r.url.startsWith(DETECTION_PATH) && r.url.includes(`qids=${picked}`)));
    } finally {
      await setLatency(0);
    }
  });

  test('"Download all pages" of a detection list writes every page to a CSV file, with a progress notification', async (t) => {
    const { workbench, codeServer } = session;
    const page = workbench.page;
    // Slower answers, so the progress notification is seen between pages.
    await fetch(`${simulator!.url}/__simulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latencyMs: 400 }) });
    await workbench.runCommand('View: Close All Editor Groups');
    await workbench.openFile(QID_FILE);
    await workbench.clickCodeLens('Download all pages', 1);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'CSV' }).first().waitFor();
    const input = page.locator('.quick-input-widget input');
    await input.fill('CSV');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'CSV' }).waitFor();
    await input.press('Enter');
    // The save dialog (VS Code's own, in the browser) proposes the workspace: name the file there.
    const target = join(codeServer.workspace, 'detections.csv');
    await page.locator('.quick-input-widget', { hasText: /Download all pages to/ }).waitFor();
    // The dialog fills in its suggestion (in the workspace) a moment later: replace it once it is there.
    await waitFor('the suggested file name', async () => (/vm-detection-list-\d{4}-\d{2}-\d{2}\.csv$/.test(await input.inputValue()) ? true : undefined), 30_000, 200);
    await input.fill(target);
    await waitFor('the typed file name', async () => ((await input.inputValue()) === target ? true : undefined), 10_000, 100);
    await input.press('Enter');
    const progress = await workbench.waitForNotification(/Downloading Every detection of the account.*\d+ pages? · [\d,]+ records · [\d.]+ (KB|MB) · rate budget \d+ of 300 calls/);
    assert.match(progress, /records/);
    await session.shot(t, { readme: 'download-progress' });
    const done = await workbench.waitForNotification(/Downloaded [\d,]+ records \(16 pages, /);
    await fetch(`${simulator!.url}/__simulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latencyMs: 0 }) });
    assert.ok(existsSync(target));
    const lines = readFileSync(target, 'utf8').split('\r\n');
    assert.match(lines[0]!, /^hostId,ip,ipv6,dns,netbios,os,trackingMethod,networkId,qid,/);
    const records = Number(/Downloaded ([\d,]+) records/.exec(done)![1]!.replace(/,/g, ''));
    assert.ok(records > 400 * 10, `${records} detections of 400 hosts`);
    assert.equal(existsSync(`${target}.download.json`), false);
  });
});
