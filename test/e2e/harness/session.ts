/**
 * node:test glue for one end-to-end test file: before() starts code-server and Chromium on the
 * packaged extension and a copy of the demo workspace, after() stops everything it started, even on
 * failure. A test saves its screenshot with `session.shot(t)` once the state its name describes is on
 * screen (test/e2e/artifacts/, gitignored); afterEach() saves one more of any test that failed.
 */
import { after, afterEach, before, type TestContext } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer, type CodeServerOptions, type RunningCodeServer } from './codeServer';
import { repoRoot } from './install';
import { Workbench } from './workbench';

export const artifactsDir = join(repoRoot, 'test', 'e2e', 'artifacts');

/** Where README screenshots go; written only when UPDATE_README_SCREENSHOTS=1. */
export const readmeScreenshotsDir = join(repoRoot, 'images', 'screenshots');

export interface ShotOptions {
  /** Also write images/screenshots/<readme>.png (when UPDATE_README_SCREENSHOTS=1), so the README
   *  shows what the test just proved. */
  readonly readme?: string;
  /** A test that shows two states names the second (or first) one: file name suffix. */
  readonly step?: string;
}

export interface Session {
  readonly workbench: Workbench;
  readonly codeServer: RunningCodeServer;
  /** Saves the window as this test's screenshot: call it when the state the test is named for shows. */
  shot(t: TestContext, options?: ShotOptions): Promise<void>;
}

const fileName = (value: string): string => value.replace(/[^\w.-]+/g, '-').slice(0, 100);

let pngquantReady = false;

/** README screenshots are quantized to a palette (pngquant): a quarter of the bytes, text stays sharp,
 *  and the .vsix that ships them stays within its 2 MB budget. */
function compressInto(source: string, target: string): void {
  if (!pngquantReady) {
    execFileSync('bash', [join(repoRoot, 'scripts', 'ensure-system-packages.sh'), 'pngquant'], { stdio: ['ignore', 'ignore', 'inherit'] });
    pngquantReady = true;
  }
  execFileSync('pngquant', ['--quality=65-90', '--speed=1', '--strip', '--force', '--output', target, source]);
}

/** Registers the hooks; the returned object's fields are set once before() has run. */
export function useSession(name: string, options: Omit<CodeServerOptions, 'name' | 'artifactsDir'> & { beforeStart?: () => Promise<Partial<CodeServerOptions>> } = {}): Session {
  const session = {
    async shot(t: TestContext, shotOptions: ShotOptions = {}): Promise<void> {
      const file = join(artifactsDir, `${name}--${fileName(t.name)}${shotOptions.step ? `--${fileName(shotOptions.step)}` : ''}.png`);
      await session.workbench.screenshot(file);
      if (shotOptions.readme && process.env.UPDATE_README_SCREENSHOTS === '1') {
        mkdirSync(readmeScreenshotsDir, { recursive: true });
        compressInto(file, join(readmeScreenshotsDir, `${shotOptions.readme}.png`));
      }
    },
  } as Session & { workbench: Workbench; codeServer: RunningCodeServer };
  mkdirSync(artifactsDir, { recursive: true });
  // Screenshots of an earlier run would sit beside this run's and tell another story.
  for (const old of readdirSync(artifactsDir).filter((file) => file.startsWith(`${name}--`) && file.endsWith('.png'))) rmSync(join(artifactsDir, old));
  let stopped = false;

  before(async () => {
    const late = (await options.beforeStart?.()) ?? {};
    session.codeServer = await startCodeServer({ ...options, ...late, name, artifactsDir });
    try {
      session.workbench = await Workbench.open(session.codeServer.workspaceUrl);
    } catch (err) {
      await session.codeServer.stop();
      stopped = true;
      throw err;
    }
  });

  afterEach(async (t) => {
    // TestContext.passed (Node 20.12+) is missing from @types/node 20.
    if ((t as unknown as { passed?: boolean }).passed === true) return;
    await session.workbench?.screenshot(join(artifactsDir, `${name}--${fileName(t.name)}--failed.png`)).catch(() => undefined);
  });

  after(async () => {
    await session.workbench?.close().catch(() => undefined);
    if (!stopped) await session.codeServer?.stop();
  });

  return session;
}
