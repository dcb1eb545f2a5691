/** A client of a running simulator with fast retries and a limiter of its own. */
import { createQualysClient } from '../../../../client/src/api';
import type { QualysClient, QualysClientOptions } from '../../../../client/src/api/client';
import { ConcurrencyLimiter } from '../../../../client/src/api/limiter';
import type { RunningSimulator } from '../../../../simulator/src/index';

export const SIM_USER = 'acme_tw1';
export const SIM_PASSWORD = 'Sim-Pa55 word!';

export function simClient(sim: RunningSimulator, options: Partial<QualysClientOptions> & { password?: string } = {}): QualysClient {
  const { password, ...rest } = options;
  const client = createQualysClient(
    { where: { url: sim.url }, gatewayUrl: sim.gatewayUrl, credentials: { username: SIM_USER, password: password ?? SIM_PASSWORD } },
    { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxWaitSec: 2 }, limiter: new ConcurrencyLimiter(), timeoutMs: 20_000, ...rest },
  );
  if (!client.ok) throw new Error(client.error.message);
  return client.value;
}

/** Requests the simulator received after `from`, as paths with their query. */
export function requestsSince(sim: RunningSimulator, from: number, pathPart = ''): string[] {
  return sim.requests.slice(from).map((r) => r.url).filter((u) => u.includes(pathPart));
}
