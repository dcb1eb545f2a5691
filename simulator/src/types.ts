// The public shapes of the simulator (the `sim` contract in the team brief). index.ts re-exports them.

export interface Faults {
  /** Added to every response. */
  latencyMs: number;
  /** Every API call answers 409 with CODE 1960 (concurrency) or 1965 (rate) and the headers. */
  storm409: 'off' | 'concurrency' | 'rate';
  /** SIMPLE_RETURN CODE 2001 with HTTP 200, as recorded from a live expired account. */
  accountExpired200: boolean;
  /** The next N calls answer 503. Counts down. */
  http5xx: number;
  /** The socket is destroyed half way through a body. */
  resetMidBody: boolean;
  /** XML bodies cut short (a well-formedness error). */
  truncatedXml: boolean;
  /** PCRS gzip bodies corrupted. */
  corruptGzip: boolean;
  /** Every JWT presented is treated as expired (401). */
  expiredJwt: boolean;
  /** The user may not read the KnowledgeBase (an Auditor): its list answers 403. */
  knowledgeBaseDenied: boolean;
}

export interface SimulatorOptions {
  /** 0 (default) = ephemeral; tests always use 0. */
  port?: number;
  seed?: number;
  /** Default 2000. */
  hosts?: number;
  /** Default 12. */
  policies?: number;
  /** Default 300. */
  authRecords?: number;
  /** Basic auth accepted (default 'demo' / 'demo'). */
  user?: string;
  password?: string;
  /** Default truncation_limit of the host list (Qualys: 1000). */
  pageSize?: number;
  /** X-Concurrency-Limit-Limit (default 2). */
  concurrencyLimit?: number;
  /** X-RateLimit-Limit / -Window-Sec (default 300 per 3600 s). */
  rateLimit?: { limit: number; windowSec: number };
  /** Default 14400 (4 hours, as Qualys documents). */
  jwtLifetimeSec?: number;
  faults?: Partial<Faults>;
  /** Fixed DATETIME for every response (ISO 8601, e.g. '2026-01-15T10:00:00Z'); default: the wall clock.
   *  Tests that compare bytes set it. */
  fixedTime?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  at: number;
}

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:PORT (the API base, "{{baseUrl}}"). */
  readonly url: string;
  /** JWT gateway base (same server and origin here). */
  readonly gatewayUrl: string;
  setFaults(faults: Partial<Faults>): void;
  /** Every request received: method, path + query, headers (Authorization redacted), time. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  close(): Promise<void>;
}

export const noFaults: Faults = {
  latencyMs: 0,
  storm409: 'off',
  accountExpired200: false,
  http5xx: 0,
  resetMidBody: false,
  truncatedXml: false,
  corruptGzip: false,
  expiredJwt: false,
  knowledgeBaseDenied: false,
};
