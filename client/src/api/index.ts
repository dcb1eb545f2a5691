/**
 * The Qualys API client: public surface for the sidebar, the request sender and scripts.
 * Nothing below client/src/api imports `vscode`.
 */
import { QualysClient, type QualysClientOptions, type QualysCredentials } from './client';
import { resolveEndpoints, type PlatformChoice } from './platforms';
import type { Result } from './result';
import { ok } from './result';

export interface AccountSettings {
  /** A platform id (US1...), a private cloud base, or any URL (loopback may be http). */
  readonly where: PlatformChoice;
  /** Overrides the derived gateway URL. */
  readonly gatewayUrl?: string;
  readonly credentials: QualysCredentials;
}

/** Validates the account's URLs (HTTPS unless loopback) and makes its client. */
export function createQualysClient(account: AccountSettings, options: Omit<QualysClientOptions, 'endpoints' | 'credentials'> = {}): Result<QualysClient> {
  const endpoints = resolveEndpoints(account.where, account.gatewayUrl);
  if (!endpoints.ok) return endpoints;
  return ok(new QualysClient({ ...options, endpoints: endpoints.value, credentials: account.credentials }));
}

export { QualysClient } from './client';
export type { CallOptions, QualysClientOptions, QualysCredentials, Params } from './client';
export type { ApiError, ApiErrorKind } from './errors';
export type { Result } from './result';
export { PLATFORMS, resolveEndpoints, checkTransport, isLoopbackHost, deriveGatewayBase } from './platforms';
export type { PlatformChoice, PlatformInfo, Endpoints } from './platforms';
export type { RateLimitState, RateLimitListener } from './rateLimit';
export type { RetryPolicy } from './retry';
export { OPERATIONS, isMutatingRequest } from './operations';
export type { OperationInfo } from './operations';
export { listHosts, updateHosts } from './ops/hosts';
export type { HostListOptions, HostListPage, HostUpdate } from './ops/hosts';
export type { Host, HostRow, HostTag, DnsData, UserDefinedField, CloudMetadataAttribute } from './parse/hostList';
export { AUTH_RECORD_TYPES, listAuthRecordTypes, listAuthRecords, createAuthRecord, updateAuthRecords } from './ops/authRecords';
export type { AuthRecord, AuthRecordPage, AuthRecordRow, AuthRecordTags, AuthRecordTypeSummary } from './parse/authRecords';
export { listPolicies, listPostureInfo } from './ops/compliance';
export type { Policy, PolicyPage, PolicyControl, PolicyTag } from './parse/policyList';
export type { PosturePage, PostureRecord, PostureHost, PostureControl } from './parse/postureInfo';
export { exportOptionProfiles, importOptionProfiles, listOptionProfiles } from './ops/optionProfiles';
export { profileSummaries } from './parse/optionProfileList';
export type { ProfileSummary } from './parse/optionProfileList';
export type { SimpleReturn, BatchReturn } from './parse/simpleReturn';
export { listAssetGroups, listAppliances, listNetworks } from './ops/assets';
export type { AssetGroupListOptions, ApplianceListOptions } from './ops/assets';
export type { AssetGroup, AssetGroupPage, Appliance, Network } from './parse/assetLists';
export { resolvePostureHostIds, fetchPcrsPosture } from './pcrs';
export type { PcrsHostIds, PcrsPosture, PcrsPostureRecord } from './parse/pcrs';
export { listScans, listReports, listReportTemplates, listSearchLists } from './ops/vmLists';
export type { ScanListOptions } from './ops/vmLists';
export type { ScanSummary, ReportSummary, ReportTemplateSummary, SearchListSummary } from './parse/vmLists';
export { send } from './send';
export { listHostRows, listAuthRecordTypeRows, listAuthRecordRows, listPolicyRows, listPostureRows, listPcrsPostureRows, hostDetails, authRecordDetails, renderOffThread, liveValuesInWorker, optionProfilesInWorker } from './rows';
export type { RowPage, RowListingOptions, HostRowOptions } from './rows';
export type { SendRequest, SendResponse } from './send';
export { listHostDetectionRows, listQidGroupRows, listQidHostRows, detectionDetails, knowledgeBaseInWorker, downloadInWorker, HOST_DETECTION_PARAMS } from './vulnRows';
export type { DetectionRowOptions } from './vulnRows';
export type { Detection, DetectionRow, DetectionHost, QidHostRow } from './parse/detectionList';
export type { KbEntry, KbPage } from './parse/knowledgeBase';
export { fetchKnowledgeBase, qidRanges } from './ops/vulnerabilities';
