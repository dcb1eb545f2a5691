/**
 * Timeouts and the concurrency limit, against a server that stalls its answers and counts the calls
 * it has in flight per connection (a request received and not answered, on a connection not yet
 * closed): a timed-out call keeps its slot until its connection is really closed, a timeout is
 * retried once after a backoff, and the server never sees more calls at once than the account's
 * X-Concurrency-Limit-Limit.
 */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { listAuthRecordTypes, type Result } from '../../../client/src/api';
import { clientFor, LIMIT_HEADERS } from './support/fakeQualys';

const TYPES = `<AUTH_LIST_OUTPUT><RESPONSE><DATETIME>2021-03-10T00:00:00Z</DATETIME><AUTH_RECORDS/></RESPONSE></AUTH_LIST_OUTPUT>`;

interface StallingServer {
  readonly url: string;
  /** Calls in flight now, and the most seen at once. */
  readonly inFlight: number;
  readonly peak: number;
  /** Arrival times of the requests (Date.now()). */
  readonly arrivals: number[];
  /** Answers immediately (with these limit headers) instead of stalling, while set. */
  answerWith: Record<string, string> | undefined;
  resetPeak(): void;
  close(): Promise<void>;
}

async function startStalling(): Promise<StallingServer> {
  const busy = new Set<Socket>();
  let peak = 0;
  const arrivals: number[] = [];
  const state = {
    answerWith: undefined as Record<string, string> | undefined,
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    arrivals.push(Date.now());
    const socket = req.socket;
    busy.add(socket);
    peak = Math.max(peak, busy.size);
    const done = (): void => {
      busy.delete(socket);
    };
    socket.once('close', done);
    res.once('finish', done);
    if (state.answerWith) {
      res.writeHead(200, { 'content-type': 'application/xml', ...state.answerWith });
      res.end(TYPES);
    }
    // Otherwise: stall. Like Qualys, the call is never answered within the client's timeout.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get inFlight() {
      return busy.size;
    },
    get peak() {
      return peak;
    },
    arrivals,
    get answerWith() {
      return state.answerWith;
    },
    set answerWith(value) {
      state.answerWith = value;
    },
    resetPeak() {
      peak = busy.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const serverPromise = startStalling();
after(async () => (await serverPromise).close());

test('9 read calls that all time out: never more in flight at the server than the limit, and never 36 requests', async () => {
  const server = await serverPromise;
  const client = clientFor(server, { timeoutMs: 150, retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 80 } });
  const start = server.arrivals.length;
  server.resetPeak();
  const results: Result<unknown>[] = await Promise.all(Array.from({ length: 9 }, () => listAuthRecordTypes(client)));
  const requests = server.arrivals.length - start;
  assert.ok(results.every((r) => !r.ok && r.error.kind === 'timeout'), JSON.stringify(results.map((r) => !r.ok && r.error.kind)));
  assert.ok(server.peak <= 2, `the server saw ${server.peak} calls at once; the limit is 2`);
  assert.ok(requests <= 18, `9 calls became ${requests} requests (a timeout is retried once)`);
  assert.ok(requests >= 9);
  assert.equal(client.limiter.inFlight, 0, 'every slot released in the end');
  await client.close();
});

test('the limit the account reports (X-Concurrency-Limit-Limit: 3) holds for stalled calls too', async () => {
  const server = await serverPromise;
  const client = clientFor(server, { timeoutMs: 150, retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 80 } });
  server.answerWith = { ...LIMIT_HEADERS, 'x-concurrency-limit-limit': '3' };
  const first = await listAuthRecordTypes(client);
  assert.ok(first.ok);
  assert.equal(client.limiter.limit, 3);
  server.answerWith = undefined;
  server.resetPeak();
  await Promise.all(Array.from({ length: 9 }, () => listAuthRecordTypes(client)));
  assert.ok(server.peak <= 3, `the server saw ${server.peak} calls at once; the limit is 3`);
  await client.close();
});

test('a timed-out call is retried after a backoff, not at once', async () => {
  const server = await serverPromise;
  const client = clientFor(server, { timeoutMs: 100, retry: { attempts: 4, baseDelayMs: 300, maxDelayMs: 1000 } });
  const start = server.arrivals.length;
  const result = await listAuthRecordTypes(client);
  assert.deepEqual(!result.ok && [result.error.kind, result.error.attempts], ['timeout', 2]);
  const [first, second] = server.arrivals.slice(start);
  assert.equal(server.arrivals.length - start, 2);
  // The timeout (100 ms) and then at least half the first backoff step (300 ms, jittered down to 150 ms).
  assert.ok(second! - first! >= 240, `retried ${second! - first!} ms after the first attempt`);
  await client.close();
});
