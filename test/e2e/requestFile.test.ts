/**
 * Request files (*.qualys) in a real VS Code: the demo's deliberate mistakes in the Problems panel,
 * completion of an action value that changes the text, and the environments' variables after `{{`.
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { placeOf } from './harness/positions';
import { useSession } from './harness/session';

const COMPLETION_FILE = 'requests/completion.qualys';
const ENVIRONMENT_FILE = 'requests/environment.qualys';

describe('request files', () => {
  const session = useSession('request-file', {
    files: {
      [COMPLETION_FILE]: '### complete the action\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=\nX-Requested-With: vscode-qualys\n',
      [ENVIRONMENT_FILE]: '### the hosts of an environment\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ips={{targetIp}}&ids={{\nX-Requested-With: vscode-qualys\n',
      '.vscode/qualys-environments.json': JSON.stringify({ $shared: { scanTitle: 'Nightly scan' }, lab: { targetIp: '10.10.10.1' }, production: { targetIp: '10.20.0.0/24', vaultKey: { secret: 'production-vault-key' } } }, null, 2),
    },
  });

  test('a request file with mistakes shows each of them in the Problems panel', async (t) => {
    const { workbench } = session;
    await workbench.openFile('requests/mistakes.qualys');
    const problems = await workbench.waitForProblemCount(3);
    await session.shot(t, { readme: 'request-file-problems' });
    const expected = [
      /'lst' is not an action of \/api\/2\.0\/fo\/asset\/host\/.*Did you mean 'list'\?/,
      /'Everything' is not an allowed value of details/,
      /Unknown parameter 'truncation_limt'.*Did you mean 'truncation_limit'\?/,
    ];
    for (const pattern of expected) {
      assert.ok(problems.some((problem) => pattern.test(problem)), `no problem matches ${pattern}:\n${problems.join('\n')}`);
    }
  });

  test('completion after action= offers the actions of the endpoint and inserts the chosen one', async (t) => {
    const { workbench, codeServer } = session;
    await workbench.openFile(COMPLETION_FILE);
    // The empty action is a problem until one is chosen (mistakes.qualys, still open, has three).
    const before = await workbench.waitForProblemCount(4);
    assert.ok(before.some((problem) => problem.includes("'' is not an action of")), before.join('\n'));
    await workbench.openFile(COMPLETION_FILE);
    const end = placeOf(codeServer.workspace, COMPLETION_FILE, 'action=', 'action='.length);
    await workbench.goTo(end.line, end.column);
    const labels = await workbench.waitForCompletion('purge');
    assert.ok(['list', 'update', 'purge'].every((action) => labels.includes(action)), labels.join(', '));
    await session.shot(t, { step: 'offered' });
    await workbench.acceptCompletion('list');
    await workbench.waitForEditorLine('?action=list');
    // The server checks the new text: the empty action's problem goes, mistakes.qualys keeps its three.
    await workbench.waitForProblemCount(3);
    await workbench.openFile(COMPLETION_FILE);
    await session.shot(t, { step: 'inserted' });
  });

  test('the environments\' variables complete after {{, and hover says which environment sends which value', async (t) => {
    const { workbench, codeServer } = session;
    const page = workbench.page;
    // (The completion test's file stays open and unsaved: closing it would ask to save.)
    await workbench.openFile(ENVIRONMENT_FILE);
    const open = placeOf(codeServer.workspace, ENVIRONMENT_FILE, 'ids={{', 'ids={{'.length);
    await workbench.goTo(open.line, open.column);
    const labels = await workbench.waitForCompletion('targetIp');
    assert.ok(['scanTitle', 'targetIp', 'vaultKey'].every((name) => labels.includes(name)), labels.join(', '));
    await page.keyboard.press('Escape');
    // Choose the lab environment in the status bar's picker.
    await workbench.runCommand('Qualys: Select Request Environment', true);
    await workbench.quickPickRow('lab').first().waitFor();
    await page.locator('.quick-input-widget input').fill('lab');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'lab' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item', { hasText: 'lab' }).first().waitFor();
    const at = placeOf(codeServer.workspace, ENVIRONMENT_FILE, 'ips={{targetIp}}', 'ips={{'.length + 2);
    await workbench.goTo(at.line, at.column);
    const hover = await workbench.waitForHover(/an environment variable/);
    assert.match(hover, /lab \(active\): 10\.10\.10\.1 ← sent/);
    assert.match(hover, /production: 10\.20\.0\.0\/24/);
    await session.shot(t);
  });
});
