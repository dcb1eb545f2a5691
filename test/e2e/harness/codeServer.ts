/**
 * A real VS Code for one test file: code-server on an ephemeral 127.0.0.1 port, with fresh user data
 * and extensions folders in a temporary directory, the packaged extension installed from its .vsix,
 * and a copy of the demo workspace. `stop()` ends the processes it started and keeps the logs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCodeServer, ensurePackage, repoRoot } from './install';
import { freePort, startProcess, waitFor } from './processes';

export interface CodeServerOptions {
  /** Names the artifacts (logs) of this run. */
  readonly name: string;
  /** Folder with the artifacts (logs, screenshots). */
  readonly artifactsDir: string;
  /** User settings on top of the defaults below. */
  readonly settings?: Record<string, unknown>;
  /** Extra environment for code-server (and so the extension host). */
  readonly env?: Record<string, string>;
  /** Extra workspace files: path relative to the workspace -> content. */
  readonly files?: Record<string, string>;
}

export interface RunningCodeServer {
  readonly url: string;
  /** The workspace folder code-server opened (a copy; tests may change it). */
  readonly workspace: string;
  readonly userDataDir: string;
  /** http://127.0.0.1:PORT/?folder=WORKSPACE */
  readonly workspaceUrl: string;
  /** Command lines of every process code-server started (its process group), itself included. */
  processes(): string[];
  stop(): Promise<void>;
}

/** Settings that keep a fresh VS Code from covering the window with first-run dialogs and tips. */
export const quietSettings: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'remote.autoForwardPorts': false,
  'files.autoSave': 'off',
  // Completion shows when a test asks for it (Ctrl+Space), not while it types.
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.hover.delay': 100,
};

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const vsix = ensurePackage();
  const codeServer = ensureCodeServer();
  const root = mkdtempSync(join(tmpdir(), 'qualys-e2e-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const workspace = join(root, 'workspace');
  const config = join(root, 'config.yaml');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir);
  mkdirSync(options.artifactsDir, { recursive: true });
  // An empty config file of its own, so code-server does not write ~/.config/code-server/.
  writeFileSync(config, '');
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...options.settings }, null, 2));
  // The same workspace as scripts/demo.sh: demo/workspace plus the request samples.
  cpSync(join(repoRoot, 'demo', 'workspace'), workspace, { recursive: true });
  const samples = join(repoRoot, 'samples', 'requests');
  if (existsSync(samples)) cpSync(samples, join(workspace, 'requests'), { recursive: true });
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), content);
  }

  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  execFileSync(codeServer, [...common, '--install-extension', vsix], { stdio: 'pipe' });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(options.artifactsDir, `${options.name}.code-server.log`);
  const server = startProcess(
    codeServer,
    [...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace],
    { env: { ...process.env, ...options.env }, logFile },
  );
  const stop = async (): Promise<void> => {
    await server.stop();
    // The extension host and language client logs help explain a failure.
    const logs = join(userDataDir, 'logs');
    if (existsSync(logs)) cpSync(logs, join(options.artifactsDir, `${options.name}.vscode-logs`), { recursive: true });
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await waitFor(
      `code-server on ${url} (log: ${logFile})`,
      async () => {
        if (server.child.exitCode !== null) throw new Error(`code-server exited with ${server.child.exitCode}`);
        const response = await fetch(`${url}/healthz`).catch(() => undefined);
        return response?.ok ? true : undefined;
      },
      30_000,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  const processes = (): string[] =>
    execFileSync('ps', ['-eo', 'pgid=,args='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().match(/^(\d+)\s+(.*)$/))
      .filter((match): match is RegExpMatchArray => match !== null && Number(match[1]) === server.pid)
      .map((match) => match[2]!);
  return { url, workspace, userDataDir, workspaceUrl: `${url}/?folder=${encodeURIComponent(workspace)}`, processes, stop };
}
