/**
 * The last answer of each named request (`# @name`), per request file: what chained references
 * read. Bounded: a body above MAX_KEPT_BODY is not kept (references into it say so), and a file
 * keeps at most MAX_NAMES answers (the oldest goes first). Nothing here is written to disk; an
 * answer never holds a credential (the API client drops Authorization and the gateway's JWT answer
 * is kept without its body).
 */
import type { ChainAnswer } from './directValue';

export const MAX_KEPT_BODY = 8 * 1024 * 1024;
export const MAX_NAMES = 50;
const MAX_FILES = 20;

export interface KeptAnswer extends ChainAnswer {
  readonly receivedAt: Date;
}

/** The answers of one file: what the sender reads and writes. */
export interface AnswerScope {
  get(name: string): KeptAnswer | undefined;
  set(name: string, answer: KeptAnswer): void;
}

/** A scope that lives as long as it is referenced (the command-line runner's run, a test). */
export class MemoryAnswers implements AnswerScope {
  private readonly answers = new Map<string, KeptAnswer>();

  get(name: string): KeptAnswer | undefined {
    return this.answers.get(name);
  }

  set(name: string, answer: KeptAnswer): void {
    this.answers.delete(name);
    this.answers.set(name, answer.body.length > MAX_KEPT_BODY ? { ...answer, body: '' } : answer);
    while (this.answers.size > MAX_NAMES) this.answers.delete(this.answers.keys().next().value!);
  }

  names(): string[] {
    return [...this.answers.keys()];
  }
}

/** The extension's answers: one scope per request file (by URI), the least recently used file dropped past 20. */
export class AnswerStore {
  private readonly files = new Map<string, MemoryAnswers>();

  for(uri: string): MemoryAnswers {
    let scope = this.files.get(uri);
    if (scope) this.files.delete(uri);
    else scope = new MemoryAnswers();
    this.files.set(uri, scope);
    while (this.files.size > MAX_FILES) this.files.delete(this.files.keys().next().value!);
    return scope;
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }
}
