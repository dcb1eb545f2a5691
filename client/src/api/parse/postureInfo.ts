/**
 * POSTURE_INFO_LIST_OUTPUT (/api/2.0/fo/compliance/posture/info/, XML): posture records, and the
 * glossary's hosts (with DNS_DATA) and controls (statement, criticality, REFERENCE, rationale,
 * remediation). Seed 000 quotes the DTD parts this follows.
 */
import { apiError } from '../errors';
import { fail, ok, type Result } from '../result';
import { attr, child, childInt, childNames, childText, children, parseXml, text } from '../xml';
import { compact } from './compact';
import type { DnsData } from './hostList';

export interface PostureRecord {
  readonly id?: string;
  readonly hostId: string;
  readonly controlId: string;
  readonly technologyId?: string;
  readonly instance?: string;
  /** Passed | Failed | Error */
  readonly status?: string;
  readonly previousStatus?: string;
  readonly firstFailDate?: string;
  readonly lastFailDate?: string;
  readonly firstPassDate?: string;
  readonly lastPassDate?: string;
  readonly postureModifiedDate?: string;
  readonly lastEvaluatedDate?: string;
  /** Evidence as readable text (every text leaf of EVIDENCE, one per line), when asked for. */
  readonly evidence?: string;
  /**
   * The same evidence by part, when EVIDENCE has Qualys' structure: the expected expression
   * (BOOLEAN_EXPR) and the current values (DPV_LIST/DPV: LABEL, VALUE).
   */
  readonly evidenceParts?: { readonly expression?: string; readonly values: readonly { readonly label?: string; readonly value: string }[] };
  /** Other single-valued fields of the record. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface PostureHost {
  readonly id: string;
  readonly ip?: string;
  readonly networkId?: string;
  readonly trackingMethod?: string;
  readonly dns?: string;
  readonly dnsData?: DnsData;
  readonly netbios?: string;
  readonly os?: string;
  readonly osCpe?: string;
  readonly qgHostId?: string;
  readonly lastComplianceScan?: string;
  readonly percentage?: string;
}

export interface PostureControl {
  readonly id: string;
  readonly statement?: string;
  readonly criticality?: { readonly label?: string; readonly value?: number };
  /** CIS/STIG/user reference, e.g. '1.1.1.1.a'; empty references are undefined. */
  readonly reference?: string;
  readonly deprecated?: boolean;
  readonly rationales: readonly { readonly technologyId?: string; readonly text?: string }[];
  readonly remediations: readonly { readonly technologyId?: string; readonly text?: string }[];
}

export interface PosturePage {
  readonly datetime?: string;
  readonly records: readonly PostureRecord[];
  readonly hosts: ReadonlyMap<string, PostureHost>;
  readonly controls: ReadonlyMap<string, PostureControl>;
  readonly warning?: { readonly code?: string; readonly text?: string; readonly url?: string };
}

const RECORD_FIELDS: Record<string, keyof PostureRecord> = {
  ID: 'id', HOST_ID: 'hostId', CONTROL_ID: 'controlId', TECHNOLOGY_ID: 'technologyId', INSTANCE: 'instance', STATUS: 'status',
  PREVIOUS_STATUS: 'previousStatus', FIRST_FAIL_DATE: 'firstFailDate', LAST_FAIL_DATE: 'lastFailDate', FIRST_PASS_DATE: 'firstPassDate',
  LAST_PASS_DATE: 'lastPassDate', POSTURE_MODIFIED_DATE: 'postureModifiedDate', LAST_EVALUATED_DATE: 'lastEvaluatedDate',
};

function leaves(node: unknown, out: string[]): void {
  if (node === undefined || node === null) return;
  if (typeof node !== 'object') {
    const value = text(node);
    if (value) out.push(value);
    return;
  }
  if (Array.isArray(node)) {
    for (const item of node) leaves(item, out);
    return;
  }
  for (const [key, value] of Object.entries(node)) if (!key.startsWith('@_')) leaves(value, out);
}

function evidenceParts(node: unknown): PostureRecord['evidenceParts'] {
  const expression = text(child(node, 'BOOLEAN_EXPR')) || undefined;
  const values: { label?: string; value: string }[] = [];
  for (const dpv of children(child(node, 'DPV_LIST'), 'DPV')) {
    const label = text(child(dpv, 'LABEL')) || undefined;
    // A data point's values come as V elements (one or more) or as one VALUE.
    const items = [...children(dpv, 'V'), ...children(dpv, 'VALUE')].map((v) => text(v) ?? '');
    for (const value of items.length ? items : ['']) values.push({ ...(label ? { label } : {}), value });
  }
  if (expression === undefined && values.length === 0) return undefined;
  return { ...(expression ? { expression } : {}), values };
}

function parseRecord(node: unknown): PostureRecord {
  const record: Record<string, unknown> = { hostId: '', controlId: '' };
  const fields: Record<string, string> = {};
  for (const name of childNames(node)) {
    const value = child(node, name);
    if (name === 'EVIDENCE') {
      const lines: string[] = [];
      leaves(value, lines);
      if (lines.length) record.evidence = lines.join('\n');
      const parts = evidenceParts(value);
      if (parts) record.evidenceParts = parts;
      continue;
    }
    const scalar = typeof value === 'object' && value !== null && Object.keys(value).some((k) => k !== '#text' && !k.startsWith('@_')) ? undefined : text(value);
    if (scalar === undefined) continue;
    const known = RECORD_FIELDS[name];
    if (known) record[known] = scalar;
    else fields[name] = scalar;
  }
  return { ...record, fields } as unknown as PostureRecord;
}

function perTechnology(node: unknown, listName: string, itemName: string): { technologyId?: string; text?: string }[] {
  return children(child(node, listName), itemName).map((n) => compact({ technologyId: childText(n, 'TECHNOLOGY_ID'), text: childText(n, 'TEXT') }));
}

export function parsePostureInfo(body: string): Result<PosturePage> {
  const doc = parseXml(body);
  if (!doc.ok) return doc;
  if (doc.value.root !== 'POSTURE_INFO_LIST_OUTPUT') return fail(apiError('malformed', `Expected POSTURE_INFO_LIST_OUTPUT, got ${doc.value.root}.`));
  const response = child(doc.value.node, 'RESPONSE');
  const glossary = child(response, 'GLOSSARY');
  const hosts = new Map<string, PostureHost>();
  for (const h of children(child(glossary, 'HOST_LIST'), 'HOST')) {
    const dnsNode = child(h, 'DNS_DATA');
    const id = childText(h, 'ID') ?? '';
    hosts.set(id, compact({
      id,
      ip: childText(h, 'IP'),
      networkId: attr(child(h, 'IP'), 'network_id'),
      trackingMethod: childText(h, 'TRACKING_METHOD'),
      dns: childText(h, 'DNS'),
      dnsData: dnsNode === undefined ? undefined : compact({ hostname: childText(dnsNode, 'HOSTNAME'), domain: childText(dnsNode, 'DOMAIN'), fqdn: childText(dnsNode, 'FQDN') }),
      netbios: childText(h, 'NETBIOS'),
      os: childText(h, 'OS'),
      osCpe: childText(h, 'OS_CPE'),
      qgHostId: childText(h, 'QG_HOSTID'),
      lastComplianceScan: childText(h, 'LAST_COMPLIANCE_SCAN_DATETIME')?.replace(/\s+/g, ''),
      percentage: childText(h, 'PERCENTAGE'),
    }));
  }
  const controls = new Map<string, PostureControl>();
  for (const c of children(child(glossary, 'CONTROL_LIST'), 'CONTROL')) {
    const id = childText(c, 'ID') ?? '';
    const crit = child(c, 'CRITICALITY');
    controls.set(id, compact({
      id,
      statement: childText(c, 'STATEMENT'),
      criticality: crit === undefined ? undefined : compact({ label: childText(crit, 'LABEL'), value: childInt(crit, 'VALUE') }),
      reference: childText(c, 'REFERENCE'),
      deprecated: childText(c, 'DEPRECATED') === undefined ? undefined : childText(c, 'DEPRECATED') === '1',
      rationales: perTechnology(c, 'RATIONALE_LIST', 'RATIONALE'),
      remediations: perTechnology(c, 'REMEDIATION_LIST', 'REMEDIATION'),
    }));
  }
  const records = children(child(response, 'INFO_LIST'), 'INFO').map(parseRecord);
  const warningNode = child(child(response, 'WARNING_LIST'), 'WARNING') ?? child(response, 'WARNING');
  const warning = warningNode === undefined ? undefined : compact({ code: childText(warningNode, 'CODE'), text: childText(warningNode, 'TEXT'), url: childText(warningNode, 'URL') });
  return ok(compact({ datetime: childText(response, 'DATETIME'), records, hosts, controls, warning }));
}
