/**
 * How downloaded records become lines: JSON Lines (one object a line, any list) or CSV (for the
 * record kinds with a fixed column table: a detection is one row with its host's columns). CSV
 * follows RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; a field
 * starting with =, +, - or @ gets a leading apostrophe so a spreadsheet never runs it as a formula.
 * Pure: no `vscode` import.
 */
import type { DownloadFormat } from './downloadFile';

export type Flat = Readonly<Record<string, string | number | boolean | undefined>>;

/** The columns of the detection download: the host's, then the detection's (order of the DTD). */
export const DETECTION_COLUMNS = [
  'hostId', 'ip', 'ipv6', 'dns', 'netbios', 'os', 'trackingMethod', 'networkId',
  'qid', 'uniqueVulnId', 'type', 'severity', 'port', 'protocol', 'ssl', 'status',
  'firstFound', 'lastFound', 'timesFound', 'lastTest', 'lastUpdate', 'lastFixed', 'lastProcessed',
  'qds', 'ignored', 'disabled', 'results',
] as const;

export const COLUMN_TABLES: Readonly<Record<string, readonly string[]>> = { detections: DETECTION_COLUMNS };

/** Whether a record kind can be written as CSV. */
export function csvColumns(kind: string): readonly string[] | undefined {
  return COLUMN_TABLES[kind];
}

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  let text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | boolean | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function csvHeader(columns: readonly string[]): string {
  return csvRow(columns);
}

/** One record's line in the chosen format. */
export function recordLine(record: Flat | object, format: DownloadFormat, columns: readonly string[] | undefined): string {
  if (format === 'csv' && columns) {
    const flat = record as Flat;
    return csvRow(columns.map((c) => flat[c]));
  }
  return `${JSON.stringify(record)}\n`;
}

/** A file name for a download: the endpoint's last words and the date, e.g. 'detection-list-2026-02-01.jsonl'. */
export function defaultFileName(path: string, action: string | undefined, format: DownloadFormat, date = new Date()): string {
  const words = path.split('/').filter((s) => s && !/^(api|fo|\d+\.\d+)$/.test(s)).slice(-2);
  const base = [...words, action].filter(Boolean).join('-').replace(/[^A-Za-z0-9_-]+/g, '-') || 'qualys';
  return `${base}-${date.toISOString().slice(0, 10)}.${format}`;
}
