/**
 * The VM lists live completion values come from: SCAN_LIST_OUTPUT (VM and compliance scans),
 * REPORT_LIST_OUTPUT, the v1 REPORT_TEMPLATE_LIST and STATIC/DYNAMIC_SEARCH_LIST_OUTPUT. Each keeps
 * what completion shows (ID or reference, title, state or type); shapes as in the simulator's DTDs
 * (test/simulator/dtd/README.md). An echoed REQUEST is ignored.
 */
import { apiError } from '../errors';
import { fail, ok, type Result } from '../result';
import { child, childFlag, childText, children, parseXml, type XmlNode } from '../xml';
import { compact } from './compact';

export interface ScanSummary {
  readonly ref: string;
  readonly title?: string;
  readonly type?: string;
  readonly state?: string;
  readonly launched?: string;
  readonly target?: string;
}

export interface ReportSummary {
  readonly id: string;
  readonly title?: string;
  readonly type?: string;
  readonly state?: string;
  readonly outputFormat?: string;
  readonly launched?: string;
}

export interface ReportTemplateSummary {
  readonly id: string;
  readonly title?: string;
  /** Auto (host based findings) or Manual (scan based findings). */
  readonly type?: string;
  /** Scan, Map, Patch, Remediation, Compliance, Policy, PCI... */
  readonly templateType?: string;
  readonly global?: boolean;
}

export interface SearchListSummary {
  readonly id: string;
  readonly title?: string;
  readonly global?: boolean;
  readonly qidCount: number;
}

function root(body: string, expected: readonly string[]): Result<XmlNode> {
  const doc = parseXml(body);
  if (!doc.ok) return doc;
  if (!expected.includes(doc.value.root)) return fail(apiError('malformed', `Expected ${expected.join(' or ')}, got ${doc.value.root}.`));
  return ok(doc.value.node);
}

export function parseScanList(body: string): Result<ScanSummary[]> {
  const node = root(body, ['SCAN_LIST_OUTPUT']);
  if (!node.ok) return node;
  const scans = children(child(child(node.value, 'RESPONSE'), 'SCAN_LIST'), 'SCAN');
  return ok(
    scans.flatMap((scan) => {
      const ref = childText(scan, 'REF');
      if (!ref) return [];
      return [compact({ ref, title: childText(scan, 'TITLE'), type: childText(scan, 'TYPE'), state: childText(child(scan, 'STATUS'), 'STATE'), launched: childText(scan, 'LAUNCH_DATETIME'), target: childText(scan, 'TARGET') })];
    }),
  );
}

export function parseReportList(body: string): Result<ReportSummary[]> {
  const node = root(body, ['REPORT_LIST_OUTPUT']);
  if (!node.ok) return node;
  const reports = children(child(child(node.value, 'RESPONSE'), 'REPORT_LIST'), 'REPORT');
  return ok(
    reports.flatMap((r) => {
      const id = childText(r, 'ID');
      if (!id) return [];
      return [compact({ id, title: childText(r, 'TITLE'), type: childText(r, 'TYPE'), state: childText(child(r, 'STATUS'), 'STATE'), outputFormat: childText(r, 'OUTPUT_FORMAT'), launched: childText(r, 'LAUNCH_DATETIME') })];
    }),
  );
}

export function parseReportTemplateList(body: string): Result<ReportTemplateSummary[]> {
  const node = root(body, ['REPORT_TEMPLATE_LIST']);
  if (!node.ok) return node;
  return ok(
    children(node.value, 'REPORT_TEMPLATE').flatMap((t) => {
      const id = childText(t, 'ID');
      if (!id) return [];
      return [compact({ id, title: childText(t, 'TITLE'), type: childText(t, 'TYPE'), templateType: childText(t, 'TEMPLATE_TYPE'), global: childFlag(t, 'GLOBAL') })];
    }),
  );
}

export function parseSearchLists(body: string, kind: 'static' | 'dynamic'): Result<SearchListSummary[]> {
  const prefix = kind === 'static' ? 'STATIC' : 'DYNAMIC';
  // Qualys' dynamic list sample names its DTD DYNAMIC_SEARCH_LIST_OUTPUT but writes the root
  // SEARCH_LIST_OUTPUT, and Qualys' migration scripts look for SEARCH_LISTS: both spellings are read.
  const node = root(body, [`${prefix}_SEARCH_LIST_OUTPUT`, 'SEARCH_LIST_OUTPUT']);
  if (!node.ok) return node;
  const response = child(node.value, 'RESPONSE');
  const container = child(response, `${prefix}_LISTS`) ?? child(response, 'SEARCH_LISTS');
  const lists = [...children(container, `${prefix}_LIST`), ...children(container, 'SEARCH_LIST')];
  return ok(
    lists.flatMap((l) => {
      const id = childText(l, 'ID');
      if (!id) return [];
      return [compact({ id, title: childText(l, 'TITLE'), global: childFlag(l, 'GLOBAL'), qidCount: children(child(l, 'QIDS'), 'QID').length })];
    }),
  );
}
