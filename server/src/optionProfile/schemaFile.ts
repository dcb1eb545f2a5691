/**
 * Reads the user's schema file (qualys.optionProfile.schemaPath) without ever blocking the server:
 * only a regular file is opened (a FIFO would wait forever for a writer, a device may never end),
 * and only after its size was checked against MAX_SCHEMA_BYTES; the read is asynchronous, so
 * requests are answered with the bundled schema meanwhile.
 *
 * Every refusal is a SchemaFileError whose message says why in our own words. Nothing of a file that
 * is not an XML Schema ever appears in it (a path set to a key file must not show the key): the
 * XML parser's own messages quote the text, so a file that is not well-formed is reported by line
 * only, and a file whose first element is not xs:schema is refused before it is parsed further.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { ContentModel } from '../schema/contentModel';
import { loadContentModel, XsdLoadError } from '../schema/xsdLoader';
import { MAX_SCHEMA_BYTES, quote } from '../util/limits';
import { firstElementName } from '../xml/xmlParser';

/** Characters of a loader message about an XML Schema's constructs kept in the warning. */
const MAX_XSD_REASON = 300;

export class SchemaFileError extends Error {
  override readonly name = 'SchemaFileError';
}

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

function ioReason(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'the file cannot be read (permission denied)';
  return `the file cannot be read (${typeof code === 'string' ? code : 'I/O error'})`;
}

/** The text of a regular file of at most MAX_SCHEMA_BYTES bytes, in UTF-8; SchemaFileError otherwise. */
export async function readSchemaFile(path: string): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new SchemaFileError(ioReason(err));
  }
  if (!info.isFile()) throw new SchemaFileError(`it is ${kindOf(info)}, not a regular file`);
  if (info.size > MAX_SCHEMA_BYTES) throw new SchemaFileError(`the file is ${megabytes(info.size)}; a schema may be at most ${megabytes(MAX_SCHEMA_BYTES)}`);
  let handle;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the check, opening it does not wait.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new SchemaFileError(ioReason(err));
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw new SchemaFileError(`it is ${kindOf(opened)}, not a regular file`);
    const buffer = Buffer.alloc(Math.min(opened.size, MAX_SCHEMA_BYTES) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > MAX_SCHEMA_BYTES) throw new SchemaFileError(`the file is larger than ${megabytes(MAX_SCHEMA_BYTES)}, the most a schema may be`);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      throw new SchemaFileError('the file is not UTF-8 text');
    }
  } catch (err) {
    if (err instanceof SchemaFileError) throw err;
    throw new SchemaFileError(ioReason(err));
  } finally {
    await handle.close();
  }
}

/** Reads and loads a user's XSD; SchemaFileError (never quoting a non-XSD file) or XsdLoadError. */
export async function loadSchemaFile(path: string): Promise<ContentModel> {
  const text = await readSchemaFile(path);
  const root = firstElementName(text);
  if (root === undefined || root.slice(root.indexOf(':') + 1) !== 'schema') {
    throw new SchemaFileError('it is not an XML Schema: its first element is not xs:schema');
  }
  try {
    return loadContentModel(text, path);
  } catch (err) {
    if (err instanceof XsdLoadError && err.notWellFormed) {
      throw new SchemaFileError(`it is not well-formed XML${err.line !== undefined ? ` (line ${err.line})` : ''}`);
    }
    // The loader names the XSD construct it cannot use (and the names the schema gives it): a
    // hostile schema's names must not make the warning huge.
    if (err instanceof XsdLoadError) throw new SchemaFileError(quote(err.message, MAX_XSD_REASON));
    throw err;
  }
}
