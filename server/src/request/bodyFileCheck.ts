/**
 * `< path` request bodies whose file is not there: a warning at the path, relative to the request
 * file's folder (or absolute). Only what the server can check cheaply: a saved file (`file:` URI),
 * a path without `{{variables}}`, one `stat` per path at most every few seconds, the first
 * MAX_CHECKED bodies of a file. Whether the file may be sent (inside the workspace, its size) is
 * the client's to say when it sends it (client/src/requests/bodyFile.ts).
 */
import { statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { requestTable } from './requestMessages';
import type { ParsedRequest } from './requestParser';
import { fileBody } from './sendableRequest';

const MAX_CHECKED = 50;
const FRESH_MS = 3000;
const MAX_REMEMBERED = 500;

/** Whether each path exists, as last seen. */
const seen = new Map<string, { at: number; exists: boolean }>();

function exists(path: string): boolean {
  const now = Date.now();
  const known = seen.get(path);
  if (known && now - known.at < FRESH_MS) return known.exists;
  let found: boolean;
  try {
    found = statSync(path).isFile();
  } catch {
    found = false;
  }
  if (seen.size >= MAX_REMEMBERED) seen.clear();
  seen.set(path, { at: now, exists: found });
  return found;
}

export function bodyFileDiagnostics(document: TextDocument, requests: readonly ParsedRequest[]): Diagnostic[] {
  if (!document.uri.startsWith('file:')) return [];
  let folder: string;
  try {
    folder = dirname(fileURLToPath(document.uri));
  } catch {
    return [];
  }
  const out: Diagnostic[] = [];
  let checked = 0;
  for (const request of requests) {
    const body = request.body;
    if (body?.kind !== 'file') continue;
    if (++checked > MAX_CHECKED) break;
    const read = fileBody(body.text);
    if (!('path' in read) || read.path.includes('{{')) continue;
    const path = isAbsolute(read.path) ? read.path : resolve(folder, read.path);
    if (exists(path)) continue;
    const start = body.start + body.text.indexOf(read.path);
    out.push(requestTable.diagnostic('bodyFileMissing', { start: document.positionAt(start), end: document.positionAt(start + read.path.length) }, { path: read.path, resolved: path }));
  }
  return out;
}
