/**
 * An authentication record as text. The API client already drops every secret element at parse
 * time; the settings table filters secret-looking names once more, so a password can never be shown
 * even if a new record type brings a field the parser does not know.
 */
import { AUTH_RECORD_TYPES, type AuthRecord, type AuthRecordRow, type AuthRecordTags } from '../../api';
import { md, mdText } from '../nodes/row';
import labelData from './authTypeLabels.json';
import { plural } from '../../../../common/plural';

type AuthTagSet = NonNullable<AuthRecordTags['include']>;

const LABELS: Readonly<Record<string, string>> = labelData.labels;
const SECRET_NAME = /PASS(WORD|WD|PHRASE)|PRIVATE_?KEY|SECRET|TOKEN|CERTIFICATE/i;

export function authTypeLabel(type: string): string {
  return LABELS[type] ?? type;
}

/** Types in the API's documented order, unknown ones last, alphabetically. */
export function compareAuthTypes(a: string, b: string): number {
  const ia = AUTH_RECORD_TYPES.indexOf(a);
  const ib = AUTH_RECORD_TYPES.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
  return a.localeCompare(b);
}

/** How many records an ID list with ranges ('100-200') holds. */
export function countIds(ids: readonly string[]): number {
  let count = 0;
  for (const id of ids) {
    const [lo, hi] = id.split('-').map((s) => Number(s.trim()));
    count += hi !== undefined && Number.isFinite(lo) && Number.isFinite(hi) && hi! >= lo! ? hi! - lo! + 1 : 1;
  }
  return count;
}

export function authRecordLabel(record: AuthRecordRow): string {
  return record.title ?? `Record ${record.id}`;
}

/** Flags, in the order the tree shows them: CDB (Oracle), system-created, active/inactive. */
export function authFlags(record: AuthRecordRow): string[] {
  const flags: string[] = [];
  if (record.isCdb !== undefined) flags.push(record.isCdb ? 'CDB' : 'non-CDB');
  if (record.isSystemCreated) flags.push('system-created');
  if (record.isActive !== undefined) flags.push(record.isActive ? 'active' : 'inactive');
  return flags;
}

function tagSetText(set: AuthTagSet | undefined): string | undefined {
  if (!set || set.tags.length === 0) return undefined;
  const names = set.tags.map((t) => t.name ?? t.id ?? '').filter(Boolean).join(', ');
  return `${set.selector ?? 'any'} of ${names}`;
}

/** What the record covers: "3 IPs/ranges", or "tags: any of A, B; not any of C". */
export function coverageText(record: AuthRecordRow): string {
  const include = tagSetText(record.tags?.include);
  const exclude = tagSetText(record.tags?.exclude);
  if (include || exclude) return [include ? `tags ${include}` : undefined, exclude ? `not ${exclude}` : undefined].filter(Boolean).join('; ');
  if (record.ips.length === 1) return record.ips[0]!;
  return record.ips.length ? plural(record.ips.length, 'IP/range', 'IPs/ranges') : 'no IPs';
}

export function authDescription(record: AuthRecordRow): string {
  return [record.username, coverageText(record), ...authFlags(record)].filter(Boolean).join(' · ');
}

export function authTooltip(record: AuthRecordRow): string {
  const lines = [`**${md(authRecordLabel(record))}** (${md(authTypeLabel(record.type))})`, ''];
  lines.push(`- Record ID: ${md(record.id)}`);
  if (record.username) lines.push(`- User name: ${md(record.username)}`);
  lines.push(`- Covers: ${md(coverageText(record))}`);
  if (record.ips.length > 1) lines.push(`- IPs: ${md(record.ips.slice(0, 10).join(', '))}${record.ips.length > 10 ? ', …' : ''}`);
  const flags = authFlags(record);
  if (flags.length) lines.push(`- Flags: ${md(flags.join(', '))}`);
  return lines.join('\n');
}

function tagSetLines(name: string, set: AuthTagSet | undefined): string[] {
  if (!set) return [];
  return [`### ${name} (selector: ${md(set.selector ?? 'any')})`, '', ...(set.tags.length ? set.tags.map((t) => `- ${md(t.name ?? '')}${t.id ? ` (ID ${md(t.id)})` : ''}`) : ['_none_']), ''];
}

export function authDetailsMarkdown(record: AuthRecord): string {
  const out = [`# ${md(authRecordLabel(record))}`, '', `${md(authTypeLabel(record.type))} authentication record ${md(record.id)}. Passwords are never shown.`, ''];
  const rows: [string, string | undefined][] = [
    ['Record ID', record.id], ['Type', authTypeLabel(record.type)], ['Title', record.title], ['User name', record.username],
    ['Login type', record.loginType], ['Port', record.port], ['Network ID', record.networkId],
    ['CDB (Oracle)', record.isCdb === undefined ? undefined : record.isCdb ? 'yes' : 'no'],
    ['System-created', record.isSystemCreated === undefined ? undefined : record.isSystemCreated ? 'yes' : 'no'],
    ['Status', record.isActive === undefined ? undefined : record.isActive ? 'active' : 'inactive'],
    ['Template', record.isTemplate === undefined ? undefined : record.isTemplate ? 'yes' : 'no'],
    ['Created', [record.created?.datetime, record.created?.by && `by ${record.created.by}`].filter(Boolean).join(' ') || undefined],
    ['Last modified', [record.lastModified?.datetime, record.lastModified?.by && `by ${record.lastModified.by}`].filter(Boolean).join(' ') || undefined],
  ];
  out.push('| Field | Value |', '| --- | --- |', ...rows.filter(([, v]) => v).map(([k, v]) => `| ${md(k)} | ${md(v)} |`), '');
  out.push('## Coverage', '');
  if (record.ips.length) out.push('### IPs and ranges', '', ...record.ips.map((ip) => `- ${md(ip)}`), '');
  if (record.tags) {
    if (record.tags.tagType) out.push(`Tag type: ${md(record.tags.tagType)}`, '');
    out.push(...tagSetLines('Included tags', record.tags.include), ...tagSetLines('Excluded tags', record.tags.exclude));
  }
  if (!record.ips.length && !record.tags) out.push('_No IPs or tags._', '');
  const settings = Object.entries(record.settings).filter(([name]) => !SECRET_NAME.test(name) || /^(SKIP|CLEARTEXT)_PASSWORD$/.test(name));
  if (settings.length) out.push('## Settings', '', '| Setting | Value |', '| --- | --- |', ...settings.map(([k, v]) => `| ${md(k)} | ${md(v)} |`), '');
  if (record.comments) out.push('## Comments', '', mdText(record.comments), '');
  return out.join('\n');
}
