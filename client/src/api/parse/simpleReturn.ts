/**
 * Success answers of mutating calls: SIMPLE_RETURN (option profile import), BATCH_RETURN
 * (auth record create/update, host purge) and HOST_UPDATE_OUTPUT (host update). An echoed
 * REQUEST/PARAM_LIST (echo_request=1) is never read: it may repeat a password.
 */
import { ok, type Result } from '../result';
import { documentReader, readWhole, type DocumentReader } from '../stream/documentReader';
import type { Rule, Rules } from '../stream/recordReader';
import { field, group } from '../stream/pageRules';

export interface SimpleReturn {
  readonly datetime?: string;
  readonly code?: string;
  readonly text?: string;
  readonly items: readonly { readonly key: string; readonly values: readonly string[] }[];
}

export interface BatchResult {
  readonly code?: string;
  readonly text?: string;
  /** IDs and ID ranges ('100-200') as Qualys gave them. */
  readonly ids: readonly string[];
}

export interface BatchReturn {
  readonly datetime?: string;
  readonly batches: readonly BatchResult[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type SimpleDraft = Mutable<SimpleReturn> & { items: { key: string; values: string[] }[] };
type ItemDraft = { key: string; values: string[] };

/** An ITEM's VALUE; an empty one still counts, as ''. */
const valueRule: Rule<ItemDraft, { value: string }> = {
  create: () => ({ value: '' }),
  text: (v, text) => (v.value = text),
  done: (item, v) => item.values.push(v.value),
};

/** RESPONSE/ITEM_LIST/ITEM: KEY and its VALUEs. */
const itemRule: Rule<SimpleDraft, ItemDraft> = {
  create: () => ({ key: '', values: [] }),
  children: {
    KEY: field((item: ItemDraft, v) => (item.key = v)),
    VALUE: valueRule,
  },
  done: (d, item) => d.items.push(item),
};

const simpleResponse: Rule<SimpleDraft> = group<SimpleDraft>({
  DATETIME: field<SimpleDraft>((d, v) => (d.datetime = v)),
  CODE: field<SimpleDraft>((d, v) => (d.code = v)),
  TEXT: field<SimpleDraft>((d, v) => (d.text = v)),
  ITEM_LIST: group<SimpleDraft>({ ITEM: itemRule }),
});

/** Reads SIMPLE_RETURN-shaped documents (any of `roots`): RESPONSE with DATETIME, CODE, TEXT and ITEM_LIST. */
export function simpleReturnReader(roots: readonly string[]): DocumentReader<SimpleReturn> {
  const rules: Rules<SimpleDraft> = Object.fromEntries(roots.map((root) => [root, group<SimpleDraft>({ RESPONSE: simpleResponse })]));
  return documentReader(rules, { items: [] } as SimpleDraft, (d) => ok(d));
}

export function parseSimpleReturn(body: string | Buffer, roots: readonly string[] = ['SIMPLE_RETURN', 'HOST_UPDATE_OUTPUT']): Result<SimpleReturn> {
  return readWhole(simpleReturnReader(roots), body);
}

type BatchDraft = Mutable<BatchResult> & { ids: string[] };
type BatchesDraft = { datetime?: string; batches: BatchDraft[] };

const batchRule: Rule<BatchesDraft, BatchDraft> = {
  create: () => ({ ids: [] }),
  children: {
    CODE: field((b: BatchDraft, v) => (b.code = v)),
    TEXT: field((b: BatchDraft, v) => (b.text = v)),
    ID_SET: group<BatchDraft>({ ID: field<BatchDraft>((b, v) => b.ids.push(v)), ID_RANGE: field<BatchDraft>((b, v) => b.ids.push(v)) }),
  },
  done: (d, b) => d.batches.push(b),
};

const BATCH_RULES: Rules<BatchesDraft> = {
  BATCH_RETURN: group<BatchesDraft>({
    RESPONSE: group<BatchesDraft>({ DATETIME: field<BatchesDraft>((d, v) => (d.datetime = v)), BATCH_LIST: group<BatchesDraft>({ BATCH: batchRule }) }),
  }),
};

export function parseBatchReturn(body: string | Buffer): Result<BatchReturn> {
  return readWhole(documentReader(BATCH_RULES, { batches: [] } as BatchesDraft, (d) => ok(d)), body);
}
