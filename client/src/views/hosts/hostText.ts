/** A host as text: its row label, the tooltip and the details document (Markdown). */
import type { Host, HostRow } from '../../api';
import { md, mdText } from '../nodes/row';
import { plural } from '../../../../common/plural';

/** DNS name, FQDN, IP, IPv6 or NetBIOS name, whichever Qualys knows first. */
export function hostLabel(host: HostRow | Host): string {
  const fqdn = 'fqdn' in host ? host.fqdn : 'dnsData' in host ? host.dnsData?.fqdn : undefined;
  return host.dns ?? fqdn ?? host.ip ?? host.ipv6 ?? host.netbios ?? `Host ${host.id}`;
}

function tagNames(host: Host): string {
  return host.tags.map((t) => t.name ?? t.id ?? '').filter(Boolean).join(', ');
}

function cloudLines(host: Host): string[] {
  const lines: string[] = [];
  if (host.cloudProvider || host.cloudService) lines.push(`Cloud: ${md([host.cloudProvider, host.cloudService].filter(Boolean).join(' '))}`);
  if (host.cloudResourceId) lines.push(`Cloud resource: ${md(host.cloudResourceId)}`);
  if (host.ec2InstanceId) lines.push(`EC2 instance: ${md(host.ec2InstanceId)}`);
  return lines;
}

/** The hover: the facts a user scans for, one per line. */
export function hostTooltip(host: Host): string {
  const lines = [`**${md(hostLabel(host))}**${host.ip && hostLabel(host) !== host.ip ? ` (${md(host.ip)})` : ''}`, ''];
  const add = (name: string, value: string | undefined): void => {
    if (value) lines.push(`- ${name}: ${md(value)}`);
  };
  add('Host ID', host.id);
  add('OS', host.os);
  add('Tracking method', host.trackingMethod);
  add('Network', host.networkId);
  add('Last VM scan', host.lastVmScanned ?? host.lastVulnScan);
  add('Last compliance scan', host.lastComplianceScan);
  add('Tags', tagNames(host));
  for (const field of host.userDefined) if (field.value) add(field.label ?? `User-defined ${field.index}`, field.value);
  for (const line of cloudLines(host)) lines.push(`- ${line}`);
  const metadata = host.metadata.filter((m) => m.value).slice(0, 6);
  for (const m of metadata) lines.push(`- ${md(m.provider)} ${md(m.name)}: ${md(m.value)}`);
  if (host.metadata.length > metadata.length) lines.push(`- …${plural(host.metadata.length - metadata.length, 'more cloud attribute', 'more cloud attributes')} in the details`);
  return lines.join('\n');
}

function table(rows: readonly (readonly [string, string | number | undefined])[]): string[] {
  const present = rows.filter(([, v]) => v !== undefined && v !== '');
  if (present.length === 0) return ['_none_'];
  return ['| Field | Value |', '| --- | --- |', ...present.map(([k, v]) => `| ${md(k)} | ${md(v)} |`)];
}

/** The read-only details document of "Open Details". */
export function hostDetailsMarkdown(host: Host): string {
  const out: string[] = [`# ${md(hostLabel(host))}`, ''];
  out.push('## Identity', '', ...table([
    ['Host ID', host.id], ['Asset ID', host.assetId], ['IP', host.ip], ['IPv6', host.ipv6], ['DNS', host.dns], ['FQDN', host.dnsData?.fqdn],
    ['NetBIOS', host.netbios], ['OS', host.os], ['Tracking method', host.trackingMethod], ['Network ID', host.networkId],
    ['Qualys host ID (agent)', host.qgHostId], ['Owner', host.owner], ['Asset group IDs', host.assetGroupIds.join(', ')],
  ]), '');
  out.push('## Scans', '', ...table([
    ['Last vulnerability scan', host.lastVulnScan], ['Last VM scanned', host.lastVmScanned], ['Last VM scan duration (s)', host.lastVmScannedDurationSec],
    ['Last authenticated VM scan', host.lastVmAuthScanned], ['Last authenticated scan duration (s)', host.lastVmAuthScannedDurationSec],
    ['Last compliance scan', host.lastComplianceScan], ['Last SCAP scan', host.lastScapScan],
  ]), '');
  out.push('## Tags', '', host.tags.length ? host.tags.map((t) => `- ${md(t.name ?? '')}${t.id ? ` (ID ${md(t.id)})` : ''}`).join('\n') : '_none_', '');
  out.push('## User-defined fields', '', ...table(host.userDefined.map((f) => [f.label ?? `User-defined ${f.index}`, f.value] as const)), '');
  out.push('## Cloud', '', ...table([
    ['Provider', host.cloudProvider], ['Service', host.cloudService], ['Resource ID', host.cloudResourceId], ['EC2 instance ID', host.ec2InstanceId],
  ]), '');
  if (host.metadata.length) {
    out.push('### Cloud metadata', '', '| Provider | Attribute | Value | Last status | Last success |', '| --- | --- | --- | --- | --- |');
    for (const m of host.metadata) out.push(`| ${md(m.provider)} | ${md(m.name)} | ${md(m.value)} | ${md(m.lastStatus)} | ${md(m.lastSuccessDate)} |`);
    out.push('');
  }
  if (host.cloudProviderTags.length) {
    out.push('### Cloud provider tags', '', ...table(host.cloudProviderTags.map((t) => [t.name ?? '', t.value] as const)), '');
  }
  if (host.comments) out.push('## Comments', '', mdText(host.comments), '');
  return out.join('\n');
}
