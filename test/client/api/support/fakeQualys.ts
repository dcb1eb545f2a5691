/**
 * A tiny scripted HTTP server on 127.0.0.1 (port 0) for client tests before/beside the simulator:
 * each test routes requests to a handler and inspects what the client sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QualysClient, type QualysClientOptions } from '../../../../client/src/api/client';
import { ConcurrencyLimiter } from '../../../../client/src/api/limiter';
import { resolveEndpoints } from '../../../../client/src/api/platforms';

export interface Received {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** Date.now() when the request was complete. */
  readonly at: number;
}

export type Handler = (req: Received, res: ServerResponse) => void | Promise<void>;

export interface FakeQualys {
  readonly url: string;
  readonly received: Received[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export function fixture(name: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');
}

export const LIMIT_HEADERS = {
  'x-ratelimit-limit': '300',
  'x-ratelimit-window-sec': '3600',
  'x-concurrency-limit-limit': '2',
  'x-concurrency-limit-running': '0',
  'x-ratelimit-towait-sec': '0',
  'x-ratelimit-remaining': '297',
};

export function xml(res: ServerResponse, body: string, status = 200, headers: Record<string, string> = LIMIT_HEADERS): void {
  res.writeHead(status, { 'content-type': 'application/xml', ...headers });
  res.end(body);
}

export async function startFake(): Promise<FakeQualys> {
  let handler: Handler = (_req, res) => {
    res.writeHead(404);
    res.end();
  };
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry: Received = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://127.0.0.1'), headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(entry);
      void Promise.resolve(handler(entry, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    handle(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const USER = 'acme_ab12';
export const PASSWORD = 'S3cr3t!pass word';

/** A client of the fake server with fast retries and its own limiter. */
export function clientFor(fake: { url: string }, options: Partial<QualysClientOptions> = {}): QualysClient {
  const endpoints = resolveEndpoints({ url: fake.url });
  if (!endpoints.ok) throw new Error(endpoints.error.message);
  return new QualysClient({
    endpoints: endpoints.value,
    credentials: { username: USER, password: PASSWORD },
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxWaitSec: 2 },
    limiter: new ConcurrencyLimiter(),
    timeoutMs: 5000,
    ...options,
  });
}
