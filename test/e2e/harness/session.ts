/**
 * node:test glue for one end-to-end test file: before() starts code-server and Chromium on the
 * packaged extension and a copy of the demo workspace, afterEach() saves a screenshot of every test
 * (passed or failed) to test/e2e/artifacts/, after() stops everything it started, even on failure.
 */
import { after, afterEach, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer, type CodeServerOptions, type RunningCodeServer } from './codeServer';
import { repoRoot } from './install';
import { Workbench } from './workbench';

export const artifactsDir = join(repoRoot, 'test', 'e2e', 'artifacts');

/** Where README screenshots go; written only when UPDATE_README_SCREENSHOTS=1. */
export const readmeScreenshotsDir = join(repoRoot, 'images', 'screenshots');

/** Saves the window as images/screenshots/NAME.png when UPDATE_README_SCREENSHOTS=1, so the README
 *  shows what the tests just proved. */
export async function readmeScreenshot(workbench: Workbench, name: string): Promise<void> {
  if (process.env.UPDATE_README_SCREENSHOTS !== '1') return;
  mkdirSync(readmeScreenshotsDir, { recursive: true });
  await workbench.screenshot(join(readmeScreenshotsDir, `${name}.png`));
}

export interface Session {
  readonly workbench: Workbench;
  readonly codeServer: RunningCodeServer;
}

/** Registers the hooks; the returned object's fields are set once before() has run. */
export function useSession(name: string, options: Omit<CodeServerOptions, 'name' | 'artifactsDir'> & { beforeStart?: () => Promise<Partial<CodeServerOptions>> } = {}): Session {
  const session = {} as { workbench: Workbench; codeServer: RunningCodeServer };
  mkdirSync(artifactsDir, { recursive: true });
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
    const file = `${name}--${t.name.replace(/[^\w.-]+/g, '-').slice(0, 100)}.png`;
    await session.workbench?.screenshot(join(artifactsDir, file)).catch(() => undefined);
  });

  after(async () => {
    await session.workbench?.close().catch(() => undefined);
    if (!stopped) await session.codeServer?.stop();
  });

  return session;
}
