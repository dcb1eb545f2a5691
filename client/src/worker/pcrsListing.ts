/**
 * Compliance posture from PCRS, read in the worker: the policy's host IDs are resolved once per
 * posture source (kept here, a few policies at a time), then each page is one postureInfo call for
 * a batch of hosts, its JSON (often gzip) parsed and grouped by host here; only the host rows with
 * their controls cross. The cursor is the index of the batch's first host.
 */
import { resolvePostureHostIds, fetchPcrsPosture } from '../api/pcrs';
import type { PcrsHostIds, PcrsPostureRecord } from '../api/parse/pcrs';
import type { Result } from '../api/result';
import { hostsFromPcrsRecords, matchesPostureFilter } from '../views/posture/postureModel';
import type { ListingContext, PageStream } from './listings';
import type { PcrsSelection } from './protocol';

/** Resolved host IDs by account, source and policy; the oldest go first past a few. */
export class PcrsHostIdCache {
  private readonly kept = new Map<string, PcrsHostIds>();

  constructor(private readonly most = 16) {}

  get(key: string): PcrsHostIds | undefined {
    return this.kept.get(key);
  }

  set(key: string, ids: PcrsHostIds): void {
    this.kept.set(key, ids);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.most) break;
      this.kept.delete(oldest);
    }
  }

  drop(account: number): void {
    for (const key of [...this.kept.keys()]) if (key.startsWith(`${account}/`)) this.kept.delete(key);
  }
}

function keeper(selection: PcrsSelection): (r: PcrsPostureRecord) => boolean {
  const control = selection.failingControl;
  if (control !== undefined) return (r) => r.controlId === control && r.status === 'Failed';
  const filter = { ...(selection.status ? { status: selection.status } : {}), ...(selection.criticality ? { criticality: selection.criticality } : {}) };
  return (r) => matchesPostureFilter(filter, r.status, r.criticality?.label);
}

async function hostIds(ctx: ListingContext, policyId: string, source: number): Promise<Result<PcrsHostIds>> {
  const key = `${ctx.account}/${source}/${policyId}`;
  const known = ctx.pcrsHosts.get(key);
  if (known) return { ok: true, value: known };
  const answer = await resolvePostureHostIds(ctx.client, [policyId], { signal: ctx.signal });
  if (!answer.ok) return answer;
  const mine = answer.value.find((h) => h.policyId === policyId) ?? answer.value[0];
  if (!mine) return { ok: false, error: { kind: 'malformed', message: `PCRS resolved no hosts for policy ${policyId}.`, operation: 'pcrs.hostIds' } };
  if (mine.error) return { ok: false, error: { kind: 'qualys', message: mine.error, text: mine.error, operation: 'pcrs.hostIds' } };
  ctx.pcrsHosts.set(key, mine);
  return { ok: true, value: mine };
}

export async function* pcrsPosture(ctx: ListingContext): PageStream {
  const { args } = ctx;
  const policyId = args.policyId ?? '';
  const selection = args.pcrs ?? { source: 0 };
  const perPage = Math.max(1, args.pageSize ?? 50);
  const ids = await hostIds(ctx, policyId, selection.source);
  if (!ids.ok) {
    yield ids;
    return;
  }
  const all = ids.value.hostIds;
  const keep = keeper(selection);
  if (all.length === 0) {
    ctx.rows.attempt();
    yield { ok: true, value: { count: 0 } };
    return;
  }
  for (let start = Math.max(0, args.start ?? 0); start < all.length; start += perPage) {
    const batch = all.slice(start, start + perPage);
    const posture = await fetchPcrsPosture(ctx.client, [{ ...ids.value, hostIds: batch }], { evidence: true, signal: ctx.signal });
    if (!posture.ok) {
      yield posture;
      return;
    }
    ctx.rows.attempt();
    for (const entry of hostsFromPcrsRecords(policyId, posture.value.records, keep)) ctx.rows.row(entry, 1 + entry.controls.length);
    const next = start + batch.length;
    yield { ok: true, value: next < all.length ? { next: String(next), count: batch.length } : { count: batch.length } };
  }
}
