/**
 * Read-only VM lists: scans (VM and compliance), reports, report templates (the v1 list, the only
 * one of every template type) and search lists. None of them pages: Qualys answers them whole.
 */
import type { CallOptions, QualysClient } from '../client';
import { OPERATIONS } from '../operations';
import type { Result } from '../result';
import { parseReportList, parseReportTemplateList, parseScanList, parseSearchLists, type ReportSummary, type ReportTemplateSummary, type ScanSummary, type SearchListSummary } from '../parse/vmLists';

export interface ScanListOptions extends CallOptions {
  /** Only scans launched after this date (YYYY-MM-DD[THH:MM:SSZ]); Qualys' default is the last 30 days. */
  readonly launchedAfter?: string;
}

/** GET /api/2.0/fo/scan/?action=list (vm) or /api/2.0/fo/scan/compliance/?action=list. */
export function listScans(client: QualysClient, kind: 'vm' | 'compliance', options: ScanListOptions = {}): Promise<Result<ScanSummary[]>> {
  return client.execute(
    {
      operation: OPERATIONS.scanList,
      method: 'GET',
      path: kind === 'vm' ? '/api/2.0/fo/scan/' : '/api/2.0/fo/scan/compliance/',
      query: { action: 'list', launched_after_datetime: options.launchedAfter },
      auth: 'basic',
    },
    (raw) => parseScanList(raw.body),
    options,
  );
}

/** GET /api/2.0/fo/report/?action=list: the reports in Report Share. */
export function listReports(client: QualysClient, options: CallOptions = {}): Promise<Result<ReportSummary[]>> {
  return client.execute({ operation: OPERATIONS.reportList, method: 'GET', path: '/api/2.0/fo/report/', query: { action: 'list' }, auth: 'basic' }, (raw) => parseReportList(raw.body), options);
}

/** GET /msp/report_template_list.php (API v1, no parameters). */
export function listReportTemplates(client: QualysClient, options: CallOptions = {}): Promise<Result<ReportTemplateSummary[]>> {
  return client.execute({ operation: OPERATIONS.reportTemplateList, method: 'GET', path: '/msp/report_template_list.php', auth: 'basic' }, (raw) => parseReportTemplateList(raw.body), options);
}

/** GET /api/2.0/fo/qid/search_list/{static|dynamic}/?action=list (dynamic lists without their QIDs). */
export function listSearchLists(client: QualysClient, kind: 'static' | 'dynamic', options: CallOptions = {}): Promise<Result<SearchListSummary[]>> {
  return client.execute(
    {
      operation: OPERATIONS.searchListList,
      method: 'GET',
      path: `/api/2.0/fo/qid/search_list/${kind}/`,
      query: kind === 'dynamic' ? { action: 'list', show_qids: 0, show_option_profiles: 0, show_distribution_groups: 0, show_report_templates: 0, show_remediation_policies: 0 } : { action: 'list' },
      auth: 'basic',
    },
    (raw) => parseSearchLists(raw.body, kind),
    options,
  );
}
