/**
 * Loads the Qualys simulator (simulator/src/index.ts, the `sim` contract in BRIEF.md) when it is in
 * the tree. The integration tests skip, saying why, until it is; the types below are the contract's.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface Faults {
  latencyMs: number;
  storm409: 'off' | 'concurrency' | 'rate';
  accountExpired200: boolean;
  http5xx: number;
  resetMidBody: boolean;
  truncatedXml: boolean;
  corruptGzip: boolean;
  expiredJwt: boolean;
}

export interface SimulatorOptions {
  port?: number;
  seed?: number;
  hosts?: number;
  policies?: number;
  authRecords?: number;
  user?: string;
  password?: string;
  pageSize?: number;
  concurrencyLimit?: number;
  rateLimit?: { limit: number; windowSec: number };
  jwtLifetimeSec?: number;
  faults?: Partial<Faults>;
}

export interface RunningSimulator {
  readonly url: string;
  readonly gatewayUrl: string;
  setFaults(faults: Partial<Faults>): void;
  readonly requests: ReadonlyArray<{ method: string; url: string; headers: Record<string, string>; at: number }>;
  close(): Promise<void>;
}

const ENTRY = join(__dirname, '..', '..', '..', 'simulator', 'src', 'index.ts');

export const simulatorMissing: string | false = existsSync(ENTRY) ? false : 'the simulator (simulator/src/index.ts) is not in this tree yet';

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const module = (await import(ENTRY)) as { startSimulator(options: SimulatorOptions): Promise<RunningSimulator> };
  return module.startSimulator(options);
}
