import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

/**
 * undici is nine tenths of the API client's code. It is loaded on this thread's first call, from a
 * bundle of its own (`undiciModule.ts`, dist/undici.js): the extension host neither compiles nor
 * evaluates it until it sends a call itself (the views and completion values call from the worker).
 */
export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point
  loaded ??= require('./undiciModule') as typeof Undici;
  return loaded;
}
