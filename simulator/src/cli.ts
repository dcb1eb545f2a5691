// `npm run simulator -- --port 8443 --hosts 100000 --user demo --password demo [--seed N] [--page-size N]
//  [--policies N] [--auth-records N] [--latency MS] [--concurrency N] [--rate-limit N] [--rate-window SEC] [--jwt-lifetime SEC]`
import { startSimulator } from './server';
import type { SimulatorOptions } from './types';

const USAGE = 'usage: npm run simulator -- [--port P] [--hosts N] [--user U] [--password W] [--seed N] [--page-size N] [--policies N] [--auth-records N] [--latency MS] [--concurrency N] [--rate-limit N] [--rate-window SEC] [--jwt-lifetime SEC]';

export function parseArgs(argv: string[]): SimulatorOptions {
  const o: SimulatorOptions = {};
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer, got ${v ?? 'nothing'}\n${USAGE}`);
    return n;
  };
  let rate: number | undefined;
  let windowSec: number | undefined;
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k];
    const v = argv[k + 1];
    k++;
    switch (flag) {
      case '--port': o.port = num(flag, v); break;
      case '--hosts': o.hosts = num(flag, v); break;
      case '--seed': o.seed = num(flag, v); break;
      case '--page-size': o.pageSize = num(flag, v); break;
      case '--policies': o.policies = num(flag, v); break;
      case '--auth-records': o.authRecords = num(flag, v); break;
      case '--concurrency': o.concurrencyLimit = num(flag, v); break;
      case '--rate-limit': rate = num(flag, v); break;
      case '--rate-window': windowSec = num(flag, v); break;
      case '--jwt-lifetime': o.jwtLifetimeSec = num(flag, v); break;
      case '--latency': o.faults = { ...o.faults, latencyMs: num(flag, v) }; break;
      case '--user':
        if (!v) throw new Error(`--user needs a value\n${USAGE}`);
        o.user = v;
        break;
      case '--password':
        if (!v) throw new Error(`--password needs a value\n${USAGE}`);
        o.password = v;
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  if (rate !== undefined || windowSec !== undefined) o.rateLimit = { limit: rate ?? 300, windowSec: windowSec ?? 3600 };
  return o;
}

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
  const sim = await startSimulator({ port: 8443, ...options });
  console.log(`Qualys simulator listening on ${sim.url} (user ${options.user ?? 'demo'}; hosts ${options.hosts ?? 2000}; seed ${options.seed ?? 1})`);
  console.log(`faults: POST ${sim.url}/__simulator/faults  health: GET ${sim.url}/__simulator/health`);
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) void main();
