/**
 * Host list (paged through ops/paging.ts, one page of raw XML in memory at a time) and host update.
 */
import { type CallOptions, type Params, type QualysClient, type StreamParse } from '../client';
import { OPERATIONS } from '../operations';
import type { Result } from '../result';
import { followPages, type PageInfo, type Paged, type PagingOptions } from './paging';
import { hostListReader, type HostPage } from '../parse/hostList';
import { parseSimpleReturn, type SimpleReturn } from '../parse/simpleReturn';

export const HOST_PATH = '/api/2.0/fo/asset/host/';

export interface HostListOptions extends PagingOptions {
  /** truncation_limit: hosts per page (Qualys default 1000). */
  readonly pageSize?: number;
  /** details: Basic, Basic/AGs, All (default), All/AGs, None. */
  readonly details?: 'Basic' | 'Basic/AGs' | 'All' | 'All/AGs' | 'None';
  /** show_tags=1 (default true). */
  readonly showTags?: boolean;
  /**
   * host_metadata: 'all' (default), 'ec2', 'azure' or 'google' adds the cloud METADATA of those hosts;
   * `false` leaves it out. 'all' is what integrations pass to get cloud fields without narrowing the list
   * (Elastic's Qualys VMDR integration docs: "enter host_metadata=all ... enables the ingest of cloud.* fields").
   */
  readonly hostMetadata?: string | false;
  /** show_cloud_tags=1 (default true; qualysdk vmdr_schema lists it for the host list). */
  readonly showCloudTags?: boolean;
  /** Further Qualys parameters (ips, ids, ag_ids, os_pattern, use_tags...). */
  readonly params?: Params;
}

export type HostListPage = HostPage & PageInfo;

/**
 * Lists hosts page by page. Each yielded item is a page or, last, the error that stopped the
 * listing; the generator holds only the current page.
 */
export function listHosts(client: QualysClient, options: HostListOptions = {}): AsyncGenerator<Result<HostListPage>, void, void> {
  return followHostPages(client, options, { stream: () => hostListReader() });
}

/** The host list's pages read by any reader (the Hosts view's rows are read by hostRowReader in the worker). */
export function followHostPages<P extends Paged>(client: QualysClient, options: HostListOptions, parse: StreamParse<P>): AsyncGenerator<Result<P & PageInfo>, void, void> {
  const query = {
    action: 'list',
    details: options.details ?? 'All',
    show_tags: options.showTags === false ? undefined : 1,
    host_metadata: options.hostMetadata === false ? undefined : (options.hostMetadata ?? 'all'),
    show_cloud_tags: options.showCloudTags === false ? undefined : 1,
    truncation_limit: options.pageSize,
    ...stringParams(options.params),
  };
  return followPages(client, { operation: OPERATIONS.hostList, method: 'GET', path: HOST_PATH, auth: 'basic' }, query, parse, options);
}

function stringParams(params: Params | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined) out[key] = String(value);
  return out;
}

export interface HostUpdate {
  /** Which hosts: ids, or ips (+ host_dns/host_netbios/network_id/tracking_method), or ag_ids / ag_titles. */
  readonly ids?: string;
  readonly ips?: string;
  readonly agIds?: string;
  readonly agTitles?: string;
  readonly trackingMethod?: string;
  readonly networkId?: string;
  readonly hostDns?: string;
  readonly hostNetbios?: string;
  /** The changes (seed 000, Host Update API). */
  readonly newTrackingMethod?: 'IP' | 'DNS' | 'NETBIOS';
  readonly newOwner?: string;
  readonly newUd1?: string;
  readonly newUd2?: string;
  readonly newUd3?: string;
  readonly newComment?: string;
}

/** POST /api/2.0/fo/asset/host/?action=update (mutating: never retried). */
export function updateHosts(client: QualysClient, update: HostUpdate, options: CallOptions = {}): Promise<Result<SimpleReturn>> {
  const form: Params = {
    action: 'update',
    ids: update.ids,
    ips: update.ips,
    ag_ids: update.agIds,
    ag_titles: update.agTitles,
    tracking_method: update.trackingMethod,
    network_id: update.networkId,
    host_dns: update.hostDns,
    host_netbios: update.hostNetbios,
    new_tracking_method: update.newTrackingMethod,
    new_owner: update.newOwner,
    new_ud1: update.newUd1,
    new_ud2: update.newUd2,
    new_ud3: update.newUd3,
    new_comment: update.newComment,
  };
  return client.execute({ operation: OPERATIONS.hostUpdate, method: 'POST', path: HOST_PATH, form, auth: 'basic' }, (raw) =>
    parseSimpleReturn(raw.body), options);
}
