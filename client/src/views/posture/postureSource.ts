/**
 * Where posture comes from (setting `qualys.posture.source`):
 * - classic: GET /api/2.0/fo/compliance/posture/info/ for one policy, paged by Qualys
 *   (truncation_limit counts records; a page ends on a host boundary; WARNING/URL gives id_min).
 *   The status and criticality filters are the API's own `status` and `criticality_labels`.
 * - pcrs: resolve the policy's host IDs once, then POST postureInfo for a batch of hosts per page,
 *   so a policy with tens of thousands of hosts is read a batch at a time. PCRS has no status or
 *   criticality parameter, so those filters apply to each batch as it arrives.
 * Both answer pages of hosts with their controls (postureModel.ts); no `vscode` import.
 */
import { fetchPcrsPosture, listPostureRows, resolvePostureHostIds, type PcrsHostIds, type Policy, type QualysClient, type Result } from '../../api';
import type { Page, PageOpener } from '../paging/pager';
import { hostsFromPcrsRecords, matchesPostureFilter, type PostureFilter, type PostureHostEntry } from './postureModel';

export type PostureSourceKind = 'classic' | 'pcrs';

export interface PostureSource {
  readonly kind: PostureSourceKind;
  /** Hosts of a policy with their controls, filtered. */
  hosts(policy: Policy, filter: PostureFilter): PageOpener<PostureHostEntry>;
  /** Hosts failing one control of a policy (each entry holds that control only). */
  failingHosts(policy: Policy, controlId: string): PageOpener<PostureHostEntry>;
}

/** Records per host when a policy does not list its controls (sizes a classic page). */
const DEFAULT_CONTROLS_PER_HOST = 50;

export function createPostureSource(kind: PostureSourceKind, client: QualysClient, hostsPerPage: number): PostureSource {
  return kind === 'pcrs' ? new PcrsPostureSource(client, hostsPerPage) : new ClassicPostureSource(client, hostsPerPage);
}

class ClassicPostureSource implements PostureSource {
  readonly kind = 'classic';

  constructor(private readonly client: QualysClient, private readonly hostsPerPage: number) {}

  hosts(policy: Policy, filter: PostureFilter): PageOpener<PostureHostEntry> {
    const params: Record<string, string> = {};
    if (filter.status) params.status = filter.status;
    if (filter.criticality && filter.criticality.length) params.criticality_labels = filter.criticality.join(',');
    const perHost = policy.controls.length || DEFAULT_CONTROLS_PER_HOST;
    return this.open(policy, params, this.hostsPerPage * perHost);
  }

  failingHosts(policy: Policy, controlId: string): PageOpener<PostureHostEntry> {
    return this.open(policy, { control_ids: controlId, status: 'Failed' }, this.hostsPerPage);
  }

  private open(policy: Policy, params: Record<string, string>, records: number): PageOpener<PostureHostEntry> {
    // Read and grouped by host in the API worker (hostsFromClassicPage runs there).
    return (cursor, signal) => listPostureRows<PostureHostEntry>(this.client, policy.id, { pageSize: records, params, ...(cursor ? { cursor } : {}), signal });
  }
}

class PcrsPostureSource implements PostureSource {
  readonly kind = 'pcrs';
  /** Resolved host IDs per policy, kept for the life of the source (a refresh makes a new source). */
  private readonly resolved = new Map<string, PcrsHostIds>();

  constructor(private readonly client: QualysClient, private readonly hostsPerPage: number) {}

  hosts(policy: Policy, filter: PostureFilter): PageOpener<PostureHostEntry> {
    return this.open(policy, (r) => matchesPostureFilter(filter, r.status, r.criticality?.label));
  }

  failingHosts(policy: Policy, controlId: string): PageOpener<PostureHostEntry> {
    return this.open(policy, (r) => r.controlId === controlId && r.status === 'Failed');
  }

  private open(policy: Policy, keep: Parameters<typeof hostsFromPcrsRecords>[2]): PageOpener<PostureHostEntry> {
    return (cursor, signal) => this.pages(policy, keep, cursor, signal);
  }

  private async *pages(policy: Policy, keep: Parameters<typeof hostsFromPcrsRecords>[2], cursor: string | undefined, signal: AbortSignal): AsyncGenerator<Result<Page<PostureHostEntry>>, void, void> {
    const ids = await this.hostIds(policy.id, signal);
    if (!ids.ok) {
      yield ids;
      return;
    }
    const all = ids.value.hostIds;
    if (all.length === 0) {
      yield { ok: true, value: { items: [] } };
      return;
    }
    for (let start = Number(cursor ?? 0); start < all.length; start += this.hostsPerPage) {
      const batch = all.slice(start, start + this.hostsPerPage);
      const posture = await fetchPcrsPosture(this.client, [{ ...ids.value, hostIds: batch }], { evidence: true, signal });
      if (!posture.ok) {
        yield posture;
        return;
      }
      const next = start + batch.length;
      const items = hostsFromPcrsRecords(policy.id, posture.value.records, keep);
      yield { ok: true, value: next < all.length ? { items, next: String(next) } : { items } };
    }
  }

  private async hostIds(policyId: string, signal: AbortSignal): Promise<Result<PcrsHostIds>> {
    const known = this.resolved.get(policyId);
    if (known) return { ok: true, value: known };
    const answer = await resolvePostureHostIds(this.client, [policyId], { signal });
    if (!answer.ok) return answer;
    const mine = answer.value.find((h) => h.policyId === policyId) ?? answer.value[0];
    if (!mine) return { ok: false, error: { kind: 'malformed', message: `PCRS resolved no hosts for policy ${policyId}.`, operation: 'pcrs.hostIds' } };
    if (mine.error) return { ok: false, error: { kind: 'qualys', message: mine.error, text: mine.error, operation: 'pcrs.hostIds' } };
    this.resolved.set(policyId, mine);
    return { ok: true, value: mine };
  }
}
