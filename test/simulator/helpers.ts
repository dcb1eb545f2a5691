// Shared helpers for the simulator tests: a started simulator per test, authenticated fetches, xmllint.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/src/index';

export const REF_DTD = join('/work/shared/reference/qualys/dtd');
export const LOCAL_DTD = join(__dirname, 'dtd');

export async function withSim<T>(options: SimulatorOptions, fn: (sim: RunningSimulator) => Promise<T>): Promise<T> {
  const sim = await startSimulator({ port: 0, ...options });
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

export const BASIC = `Basic ${Buffer.from('demo:demo').toString('base64')}`;

export interface Res { status: number; headers: Headers; text: string; body: Buffer }

/** An FO call with Basic auth and X-Requested-With (both overridable). */
export async function call(sim: RunningSimulator, path: string, init: { method?: string; form?: Record<string, string>; body?: string; headers?: Record<string, string> } = {}): Promise<Res> {
  const headers: Record<string, string> = { Authorization: BASIC, 'X-Requested-With': 'simulator-test', ...init.headers };
  let body: string | undefined = init.body;
  if (init.form) {
    body = new URLSearchParams(init.form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  const r = await fetch(sim.url + path, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
  const buf = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, text: buf.toString('utf8'), body: buf };
}

/** Validates an XML document against a DTD with xmllint; returns '' when valid, else xmllint's complaints. */
export function dtdErrors(xml: string, dtdPath: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'simdtd-'));
  try {
    const file = join(dir, 'doc.xml');
    // The DOCTYPE names a URL on the simulator; xmllint must use the given DTD and never fetch.
    writeFileSync(file, xml.replace(/<!DOCTYPE[^>]*>\n?/, ''));
    execFileSync('xmllint', ['--noout', '--nonet', '--dtdvalid', dtdPath, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    const err = e as { stderr?: Buffer };
    return err.stderr?.toString() ?? String(e);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function tagValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>(?:<!\\[CDATA\\[)?([^<\\]]*)(?:\\]\\]>)?</${tag}>`, 'g'))].map((m) => m[1]);
}

/** A JWT from the simulator's gateway (POST /auth, form username/password/token=true). */
export async function jwt(sim: RunningSimulator, password = 'demo'): Promise<Response> {
  return fetch(`${sim.gatewayUrl}/auth`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'demo', password, token: 'true' }).toString() });
}
