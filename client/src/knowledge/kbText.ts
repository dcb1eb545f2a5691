/**
 * KnowledgeBase entries as the user reads them: a hover (title, severity, CVEs, CVSS, patch, the
 * solution in short) and a document (everything, texts as plain paragraphs). Qualys writes its texts
 * as HTML: they are reduced to text here (tags dropped, paragraphs and line breaks kept, links kept as
 * their text and address), never rendered as HTML. Pure: no `vscode` import.
 */
import type { ApiError } from '../api/errors';
import type { KbCvss, KbEntry } from '../api/parse/knowledgeBase';
import { md } from '../views/nodes/row';
import { plural } from '../../../common/plural';

/** Qualys' names of the severity levels of confirmed vulnerabilities. */
export const SEVERITY_NAMES: Readonly<Record<number, string>> = { 1: 'Minimal', 2: 'Medium', 3: 'Serious', 4: 'Critical', 5: 'Urgent' };

export function severityText(severity: number | undefined): string {
  if (severity === undefined) return 'severity unknown';
  const name = SEVERITY_NAMES[severity];
  return name ? `severity ${severity} (${name})` : `severity ${severity}`;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML text → plain text: <P>/<BR>/<LI> become line breaks, links keep their text and address. */
export function htmlToText(html: string): string {
  return html
    .replace(/<a\b[^>]*?href\s*=\s*["']?([^"'\s>]+)["']?[^>]*>([\s\S]*?)<\/a\s*>/gi, (_m, href: string, text: string) => {
      const label = text.replace(/<[^>]*>/g, '').trim();
      return label && label !== href ? `${label} (${href})` : href;
    })
    .replace(/<\s*(br|p|\/p|li|\/li|div|\/div|tr|h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[name.toLowerCase()] ?? m;
    })
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first sentences of a text, at most `max` characters, on one line. */
export function shortText(html: string | undefined, max = 280): string | undefined {
  if (!html) return undefined;
  const text = htmlToText(html).replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text || undefined;
  const cut = text.slice(0, max);
  const sentence = cut.lastIndexOf('. ');
  return `${sentence > max / 2 ? cut.slice(0, sentence + 1) : cut.replace(/\s+\S*$/, '')} …`;
}

function cvssText(label: string, cvss: KbCvss | undefined): string | undefined {
  if (cvss?.base === undefined) return undefined;
  return `${label} ${cvss.base}${cvss.temporal !== undefined ? ` (temporal ${cvss.temporal})` : ''}`;
}

function listed(items: readonly string[], max: number): string {
  const shown = items.slice(0, max).map(md).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** The hover of a QID: a few lines of Markdown. */
export function kbHoverMarkdown(entry: KbEntry): string {
  const head = `**QID ${md(entry.qid)}**${entry.title ? ` ${md(entry.title)}` : ''}`;
  const facts = [severityText(entry.severity), entry.type, entry.category].filter(Boolean).map((t) => md(t)).join(' · ');
  const lines = [head, '', facts];
  if (entry.cves.length) lines.push('', `CVE: ${listed(entry.cves, 6)}`);
  const cvss = [cvssText('CVSS v3', entry.cvss3), cvssText('CVSS v2', entry.cvss)].filter(Boolean).join(' · ');
  if (cvss) lines.push('', cvss);
  const patch = entry.patchable === undefined ? undefined : entry.patchable ? 'Patch available' : 'No patch';
  const threats = entry.threats.length ? `threats: ${listed(entry.threats, 4)}` : undefined;
  const flags = [patch, entry.exploits ? plural(entry.exploits, 'public exploit reference') : undefined, threats].filter(Boolean).join(' · ');
  if (flags) lines.push('', flags);
  const solution = shortText(entry.solution);
  if (solution) lines.push('', `Solution: ${md(solution)}`);
  return lines.join('\n');
}

/** What a hover says for a QID it has no entry for. */
export function kbMissingMarkdown(qid: string, reason: { unavailable?: ApiError; failed?: ApiError } = {}): string {
  if (reason.unavailable) return `**QID ${md(qid)}**\n\n${md(unavailableText(reason.unavailable))}`;
  if (reason.failed) return `**QID ${md(qid)}**\n\nThe KnowledgeBase could not be read: ${md(errorText(reason.failed))}. Hover again to retry.`;
  return `**QID ${md(qid)}**\n\nThe KnowledgeBase lists no QID ${md(qid)}.`;
}

export function errorText(error: ApiError): string {
  const text = error.text ?? error.message;
  return error.code ? `CODE ${error.code}: ${text}` : text;
}

/** The one sentence saying the account cannot read the KnowledgeBase. */
export function unavailableText(error: ApiError): string {
  return `This account cannot read the KnowledgeBase (${errorText(error)}), so QIDs are shown without titles. "Qualys: Look Up QID or CVE" tries again.`;
}

function section(title: string, html: string | undefined): string[] {
  if (!html) return [];
  const paragraphs = htmlToText(html).split(/\n+/).map((p) => md(p.trim())).filter(Boolean);
  return [`## ${title}`, '', ...paragraphs.flatMap((p) => [p, '']),];
}

/** The details document of a QID (Markdown). */
export function kbDetailsMarkdown(entry: KbEntry): string {
  const lines = [`# QID ${md(entry.qid)}${entry.title ? `: ${md(entry.title)}` : ''}`, ''];
  const facts: [string, string | undefined][] = [
    ['Severity', severityText(entry.severity)],
    ['Type', entry.type],
    ['Category', entry.category],
    ['Patchable', entry.patchable === undefined ? undefined : entry.patchable ? 'yes' : 'no'],
    ['CVSS v3', cvssText('base', entry.cvss3)],
    ['CVSS v3 vector', entry.cvss3?.vector],
    ['CVSS v2', cvssText('base', entry.cvss)],
    ['PCI', entry.pci === undefined ? undefined : entry.pci ? 'fails PCI' : 'passes PCI'],
    ['Published', entry.published],
    ['Last changed by Qualys', entry.modified],
    ['Customised by the subscription', entry.customized],
    ['Disabled', entry.disabled ? 'yes' : undefined],
    ['Threat intelligence', entry.threats.length ? entry.threats.join(', ') : undefined],
    ['Public exploit references', entry.exploits ? String(entry.exploits) : undefined],
    ['Software', entry.software.length ? entry.software.join(', ') : undefined],
  ];
  for (const [name, value] of facts) if (value) lines.push(`- **${name}:** ${md(value)}`);
  lines.push('');
  if (entry.cves.length) lines.push('## CVE', '', ...entry.cves.map((c) => `- ${md(c)}`), '');
  if (entry.vendorRefs.length) lines.push('## Vendor references', '', ...entry.vendorRefs.map((r) => `- ${md(r.id)}${r.url ? ` ${md(r.url)}` : ''}`), '');
  lines.push(...section('Threat', entry.diagnosis), ...section('Impact', entry.consequence), ...section('Solution', entry.solution));
  return lines.join('\n');
}
