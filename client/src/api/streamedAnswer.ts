/**
 * One attempt's answer read as it streams: each chunk goes to the document reader as undici
 * delivers it, so a page is parsed while it arrives and never held whole. Qualys' conventions still
 * come first: an answer that is an HTTP failure, or whose root is one of Qualys' error documents
 * (SIMPLE_RETURN with a CODE even under HTTP 200, ServiceResponse), is kept whole (error bodies
 * are small) and decoded by parse/qualysError.ts exactly as a buffered answer would be.
 */
import { apiError } from './errors';
import type { BodySink, RawResponse } from './http';
import { fail, type Result } from './result';
import type { DocumentReader } from './stream/documentReader';

/** Roots whose answers may carry a Qualys error; they are decoded whole. */
const ERROR_ROOTS = new Set(['SIMPLE_RETURN', 'GENERIC_RETURN', 'HOST_UPDATE_OUTPUT', 'ServiceResponse']);

export class StreamedAnswer<T> implements BodySink {
  /** Chunks kept while the root is unknown, and all of them for an error answer. */
  private held: Buffer[] | undefined = [];
  private whole = false;
  private thrown: string | undefined;

  constructor(private readonly reader: DocumentReader<T>) {}

  /** Called when the status is known: failures are read whole. */
  start(status: number): BodySink {
    if (status < 200 || status >= 300) this.whole = true;
    return this;
  }

  write(chunk: Buffer): boolean {
    if (this.held) this.held.push(chunk);
    if (this.thrown === undefined) {
      try {
        this.reader.write(chunk);
      } catch (error) {
        // A reader that throws is a bug, not a network failure: it must not be retried as one.
        this.thrown = error instanceof Error ? error.message : String(error);
      }
    }
    if (this.whole) return true;
    if (this.held) {
      const root = this.reader.root;
      if (root !== undefined) {
        if (ERROR_ROOTS.has(root)) this.whole = true;
        else this.held = undefined;
      }
    }
    // A document that cannot be read is not read further; an error answer is read to its end.
    return this.whole || (this.thrown === undefined && !this.reader.failed);
  }

  /** The answer as the error decoder sees it: the whole body when it was kept, else none. */
  raw(answer: RawResponse): RawResponse {
    return this.held ? { ...answer, body: Buffer.concat(this.held) } : answer;
  }

  /** Whether the body was kept whole (an error answer, or one too short to name its root). */
  get kept(): boolean {
    return this.held !== undefined;
  }

  /** The document read, or why not. */
  finish(): Result<T> {
    if (this.thrown !== undefined) return fail(apiError('malformed', `The answer could not be read (${this.thrown}).`));
    try {
      return this.reader.end();
    } catch (error) {
      return fail(apiError('malformed', `The answer could not be read (${error instanceof Error ? error.message : String(error)}).`));
    }
  }
}
