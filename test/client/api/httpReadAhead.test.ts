/**
 * A streamed body is read ahead of its sink: the server can send the whole answer while the sink
 * is still working on its start (the page's parse overlaps Qualys' sending instead of taking turns
 * with it through the sockets' small buffers), every byte reaches the sink once and in order, and a
 * sink that stops reading ends the exchange as dropped.
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { Worker } from 'node:worker_threads';
import { Agent } from 'undici';
import { PassThrough } from 'node:stream';
import { exchange, feedSink, READ_AHEAD_BYTES } from '../../../client/src/api/http';

/** The server's write size: a multiple of 251, so every chunk is the same bytes. */
const CHUNK = 251 * 256;

/**
 * A server on its own thread (as Qualys is elsewhere: a sink holding this thread must not hold the
 * server) sending `total` bytes (byte i is i mod 251).
 */
async function startSender(total: number): Promise<{ url: URL; close(): Promise<void> }> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { createServer } = require('node:http');
    const total = workerData;
    const pattern = Buffer.alloc(${CHUNK});
    for (let i = 0; i < pattern.length; i++) pattern[i] = i % 251;
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let sent = 0;
      const more = () => {
        while (sent < total) {
          const size = Math.min(${CHUNK}, total - sent);
          sent += size;
          if (!res.write(pattern.subarray(0, size))) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
    parentPort.on('message', () => server.close(() => process.exit(0)));`;
  const worker = new Worker(source, { eval: true, workerData: total });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  return {
    url: new URL(`http://127.0.0.1:${port}/`),
    close: async () => {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

/** Holds the thread for `ms` (a sink parsing). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

test('a slow sink gets every byte of a body over HTTP once and in order', async () => {
  const total = 40 * 1024 * 1024;
  const sender = await startSender(total);
  const dispatcher = new Agent();
  let received = 0;
  let inOrder = true;
  try {
    const result = await exchange({ method: 'GET', url: sender.url, headers: {} }, {
      dispatcher,
      timeoutMs: 120_000,
      maxBodyBytes: total * 2,
      sink: () => ({
        write: (chunk: Buffer) => {
          for (let i = 0; i < chunk.length; i += 4093) if (chunk[i] !== (received + i) % 251) inOrder = false;
          received += chunk.length;
          busy(3);
          return true;
        },
      }),
    });
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.equal(result.value.dropped, undefined);
    assert.equal(received, total);
    assert.ok(inOrder, 'the sink saw the bytes out of order');
  } finally {
    await dispatcher.close();
    await sender.close();
  }
});

test('a sink that stops reading drops the rest of the body', async () => {
  const sender = await startSender(4 * 1024 * 1024);
  const dispatcher = new Agent();
  let calls = 0;
  try {
    const result = await exchange({ method: 'GET', url: sender.url, headers: {} }, {
      dispatcher,
      timeoutMs: 60_000,
      maxBodyBytes: 64 * 1024 * 1024,
      sink: () => ({ write: () => ++calls < 3 }),
    });
    assert.ok(result.ok);
    assert.equal(result.value.dropped, true);
    assert.equal(calls, 3);
  } finally {
    await dispatcher.destroy();
    await sender.close();
  }
});

test('a body is read ahead of a slow sink as far as READ_AHEAD_BYTES, then paused until the sink catches up', async () => {
  // The body's writer sends as fast as the body takes it; the sink holds the thread 3 ms a piece.
  const body = new PassThrough();
  const total = READ_AHEAD_BYTES * 3;
  const chunk = Buffer.alloc(CHUNK, 7);
  let written = 0;
  let received = 0;
  let lead = 0;
  const pump = (): void => {
    while (written < total) {
      written += chunk.length;
      if (!body.write(chunk)) return void body.once('drain', pump);
    }
    body.end();
  };
  setImmediate(pump);
  const read = await feedSink(body, {
    write: (piece: Buffer) => {
      received += piece.length;
      lead = Math.max(lead, written - received);
      busy(3);
      return true;
    },
  }, total * 2);
  assert.equal(read, 'read');
  assert.equal(received, written);
  const mib = (n: number): string => `${(n / 2 ** 20).toFixed(2)} MiB`;
  // The writer got READ_AHEAD_BYTES ahead of the sink (the body read while the sink worked), and
  // no further than that plus the stream's own small buffers (the body paused).
  assert.ok(lead >= READ_AHEAD_BYTES, `the writer was at most ${mib(lead)} ahead: nothing was read ahead`);
  assert.ok(lead <= READ_AHEAD_BYTES + 4 * CHUNK, `the writer was ${mib(lead)} ahead: reading ahead was not bounded`);
});

test('a body that fails while read ahead fails the exchange, after the sink had what came before', async () => {
  const body = new PassThrough();
  let received = 0;
  setImmediate(() => {
    body.write(Buffer.alloc(CHUNK));
    setImmediate(() => body.destroy(new Error('connection reset')));
  });
  await assert.rejects(feedSink(body, { write: (piece: Buffer) => ((received += piece.length), true) }, 1 << 30), /connection reset/);
  assert.equal(received, CHUNK);
});
