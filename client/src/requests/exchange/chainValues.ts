/**
 * Chained references' values in one answer, off the extension host's thread: headers and the whole
 * body are read here (a lookup); every XPath and JSONPath is evaluated in the XPath worker
 * (../../xpathHost.ts, chainJob.ts in ../../xpathWorker.ts), whatever the answer's size: parsing a
 * 5,000-host page takes hundreds of ms, and a path's own time is not bounded by its answer
 * (`(1 to 100000000) ! string(.)` runs long on a 1 KB one). What crosses is the answer (a string
 * copy, a few ms for MBs) and the references; what comes back is the values. A message that gets
 * no answer within `timeoutMs` of the worker being ready ends the worker (the host's bounds), and so
 * does an aborted signal.
 */
import type { ChainReference } from '../../../../protocol';
import { XPathHost, xpathHost } from '../../xpathHost';
import type { ValuesReply, ValuesRequest } from './chainJob';
import { directValue, type ChainAnswer, type ChainValue } from './directValue';

export const EVALUATION_TIMEOUT_MS = 10_000;

export interface ChainValuesOptions {
  readonly timeoutMs?: number;
  /** The worker's host; the process's one by default. */
  readonly host?: XPathHost;
}

const failed = (count: number, message: string): ChainValue[] => Array.from({ length: count }, () => ({ ok: false, message }));

export class ChainValues {
  private readonly ids = new WeakMap<ChainAnswer, number>();
  private nextId = 1;
  private readonly timeoutMs: number;
  readonly host: XPathHost;

  constructor(options: ChainValuesOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? EVALUATION_TIMEOUT_MS;
    this.host = options.host ?? new XPathHost();
  }

  /** The values of `references` (all reading `answer`), in their order. Never rejects. */
  async values(answer: ChainAnswer, references: readonly ChainReference[], signal?: AbortSignal): Promise<ChainValue[]> {
    const values: (ChainValue | undefined)[] = references.map((reference) => directValue(reference, answer));
    const paths = references.filter((_, i) => values[i] === undefined);
    if (paths.length > 0) {
      const evaluated = await this.evaluate(answer, paths, signal);
      let next = 0;
      for (let i = 0; i < values.length; i++) values[i] ??= evaluated[next++];
    }
    return values as ChainValue[];
  }

  /** Ends the worker; what waits on it gets `message`. */
  stop(message = 'The chain worker was stopped.'): void {
    this.host.stop(message);
  }

  private async evaluate(answer: ChainAnswer, references: readonly ChainReference[], signal?: AbortSignal): Promise<readonly ChainValue[]> {
    let id = this.ids.get(answer);
    if (id === undefined) this.ids.set(answer, (id = this.nextId++));
    const job: Omit<ValuesRequest, 'id'> = { type: 'values', answer: id, status: answer.status, headers: answer.headers, body: answer.body, references: references.map(({ text, name, kind, path }) => ({ text, name, kind, path })) };
    const outcome = await this.host.run<ValuesReply>(job, {
      timeoutMs: this.timeoutMs,
      timedOut: `The path took longer than ${this.timeoutMs / 1000} s to evaluate and was stopped.`,
      ...(signal ? { signal } : {}),
      cancelled: signal?.aborted ? 'Cancelled before the answer was searched.' : 'Cancelled while the answer was searched.',
    });
    return outcome.ok ? outcome.reply.values : failed(references.length, outcome.message);
  }
}

let shared: ChainValues | undefined;

/** Chain values through the process's one XPath worker (../../xpathHost.ts). */
export function chainValues(): ChainValues {
  shared ??= new ChainValues({ host: xpathHost() });
  return shared;
}
