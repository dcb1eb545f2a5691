/**
 * What a chain reference reads, and the references that need no parse: a header or the whole body
 * (a lookup), and the bounds checked before any path is evaluated. Pure and free of the XPath and
 * JSONPath libraries, so the extension host's bundle (dist/send.js) carries none of them: paths are
 * evaluated in the chain worker (chainValues.ts, chainJob.ts, chainValue.ts).
 */
import type { ChainReference } from '../../../../protocol';
import { headerValue } from '../../headers';

/** What a request's last answer leaves for the requests that reference it. */
export interface ChainAnswer {
  readonly status: number;
  /** Header names as received; looked up case-insensitively. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type ChainValue = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

/** Bodies above this are not parsed for a reference (the answer is kept, the reference says why). */
export const MAX_CHAIN_BODY = 8 * 1024 * 1024;

/** A path longer than this is not evaluated: the server flags it (MAX_PATH of request/chain/chainReference.ts). */
const MAX_PATH = 2000;

export function answerName(reference: ChainReference): string {
  return `the answer of '${reference.name}'`;
}

/** The value of a header or whole-body reference, or a path's refusal before any parse; undefined when the path must be evaluated. */
export function directValue(reference: ChainReference, answer: ChainAnswer): ChainValue | undefined {
  const where = answerName(reference);
  if (reference.kind === 'header') {
    const found = headerValue(answer.headers, reference.path);
    return found !== undefined ? { ok: true, value: found } : { ok: false, message: `${where} has no header ${reference.path}.` };
  }
  if (reference.kind === 'whole') return { ok: true, value: answer.body };
  if (answer.body.length > MAX_CHAIN_BODY) return { ok: false, message: `${where} is larger than ${MAX_CHAIN_BODY / 1024 / 1024} MB: it is not searched.` };
  if (reference.path.length > MAX_PATH) return { ok: false, message: `The path is longer than ${MAX_PATH} characters.` };
  return undefined;
}
