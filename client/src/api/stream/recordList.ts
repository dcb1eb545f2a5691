/**
 * A Qualys list document described as data: which roots it may have, the element path from the root
 * to its records, and each record's fields as a rule table. `listReader` turns such a description
 * into a streaming document reader: records are handed over (or collected) as each one ends, the
 * page-level facts of an FO list (DATETIME, WARNING with the next page's URL, ID_SET) are read when
 * the path starts at RESPONSE, and nothing outside the path and the fields is decoded.
 *
 * Adding a kind of record (the host detection list next) is writing one ListSpec: see
 * parse/vmLists.ts for the smallest ones, parse/hostList.ts for rows with their raw XML kept.
 */
import { ok, type Result } from '../result';
import { documentReader, readWhole, type DocumentReader } from './documentReader';
import { field, group, responseRules, type PageHead, type PageWarning } from './pageRules';
import type { Rule, Rules } from './recordReader';

export interface RecordSpec<D, R> {
  /** A new draft for each record element. */
  readonly create: () => D;
  /** The record's children: texts() tables, and rules for nested elements. */
  readonly fields: Rules<D>;
  /** The record once its element has ended, or undefined to leave it out (e.g. it has no ID). */
  readonly finish: (draft: D, raw: string | undefined) => R | undefined;
  /** Keep each record's raw XML (start and end tags included) for `finish`: details parsed later. */
  readonly raw?: boolean;
}

export interface ListSpec<D, R, H extends PageHead = PageHead> {
  /** The roots the document may have; an answer with another root is refused, naming these. */
  readonly roots: readonly string[];
  /**
   * The element names from the root to the record element; a level with several names accepts any
   * of them. A path that starts at RESPONSE reads the FO list's DATETIME, WARNING and ID_SET too.
   */
  readonly path: readonly (string | readonly string[])[];
  readonly record: RecordSpec<D, R>;
  /** Further rules under RESPONSE (e.g. the host list's GLOSSARY), writing into the page head. */
  readonly response?: Rules<H>;
  /** A new page head (default: an empty PageHead), for specs whose `response` rules need more. */
  readonly head?: () => H;
}

/** A list page: its records (none when they were handed to `onRecord`) and what the page says around them. */
export interface ListPage<R> {
  readonly records: readonly R[];
  readonly datetime?: string;
  readonly warning?: PageWarning;
  /** IDs and ID ranges of an ID_SET (details=None). */
  readonly ids: readonly string[];
}

/** Leaves whose trimmed text is set on the draft as it is, by element name: { REF: 'ref', TITLE: 'title' }. */
export function texts<D>(table: Readonly<Record<string, keyof D & string>>): Rules<D> {
  const rules: Record<string, Rule<D>> = {};
  for (const [element, key] of Object.entries(table)) rules[element] = field<D>((d, v) => ((d as Record<string, unknown>)[key] = v));
  return rules;
}

/** Makes a reader of the list `spec` describes; with `onRecord`, each record is handed over as it ends and none is kept. */
export function listReader<D, R, H extends PageHead = PageHead>(spec: ListSpec<D, R, H>, onRecord?: (record: R) => void, onWarning?: (warning: PageWarning) => void): DocumentReader<ListPage<R> & { readonly head: H }> {
  const records: R[] = [];
  const take = onRecord ?? ((record: R) => records.push(record));
  const recordRule: Rule<unknown, D> = {
    create: spec.record.create,
    children: spec.record.fields as Rules<unknown>,
    ...(spec.record.raw ? { raw: true } : {}),
    done: (_parent, draft, raw) => {
      const record = spec.record.finish(draft, raw);
      if (record !== undefined) take(record);
    },
  };
  const head = spec.head ? spec.head() : ({ ids: [] } as PageHead as H);
  if (onWarning) head.onWarning = onWarning;
  // From the record up: each level's element holds the next level's; RESPONSE at the top reads the page's facts too.
  let rule = recordRule as Rule<H, unknown>;
  for (let level = spec.path.length - 1; level >= 1; level--) {
    const children = childrenOf(rule, spec.path[level]!);
    rule = level === 1 && spec.path[0] === 'RESPONSE' ? responseRules<H>({ ...(spec.response ?? {}), ...children }) : group<H>(children);
  }
  const top = group<H>(childrenOf(rule, spec.path[0]!));
  return documentReader(rootRules(spec.roots, top), head, (h) => ok({ records, ids: h.ids, head: h, ...(h.datetime !== undefined ? { datetime: h.datetime } : {}), ...(h.warning ? { warning: h.warning } : {}) }));
}

function childrenOf<H>(rule: Rule<H, unknown>, names: string | readonly string[]): Rules<H> {
  const out: Record<string, Rule<H, unknown>> = {};
  for (const name of typeof names === 'string' ? [names] : names) out[name] = rule;
  return out;
}

function rootRules<H>(roots: readonly string[], rule: Rule<H, unknown>): Rules<H> {
  const out: Record<string, Rule<H, unknown>> = {};
  for (const root of roots) out[root] = rule;
  return out;
}

/** Reads a whole list held in memory: its records. */
export function readList<D, R, H extends PageHead>(spec: ListSpec<D, R, H>, body: string | Buffer): Result<R[]> {
  const page = readWhole(listReader(spec), body);
  return page.ok ? ok(page.value.records as R[]) : page;
}
