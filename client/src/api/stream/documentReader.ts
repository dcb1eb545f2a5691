/**
 * One Qualys answer read as it arrives: the scanner and record reader behind a write/end pair, the
 * root checked, and every failure an `ApiError` of kind `malformed`, or `unsafe-xml` for refused
 * markup (never an exception).
 */
import { apiError, type ApiError } from '../errors';
import { fail, type Result } from '../result';
import { RecordReader, type Rules } from './recordReader';
import { XmlScanner } from './xmlScanner';

export interface DocumentReader<T> {
  /** Feeds the next chunk of the body. */
  write(chunk: Buffer | Uint8Array | string): void;
  /** The body is complete: the document's value, or why it could not be read. */
  end(): Result<T>;
  /** The root element's name once read (the client checks it for Qualys' error documents). */
  readonly root: string | undefined;
  /** Why the document cannot be read, as soon as that is known (reading more is then pointless). */
  readonly failed: boolean;
}

/** Makes a reader of documents rooted at one of `roots`, finishing the target with `finish`. */
export function documentReader<H, T>(roots: Rules<H>, head: H, finish: (head: H, root: string) => Result<T>): DocumentReader<T> {
  const reader = new RecordReader(roots as Rules<unknown>, head);
  const scanner = reader.scanner;
  return {
    write: (chunk) => scanner.write(chunk),
    end: () => {
      const error = scanner.end();
      if (error !== undefined) return fail(scanner.unsafe ? refused(error) : malformed(error));
      const root = scanner.root!;
      if (!Object.prototype.hasOwnProperty.call(roots, root)) return fail(apiError('malformed', `Expected ${Object.keys(roots).join(' or ')}, got ${root}.`));
      return finish(head, root);
    },
    get root() {
      return scanner.root;
    },
    get failed() {
      return scanner.error !== undefined;
    },
  };
}

/** Markup Qualys never sends, refused before it was read: never retried (asking again would invite the same). */
function refused(reason: string): ApiError {
  return apiError('unsafe-xml', `The answer was refused: ${reason} (Qualys never sends one).`);
}

function malformed(reason: string): ApiError {
  if (reason === 'it has no root element') return apiError('malformed', 'The answer is empty: it has no root element.');
  return apiError('malformed', `The answer is not well-formed XML: ${reason}.`);
}

/** The same reader, its value mapped when the document has been read. */
export function mapReader<T, U>(reader: DocumentReader<T>, map: (value: T) => Result<U>): DocumentReader<U> {
  return {
    write: (chunk) => reader.write(chunk),
    end: () => {
      const value = reader.end();
      return value.ok ? map(value.value) : value;
    },
    get root() {
      return reader.root;
    },
    get failed() {
      return reader.failed;
    },
  };
}

/** Reads a whole body held in memory. */
export function readWhole<T>(reader: DocumentReader<T>, body: string | Buffer): Result<T> {
  reader.write(body);
  return reader.end();
}

/**
 * The root element's name, read from the start of a body (comments, processing instructions and a
 * DOCTYPE before it skipped as the scanner skips them), undefined when the start is not XML; and,
 * when the start holds markup the scanner refuses (a DOCTYPE declaring entities...), that error.
 */
export function sniffXml(body: Buffer | string, limit = 64 * 1024): { readonly root: string | undefined; readonly refused: ApiError | undefined } {
  let root: string | undefined;
  const scanner = new XmlScanner({
    open: (name) => {
      root ??= name;
      return false;
    },
    close: () => undefined,
  });
  scanner.write(typeof body === 'string' ? body.slice(0, limit) : body.subarray(0, limit));
  return { root, refused: scanner.unsafe ? refused(scanner.error!) : undefined };
}
