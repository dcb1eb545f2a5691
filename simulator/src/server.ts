// The HTTP server: one pipeline for every request (log, faults, auth, limits, route, body faults).
// Binds to 127.0.0.1 only. Routes live in routes/*.ts, one file per API area.
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { accountExpired, badLogin, concurrencyError, foError, pcrsErrors, rateError } from './errors';
import { mergeParams } from './params';
import { findRoute } from './routes/table';
import type { Ctx, SimResponse } from './routes/types';
import { SimState } from './state';
import type { Faults, RecordedRequest, RunningSimulator, SimulatorOptions } from './types';
import { simpleReturn } from './xml/simpleReturn';

const MAX_BODY = 20 * 1024 * 1024;

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const state = new SimState(options);
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let base = '';

  const server = createServer((req, res) => {
    handle(state, base, requests, req, res).catch((err: unknown) => {
      // A bug in a route must not take the simulator down; answer 500 like a broken backend would.
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`simulator error: ${err instanceof Error ? err.message : String(err)}`);
      } else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    gatewayUrl: base,
    setFaults: (f: Partial<Faults>) => state.setFaults(f),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

type Area = 'fo' | 'qps' | 'gateway' | 'pcrs' | 'control' | 'none';

function areaOf(path: string): Area {
  if (path.startsWith('/api/')) return 'fo';
  // API v1 (/msp/*.php): Basic authentication and the same limits as FO.
  if (path.startsWith('/msp/')) return 'fo';
  if (path.startsWith('/qps/')) return 'qps';
  if (path === '/auth') return 'gateway';
  if (path.startsWith('/pcrs/')) return 'pcrs';
  if (path.startsWith('/__simulator/')) return 'control';
  return 'none';
}

async function handle(state: SimState, base: string, log: RecordedRequest[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', base);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers[k] = k === 'authorization' || k === 'cookie' ? 'REDACTED' : Array.isArray(v) ? v.join(', ') : v;
  }
  log.push({ method: req.method ?? 'GET', url: url.pathname + url.search, headers, at: Date.now() });

  const body = await readBody(req);
  if (body === undefined) {
    res.writeHead(413, { 'Content-Type': 'text/plain' }).end('request body too large');
    return;
  }
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const contentType = String(req.headers['content-type'] ?? '');
  const form = contentType.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(body.toString('utf8')) : undefined;
  const ctx: Ctx = {
    method: req.method ?? 'GET',
    path,
    query: url.searchParams,
    params: mergeParams(url.searchParams, form),
    body,
    contentType,
    headers: req.headers,
    state,
    base,
    now: state.datetime(),
    user: '',
  };
  const area = areaOf(path);
  if (area === 'control') {
    const route = findRoute(path);
    await send(ctx, res, route ? await route.handler(ctx) : notFound(), area, false);
    return;
  }

  const faults = state.faults;
  if (faults.http5xx > 0) {
    state.setFaults({ http5xx: faults.http5xx - 1 });
    await send(ctx, res, { status: 503, kind: 'html', body: '<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>\n' }, area, false);
    return;
  }

  if (area === 'fo' || area === 'qps') {
    const user = basicUser(req, state);
    if (user === undefined) {
      await send(ctx, res, area === 'qps' ? qpsInvalidCredentials() : badLogin(ctx), area, false);
      return;
    }
    ctx.user = user;
    if (area === 'fo' && !path.startsWith('/msp/') && !req.headers['x-requested-with']) {
      // Qualys refuses FO calls without the CSRF header; the exact code is not public (see docs/simulator.md).
      await send(ctx, res, foError(ctx, 1903, 'Missing required header: X-Requested-With'), area, true);
      return;
    }
    if (faults.storm409 !== 'off') {
      const r = faults.storm409 === 'concurrency' ? concurrencyError(ctx, state.limiter.concurrencyLimit) : rateError(ctx, state.limiter.windowSec);
      const limitHeaders = state.limiter.headers(state.nowMs(), state.limiter.concurrencyLimit);
      if (faults.storm409 === 'rate') {
        limitHeaders['X-RateLimit-Remaining'] = '0';
        limitHeaders['X-RateLimit-ToWait-Sec'] = String(state.limiter.windowSec);
      }
      await send(ctx, res, { ...r, headers: limitHeaders, noLimitHeaders: true }, area, false);
      return;
    }
    if (faults.accountExpired200 && area === 'fo') {
      await send(ctx, res, accountExpired(ctx), area, false);
      return;
    }
    const limiter = state.limiter;
    if (limiter.running >= limiter.concurrencyLimit) {
      await send(ctx, res, concurrencyError(ctx, limiter.running), area, true);
      return;
    }
    if (!limiter.take(state.nowMs())) {
      await send(ctx, res, rateError(ctx, limiter.secondsToWait(state.nowMs())), area, true);
      return;
    }
    limiter.running++;
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        limiter.running--;
      }
    };
    res.on('close', release);
    res.on('finish', release);
  }

  if (area === 'pcrs') {
    const auth = String(req.headers.authorization ?? '');
    const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
    const verdict = token ? state.jwt.check(token, state.nowMs()) : 'invalid';
    if (verdict === 'expired' || (verdict === 'ok' && faults.expiredJwt)) {
      await send(ctx, res, { status: 401, kind: 'json', body: JSON.stringify(pcrsErrors.jwtExpired) }, area, false);
      return;
    }
    if (verdict === 'invalid') {
      await send(ctx, res, { status: 401, kind: 'json', body: JSON.stringify(pcrsErrors.notAuthenticated) }, area, false);
      return;
    }
  }

  // Latency counts as time in flight, so slow answers fill the concurrency limit like on a busy platform.
  // Answers given before this point (refusals) are delayed in send() instead.
  if (faults.latencyMs > 0) await sleep(faults.latencyMs);
  delayed.add(res);
  const route = findRoute(path);
  const response = route && (route.methods.includes(ctx.method) || (ctx.method === 'HEAD' && route.methods.includes('GET')))
    ? await route.handler(ctx)
    : route
      ? methodNotAllowed(ctx, area)
      : notFound(area === 'fo' ? ctx : undefined);
  await send(ctx, res, response, area, area === 'fo' || area === 'qps');
}

function basicUser(req: IncomingMessage, state: SimState): string | undefined {
  const m = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  const user = decoded.slice(0, i);
  return user === state.opts.user && decoded.slice(i + 1) === state.opts.password ? user : undefined;
}

function qpsInvalidCredentials(): SimResponse {
  // Recorded: QPS answers bad credentials with HTTP 200 and a ServiceResponse (qps_service_response_invalid_credentials_http200).
  return {
    status: 200,
    kind: 'xml',
    noLimitHeaders: true,
    body:
      '<?xml version="1.0" encoding="UTF-8"?>\n<ServiceResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://qualysapi.qualys.com/qps/xsd/2.0/am/hostasset.xsd">\n' +
      '  <responseCode>INVALID_CREDENTIALS</responseCode>\n  <responseErrorDetails>\n    <errorMessage>Authentication failed</errorMessage>\n' +
      '    <errorResolution>Verify both, user and password credentials.</errorResolution>\n  </responseErrorDetails>\n</ServiceResponse>\n',
  };
}

function notFound(ctx?: Ctx): SimResponse {
  if (ctx) return { status: 404, kind: 'xml', body: simpleReturn(ctx.base, ctx.now, { code: 999, text: `No such API: ${ctx.path}` }) };
  return { status: 404, kind: 'text', body: 'Not Found\n' };
}

function methodNotAllowed(ctx: Ctx, area: Area): SimResponse {
  if (area === 'fo') return foError(ctx, 1908, `Request method (GET or POST) is incompatible with specified parameter(s): ${ctx.method}`);
  return { status: 405, kind: 'text', body: 'Method Not Allowed\n' };
}

const CONTENT_TYPES: Record<SimResponse['kind'], string> = {
  xml: 'application/xml',
  json: 'application/json',
  gzip: 'application/octet-stream',
  text: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** Responses that already waited for the latency fault. */
const delayed = new WeakSet<ServerResponse>();

async function send(ctx: Ctx, res: ServerResponse, r: SimResponse, area: Area, limitHeaders: boolean): Promise<void> {
  const { state } = ctx;
  const faults = state.faults;
  if (area !== 'control' && faults.latencyMs > 0 && !delayed.has(res)) await sleep(faults.latencyMs);
  const headers: Record<string, string> = { 'Content-Type': CONTENT_TYPES[r.kind], ...r.headers };
  if (limitHeaders && !r.noLimitHeaders && (area === 'fo' || area === 'qps')) Object.assign(headers, state.limiter.headers(state.nowMs()));

  let body = r.body;
  const streamedGzip = typeof body === 'function' && r.kind === 'gzip';
  // Body faults need the whole body; fault tests use small data, so building it here is fine.
  const mustMaterialize = typeof body === 'function' && ((faults.truncatedXml && r.kind === 'xml') || faults.resetMidBody || (streamedGzip && faults.corruptGzip));
  if (typeof body === 'function' && mustMaterialize) {
    const text = [...body()].join('');
    body = streamedGzip ? gzipSync(Buffer.from(text, 'utf8')) : text;
  }
  if (typeof body !== 'function') {
    let buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (area !== 'control') {
      if (faults.truncatedXml && r.kind === 'xml') buf = buf.subarray(0, Math.max(1, Math.floor(buf.length * 0.6)));
      if (faults.corruptGzip && r.kind === 'gzip') buf = corrupt(buf);
    }
    headers['Content-Length'] = String(buf.length);
    res.writeHead(r.status, headers);
    if (ctx.method === 'HEAD') {
      res.end();
      return;
    }
    if (faults.resetMidBody && area !== 'control') {
      // Half the promised bytes, then a dead socket: the client sees a body that stops mid-stream.
      res.write(buf.subarray(0, Math.floor(buf.length / 2)));
      await new Promise((r2) => setTimeout(r2, 20));
      res.socket?.destroy();
      return;
    }
    res.end(buf);
    return;
  }
  res.writeHead(r.status, headers);
  // Generated bodies are written chunk by chunk, waiting for the socket (or the gzip stream) to drain.
  const gz = streamedGzip ? createGzip() : undefined;
  gz?.pipe(res);
  const sink: Writable = gz ?? res;
  for (const chunk of body()) {
    if (res.destroyed) {
      sink.destroy();
      return;
    }
    if (!sink.write(chunk)) await drained(sink, res);
  }
  sink.end();
}

function drained(sink: Writable, res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      sink.off('drain', done);
      res.off('close', done);
      resolve();
    };
    sink.on('drain', done);
    res.on('close', done);
  });
}

/** Damages a gzip stream so that gunzip fails: bytes flipped in the deflate data and the trailer cut off. */
function corrupt(buf: Buffer): Buffer {
  const out = Buffer.from(buf.subarray(0, Math.max(12, buf.length - 6)));
  for (let i = 10; i < Math.min(out.length, 40); i++) out[i] ^= 0x5a;
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
