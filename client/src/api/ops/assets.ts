/** Asset group, scanner appliance and network lists (FO, XML, read-only); the asset group list is paged. */
import type { CallOptions, Params, QualysClient } from '../client';
import { OPERATIONS } from '../operations';
import type { Result } from '../result';
import { assetGroupListReader, parseApplianceList, parseNetworkList, type Appliance, type AssetGroupPage, type Network } from '../parse/assetLists';
import { followPages, type PageInfo, type PagingOptions } from './paging';

function merge(base: Record<string, string | number | undefined>, params: Params | undefined): Record<string, string | number | undefined> {
  const out = { ...base };
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined) out[key] = String(value);
  return out;
}

export interface AssetGroupListOptions extends PagingOptions {
  /** show_attributes: default TITLE,NETWORK_IDS,BUSINESS_IMPACT,APPLIANCE_LIST (what completion shows). */
  readonly attributes?: string;
  readonly pageSize?: number;
  readonly params?: Params;
}

/** GET /api/2.0/fo/asset/group/?action=list, following Qualys' paging. */
export function listAssetGroups(client: QualysClient, options: AssetGroupListOptions = {}): AsyncGenerator<Result<AssetGroupPage & PageInfo>, void, void> {
  return followPages(
    client,
    { operation: OPERATIONS.assetGroupList, method: 'GET', path: '/api/2.0/fo/asset/group/', auth: 'basic' },
    merge({ action: 'list', show_attributes: options.attributes ?? 'TITLE,NETWORK_IDS,BUSINESS_IMPACT,APPLIANCE_LIST', truncation_limit: options.pageSize }, options.params),
    { stream: () => assetGroupListReader() },
    options,
  );
}

export interface ApplianceListOptions extends CallOptions {
  readonly params?: Params;
}

/** GET /api/2.0/fo/appliance/?action=list (brief). */
export function listAppliances(client: QualysClient, options: ApplianceListOptions = {}): Promise<Result<Appliance[]>> {
  return client.execute(
    { operation: OPERATIONS.applianceList, method: 'GET', path: '/api/2.0/fo/appliance/', query: merge({ action: 'list', output_mode: 'brief' }, options.params), auth: 'basic' },
    (raw) => parseApplianceList(raw.body),
    options,
  );
}

/** GET /api/2.0/fo/network/?action=list (needs Network Support). */
export function listNetworks(client: QualysClient, options: CallOptions = {}): Promise<Result<Network[]>> {
  return client.execute(
    { operation: OPERATIONS.networkList, method: 'GET', path: '/api/2.0/fo/network/', query: { action: 'list' }, auth: 'basic' },
    (raw) => parseNetworkList(raw.body),
    options,
  );
}
