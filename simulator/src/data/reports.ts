// Reports in Report Share, report templates and report schedules of the generated account: fixed
// lists (pure functions of the seed) plus the reports launched, cancelled and deleted in this run.
import { USERS } from './catalog';
import { DATA_EPOCH_MS, hash, isoSeconds, pick } from '../rng';

export type ReportState = 'Running' | 'Finished' | 'Submitted' | 'Canceled' | 'Errors';

export interface Report {
  id: number;
  title: string;
  type: string;
  userLogin: string;
  launched: string;
  outputFormat: string;
  size: string;
  state: ReportState;
  expires: string;
  templateId?: number;
}

export interface ReportTemplate {
  id: number;
  /** Auto (host based findings) or Manual (scan based findings). */
  type: 'Auto' | 'Manual';
  templateType: 'Scan' | 'Map' | 'Patch' | 'Remediation' | 'Compliance' | 'Policy' | 'PCI';
  title: string;
  user: { login: string; first: string; last: string };
  lastUpdate: string;
  global: boolean;
}

export interface ReportSchedule {
  id: number;
  title: string;
  templateTitle: string;
  outputFormat: string;
  active: boolean;
  startDate: string;
  startHour: number;
  startMinute: number;
}

const TEMPLATES: ReadonlyArray<Pick<ReportTemplate, 'type' | 'templateType' | 'title'>> = [
  { type: 'Auto', templateType: 'Scan', title: 'Technical Report' },
  { type: 'Manual', templateType: 'Scan', title: 'Scan Results' },
  { type: 'Auto', templateType: 'Scan', title: 'Executive Report' },
  { type: 'Auto', templateType: 'Scan', title: 'High Severity Report' },
  { type: 'Auto', templateType: 'Scan', title: 'Qualys Top 20 Report' },
  { type: 'Manual', templateType: 'PCI', title: 'Payment Card Industry (PCI) Technical Report' },
  { type: 'Auto', templateType: 'Patch', title: 'Patch Report' },
  { type: 'Manual', templateType: 'Map', title: 'Unknown Device Report' },
  { type: 'Auto', templateType: 'Remediation', title: 'Ticket Report' },
  { type: 'Auto', templateType: 'Policy', title: 'Policy Compliance Report' },
];

/** The simulator writes PDF and CSV report content (routes/report.ts); PCI reports are PDF only. */
const FORMATS: Record<string, readonly string[]> = { PCI: ['PDF'] };

export const FIRST_TEMPLATE_ID = 91001;
export const FIRST_REPORT_ID = 7001001;

export class ReportStore {
  readonly templates: readonly ReportTemplate[];
  readonly schedules: readonly ReportSchedule[];
  private readonly reports: Report[];
  private nextId: number;

  constructor(seed: number) {
    const s = seed;
    this.templates = TEMPLATES.map((t, k) => {
      const u = pick(USERS, hash(s, 100, k));
      return { id: FIRST_TEMPLATE_ID + k, ...t, user: { login: u.login, first: u.first, last: u.last }, lastUpdate: isoSeconds(DATA_EPOCH_MS - (10 + (hash(s, 101, k) % 400)) * 86_400_000), global: hash(s, 102, k) % 3 !== 0 };
    });
    this.reports = Array.from({ length: 14 }, (_, k) => {
      const template = this.templates[hash(s, 103, k) % this.templates.length]!;
      const launchedMs = DATA_EPOCH_MS - (k * 3 + 1) * 86_400_000;
      const state: ReportState = k === 0 ? 'Running' : k === 1 ? 'Submitted' : hash(s, 104, k) % 11 === 0 ? 'Errors' : 'Finished';
      const format = pick(FORMATS[template.templateType] ?? ['PDF', 'CSV'], hash(s, 105, k));
      return {
        id: FIRST_REPORT_ID + k,
        title: `${template.title} ${isoSeconds(launchedMs).slice(0, 10)}`,
        type: template.templateType === 'PCI' ? 'Scan' : template.templateType,
        userLogin: pick(USERS, hash(s, 106, k)).login,
        launched: isoSeconds(launchedMs),
        outputFormat: format,
        size: state === 'Finished' ? `${(0.1 + (hash(s, 107, k) % 900) / 100).toFixed(2)} MB` : '',
        state,
        expires: isoSeconds(launchedMs + 7 * 86_400_000),
        templateId: template.id,
      };
    });
    this.nextId = FIRST_REPORT_ID + 1000;
    this.schedules = this.templates.slice(0, 4).map((t, k) => ({
      id: 2601 + k,
      title: `Weekly ${t.title}`,
      templateTitle: t.title,
      outputFormat: pick(FORMATS[t.templateType] ?? ['PDF', 'CSV'], hash(s, 108, k)),
      active: k !== 3,
      startDate: isoSeconds(DATA_EPOCH_MS - (30 + k) * 86_400_000),
      startHour: 1 + k,
      startMinute: 0,
    }));
  }

  list(): readonly Report[] {
    return this.reports;
  }

  find(id: number): Report | undefined {
    return this.reports.find((r) => r.id === id);
  }

  template(id: number): ReportTemplate | undefined {
    return this.templates.find((t) => t.id === id);
  }

  /** A launched report is listed first and finishes at once (its content is generated on fetch). */
  launch(template: ReportTemplate, fields: { title?: string; outputFormat: string; user: string; nowMs: number }): Report {
    const report: Report = {
      id: this.nextId++,
      title: fields.title ?? template.title,
      type: template.templateType === 'PCI' ? 'Scan' : template.templateType,
      userLogin: fields.user,
      launched: isoSeconds(fields.nowMs),
      outputFormat: fields.outputFormat.toUpperCase(),
      size: '0.05 MB',
      state: 'Finished',
      expires: isoSeconds(fields.nowMs + 7 * 86_400_000),
      templateId: template.id,
    };
    this.reports.unshift(report);
    return report;
  }

  remove(id: number): boolean {
    const i = this.reports.findIndex((r) => r.id === id);
    if (i < 0) return false;
    this.reports.splice(i, 1);
    return true;
  }
}
