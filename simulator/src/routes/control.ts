// The simulator's own control endpoints (not Qualys): health, and fault switches for demos and e2e tests.
import type { Faults } from '../types';
import { json, type Handler } from './types';

export const healthRoute: Handler = (ctx) => json({ status: 'ok', hosts: ctx.state.opts.hosts, policies: ctx.state.opts.policies, authRecords: ctx.state.auth.records.length });

const FAULT_KEYS: Record<keyof Faults, (v: unknown) => boolean> = {
  latencyMs: (v) => typeof v === 'number' && v >= 0,
  storm409: (v) => v === 'off' || v === 'concurrency' || v === 'rate',
  accountExpired200: (v) => typeof v === 'boolean',
  http5xx: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
  resetMidBody: (v) => typeof v === 'boolean',
  truncatedXml: (v) => typeof v === 'boolean',
  corruptGzip: (v) => typeof v === 'boolean',
  expiredJwt: (v) => typeof v === 'boolean',
  knowledgeBaseDenied: (v) => typeof v === 'boolean',
};

export const faultsRoute: Handler = (ctx) => {
  if (ctx.method === 'GET') return json(ctx.state.faults);
  let parsed: unknown;
  try {
    parsed = JSON.parse(ctx.body.toString('utf8') || '{}');
  } catch {
    return json({ error: 'body is not JSON' }, 400);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return json({ error: 'expected a JSON object of faults' }, 400);
  const update: Partial<Record<keyof Faults, unknown>> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (!(k in FAULT_KEYS)) return json({ error: `unknown fault: ${k}` }, 400);
    if (!FAULT_KEYS[k as keyof Faults](v)) return json({ error: `bad value for ${k}: ${JSON.stringify(v)}` }, 400);
    update[k as keyof Faults] = v;
  }
  ctx.state.setFaults(update as Partial<Faults>);
  return json(ctx.state.faults);
};
