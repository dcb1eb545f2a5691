/**
 * Where posture comes from (setting `qualys.posture.source`):
 * - classic: GET /api/2.0/fo/compliance/posture/info/ for one policy, paged by Qualys
 *   (truncation_limit counts records; a page ends on a host boundary; WARNING/URL gives id_min).
 *   The status and criticality filters are the API's own `status` and `criticality_labels`.
 * - pcrs: resolve the policy's host IDs once, then POST postureInfo for a batch of hosts per page,
 *   so a policy with tens of thousands of hosts is read a batch at a time. PCRS has no status or
 *   criticality parameter, so those filters apply to each batch as it arrives.
 * Both are read in the API worker: only host rows with their controls cross to this thread.
 * Both answer pages of hosts with their controls (postureModel.ts); no `vscode` import.
 */
import { listPcrsPostureRows, listPostureRows, type Policy, type QualysClient } from '../../api';
import type { PcrsSelection } from '../../worker/protocol';
import type { PageOpener } from '../paging/pager';
import type { PostureFilter, PostureHostEntry } from './postureModel';

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

/** Each PCRS source is one cache of resolved host IDs in the worker (a refresh makes a new source). */
let nextPcrsSource = 1;

class PcrsPostureSource implements PostureSource {
  readonly kind = 'pcrs';
  private readonly id = nextPcrsSource++;

  constructor(private readonly client: QualysClient, private readonly hostsPerPage: number) {}

  hosts(policy: Policy, filter: PostureFilter): PageOpener<PostureHostEntry> {
    return this.open(policy, { source: this.id, ...(filter.status ? { status: filter.status } : {}), ...(filter.criticality?.length ? { criticality: filter.criticality } : {}) });
  }

  failingHosts(policy: Policy, controlId: string): PageOpener<PostureHostEntry> {
    return this.open(policy, { source: this.id, failingControl: controlId });
  }

  private open(policy: Policy, selection: PcrsSelection): PageOpener<PostureHostEntry> {
    // Resolved, fetched, parsed and grouped by host in the API worker (worker/pcrsListing.ts).
    return (cursor, signal) => listPcrsPostureRows<PostureHostEntry>(this.client, policy.id, selection, { pageSize: this.hostsPerPage, ...(cursor ? { cursor } : {}), signal });
  }
}
