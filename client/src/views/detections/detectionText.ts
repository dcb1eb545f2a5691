/**
 * How a detection reads in the tree: its label (the QID's title when the KnowledgeBase gave it),
 * description (QID, severity, status, port), icon (by severity; information gathered apart), tooltip
 * and details document (the result text and the KnowledgeBase entry). Pure: no `vscode` import.
 */
import type { Detection, DetectionHost, DetectionRow } from '../../api/parse/detectionList';
import type { KbEntry } from '../../api/parse/knowledgeBase';
import { kbDetailsMarkdown, severityText, shortText } from '../../knowledge/kbText';
import { md, type RowIcon } from '../nodes/row';

const TYPE_NAMES: Readonly<Record<string, string>> = { Confirmed: 'confirmed', Potential: 'potential', Info: 'information gathered' };

export function typeText(type: string | undefined): string | undefined {
  return type === undefined ? undefined : (TYPE_NAMES[type] ?? type);
}

/** Severity colours of the theme's chart palette: 5 red, 4 orange, 3 yellow, 2 blue, 1 green. */
const SEVERITY_COLORS: Readonly<Record<number, string>> = { 5: 'charts.red', 4: 'charts.orange', 3: 'charts.yellow', 2: 'charts.blue', 1: 'charts.green' };

export function severityIcon(severity: number | undefined, type: string | undefined): RowIcon {
  if (type === 'Info') return { id: 'info', color: 'charts.blue' };
  const color = severity !== undefined ? SEVERITY_COLORS[severity] : undefined;
  const id = type === 'Potential' ? 'circle-large-outline' : 'circle-large-filled';
  return color ? { id, color } : { id };
}

export function portText(d: DetectionRow): string | undefined {
  if (!d.port) return undefined;
  return `${d.port}/${d.protocol ?? '?'}${d.ssl ? ' (SSL)' : ''}`;
}

export function detectionLabel(d: DetectionRow, kb: KbEntry | undefined): string {
  return kb?.title ? kb.title : `QID ${d.qid}`;
}

export function detectionDescription(d: DetectionRow, withTitle: boolean): string {
  const parts = [withTitle ? `QID ${d.qid}` : undefined, d.severity !== undefined ? `sev ${d.severity}` : undefined, d.type === 'Info' ? 'IG' : d.type === 'Potential' ? 'potential' : undefined, d.status, portText(d)];
  return parts.filter(Boolean).join(' · ');
}

function day(iso: string | undefined): string | undefined {
  return iso ? iso.slice(0, 10) : undefined;
}

/** The facts of a detection as Markdown list items. */
function facts(d: Detection | DetectionRow): string[] {
  const full = d as Detection;
  const items: [string, string | number | undefined][] = [
    ['QID', d.qid],
    ['Severity', d.severity !== undefined ? severityText(d.severity) : undefined],
    ['Type', typeText(d.type)],
    ['Status', d.status],
    ['Port', portText(d)],
    ['First found', d.firstFound],
    ['Last found', d.lastFound],
    ['Times found', d.timesFound],
    ['Last fixed', d.lastFixed],
    ['Last tested', full.lastTest],
    ['Last updated', full.lastUpdate],
    ['Re-opened', full.timesReopened !== undefined ? `${full.timesReopened} time(s), first ${full.firstReopened ?? '?'}, last ${full.lastReopened ?? '?'}` : undefined],
    ['QDS', d.qds !== undefined ? `${d.qds}${full.qdsSeverity ? ` (${full.qdsSeverity})` : ''}` : undefined],
    ['Ignored', d.ignored ? 'yes' : undefined],
    ['Disabled', d.disabled ? 'yes' : undefined],
    ['Affects the running kernel', full.affectRunningKernel === undefined ? undefined : full.affectRunningKernel ? 'yes' : 'no'],
    ['Unique vulnerability ID', d.uniqueId],
  ];
  return items.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `- **${k}:** ${md(v)}`);
}

export function detectionTooltip(d: DetectionRow, kb: KbEntry | undefined, host?: DetectionHost): string {
  const lines = [`**${md(detectionLabel(d, kb))}**`, ''];
  if (host) lines.push(`Host ${md(host.dns ?? host.ip ?? host.id)}`, '');
  lines.push(`QID ${md(d.qid)} · ${md(severityText(d.severity))} · ${md(typeText(d.type) ?? '')} · ${md(d.status ?? '')}`);
  const seen = [d.firstFound ? `first found ${day(d.firstFound)}` : undefined, d.lastFound ? `last found ${day(d.lastFound)}` : undefined, portText(d)].filter(Boolean).join(' · ');
  if (seen) lines.push('', md(seen));
  if (kb?.cves.length) lines.push('', `CVE: ${kb.cves.slice(0, 4).map(md).join(', ')}${kb.cves.length > 4 ? ` and ${kb.cves.length - 4} more` : ''}`);
  const solution = shortText(kb?.solution, 200);
  if (solution) lines.push('', `Solution: ${md(solution)}`);
  return lines.join('\n');
}

/** The result text as a fenced block (its lines as the scanner wrote them; fences inside cannot end it). */
function resultsBlock(results: string): string[] {
  const longest = Math.max(2, ...[...results.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [fence, results.replace(/\t/g, '    '), fence];
}

export function hostName(host: DetectionHost): string {
  return host.dns ?? host.netbios ?? host.ip ?? host.ipv6 ?? `host ${host.id}`;
}

/** The details document of a detection: the detection, its result, then the KnowledgeBase entry. */
export function detectionDetailsMarkdown(d: Detection, host: DetectionHost | undefined, kb: KbEntry | undefined, kbNote?: string, resultNote?: string): string {
  const lines = [`# ${md(detectionLabel(d, kb))}`, ''];
  if (host) lines.push(`Host **${md(hostName(host))}** (ID ${md(host.id)}${host.ip ? `, ${md(host.ip)}` : ''}${host.os ? `, ${md(host.os)}` : ''})`, '');
  lines.push(...facts(d), '');
  lines.push('## Result', '');
  if (d.results) lines.push(...resultsBlock(d.results), '');
  else lines.push(resultNote ?? 'Qualys gave no result text for this detection.', '');
  if (kb) lines.push('---', '', kbDetailsMarkdown(kb).replace(/^# /, '## KnowledgeBase: '));
  else if (kbNote) lines.push('---', '', md(kbNote), '');
  return lines.join('\n');
}
