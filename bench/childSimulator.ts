/**
 * The simulator in a child process, so that only the extension side's work runs on the benchmark's
 * event loop (an in-process simulator builds its answers on the thread whose blocks are measured).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SimulatorOptions } from '../simulator/src/index';

const SIMULATOR = join(__dirname, '..', 'simulator', 'src', 'index.ts');

export interface ChildSimulator {
  readonly url: string;
  readonly child: ChildProcess;
  close(): void;
}

export function startChildSimulator(options: SimulatorOptions): Promise<ChildSimulator> {
  const script = `require(${JSON.stringify(SIMULATOR)}).startSimulator(${JSON.stringify({ ...options, port: 0 })}).then((s) => process.stdout.write(s.url + '\\n'));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the simulator exited with code ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve({ url: chunk.toString().trim(), child, close: () => child.kill() }));
  });
}
