// Runs every *.test.ts below the given folders with Node's own test runner (TypeScript through tsx).
// Node 20 does not expand globs itself, so the files are found here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

function collect(dir, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    // End-to-end tests drive a real VS Code and run on their own (npm run test:e2e).
    if (name === 'node_modules' || name === 'fixtures' || name === 'e2e') continue;
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const args = process.argv.slice(2);
const dirs = args.filter((a) => !a.startsWith('--'));
const extra = args.filter((a) => a.startsWith('--'));
// Folders are searched; a test file may also be named on its own.
const files = dirs.flatMap((d) => (existsSync(d) && statSync(d).isFile() ? [d] : collect(d, [])));
if (files.length === 0) {
  console.error(`no test files under ${dirs.join(', ')}`);
  process.exit(1);
}
// node:test's mock timers (used on purpose by the live-values tests) print an ExperimentalWarning on
// Node 20 that reads like a failure; it is expected, so it is not shown.
const result = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', '--import', 'tsx', '--test', '--test-reporter=spec', ...extra, ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
