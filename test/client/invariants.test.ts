/**
 * The sidebar's structural rules: view logic without `vscode` (so it is tested here), the VS Code
 * glue limited to the files listed, and package.json contributing every command the code registers.
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'client', 'src');
/** The only sidebar files that may import `vscode`. */
const GLUE = new Set([
  'sidebar.ts', 'log.ts', 'extension.ts',
  'accounts/accountCommands.ts', 'accounts/signInFlow.ts', 'accounts/statusBar.ts',
  'commands/itemCommands.ts', 'optionProfiles/optionProfileCommands.ts',
  'views/sidebarTree.ts', 'views/treeItem.ts', 'views/detailsProvider.ts', 'views/registerViews.ts', 'views/filterPrompts.ts',
  'views/cancellation.ts', 'views/viewSettings.ts',
  'knowledge/registerKnowledge.ts', 'download/registerDownloads.ts', 'views/registerVulnerabilities.ts',
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('sidebar: no vscode import outside the glue files', () => {
  for (const dir of ['accounts', 'commands', 'optionProfiles', 'views', 'knowledge', 'download']) {
    for (const file of files(join(SRC, dir))) {
      const name = relative(SRC, file).replace(/\\/g, '/');
      if (GLUE.has(name)) continue;
      assert.doesNotMatch(readFileSync(file, 'utf8'), /from ['"]vscode['"]/, `${name} imports vscode`);
    }
  }
});

test('sidebar: every registered command is contributed with category Qualys, and the views and settings exist', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const contributed = new Map<string, { category?: string }>(pkg.contributes.commands.map((c: { command: string }) => [c.command, c]));
  const registered = new Set<string>();
  for (const file of files(SRC)) for (const m of readFileSync(file, 'utf8').matchAll(/registerCommand\('([^']+)'/g)) registered.add(m[1]!);
  assert.ok(registered.size >= 20, `${registered.size} commands`);
  for (const id of registered) {
    assert.match(id, /^qualys\./);
    assert.equal(contributed.get(id)?.category, 'Qualys', `${id} contributed with category Qualys`);
    assert.ok(pkg.activationEvents.includes(`onCommand:${id}`), `onCommand:${id}`);
  }
  const views = ['qualys.hosts', 'qualys.vulnerabilities', 'qualys.authRecords', 'qualys.posture', 'qualys.history'];
  assert.deepEqual(pkg.contributes.views.qualys.map((v: { id: string }) => v.id), views);
  for (const view of views) {
    assert.ok(pkg.activationEvents.includes(`onView:${view}`));
    assert.ok(pkg.contributes.viewsWelcome.some((w: { view: string; contents: string }) => w.view === view && w.contents.includes('command:qualys.signIn')));
  }
  assert.equal(pkg.contributes.viewsContainers.activitybar[0].id, 'qualys');
  assert.ok(statSync(join(ROOT, pkg.contributes.viewsContainers.activitybar[0].icon)).isFile());
  const hidden = pkg.contributes.menus.commandPalette.find((m: { command: string }) => m.command === 'qualys.signInWith');
  assert.equal(hidden?.when, 'false');
  for (const key of ['qualys.hosts.pageSize', 'qualys.posture.source', 'qualys.posture.hostsPerPage', 'qualys.statusBar.rateLimitWarningPercent', 'qualys.vulnerabilities.hostsPerPage', 'qualys.knowledgeBase.cacheSizeMB']) {
    assert.ok(pkg.contributes.configuration.properties[key]?.scope, `${key} has a scope`);
  }
});
