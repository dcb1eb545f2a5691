// Parameter checking the way Qualys FO APIs answer it: unknown names -> 1901, a missing required one -> 1903,
// a bad value -> 1905 (texts from reference/qualys/params/error_codes.reference.json). Endpoints describe their
// parameters as data (`ParamSpec`), so the checks are the same everywhere.
import { ipToNumber } from './data/hosts';

export type ParamType = 'int' | 'ids' | 'ips' | 'date' | 'text' | 'regex';

export interface ParamRule {
  values?: readonly string[];
  type?: ParamType;
  required?: boolean;
}

export type ParamSpec = Readonly<Record<string, ParamRule>>;

export interface ParamError { code: number; text: string }

/** The last instance of a repeated parameter wins (Qualys convention). */
export function mergeParams(query: URLSearchParams, form?: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of query) out.set(k, v);
  if (form) for (const [k, v] of form) out.set(k, v);
  return out;
}

export function checkParams(params: Map<string, string>, spec: ParamSpec): ParamError | undefined {
  const unknown = [...params.keys()].filter((k) => !(k in spec));
  if (unknown.length > 0) return { code: 1901, text: `Unrecognized parameter(s): ${unknown.join(', ')}` };
  const missing = Object.entries(spec).filter(([k, r]) => r.required && !params.has(k)).map(([k]) => k);
  if (missing.length > 0) return { code: 1903, text: `Missing required parameter(s): ${missing.join(', ')}` };
  for (const [name, value] of params) {
    const problem = valueProblem(spec[name], value);
    if (problem) return { code: 1905, text: `parameter ${name} has invalid value: ${value} (${problem})` };
  }
  return undefined;
}

function valueProblem(rule: ParamRule, value: string): string | undefined {
  if (rule.values && !rule.values.includes(value)) return `must be one of: ${rule.values.join(', ')}`;
  switch (rule.type) {
    case 'int':
      return /^\d+$/.test(value) ? undefined : 'not a positive integer';
    case 'ids':
      return parseIdRanges(value) ? undefined : `neither a positive integer nor a range: ${value}`;
    case 'ips':
      return parseIpRanges(value) ? undefined : 'not a valid IP address or range';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/.test(value) ? undefined : 'not a date (YYYY-MM-DD[THH:MM:SSZ])';
    case 'regex':
      if (value === '') return 'empty value not allowed';
      try {
        new RegExp(value);
        return undefined;
      } catch {
        return 'not a valid regular expression';
      }
    default:
      return undefined;
  }
}

export interface Range { lo: number; hi: number }

/** "190-400,512" -> ranges; undefined when any part is not an id or id range. */
export function parseIdRanges(value: string): Range[] | undefined {
  const out: Range[] = [];
  for (const part of value.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) return undefined;
    const lo = Number(m[1]);
    const hi = m[2] !== undefined ? Number(m[2]) : lo;
    if (hi < lo) return undefined;
    out.push({ lo, hi });
  }
  return out;
}

/** "10.0.0.1-10.0.0.9,10.1.1.1" or CIDR "10.0.0.0/24" -> numeric ranges. */
export function parseIpRanges(value: string): Range[] | undefined {
  const out: Range[] = [];
  for (const part of value.split(',')) {
    const p = part.trim();
    const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(p);
    if (cidr) {
      const base = ipToNumber(cidr[1]);
      const bits = Number(cidr[2]);
      if (base === undefined || bits > 32) return undefined;
      const size = 2 ** (32 - bits);
      const lo = Math.floor(base / size) * size;
      out.push({ lo, hi: lo + size - 1 });
      continue;
    }
    const [a, b] = p.split('-');
    const lo = ipToNumber(a ?? '');
    const hi = b !== undefined ? ipToNumber(b) : lo;
    if (lo === undefined || hi === undefined || hi < lo) return undefined;
    out.push({ lo, hi });
  }
  return out;
}

export function inRanges(n: number, ranges: readonly Range[]): boolean {
  return ranges.some((r) => n >= r.lo && n <= r.hi);
}

export const BOOL = ['0', '1'] as const;
