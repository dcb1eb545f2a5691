import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Finds a file under `server/data/`, whether the code runs from the bundle (`dist/server.js`) or
 * from source under tsx (`server/src/...`): both live below the folder that holds `server/data`.
 */
export function dataPath(fileName: string): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'server', 'data', fileName);
    if (existsSync(candidate)) return candidate;
    const sibling = join(dir, 'data', fileName);
    if (existsSync(sibling) && dir.endsWith('server')) return sibling;
    dir = dirname(dir);
  }
  throw new Error(`data file not found: server/data/${fileName}`);
}
