/** Compliance policy list and posture info (FO, XML), both read-only and paged. */
import type { Params, QualysClient } from '../client';
import { OPERATIONS } from '../operations';
import type { Result } from '../result';
import { policyListReader, type PolicyPage } from '../parse/policyList';
import { postureInfoReader, type PosturePage } from '../parse/postureInfo';
import { followPages, type PageInfo, type PagingOptions } from './paging';

function merge(base: Record<string, string | number | undefined>, params: Params | undefined): Record<string, string | number | undefined> {
  const out = { ...base };
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined) out[key] = String(value);
  return out;
}

export interface PolicyListOptions extends PagingOptions {
  /** details: Basic, All (default: All, which lists controls and the tag glossary), None. */
  readonly details?: 'Basic' | 'All' | 'None';
  readonly params?: Params;
}

/** GET /api/2.0/fo/compliance/policy/?action=list */
export function listPolicies(client: QualysClient, options: PolicyListOptions = {}): AsyncGenerator<Result<PolicyPage & PageInfo>, void, void> {
  return followPages(
    client,
    { operation: OPERATIONS.policyList, method: 'GET', path: '/api/2.0/fo/compliance/policy/', auth: 'basic' },
    merge({ action: 'list', details: options.details ?? 'All' }, options.params),
    { stream: () => policyListReader() },
    options,
  );
}

export interface PostureInfoOptions extends PagingOptions {
  /** details: Basic, All (default; includes control references), None, Light. */
  readonly details?: 'Basic' | 'All' | 'None' | 'Light';
  /** show_remediation_info=1 */
  readonly showRemediation?: boolean;
  /** hide_evidence=1 */
  readonly hideEvidence?: boolean;
  readonly pageSize?: number;
  /** host_ids, ips, control_ids, status, criticality_values... */
  readonly params?: Params;
}

/** GET /api/2.0/fo/compliance/posture/info/?action=list for one policy, XML. */
export function listPostureInfo(client: QualysClient, policyId: string, options: PostureInfoOptions = {}): AsyncGenerator<Result<PosturePage & PageInfo>, void, void> {
  return followPages(
    client,
    { operation: OPERATIONS.postureInfo, method: 'GET', path: '/api/2.0/fo/compliance/posture/info/', auth: 'basic' },
    merge(
      {
        action: 'list',
        policy_id: policyId,
        output_format: 'xml',
        details: options.details ?? 'All',
        show_remediation_info: options.showRemediation ? 1 : undefined,
        hide_evidence: options.hideEvidence ? 1 : undefined,
        truncation_limit: options.pageSize,
      },
      options.params,
    ),
    { stream: () => postureInfoReader() },
    options,
  );
}
