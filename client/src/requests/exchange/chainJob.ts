/**
 * A chain job as the XPath worker (client/src/xpathWorker.ts, dist/xpath.js) answers it: the values
 * of chain references (XPath with fontoxpath on slimdom, JSONPath) in an answer, so that neither the
 * parse of a large answer nor a path that runs long ever holds the extension host's thread. It knows
 * no account and sends nothing anywhere; the host (../../xpathHost.ts) ends the worker when a path runs
 * past its time bound.
 *
 * host → worker: `values` {id, answer (the answer's id), the answer, references}.
 * worker → host: `values` {id, the values in the order of the references}.
 * A few recent answers are kept by id with their parsed documents (chainValue.ts caches a parse per
 * answer object), so the references of a file that read one answer parse it once.
 */
import { chainValue, type ChainAnswer, type ChainValue } from './chainValue';
import type { ChainReference } from '../../../../protocol';

export interface ValuesRequest {
  readonly type: 'values';
  readonly id: number;
  readonly answer: number;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly references: readonly ChainReference[];
}

export interface ValuesReply {
  readonly type: 'values';
  readonly id: number;
  readonly values: readonly ChainValue[];
}

/** Answers kept with their parsed documents: a parsed 5,000-host page takes tens of MB. */
const KEPT = 2;

const kept = new Map<number, ChainAnswer>();

function answerOf(message: ValuesRequest): ChainAnswer {
  let answer = kept.get(message.answer);
  if (answer) kept.delete(message.answer);
  else answer = { status: message.status, headers: message.headers, body: message.body };
  kept.set(message.answer, answer);
  while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  return answer;
}

export function answerValues(message: ValuesRequest): ValuesReply {
  const answer = answerOf(message);
  const values = message.references.map((reference): ChainValue => {
    try {
      return chainValue(reference, answer);
    } catch (error) {
      // chainValue catches what the libraries throw; this guards a bug, which must answer, not end the worker.
      return { ok: false, message: `${reference.path} could not be evaluated (${error instanceof Error ? error.message : String(error)}).` };
    }
  });
  return { type: 'values', id: message.id, values };
}
