/**
 * Extension activation cost, as the extension host pays it. The production client bundle is built
 * as `npm run package` builds it, then loaded in fresh Node processes (cold: no module cache) by
 * bench/activationProbe.ts with a stand-in `vscode` module. The clock runs from `require` of the
 * bundle until the language client forks dist/server.js: from there the work happens in the server
 * process and the extension host is free. The server's own start (its `initialize` answer) is not
 * in this number; the end-to-end suite shows that it does start in a real VS Code.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { median, type BenchRow } from './benchRow';

const RUNS = 9;
const TARGET_MS = 50;

interface ProbeResult {
  readonly loadMs: number;
  readonly activateToForkMs: number;
  readonly forked: string;
  readonly cpuMs: number;
  readonly error?: string;
}

export default async function activationBench(): Promise<BenchRow[]> {
  const root = join(__dirname, '..');
  const dir = mkdtempSync(join(tmpdir(), 'qualys-activation-'));
  try {
    const common: esbuild.BuildOptions = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' };
    // The same options as esbuild.mjs --production for the client bundle.
    await esbuild.build({ ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(dir, 'dist/extension.js'), minify: true, external: ['vscode'] });
    await esbuild.build({ ...common, entryPoints: [join(__dirname, 'activationProbe.ts')], outfile: join(dir, 'probe.js') });
    // Everything `vscode` exports, so the stand-in module can list its names (see the probe).
    const typings = readFileSync(join(root, 'node_modules/@types/vscode/index.d.ts'), 'utf8');
    const exportedNames = [...new Set([...typings.matchAll(/^\s{1,4}export (?:namespace|class|enum|const|function) (\w+)/gm)].map((m) => m[1]!))];
    const results: ProbeResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      const out = execFileSync(process.execPath, [join(dir, 'probe.js'), join(dir, 'dist/extension.js')], {
        encoding: 'utf8',
        timeout: 10_000,
        env: { ...process.env, VSCODE_EXPORTS: JSON.stringify(exportedNames) },
      });
      const result = JSON.parse(out.trim()) as ProbeResult;
      if (result.activateToForkMs < 0) throw new Error(`activate() never started the language server process${result.error ? `: ${result.error}` : ''}`);
      results.push(result);
    }
    const load = median(results.map((r) => r.loadMs));
    const activate = median(results.map((r) => r.activateToForkMs));
    const total = median(results.map((r) => r.loadMs + r.activateToForkMs));
    const cpu = median(results.map((r) => r.cpuMs));
    const size = statSync(join(dir, 'dist/extension.js')).size;
    return [
      { area: 'activation', metric: `load dist/extension.js, cold (median of ${RUNS})`, value: load, unit: 'ms' },
      { area: 'activation', metric: 'activate() until the server process is forked', value: activate, unit: 'ms' },
      { area: 'activation', metric: 'extension host time to activate (load + activate)', value: total, unit: 'ms', target: `<= ${TARGET_MS} ms`, ok: total <= TARGET_MS },
      // CPU time is what the wall time would be on an idle machine; it shows when the wall time is
      // inflated by other work on a shared machine.
      { area: 'activation', metric: 'CPU time of load + activate', value: cpu, unit: 'ms' },
      { area: 'activation', metric: 'production dist/extension.js size', value: Math.round(size / 1024), unit: 'KiB' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
