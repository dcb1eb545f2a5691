/**
 * Authentication records: the per-type lists (AUTH_<TYPE>_LIST_OUTPUT, seed 000 and 001 DTDs) and
 * the record-type summary (AUTH_LIST_OUTPUT). Secrets the API may echo (passwords, passphrases,
 * private keys) are dropped here, at parse time, so they never reach the UI or a log.
 */
import { apiError, isSecretName } from '../errors';
import { fail, ok, type Result } from '../result';
import { child, childFlag, childNames, childText, children, parseXml, text } from '../xml';
import { compact } from './compact';
import { idSet } from './simpleReturn';

export interface AuthTagSet {
  /** any | all */
  readonly selector?: string;
  readonly tags: readonly { readonly id?: string; readonly name?: string }[];
}

export interface AuthRecordTags {
  /** asset_tags | ip_range_tag_rule */
  readonly tagType?: string;
  readonly include?: AuthTagSet;
  readonly exclude?: AuthTagSet;
}

export interface AuthRecord {
  /** The record type as in the URL, e.g. 'unix', 'ms_sql'. */
  readonly type: string;
  readonly id: string;
  readonly title?: string;
  readonly username?: string;
  /** IPs and IP ranges of IP_SET. */
  readonly ips: readonly string[];
  readonly tags?: AuthRecordTags;
  readonly networkId?: string;
  readonly loginType?: string;
  readonly port?: string;
  readonly isCdb?: boolean;
  readonly isSystemCreated?: boolean;
  readonly isActive?: boolean;
  readonly isTemplate?: boolean;
  readonly created?: { readonly datetime?: string; readonly by?: string };
  readonly lastModified?: { readonly datetime?: string; readonly by?: string };
  readonly comments?: string;
  /** Every other single-valued setting (SID, WINDOWS_DOMAIN, UNIX_CONFIGURATION_FILE...), secrets removed. */
  readonly settings: Readonly<Record<string, string>>;
}

export interface AuthRecordPage {
  readonly datetime?: string;
  readonly records: readonly AuthRecord[];
  /** details=None answers IDs only. */
  readonly ids: readonly string[];
  readonly warning?: { readonly code?: string; readonly text?: string; readonly url?: string };
}

export interface AuthRecordTypeSummary {
  readonly type: string;
  /** IDs and ranges of the account's records of this type. */
  readonly ids: readonly string[];
}

const MODELLED = new Set(['ID', 'TITLE', 'USERNAME', 'IP_SET', 'TAGS', 'NETWORK_ID', 'LOGIN_TYPE', 'PORT', 'IS_CDB', 'IS_SYSTEM_CREATED', 'IS_ACTIVE', 'IS_TEMPLATE', 'CREATED', 'LAST_MODIFIED', 'COMMENTS']);
/** Flags named after secrets that only say whether one is used. */
const SECRET_FLAGS = new Set(['SKIP_PASSWORD', 'CLEARTEXT_PASSWORD']);

/** Secret-like names are matched whatever their case (PASSWORD, Password, password, passwd...). */
function isSecret(name: string, value: string): boolean {
  if (!isSecretName(name)) return false;
  return !(SECRET_FLAGS.has(name.toUpperCase()) && /^[01]$/.test(value));
}

function tagSet(node: unknown): AuthTagSet | undefined {
  if (node === undefined) return undefined;
  return compact({ selector: childText(node, 'SELECTOR'), tags: children(node, 'TAG').map((t) => compact({ id: childText(t, 'ID'), name: childText(t, 'NAME') })) });
}

function stamp(node: unknown): { datetime?: string; by?: string } | undefined {
  return node === undefined ? undefined : compact({ datetime: childText(node, 'DATETIME'), by: childText(node, 'BY') });
}

function parseRecord(type: string, node: unknown): AuthRecord {
  const settings: Record<string, string> = {};
  for (const name of childNames(node)) {
    if (MODELLED.has(name)) continue;
    const value = children(node, name);
    if (value.length !== 1 || (typeof value[0] === 'object' && value[0] !== null && Object.keys(value[0]).some((k) => k !== '#text' && !k.startsWith('@_')))) continue;
    const scalar = text(value[0]);
    if (scalar === undefined || isSecret(name, scalar)) continue;
    settings[name] = scalar;
  }
  const tagsNode = child(node, 'TAGS');
  const ipSet = child(node, 'IP_SET');
  return compact({
    type,
    id: childText(node, 'ID') ?? '',
    title: childText(node, 'TITLE'),
    username: childText(node, 'USERNAME'),
    ips: [...children(ipSet, 'IP'), ...children(ipSet, 'IP_RANGE')].map((n) => text(n)).filter((s): s is string => !!s),
    tags: tagsNode === undefined ? undefined : compact({ tagType: childText(tagsNode, 'TAG_TYPE'), include: tagSet(child(tagsNode, 'TAGS_INCLUDE')), exclude: tagSet(child(tagsNode, 'TAGS_EXCLUDE')) }),
    networkId: childText(node, 'NETWORK_ID'),
    loginType: childText(node, 'LOGIN_TYPE'),
    port: childText(node, 'PORT'),
    isCdb: childFlag(node, 'IS_CDB'),
    isSystemCreated: childFlag(node, 'IS_SYSTEM_CREATED'),
    isActive: childFlag(node, 'IS_ACTIVE'),
    isTemplate: childFlag(node, 'IS_TEMPLATE'),
    created: stamp(child(node, 'CREATED')),
    lastModified: stamp(child(node, 'LAST_MODIFIED')),
    comments: childText(node, 'COMMENTS'),
    settings,
  });
}

/** Parses AUTH_<TYPE>_LIST_OUTPUT for the given type ('unix', 'ms_sql'...). */
export function parseAuthRecordList(type: string, body: string): Result<AuthRecordPage> {
  const doc = parseXml(body);
  if (!doc.ok) return doc;
  const upper = type.toUpperCase();
  if (doc.value.root !== `AUTH_${upper}_LIST_OUTPUT`) return fail(apiError('malformed', `Expected AUTH_${upper}_LIST_OUTPUT, got ${doc.value.root}.`));
  const response = child(doc.value.node, 'RESPONSE');
  const records = children(child(response, `AUTH_${upper}_LIST`), `AUTH_${upper}`).map((r) => parseRecord(type, r));
  const warningNode = child(child(response, 'WARNING_LIST'), 'WARNING') ?? child(response, 'WARNING');
  const warning = warningNode === undefined ? undefined : compact({ code: childText(warningNode, 'CODE'), text: childText(warningNode, 'TEXT'), url: childText(warningNode, 'URL') });
  return ok(compact({ datetime: childText(response, 'DATETIME'), records, ids: idSet(child(response, 'ID_SET')), warning }));
}

/** Parses AUTH_LIST_OUTPUT (/api/2.0/fo/auth/?action=list): the record types the account has. */
export function parseAuthRecordTypes(body: string): Result<AuthRecordTypeSummary[]> {
  const doc = parseXml(body);
  if (!doc.ok) return doc;
  if (doc.value.root !== 'AUTH_LIST_OUTPUT') return fail(apiError('malformed', `Expected AUTH_LIST_OUTPUT, got ${doc.value.root}.`));
  const records = child(child(doc.value.node, 'RESPONSE'), 'AUTH_RECORDS');
  const out: AuthRecordTypeSummary[] = [];
  for (const name of childNames(records)) {
    const match = /^AUTH_(.+?)(?:_RECORDS)?$/.exec(name);
    if (!match) continue;
    const ids = children(records, name).flatMap((n) => idSet(child(n, 'ID_SET') ?? n));
    out.push({ type: match[1]!.toLowerCase(), ids });
  }
  return ok(out);
}
