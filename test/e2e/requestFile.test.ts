/**
 * Request files (*.qualys) in a real VS Code: the demo's deliberate mistakes in the Problems panel,
 * and completion of an action value that changes the text.
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { placeOf } from './harness/positions';
import { useSession } from './harness/session';

const COMPLETION_FILE = 'requests/completion.qualys';

describe('request files', () => {
  const session = useSession('request-file', {
    files: { [COMPLETION_FILE]: '### complete the action\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=\nX-Requested-With: vscode-qualys\n' },
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
});
