/**
 * The PCRS flow on the gateway: a JWT (gatewayToken.ts), resolve host IDs for policies, then
 * postureInfo for them (gzip with compressionRequired=1, evidence on request). On 401 the token is
 * dropped and the call made once more with a fresh one.
 */
import type { CallOptions, CallSpec, Parse, QualysClient } from './client';
import { apiError } from './errors';
import { gatewayTokens } from './gatewayToken';
import { inflate, isGzip } from './gzip';
import { OPERATIONS } from './operations';
import { fail, type Result } from './result';
import { parseHostIds, parsePostureRecords, type PcrsHostIds, type PcrsPosture } from './parse/pcrs';

const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

async function withBearer<T>(client: QualysClient, spec: Omit<CallSpec, 'auth' | 'bearer' | 'target'>, parse: Parse<T>, options: CallOptions): Promise<Result<T>> {
  const tokens = gatewayTokens(client);
  for (let round = 0; ; round++) {
    const token = await tokens.get(options);
    if (!token.ok) return token;
    const result = await client.execute({ ...spec, target: 'gateway', auth: 'bearer', bearer: token.value }, parse, options);
    if (result.ok || round > 0 || !(result.error.kind === 'auth' && result.error.status === 401)) return result;
    tokens.invalidate(token.value);
  }
}

export interface HostIdsOptions extends CallOptions {
  readonly lastScanDate?: string;
}

/** GET /pcrs/1.0/posture/hostids?policyId=... (at most 10 policies per call, as Qualys limits). */
export function resolvePostureHostIds(client: QualysClient, policyIds: readonly string[], options: HostIdsOptions = {}): Promise<Result<PcrsHostIds[]>> {
  if (policyIds.length === 0 || policyIds.length > 10) {
    return Promise.resolve(fail(apiError('config', `Resolve host IDs takes 1 to 10 policies; ${policyIds.length} given.`)));
  }
  return withBearer(
    client,
    { operation: OPERATIONS.pcrsHostIds, method: 'GET', path: '/pcrs/1.0/posture/hostids', query: { policyId: policyIds.join(','), lastScanDate: options.lastScanDate } },
    (raw) => parseHostIds(raw.body.toString('utf8')),
    options,
  );
}

export interface PostureInfoRequestOptions extends CallOptions {
  /** evidenceRequired=1 */
  readonly evidence?: boolean;
  /** compressionRequired (default true: gzip body). */
  readonly compression?: boolean;
  readonly lastEvaluationDate?: string;
  readonly lastScanDate?: string;
  readonly statusChangedSince?: string;
}

/** POST /pcrs/1.0/posture/postureInfo with the hostids answer as the JSON body. Read-only. */
export function fetchPcrsPosture(client: QualysClient, hosts: readonly PcrsHostIds[], options: PostureInfoRequestOptions = {}): Promise<Result<PcrsPosture>> {
  const compression = options.compression ?? true;
  const body = JSON.stringify(hosts.filter((h) => !h.error).map((h) => ({ policyId: h.policyId, subscriptionId: h.subscriptionId, hostIds: h.hostIds })));
  return withBearer(
    client,
    {
      operation: OPERATIONS.pcrsPostureInfo,
      method: 'POST',
      path: '/pcrs/1.0/posture/postureInfo',
      query: {
        evidenceRequired: options.evidence ? 1 : 0,
        compressionRequired: compression ? 1 : 0,
        lastEvaluationDate: options.lastEvaluationDate,
        lastScanDate: options.lastScanDate,
        statusChangedSince: options.statusChangedSince,
      },
      body,
      contentType: 'application/json',
      headers: { accept: '*/*' },
    },
    async (raw) => {
      if (isGzip(raw.body)) {
        const inflated = await inflate(raw.body, MAX_INFLATED_BYTES);
        if (!inflated.ok) return inflated;
        return parsePostureRecords(inflated.value.toString('utf8'));
      }
      const parsed = parsePostureRecords(raw.body.toString('utf8'));
      // Asked for gzip and got neither gzip nor JSON: the compressed body was damaged.
      if (!parsed.ok && compression) return fail(apiError('bad-gzip', 'The compressed posture answer is not gzip data and cannot be read.'));
      return parsed;
    },
    options,
  );
}
