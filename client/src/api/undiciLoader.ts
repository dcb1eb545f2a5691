import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

/**
 * undici is about half of the extension bundle. Loading it on the first API call instead of at
 * activation keeps activation fast (esbuild wraps the package in a function that runs on the first
 * `require`, so nothing of it is evaluated before this is called).
 */
export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}
