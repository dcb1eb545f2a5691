/** Posture as text: status icons, pass ratios, tooltips and a control's details document. */
import type { Policy, PolicyControl } from '../../api';
import { md, mdText, type RowIcon } from '../nodes/row';
import { parseEvidenceText, parseExpectedValues } from './evidenceText';
import type { ControlPosture, PostureFilter, PostureHostEntry } from './postureModel';

/** Passed / Failed / Error as ThemeIcons with the test explorer's colors. */
export function statusIcon(status: string | undefined): RowIcon {
  switch (status) {
    case 'Passed':
      return { id: 'pass', color: 'testing.iconPassed' };
    case 'Failed':
      return { id: 'error', color: 'testing.iconFailed' };
    case 'Error':
      return { id: 'warning', color: 'testing.iconErrored' };
    default:
      return { id: 'circle-outline' };
  }
}

export function criticalityText(c: ControlPosture['criticality'] | PolicyControl['criticality']): string | undefined {
  if (!c || (!c.label && c.value === undefined)) return undefined;
  return c.label ? (c.value !== undefined ? `${c.label} (${c.value})` : c.label) : String(c.value);
}

/** "3/5 passed" and, when Qualys reports it, its own percentage over every control of the host. */
export function passRatioText(host: PostureHostEntry): string {
  const counted = `${host.passed}/${host.total} passed`;
  const pct = host.percentage?.match(/^\s*([\d.]+%)/)?.[1];
  return pct ? `${pct} · ${counted}` : counted;
}

export function hostPostureTooltip(host: PostureHostEntry): string {
  const lines = [`**${md(host.label)}**`, ''];
  if (host.ip) lines.push(`- IP: ${md(host.ip)}`);
  lines.push(`- Host ID: ${md(host.hostId)}`);
  if (host.os) lines.push(`- OS: ${md(host.os)}`);
  if (host.trackingMethod) lines.push(`- Tracking method: ${md(host.trackingMethod)}`);
  if (host.lastScan) lines.push(`- Last compliance scan: ${md(host.lastScan)}`);
  if (host.percentage) lines.push(`- Qualys pass percentage: ${md(host.percentage)}`);
  lines.push(`- Controls shown: ${host.passed} passed, ${host.controls.filter((c) => c.status === 'Failed').length} failed, ${host.controls.filter((c) => c.status === 'Error').length} error`);
  return lines.join('\n');
}

export function controlLabel(c: { readonly controlId: string; readonly statement?: string }): string {
  return c.statement ? `${c.controlId} ${c.statement}` : `Control ${c.controlId}`;
}

export function controlTooltip(c: ControlPosture): string {
  const lines = [`**${md(controlLabel(c))}**`, ''];
  lines.push(`- Status: ${md(c.status ?? 'unknown')}${c.previousStatus ? ` (was ${md(c.previousStatus)})` : ''}`);
  const crit = criticalityText(c.criticality);
  if (crit) lines.push(`- Criticality: ${md(crit)}`);
  lines.push(`- Host: ${md(c.hostLabel)}`);
  if (c.reference) lines.push(`- Reference: ${md(c.reference)}`);
  if (c.lastEvaluatedDate) lines.push(`- Last evaluated: ${md(c.lastEvaluatedDate)}`);
  return lines.join('\n');
}

function section(title: string, body: string | undefined): string[] {
  return [`## ${title}`, '', body ? mdText(body) : '_Not given by Qualys._', ''];
}

const longestTicks = (text: string): number => Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));

function codeBlock(lines: readonly string[]): string[] {
  // A fence longer than any backtick run inside keeps Qualys text from closing it.
  const fence = '`'.repeat(Math.max(2, ...lines.map(longestTicks)) + 1);
  return [fence, ...lines, fence];
}

/** A value exactly as Qualys wrote it: a code span (nothing inside is Markdown or HTML). */
function code(value: string): string {
  if (value.trim() === '') return '_(empty)_';
  const fence = '`'.repeat(longestTicks(value) + 1);
  const pad = /^[\s`]|[\s`]$/.test(value) ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** Qualys' explanation text: escaped, with its <B> bold kept as bold and <BR> as a line break. */
function qualysMarkup(text: string): string {
  const marked = text.replace(/<BR\s*\/?>/gi, '\n').replace(/<B>\s*([\s\S]*?)\s*<\/B>/gi, (_, inner: string) => (inner ? `\uE000${inner}\uE001` : ''));
  return mdText(marked).replace(/[\uE000\uE001]/g, '**');
}

function valueList(values: readonly string[] | undefined, none: string): string[] {
  return values && values.length ? values.map((value) => `- ${code(value)}`) : [none];
}

/**
 * The Evidence section: Qualys' explanation, the expected values (each alternative with its
 * operator), the current values with the date Qualys read them, and the causes of failure. The
 * classic API's evidence text is taken apart here, when the document opens.
 */
function evidenceMarkdown(ev: NonNullable<ControlPosture['evidence']>): string[] {
  const out: string[] = [];
  const classic = parseEvidenceText(ev.expression) ?? parseEvidenceText(ev.text);
  if (classic?.description) out.push(qualysMarkup(classic.description), '');
  const expected = classic ? classic.expected : ev.expected;
  if (expected !== undefined) {
    const alternatives = parseExpectedValues(expected);
    out.push(alternatives.length > 1 ? '**Expected**, any of:' : '**Expected:**', '');
    if (alternatives.length === 0) out.push('_(none given)_');
    for (const alternative of alternatives) out.push(`- ${alternative.operator ? `${md(alternative.operator)} ` : ''}${alternative.values.map(code).join(', ')}`);
    out.push('');
  } else if (!classic && ev.expression !== undefined) out.push("**Expected** (Qualys' expression):", '', ...codeBlock(ev.expression.split(/\r?\n/)), '');
  const current = classic?.current ?? ev.current;
  if (classic || ev.current || expected !== undefined || ev.expression !== undefined) {
    out.push(`**Current**${classic?.currentAsOf ? ` (last updated ${md(classic.currentAsOf)})` : ''}:`, '', ...valueList(current, '_None reported._'), '');
  }
  if (ev.missing) out.push('**Missing** (cause of failure):', '', ...valueList(ev.missing, ''), '');
  if (ev.unexpected) out.push('**Unexpected** (cause of failure):', '', ...valueList(ev.unexpected, ''), '');
  for (const extra of classic?.sections ?? []) out.push(`**${md(extra.title)}:**`, '', ...valueList(extra.lines, '_Empty._'), '');
  if (!classic && expected === undefined && ev.expression === undefined && !ev.current && ev.text) {
    out.push('As Qualys reports it:', '', ...codeBlock(ev.text.split(/\r?\n/)), '');
  }
  return out;
}

/** The details document of a control on a host. */
export function controlDetailsMarkdown(c: ControlPosture, policyTitle?: string): string {
  const out = [`# ${md(controlLabel(c))}`, ''];
  const rows: [string, string | undefined][] = [
    ['Control ID', c.controlId], ['Status', c.status], ['Previous status', c.previousStatus], ['Criticality', criticalityText(c.criticality)],
    ['Host', `${c.hostLabel}${c.hostIp && c.hostIp !== c.hostLabel ? ` (${c.hostIp})` : ''}, ID ${c.hostId}`],
    ['Policy', policyTitle ? `${policyTitle} (ID ${c.policyId})` : c.policyId], ['Technology', c.technology], ['Instance', c.instance],
  ];
  out.push('| Field | Value |', '| --- | --- |', ...rows.filter(([, v]) => v).map(([k, v]) => `| ${md(k)} | ${md(v)} |`), '');
  out.push(...section('Statement', c.statement), ...section('Rationale', c.rationale), ...section('Remediation', c.remediation));
  out.push('## Evidence', '');
  if (c.evidence) out.push(...evidenceMarkdown(c.evidence));
  else out.push('_No evidence in the answer._', '');
  out.push('## References', '', c.reference ? c.reference.split(/\s*[,;\n]\s*/).filter(Boolean).map((r) => `- ${md(r)}`).join('\n') : '_No CIS, STIG or user-defined reference._', '');
  out.push('## Dates', '', '| Event | Date |', '| --- | --- |');
  const dates: [string, string | undefined][] = [
    ['First failed', c.firstFailDate], ['Last failed', c.lastFailDate], ['First passed', c.firstPassDate], ['Last passed', c.lastPassDate],
    ['Last evaluated', c.lastEvaluatedDate], ['Posture modified', c.postureModifiedDate],
  ];
  for (const [k, v] of dates) out.push(`| ${k} | ${md(v ?? '—')} |`);
  out.push('');
  return out.join('\n');
}

export function policyTooltip(policy: Policy): string {
  const lines = [`**${md(policy.title ?? `Policy ${policy.id}`)}**`, '', `- Policy ID: ${md(policy.id)}`];
  if (policy.status) lines.push(`- Status: ${md(policy.status)}`);
  lines.push(`- Controls: ${policy.controls.length}`);
  if (policy.lastEvaluated) lines.push(`- Last evaluated: ${md(policy.lastEvaluated)}`);
  if (policy.tagInclude.length) lines.push(`- Tags included (${md(policy.tagIncludeSelector ?? 'ANY')}): ${md(policy.tagInclude.map((t) => t.name ?? t.id).join(', '))}`);
  if (policy.tagExclude.length) lines.push(`- Tags excluded (${md(policy.tagExcludeSelector ?? 'ANY')}): ${md(policy.tagExclude.map((t) => t.name ?? t.id).join(', '))}`);
  if (policy.isLocked) lines.push('- Locked');
  return lines.join('\n');
}

export function describePostureFilter(filter: PostureFilter): string | undefined {
  const parts: string[] = [];
  if (filter.status) parts.push(filter.status);
  if (filter.criticality && filter.criticality.length) parts.push(`criticality ${filter.criticality.join(', ')}`);
  return parts.length ? parts.join(' · ') : undefined;
}
