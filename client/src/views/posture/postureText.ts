/** Posture as text: status icons, pass ratios, tooltips and a control's details document. */
import type { Policy, PolicyControl } from '../../api';
import { md, type RowIcon } from '../nodes/row';
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
  return [`## ${title}`, '', body ? md(body) : '_Not given by Qualys._', ''];
}

function codeBlock(lines: readonly string[]): string[] {
  // A fence longer than any backtick run inside keeps Qualys text from closing it.
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length))));
  const fence = '`'.repeat(longest + 1);
  return [fence, ...lines, fence];
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
  const ev = c.evidence;
  if (!ev) out.push('_No evidence in the answer._', '');
  else {
    if (ev.expected !== undefined) out.push('Expected values:', '', ...codeBlock(ev.expected.split(/\r?\n/)), '');
    if (ev.current) out.push('Current values:', '', ...codeBlock(ev.current.length ? ev.current : ['(none)']), '');
    if (ev.missing) out.push('Missing (cause of failure):', '', ...codeBlock(ev.missing), '');
    if (ev.unexpected) out.push('Unexpected (cause of failure):', '', ...codeBlock(ev.unexpected), '');
    if (ev.text) out.push('Expected expression and current values, as Qualys reports them:', '', ...codeBlock(ev.text.split(/\r?\n/)), '');
  }
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
