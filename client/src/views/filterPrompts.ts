/** The quick picks and input boxes that edit the Hosts and Posture filters. */
import * as vscode from 'vscode';
import { checkIpList, checkOsPattern, parseTagList, TRACKING_METHODS, type HostFilter } from './hosts/hostFilter';
import { CRITICALITY_LABELS, POSTURE_STATUSES, type PostureFilter, type PostureStatus } from './posture/postureModel';
import { checkDate, checkQidList, DETECTION_STATUSES, type DetectionStatus, type VulnFilter } from './vulnerabilities/vulnFilter';
import { SEVERITY_NAMES } from '../knowledge/kbText';

type HostField = 'ips' | 'osPattern' | 'tags' | 'trackingMethod';

/** Edits one part of the host filter; undefined when the user backs out. */
export async function promptHostFilter(current: HostFilter): Promise<HostFilter | undefined> {
  const items: (vscode.QuickPickItem & { field: HostField })[] = [
    { field: 'ips', label: 'IP address or range', description: current.ips ?? '', detail: 'Qualys parameter ips, e.g. 10.0.0.1-10.0.0.50,10.0.1.7' },
    { field: 'osPattern', label: 'Operating system pattern', description: current.osPattern ?? '', detail: 'Qualys parameter os_pattern (a regular expression), e.g. ^Windows' },
    { field: 'tags', label: 'Asset tags', description: current.tags?.join(', ') ?? '', detail: 'Qualys parameters use_tags, tag_set_by=name, tag_set_include' },
    { field: 'trackingMethod', label: 'Tracking method', description: current.trackingMethod ?? '', detail: 'IP, DNS, NETBIOS, EC2 or AGENT (applied to each page: the host list API has no parameter for it)' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Filter Hosts', placeHolder: 'Which filter to set (an empty value removes it)' });
  if (!pick) return undefined;
  const without = (field: HostField): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...current };
    delete copy[field];
    if (field === 'tags') delete copy.tagSelector;
    return copy;
  };
  switch (pick.field) {
    case 'ips': {
      const value = await vscode.window.showInputBox({ title: 'Filter Hosts by IP', value: current.ips ?? '', prompt: 'IPs and ranges, comma separated; empty removes the filter', validateInput: (v) => (v.trim() ? checkIpList(v) : undefined) });
      if (value === undefined) return undefined;
      return value.trim() ? { ...current, ips: value.replace(/\s+/g, '') } : (without('ips') as HostFilter);
    }
    case 'osPattern': {
      const value = await vscode.window.showInputBox({ title: 'Filter Hosts by Operating System', value: current.osPattern ?? '', prompt: 'A regular expression on the OS; empty removes the filter', validateInput: (v) => (v ? checkOsPattern(v) : undefined) });
      if (value === undefined) return undefined;
      return value ? { ...current, osPattern: value } : (without('osPattern') as HostFilter);
    }
    case 'tags': {
      const picked = await promptTags('Filter Hosts by Asset Tag', current.tags);
      if (picked === undefined) return undefined;
      return picked === 'none' ? (without('tags') as HostFilter) : { ...current, ...picked };
    }
    case 'trackingMethod': {
      const value = await vscode.window.showQuickPick(['(any)', ...TRACKING_METHODS], { title: 'Filter Hosts by Tracking Method' });
      if (value === undefined) return undefined;
      return value === '(any)' ? (without('trackingMethod') as HostFilter) : { ...current, trackingMethod: value };
    }
  }
}

export async function promptPostureFilter(current: PostureFilter): Promise<PostureFilter | undefined> {
  const status = await vscode.window.showQuickPick(
    [{ label: 'Any status' }, ...POSTURE_STATUSES.map((s) => ({ label: s, picked: s === current.status }))],
    { title: 'Filter Posture: status', placeHolder: current.status ? `Now: ${current.status}` : 'Now: any status' },
  );
  if (!status) return undefined;
  const levels = await vscode.window.showQuickPick(
    CRITICALITY_LABELS.map((label, i) => ({ label, description: String(i + 1), picked: current.criticality?.includes(label) ?? false })),
    { title: 'Filter Posture: criticality (none picked = any)', canPickMany: true },
  );
  if (!levels) return undefined;
  const out: { status?: PostureStatus; criticality?: string[] } = {};
  if (status.label !== 'Any status') out.status = status.label as PostureStatus;
  if (levels.length) out.criticality = levels.map((l) => l.label);
  return out;
}

type VulnField = 'severities' | 'statuses' | 'qids' | 'tags' | 'updatedSince';

/** Edits one part of the Vulnerabilities filter; undefined when the user backs out. */
export async function promptVulnFilter(current: VulnFilter): Promise<VulnFilter | undefined> {
  const items: (vscode.QuickPickItem & { field: VulnField })[] = [
    { field: 'severities', label: 'Severity', description: current.severities?.join(', ') ?? '', detail: 'Qualys parameter severities (1-5)' },
    { field: 'statuses', label: 'Status', description: current.statuses?.join(', ') ?? 'New, Active, Re-Opened, Fixed', detail: 'Qualys parameter status' },
    { field: 'qids', label: 'QIDs', description: current.qids ?? '', detail: 'Qualys parameter qids, e.g. 38170,90000-91000' },
    { field: 'tags', label: 'Asset tags', description: current.tags?.join(', ') ?? '', detail: 'Qualys parameters use_tags, tag_set_by=name, tag_set_include' },
    { field: 'updatedSince', label: 'Detection changed since', description: current.updatedSince ?? '', detail: 'Qualys parameter detection_updated_since (YYYY-MM-DD)' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Filter Vulnerabilities', placeHolder: 'Which filter to set (an empty value removes it)' });
  if (!pick) return undefined;
  const without = (field: VulnField): VulnFilter => {
    const copy: Record<string, unknown> = { ...current };
    delete copy[field];
    if (field === 'tags') delete copy.tagSelector;
    return copy as VulnFilter;
  };
  switch (pick.field) {
    case 'severities': {
      const levels = await vscode.window.showQuickPick(
        [5, 4, 3, 2, 1].map((n) => ({ label: String(n), description: SEVERITY_NAMES[n], picked: current.severities?.includes(n) ?? false })),
        { title: 'Filter Vulnerabilities by severity (none picked = any)', canPickMany: true },
      );
      if (!levels) return undefined;
      return levels.length ? { ...current, severities: levels.map((l) => Number(l.label)) } : without('severities');
    }
    case 'statuses': {
      const statuses = await vscode.window.showQuickPick(
        DETECTION_STATUSES.map((s) => ({ label: s, picked: current.statuses?.includes(s) ?? false })),
        { title: 'Filter Vulnerabilities by status (none picked = all four)', canPickMany: true },
      );
      if (!statuses) return undefined;
      return statuses.length ? { ...current, statuses: statuses.map((s) => s.label as DetectionStatus) } : without('statuses');
    }
    case 'qids': {
      const value = await vscode.window.showInputBox({ title: 'Filter Vulnerabilities by QID', value: current.qids ?? '', prompt: 'QIDs and ranges, comma separated; empty removes the filter', validateInput: (v) => (v.trim() ? checkQidList(v) : undefined) });
      if (value === undefined) return undefined;
      return value.trim() ? { ...current, qids: value.replace(/\s+/g, '') } : without('qids');
    }
    case 'tags': {
      const picked = await promptTags('Filter Vulnerabilities by Asset Tag', current.tags);
      if (picked === undefined) return undefined;
      return picked === 'none' ? without('tags') : { ...current, ...picked };
    }
    case 'updatedSince': {
      const value = await vscode.window.showInputBox({ title: 'Detections changed since', value: current.updatedSince ?? '', prompt: 'A date (YYYY-MM-DD); empty removes the filter', validateInput: (v) => (v.trim() ? checkDate(v.trim()) : undefined) });
      if (value === undefined) return undefined;
      return value.trim() ? { ...current, updatedSince: value.trim() } : without('updatedSince');
    }
  }
}

/** Asset tag names and, for more than one, whether a host needs any or all of them; 'none' when emptied, undefined when dismissed. */
async function promptTags(title: string, current: readonly string[] | undefined): Promise<{ tags: string[]; tagSelector: 'any' | 'all' } | 'none' | undefined> {
  const value = await vscode.window.showInputBox({ title, value: current?.join(', ') ?? '', prompt: 'Tag names, comma separated; empty removes the filter' });
  if (value === undefined) return undefined;
  const tags = parseTagList(value);
  if (tags.length === 0) return 'none';
  if (tags.length === 1) return { tags, tagSelector: 'any' };
  const selector = await vscode.window.showQuickPick(['any', 'all'], { title: 'Hosts with any or all of the tags?' });
  return selector ? { tags, tagSelector: selector as 'any' | 'all' } : undefined;
}
