/**
 * What every Qualys FO list answer shares around its records: RESPONSE/DATETIME, the WARNING (or
 * WARNING_LIST/WARNING) whose URL carries the next page's id_min, and the ID_SET of details=None.
 * A list document's rules are these plus its own list element; see pageRules().
 */
import type { Rule, Rules } from './recordReader';

export interface PageWarning {
  readonly code?: string;
  readonly text?: string;
  readonly url?: string;
}

/** The page-level facts a reader collects while its records stream past. */
export interface PageHead {
  datetime?: string;
  warning?: PageWarning;
  /** IDs and ID ranges of an ID_SET (details=None). */
  readonly ids: string[];
  /** Called as soon as the WARNING has ended: the next page can be asked for before this one is read. */
  onWarning?: (warning: PageWarning) => void;
}

/** A leaf whose trimmed text is set on the target. */
export function field<T>(set: (target: T, value: string, name: string) => void): Rule<T> {
  return { text: set };
}

/** An element whose children write into the same target. */
export function group<T>(children: Rules<T>): Rule<T> {
  return { children };
}

interface WarningDraft {
  code?: string;
  text?: string;
  url?: string;
}

const warningRule: Rule<PageHead, WarningDraft> = {
  create: () => ({}),
  children: {
    CODE: field<WarningDraft>((w, v) => (w.code = v)),
    TEXT: field<WarningDraft>((w, v) => (w.text = v)),
    // Qualys' PDF-copied samples wrap the URL across lines; whitespace in a URL carries no meaning.
    URL: field<WarningDraft>((w, v) => (w.url = v.replace(/\s+/g, ''))),
  },
  done: (head, warning) => {
    if (head.warning) return;
    head.warning = warning;
    head.onWarning?.(warning);
  },
};

const idSetRule: Rule<PageHead> = group<PageHead>({
  ID: field<PageHead>((head, v) => head.ids.push(v)),
  ID_RANGE: field<PageHead>((head, v) => head.ids.push(v)),
});

/** The RESPONSE rules of a list answer: the shared elements plus the document's own. */
export function responseRules<T extends PageHead>(own: Rules<T>): Rule<T> {
  return group<T>({
    DATETIME: field<T>((head, v) => (head.datetime = v)),
    WARNING: warningRule as Rule<T, unknown>,
    WARNING_LIST: group<T>({ WARNING: warningRule as Rule<T, unknown> }),
    ID_SET: idSetRule as Rule<T, unknown>,
    ...own,
  });
}

/** IDs and ID ranges as a list ('1,2, 3-5' → ['1', '2', '3-5']). */
export function idList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Qualys 0/1 flags as booleans. */
export function flag(value: string): boolean {
  const lower = value.toLowerCase();
  return value === '1' || lower === 'true' || lower === 'yes';
}

/** A finite number, or undefined. */
export function int(value: string): number | undefined {
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Qualys' PDF-copied samples wrap dates across lines ('2017-03-\n21T13:39:38Z'); the whitespace carries no meaning. */
export function date(value: string): string {
  return value.replace(/\s+/g, '');
}
