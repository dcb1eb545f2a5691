/**
 * Live values: account data (asset tags, auth record IDs, policy IDs, option profile IDs and
 * titles, asset group IDs and titles, appliance IDs and names, network IDs; scan references, report
 * IDs, report template IDs, search list IDs) that request-file completion offers next to the
 * catalog's enumerations.
 *
 * Sent by: the extension (client), after it has fetched the data with the API client for the
 * active account, and again whenever it refreshes it in the background. An empty `values` list
 * clears a kind (e.g. on sign-out). The server only caches what it receives: completion reads the
 * cache and never waits on the network.
 */
import { NotificationType } from 'vscode-languageserver-protocol';

/** Kinds of account data the client can push; catalog parameters name one in `live`. */
export type LiveValueKind =
  | 'tags'
  | 'authRecordIds'
  | 'policyIds'
  | 'optionProfileIds'
  | 'optionProfileTitles'
  | 'assetGroupIds'
  | 'assetGroupTitles'
  | 'applianceIds'
  | 'applianceNames'
  | 'networkIds'
  // Scans, reports, report templates and search lists (issue 9).
  | 'scanRefs'
  | 'reportIds'
  | 'reportTemplateIds'
  | 'searchListIds';
export const liveValueKinds: readonly LiveValueKind[] = [
  'tags',
  'authRecordIds',
  'policyIds',
  'optionProfileIds',
  'optionProfileTitles',
  'assetGroupIds',
  'assetGroupTitles',
  'applianceIds',
  'applianceNames',
  'networkIds',
  'scanRefs',
  'reportIds',
  'reportTemplateIds',
  'searchListIds',
];

export interface LiveValue {
  /** What is inserted: an ID, or a tag name when the request selects tags by name. */
  readonly value: string;
  /** A human label, e.g. the tag or policy title for an ID. */
  readonly label?: string;
  /** For tags: the tag's name (value is its ID), so completion can offer either. */
  readonly name?: string;
  /**
   * A subset the value belongs to, e.g. the record type of an auth record ID (`windows`, `unix`):
   * completion on `/api/2.0/fo/auth/unix/` offers only `unix` IDs. Scan references are `vm` or
   * `compliance`, search lists `static` or `dynamic`, report templates their lower-case type
   * (`scan`, `map`, `patch`, ...), so a parameter's `liveGroup` can pick its own.
   */
  readonly group?: string;
}

export interface LiveValuesParams {
  /** The account the values belong to (a display name; never a credential). */
  readonly account: string;
  readonly kind: LiveValueKind;
  readonly values: readonly LiveValue[];
  /** ISO time of the fetch, shown in completion details. */
  readonly fetchedAt: string;
}

// A namespace keeps method name and type together, as vscode-eslint's customMessages do.
// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace LiveValuesNotification {
  export const method = 'qualys/liveValues';
  export const type = new NotificationType<LiveValuesParams>(method);
}
