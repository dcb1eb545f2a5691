/**
 * The undici package as a bundle of its own (dist/undici.js, a lazy bundle of esbuild.mjs): undici
 * is nine tenths of the API client's code, and the extension host compiles a bundle whole when it
 * first requires it. The views and the completion values call Qualys from the API worker, so the
 * extension host loads undici only when it sends a call itself (Send Request); `undiciLoader.ts`
 * requires this module then. The worker and the command line bundles take it in whole.
 */
export * from 'undici';
