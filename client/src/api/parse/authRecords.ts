/**
 * Authentication records: the per-type lists (AUTH_<TYPE>_LIST_OUTPUT, seed 000 and 001 DTDs) and
 * the record-type summary (AUTH_LIST_OUTPUT), read as they stream. Secrets the API may echo
 * (passwords, passphrases, private keys) are dropped here, at parse time, so they never reach the UI
 * or a log. Rows (the view's) hold what a record's row shows; the full record is its details.
 */
import { isSecretName } from '../errors';
import { ok, type Result } from '../result';
import { compact } from './compact';
import { documentReader, mapReader, readWhole, type DocumentReader } from '../stream/documentReader';
import { listReader, type ListSpec } from '../stream/recordList';
import type { Rule, Rules } from '../stream/recordReader';
import { field, flag, group, type PageWarning } from '../stream/pageRules';

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

/** Flags named after secrets that only say whether one is used. */
const SECRET_FLAGS = new Set(['SKIP_PASSWORD', 'CLEARTEXT_PASSWORD']);

/** Secret-like names are matched whatever their case (PASSWORD, Password, password, passwd...). */
function isSecret(name: string, value: string): boolean {
  if (!isSecretName(name)) return false;
  return !(SECRET_FLAGS.has(name.toUpperCase()) && /^[01]$/.test(value));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type TagSetDraft = { selector?: string; tags: { id?: string; name?: string }[] };
type TagsDraft = Mutable<AuthRecordTags>;
type StampDraft = { datetime?: string; by?: string };

interface RecordDraft {
  readonly record: Mutable<AuthRecord> & { ips: string[] };
  readonly ranges: string[];
  /** Other children: name and text, in order (a name seen twice, or with children, is not a setting). */
  readonly others: [string, string | undefined][];
}

const tagRule: Rule<TagSetDraft, { id?: string; name?: string }> = {
  create: () => ({}),
  children: { ID: field((t: { id?: string }, v) => (t.id = v)), NAME: field((t: { name?: string }, v) => (t.name = v)) },
  done: (set, tag) => set.tags.push(tag),
};

function tagSetRule(key: 'include' | 'exclude'): Rule<TagsDraft, TagSetDraft> {
  return {
    create: () => ({ tags: [] }),
    children: { SELECTOR: field((t: TagSetDraft, v) => (t.selector = v)), TAG: tagRule },
    done: (tags, set) => (tags[key] = set),
  };
}

const tagsRule: Rule<RecordDraft, TagsDraft> = {
  create: () => ({}),
  children: { TAG_TYPE: field((t: TagsDraft, v) => (t.tagType = v)), TAGS_INCLUDE: tagSetRule('include'), TAGS_EXCLUDE: tagSetRule('exclude') },
  done: (d, tags) => (d.record.tags = tags),
};

function stampRule(key: 'created' | 'lastModified'): Rule<RecordDraft, StampDraft> {
  return {
    create: () => ({}),
    children: { DATETIME: field((t: StampDraft, v) => (t.datetime = v)), BY: field((t: StampDraft, v) => (t.by = v)) },
    done: (d, stamp) => (d.record[key] = stamp),
  };
}

function recordText(set: (r: Mutable<AuthRecord>, value: string) => void): Rule<RecordDraft> {
  return field<RecordDraft>((d, v) => set(d.record, v));
}

const ipSetRule: Rule<RecordDraft> = group<RecordDraft>({
  IP: field<RecordDraft>((d, v) => d.record.ips.push(v)),
  IP_RANGE: field<RecordDraft>((d, v) => d.ranges.push(v)),
});

/** What a record's row shows: title, user name, coverage (IPs, tags) and flags. */
const ROW_FIELDS: Rules<RecordDraft> = {
  ID: recordText((r, v) => (r.id = v)),
  TITLE: recordText((r, v) => (r.title = v)),
  USERNAME: recordText((r, v) => (r.username = v)),
  IP_SET: ipSetRule,
  TAGS: tagsRule,
  IS_CDB: recordText((r, v) => (r.isCdb = flag(v))),
  IS_SYSTEM_CREATED: recordText((r, v) => (r.isSystemCreated = flag(v))),
  IS_ACTIVE: recordText((r, v) => (r.isActive = flag(v))),
};

const otherRule: Rule<RecordDraft, { value?: string }> = {
  create: () => ({}),
  scalarOnly: true,
  text: (t, v) => (t.value = v),
  done: (d, t, _raw, name) => d.others.push([name, t.value]),
};

const FULL_FIELDS: Rules<RecordDraft> = {
  ...ROW_FIELDS,
  NETWORK_ID: recordText((r, v) => (r.networkId = v)),
  LOGIN_TYPE: recordText((r, v) => (r.loginType = v)),
  PORT: recordText((r, v) => (r.port = v)),
  IS_TEMPLATE: recordText((r, v) => (r.isTemplate = flag(v))),
  CREATED: stampRule('created'),
  LAST_MODIFIED: stampRule('lastModified'),
  COMMENTS: recordText((r, v) => (r.comments = v)),
  '*': otherRule,
};

function finishRecord(d: RecordDraft): AuthRecord {
  const record = d.record;
  if (d.ranges.length) record.ips.push(...d.ranges);
  const counts = new Map<string, number>();
  for (const [name] of d.others) counts.set(name, (counts.get(name) ?? 0) + 1);
  const settings: Record<string, string> = {};
  for (const [name, value] of d.others) if (value !== undefined && counts.get(name) === 1 && !isSecret(name, value)) settings[name] = value;
  record.settings = settings;
  return record;
}

/** One type's list (AUTH_<TYPE>_LIST_OUTPUT), each record finished by `finish`. */
function authListSpec<R>(type: string, finish: (d: RecordDraft) => R): ListSpec<RecordDraft, R> {
  const upper = type.toUpperCase();
  return {
    roots: [`AUTH_${upper}_LIST_OUTPUT`],
    path: ['RESPONSE', `AUTH_${upper}_LIST`, `AUTH_${upper}`],
    record: { create: () => ({ record: { type, id: '', ips: [], settings: {} }, ranges: [], others: [] }), fields: FULL_FIELDS, finish },
  };
}

/** Reads AUTH_<TYPE>_LIST_OUTPUT for the given type ('unix', 'ms_sql'...) into full records. */
export function authRecordListReader(type: string, onWarning?: (warning: PageWarning) => void): DocumentReader<AuthRecordPage> {
  return mapReader(listReader(authListSpec(type, finishRecord), undefined, onWarning), (p) => ok(compact({ datetime: p.datetime, records: p.records, ids: p.ids, warning: p.warning })));
}

/** Parses AUTH_<TYPE>_LIST_OUTPUT for the given type ('unix', 'ms_sql'...). */
export function parseAuthRecordList(type: string, body: string): Result<AuthRecordPage> {
  return readWhole(authRecordListReader(type), body);
}

/** What an authentication record's row in the view shows. */
export type AuthRecordRow = Pick<AuthRecord, 'type' | 'id' | 'title' | 'username' | 'ips' | 'tags' | 'isCdb' | 'isSystemCreated' | 'isActive'>;

function rowOf(record: AuthRecord): AuthRecordRow {
  return compact({ type: record.type, id: record.id, title: record.title, username: record.username, ips: record.ips, tags: record.tags, isCdb: record.isCdb, isSystemCreated: record.isSystemCreated, isActive: record.isActive });
}

/**
 * Reads AUTH_<TYPE>_LIST_OUTPUT into rows, each handed to `onRow` with its full record (secrets
 * already dropped) for its details.
 */
export function authRecordRowReader(type: string, onRow: (row: AuthRecordRow, details: AuthRecord) => void, onWarning?: (warning: PageWarning) => void): DocumentReader<Omit<AuthRecordPage, 'records'>> {
  return mapReader(
    listReader(authListSpec(type, finishRecord), (record) => onRow(rowOf(record), record), onWarning),
    (p) => ok(compact({ datetime: p.datetime, ids: p.ids, warning: p.warning })),
  );
}

interface TypesHead {
  readonly types: Map<string, string[]>;
}

const idsRule: Rule<string[]> = group<string[]>({ ID: field<string[]>((ids, v) => ids.push(v)), ID_RANGE: field<string[]>((ids, v) => ids.push(v)) });

const TYPE_RULES: Rules<TypesHead> = {
  AUTH_LIST_OUTPUT: group<TypesHead>({
    RESPONSE: group<TypesHead>({
      AUTH_RECORDS: group<TypesHead>({
        '*': {
          create: () => [],
          children: { ID_SET: idsRule, ID: idsRule.children!.ID!, ID_RANGE: idsRule.children!.ID_RANGE! },
          done: (head, ids, _raw, name) => {
            const match = /^AUTH_(.+?)(?:_RECORDS)?$/.exec(name);
            if (!match) return;
            const type = match[1]!.toLowerCase();
            const known = head.types.get(type);
            if (known) known.push(...ids);
            else head.types.set(type, ids);
          },
        } as Rule<TypesHead, string[]>,
      }),
    }),
  }),
};

/** Parses AUTH_LIST_OUTPUT (/api/2.0/fo/auth/?action=list): the record types the account has. */
export function parseAuthRecordTypes(body: string | Buffer): Result<AuthRecordTypeSummary[]> {
  return readWhole(
    documentReader(TYPE_RULES, { types: new Map() }, (head) => ok([...head.types].map(([type, ids]) => ({ type, ids })))),
    body,
  );
}
