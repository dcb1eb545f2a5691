/**
 * What the end-to-end tests install before they start: the packaged extension (`npm run package`,
 * rebuilt when a source is newer than the .vsix) and code-server (scripts/ensure-code-server.sh).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..');
export const vsixPath = join(repoRoot, 'dist', 'qualys-workbench.vsix');
export const chromiumPath = '/usr/bin/chromium';

/** Inputs of the package: when one is newer than the .vsix, it is built again. */
const packageInputs = ['common', 'protocol', 'client/src', 'server/src', 'server/data', 'syntaxes', 'images', 'package.json', 'README.md', 'CHANGELOG.md', '.vscodeignore', 'esbuild.mjs', 'scripts/package-readme.mjs'];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

/** Builds dist/qualys-workbench.vsix unless it is newer than every input; returns its path. */
export function ensurePackage(): string {
  if (process.env.QUALYS_E2E_VSIX) return process.env.QUALYS_E2E_VSIX;
  const built = existsSync(vsixPath) ? statSync(vsixPath).mtimeMs : 0;
  const newest = Math.max(...packageInputs.map((input) => newestChange(join(repoRoot, input))));
  if (built < newest) execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsixPath;
}

/** Installs code-server into .cache/ when needed; returns its launcher. */
export function ensureCodeServer(): string {
  return execFileSync('bash', [join(repoRoot, 'scripts', 'ensure-code-server.sh')], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

export function ensureChromium(): string {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: run bash scripts/ensure-system-packages.sh chromium:${chromiumPath}`);
  }
  return chromiumPath;
}
