/**
 * A `< path` request body (REST Client's file body) read when the request is sent: the path is
 * relative to the request file's folder, or absolute; the file must lie inside one of the allowed
 * folders (VS Code: the workspace folders; the command line: the request file's folder tree or the
 * current directory), symbolic links followed before that check, and be a regular file of at most
 * MAX_BODY_FILE_BYTES. Its content is sent as it is (no `{{variable}}` substituted). No `vscode` here.
 */
import { open, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plural } from '../../../common/plural';

/** The largest file sent as a body. */
export const MAX_BODY_FILE_BYTES = 4 * 1024 * 1024;

export type BodyFileRead = { readonly ok: true; readonly text: string; readonly path: string } | { readonly ok: false; readonly message: string };

/** Reads the file a `< path` body names (the path as written, variables filled). */
export type BodyFileReader = (path: string) => Promise<BodyFileRead>;

export interface BodyFilePlace {
  /** The request file's folder (relative paths start there); undefined for an unsaved file. */
  readonly base: string | undefined;
  /** The folders a body file may lie in. */
  readonly roots: readonly string[];
}

/** The request file's folder from its URI (file: only). */
export function folderOfUri(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? dirname(fileURLToPath(uri)) : undefined;
  } catch {
    return undefined;
  }
}

/** The absolute path a `< path` body names, or undefined when a relative path has no folder to start from. */
export function bodyFilePath(path: string, base: string | undefined): string | undefined {
  if (isAbsolute(path)) return resolve(path);
  return base === undefined ? undefined : resolve(base, path);
}

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

async function real(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

export function bodyFileReader(place: BodyFilePlace, maxBytes = MAX_BODY_FILE_BYTES): BodyFileReader {
  return async (written) => {
    const path = bodyFilePath(written, place.base);
    if (path === undefined) return { ok: false, message: `The body file '${written}' is relative, but the request file is not saved in a folder: save it, or write an absolute path.` };
    let target: string;
    try {
      target = await realpath(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, message: code === 'ENOENT' ? `The body file '${written}' does not exist (${path}).` : `The body file '${written}' cannot be read (${code ?? String(error)}).` };
    }
    const roots = await Promise.all(place.roots.map(real));
    if (!roots.some((root) => inside(target, root))) {
      const where = roots.length === 0 ? 'no folder is open' : `it lies outside ${roots.join(', ')}`;
      return { ok: false, message: `The body file '${written}' is not sent: ${where} (only files inside the workspace folders are read).` };
    }
    let handle;
    try {
      handle = await open(target, 'r');
    } catch (error) {
      return { ok: false, message: `The body file '${written}' cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).` };
    }
    try {
      // Checked on the open file, so what is read is what was checked.
      const stat = await handle.stat();
      if (stat.isDirectory()) return { ok: false, message: `The body file '${written}' is a folder, not a file.` };
      if (!stat.isFile()) return { ok: false, message: `The body file '${written}' is not a regular file.` };
      if (stat.size > maxBytes) return { ok: false, message: `The body file '${written}' has ${plural(stat.size, 'byte')}; at most ${plural(maxBytes, 'byte')} are sent.` };
      const buffer = Buffer.alloc(stat.size);
      let read = 0;
      while (read < stat.size) {
        const { bytesRead } = await handle.read(buffer, read, stat.size - read, read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      return { ok: true, text: buffer.subarray(0, read).toString('utf8'), path: target };
    } catch (error) {
      return { ok: false, message: `The body file '${written}' cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).` };
    } finally {
      await handle.close();
    }
  };
}
