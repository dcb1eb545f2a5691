// Gateway JWT (POST /auth) and PCRS (/pcrs/1.0/posture/...): JSON, gzip when compressionRequired=1 (the default).
import { CUSTOMER_UUID, SUBSCRIPTION_ID } from '../data/catalog';
import type { Host } from '../data/hosts';
import type { Control, Policy, Posture } from '../data/policies';
import { expectedValuesText } from '../data/evidence';
import { pcrsErrors } from '../errors';
import { json, type Ctx, type Handler } from './types';

export const gatewayAuthRoute: Handler = (ctx) => {
  const form = new URLSearchParams(ctx.body.toString('utf8'));
  const user = form.get('username') ?? ctx.query.get('username');
  const password = form.get('password') ?? ctx.query.get('password');
  const token = form.get('token') ?? ctx.query.get('token');
  if (user !== ctx.state.opts.user || password !== ctx.state.opts.password) return json(pcrsErrors.invalidCredentials, 401);
  if (token !== 'true') return { status: 400, kind: 'text', body: 'token=true is required to obtain a JWT\n' };
  // Documented: 201 Created with the raw JWT as the body (not JSON).
  return { status: 201, kind: 'text', body: ctx.state.jwt.issue(user, ctx.state.nowMs()) };
};

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/;

function badParams(ctx: Ctx, allowed: Record<string, 'date' | 'bool' | 'ids' | 'text'>): boolean {
  for (const [k, v] of ctx.query) {
    const rule = allowed[k];
    if (!rule) return true;
    if (rule === 'date' && !DATE.test(v)) return true;
    if (rule === 'bool' && v !== '0' && v !== '1') return true;
  }
  return false;
}

export const pcrsPolicyListRoute: Handler = (ctx) => {
  if (badParams(ctx, { lastEvaluationDate: 'date', requireTagInfo: 'bool' })) return json(pcrsErrors.invalidInput, 404);
  const since = ctx.query.get('lastEvaluationDate');
  const list = ctx.state.policies.policies
    .filter((p) => !since || p.lastEvaluated >= since)
    .map((p) => ({
      id: String(p.id),
      title: p.title,
      createdBy: p.created.by,
      createdDate: p.created.datetime,
      modifiedBy: p.lastModified.by,
      modifiedDate: p.lastModified.datetime,
      lastEvaluatedDate: p.lastEvaluated,
      status: p.status === 'active' ? 'Active' : 'Inactive',
      locked: p.locked,
    }));
  return json({ subscriptionId: String(SUBSCRIPTION_ID), policyList: list });
};

export const pcrsHostIdsRoute: Handler = (ctx) => {
  if (badParams(ctx, { policyId: 'text', lastScanDate: 'date', statusChangedSince: 'date', assetDeploymentType: 'text', assetState: 'text' })) return json(pcrsErrors.invalidInput, 404);
  const raw = ctx.query.get('policyId');
  if (!raw) return json([{ response: { datetime: ctx.now, code: 1903, text: 'Missing required parameter(s): policyId' } }], 400);
  const ids = raw.split(',').map((x) => x.trim());
  const bad = ids.find((x) => !/^\d+$/.test(x));
  if (bad) return json([{ response: { datetime: ctx.now, code: 1905, text: `parameter policy_ids has invalid value: ${bad} (Invalid value: ${bad})` } }], 400);
  if (ids.length > 10) return json([{ response: { datetime: ctx.now, code: 1905, text: `parameter policy_ids has invalid value: ${raw} (at most 10 policies)` } }], 400);
  const lastScan = ctx.query.get('lastScanDate');
  const hosts = ctx.state.hosts;
  const out = ids.map((id) => {
    const policy = ctx.state.policies.byId(Number(id));
    if (!policy) return { policyId: id, subscriptionId: String(SUBSCRIPTION_ID), hostIds: [] as string[], error: 'Error: Compliance Policy does not exist.' };
    const hostIds: string[] = [];
    for (let i = 0; i < hosts.count; i++) {
      if (!ctx.state.policies.covers(policy, hosts, i)) continue;
      if (lastScan && hosts.hostAt(i).lastComplianceScan < lastScan) continue;
      hostIds.push(String(hosts.idAt(i)));
    }
    return { policyId: id, subscriptionId: String(SUBSCRIPTION_ID), hostIds };
  });
  return json(out);
};

/** Records per batch: the response carries every batch, each record saying which one it belongs to. */
const BATCH_SIZE = 1000;

export const pcrsPostureInfoRoute: Handler = (ctx) => {
  const allowed = {
    evidenceRequired: 'bool', compressionRequired: 'bool', lastEvaluationDate: 'date', lastScanDate: 'date', lastScanDateFrom: 'date', lastScanDateTo: 'date',
    statusChangedSince: 'date', excludeInactiveControl: 'bool', extendedEvidenceRequired: 'bool', qdScoreRequired: 'bool',
  } as const;
  if (badParams(ctx, allowed)) return json(pcrsErrors.invalidInput, 404);
  const q = ctx.query;
  if (q.has('lastScanDate') && (q.has('lastScanDateFrom') || q.has('lastScanDateTo'))) return json(pcrsErrors.invalidInput, 404);
  if (q.has('lastScanDateFrom') !== q.has('lastScanDateTo')) return json(pcrsErrors.invalidInput, 404);
  let request: unknown;
  try {
    request = JSON.parse(ctx.body.toString('utf8'));
  } catch {
    return json({ message: 'Request body is not valid JSON: expected the array returned by /pcrs/1.0/posture/hostids.' }, 400);
  }
  if (!Array.isArray(request) || request.some((x) => typeof x !== 'object' || x === null || !Array.isArray((x as { hostIds?: unknown }).hostIds))) {
    return json({ message: 'Request body must be an array of {policyId, subscriptionId, hostIds}.' }, 400);
  }
  const evidence = q.get('evidenceRequired') === '1';
  const since = q.get('lastEvaluationDate');
  const changed = q.get('statusChangedSince');
  const scanFrom = q.get('lastScanDateFrom') ?? q.get('lastScanDate');
  const scanTo = q.get('lastScanDateTo');
  const store = ctx.state.policies;
  const hosts = ctx.state.hosts;
  const items = request as { policyId?: unknown; hostIds: unknown[] }[];

  /** Every (policy, host, control, posture) the request selects, generated on demand. */
  function* cells(): Generator<{ policy: Policy; h: Host; c: Control; post: Posture }> {
    for (const item of items) {
      const policy = store.byId(Number(item.policyId));
      if (!policy) continue;
      for (const rawId of item.hostIds) {
        const i = hosts.indexOfId(Number(rawId));
        if (i < 0 || !store.covers(policy, hosts, i)) continue;
        const h = hosts.hostAt(i);
        if (scanFrom && h.lastComplianceScan < scanFrom) continue;
        if (scanTo && h.lastComplianceScan.slice(0, scanTo.length) > scanTo) continue;
        for (const c of policy.controls) {
          const post = store.posture(policy, h.id, c);
          if (since && post.lastEvaluatedDate < since) continue;
          if (changed && post.postureModifiedDate < changed) continue;
          yield { policy, h, c, post };
        }
      }
    }
  }
  // Counted first so that every record can carry totalBatches; then written record by record, so a large
  // request never holds its whole answer (compressed on the fly when compressionRequired=1).
  let total = 0;
  for (const _ of cells()) total++;
  const totalBatches = Math.max(1, Math.ceil(total / BATCH_SIZE));
  function* chunks(): Generator<string> {
    let k = 0;
    let out = '[';
    for (const { policy, h, c, post } of cells()) {
      const record = {
        id: post.id,
        instance: 'os',
        policyId: String(policy.id),
        controlId: String(c.id),
        controlStatement: c.statement,
        rationale: c.rationale,
        remediation: c.remediation,
        controlReference: store.reference(policy, c) || null,
        technologyId: h.os.technology.id,
        status: post.status,
        previousStatus: post.previousStatus,
        firstFailDate: post.firstFailDate,
        lastFailDate: post.lastFailDate,
        firstPassDate: post.firstPassDate,
        lastPassDate: post.lastPassDate,
        postureModifiedDate: post.postureModifiedDate,
        lastEvaluatedDate: post.lastEvaluatedDate,
        created: post.postureModifiedDate,
        hostId: String(h.id),
        ip: h.ip,
        trackingMethod: h.trackingMethod,
        os: h.os.name,
        osCpe: h.os.cpe,
        dns: h.dns.fqdn,
        qgHostid: h.qgHostId ?? null,
        networkId: h.networkId,
        networkName: 'Global Default Network',
        complianceLastScanDate: h.lastComplianceScan,
        customerUuid: CUSTOMER_UUID,
        customerId: String(SUBSCRIPTION_ID),
        assetId: String(h.assetId),
        technology: { id: h.os.technology.id, name: h.os.technology.name },
        criticality: { label: c.criticality.label, value: c.criticality.value },
        evidence: evidence
          ? { expectedValues: `\n${expectedValuesText(c)}`, currentValues: [post.current], actualValues: null, directoryFimUdc: null }
          : null,
        causeOfFailure: post.status === 'Failed' ? { missing: { logic: null, value: [c.expected] }, unexpected: { value: [post.current] } } : null,
        currentBatch: Math.floor(k / BATCH_SIZE) + 1,
        totalBatches,
      };
      out += (k === 0 ? '' : ',') + JSON.stringify(record);
      k++;
      if (out.length > 64 * 1024) {
        yield out;
        out = '';
      }
    }
    yield out + ']';
  }
  if (q.get('compressionRequired') === '0') return { status: 200, kind: 'json', body: chunks };
  return { status: 200, kind: 'gzip', body: chunks, headers: { 'Content-Disposition': 'attachment; filename="postureInfo.json.gz"' } };
};
