/** Finds where a piece of text is in a workspace file, as the 1-based line and column VS Code's
 *  "Go to Line/Column" takes, so tests name places by content instead of by line number. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Place {
  readonly line: number;
  readonly column: number;
}

/** The place of `needle` (plus `offset` characters) in `file` under `workspace`. */
export function placeOf(workspace: string, file: string, needle: string, offset = 0): Place {
  const text = readFileSync(join(workspace, file), 'utf8');
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} is not in ${file}`);
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length;
  const column = index + offset - before.lastIndexOf('\n');
  return { line, column };
}
