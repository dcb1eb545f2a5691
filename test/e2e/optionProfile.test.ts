/**
 * Option profile XML in a real VS Code, on the demo workspace: the mistakes of vm-mistakes.xml in
 * the Problems panel, completion inside <SCAN>, a quick fix that changes the text, hover
 * documentation, the outline, and a document that is not well-formed.
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeOf } from './harness/positions';
import { useSession } from './harness/session';

const MISTAKES = 'option-profiles/vm-mistakes.xml';
const BASELINE = 'option-profiles/vm-baseline.xml';

describe('option profiles', () => {
  const session = useSession('option-profile');

  test('a broken option profile shows each of its mistakes in the Problems panel', async (t) => {
    const { workbench } = session;
    await workbench.openFile(MISTAKES);
    // Six deliberate mistakes, one problem each (the misspelt PACKET_DELAYS is reported once, with
    // its did-you-mean, not again as a missing PACKET_DELAY).
    const problems = await workbench.waitForProblemCount(6);
    await session.shot(t, { readme: 'option-profile-problems' });
    const expected = [
      /<PORTS> is out of order/,
      /'Hgh' is not an allowed value of OVERALL_PERFORMANCE: High, Normal, Low, Custom/,
      /Unknown element <PACKET_DELAYS>.*Did you mean <PACKET_DELAY>\?/,
      /<INCLUDE_SYSTEM_AUTH> cannot be used together with <ALLOW_AUTH_CREATION>/,
      /ON_DUPLICATE_USE_USER_AUTH has the fixed value '1'/,
      /'yes' is not an allowed value of ICMP/,
    ];
    for (const pattern of expected) {
      assert.ok(problems.some((problem) => pattern.test(problem)), `no problem matches ${pattern}:\n${problems.join('\n')}`);
    }
  });

  test('completion inside <SCAN> offers PERFORMANCE', async (t) => {
    const { workbench, codeServer } = session;
    await workbench.openFile(BASELINE);
    const scan = placeOf(codeServer.workspace, BASELINE, '<SCAN>', '<SCAN>'.length);
    await workbench.goTo(scan.line, scan.column);
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.type('<');
    const labels = await workbench.waitForCompletion('PERFORMANCE');
    assert.ok(labels.some((label) => /PERFORMANCE/.test(label)), labels.join(', '));
    await session.shot(t, { readme: 'option-profile-completion' });
    await workbench.page.keyboard.press('Escape');
    await workbench.runCommand('File: Revert File');
  });

  test('hovering an element shows its documentation', async (t) => {
    const { workbench, codeServer } = session;
    await workbench.openFile(BASELINE);
    const element = placeOf(codeServer.workspace, BASELINE, '<OVERALL_PERFORMANCE>', 3);
    await workbench.goTo(element.line, element.column);
    const text = await workbench.waitForHover(/OVERALL_PERFORMANCE/);
    assert.match(text, /API parameter/);
    await session.shot(t, { readme: 'option-profile-hover' });
    assert.match(text, /High/);
  });

  test('the quick fix for a misspelt value replaces it with the closest allowed one', async (t) => {
    const { workbench, codeServer } = session;
    await workbench.openFile(MISTAKES);
    const value = placeOf(codeServer.workspace, MISTAKES, '>Hgh<', 2);
    await workbench.goTo(value.line, value.column);
    await workbench.applyQuickFix(/High/);
    await workbench.waitForEditorLine('<OVERALL_PERFORMANCE>High</OVERALL_PERFORMANCE>');
    await workbench.waitForProblemCount(5);
    // The change is the user's to keep: saved, it is in the file.
    await workbench.save();
    await workbench.waitForEditorLine('<OVERALL_PERFORMANCE>High</OVERALL_PERFORMANCE>');
    await session.shot(t);
    assert.match(readFileSync(join(codeServer.workspace, MISTAKES), 'utf8'), /<OVERALL_PERFORMANCE>High<\/OVERALL_PERFORMANCE>/);
  });

  test('the outline lists each profile by its GROUP_NAME', async (t) => {
    const { workbench } = session;
    await workbench.openFile(BASELINE);
    await workbench.runCommand('Explorer: Focus on Outline View');
    await workbench.waitForTreeRow('Demo - weekly internal VM scan');
    await session.shot(t);
  });

  test('a profile pasted with a broken <!CDATA[ still gets its diagnostics', async (t) => {
    const { workbench } = session;
    await workbench.openFile('option-profiles/pc-pasted-from-release-notes.xml');
    await workbench.waitForProblem(/CDATA/);
    await session.shot(t);
  });
});
