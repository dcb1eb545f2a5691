// Builds the bundles VS Code loads: the extension (client) in three parts, and the language server.
// `--production` minifies and drops source maps; `--watch` rebuilds on change.
//
// The client is split so that activation loads little (see docs/extension.md, "Activation"):
//   dist/extension.js  activation: forks the server, registers commands, views and the status bar
//   dist/client.js     the language client and the request file commands, loaded right after activate()
//   dist/api.js        the Qualys API client, loaded on the first API call or listing
//   dist/undici.js     undici, loaded by dist/api.js on the extension host's first call of its own
//                      (Send Request); the views and completion values call from the API worker
//   dist/profiles.js   the option profile list and import answer, loaded by the export/import commands
//   dist/send.js       the request exchange (chained requests), loaded by the first send or copy
//   dist/worker.js     the API worker thread (fetches and parses the sidebar's listings), started by
//                      dist/api.js on the first listing; never required by another bundle
//   dist/xpath.js      the XPath worker thread (fontoxpath, slimdom, JSONPath): a chained reference's
//                      value in an answer (started by dist/send.js) and a run's assertions (started by
//                      Run All and the command line); apart from the extension: dist/cli.js, the command line request runner (`node dist/cli.js
// run FILE ...`), one self-contained bundle that never imports `vscode` and is not in the .vsix.
// An import of a lazy module from another bundle becomes `require('./client.js')` / `require('./api.js')`
// of the built file (Node caches it, so every bundle shares one instance). In the sources these are
// ordinary (mostly dynamic) imports, so tests run the code unbundled.
import * as esbuild from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Source module (without extension) -> the lazily loaded bundle built from it. */
export const LAZY_BUNDLES = {
  'client/src/languageClient': 'client',
  'client/src/api/index': 'api',
  // undici, required by the API client on its thread's first call only (the views call from the worker).
  'client/src/api/undiciModule': 'undici',
  // Option profile export/import: parses the profile list with fast-xml-parser.
  'client/src/optionProfiles/profileList': 'profiles',
  // Send Request and Copy as curl: the exchange (chains; their paths are evaluated in dist/xpath.js), on first use.
  'client/src/requests/sendModules': 'send',
};
/** Source module -> a bundle run as a worker thread (`new Worker(dist/NAME.js)`), never imported. */
export const WORKER_BUNDLES = {
  'client/src/worker/main': 'worker',
  'client/src/xpathWorker': 'xpath',
};
const lazyPaths = new Map(Object.entries(LAZY_BUNDLES).map(([source, name]) => [resolve(root, source), name]));

/** @type {import('esbuild').Plugin} */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    const own = build.initialOptions.entryPoints?.map((entry) => resolve(root, entry).replace(/\.ts$/, '')) ?? [];
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      let target = resolve(args.resolveDir, args.path).replace(/\.ts$/, '');
      if (!lazyPaths.has(target)) target = resolve(target, 'index');
      const name = lazyPaths.get(target);
      if (!name || own.includes(target)) return undefined;
      return { path: `./${name}.js`, external: true };
    });
  },
};

/**
 * One `vscode` namespace per bundle. esbuild wraps each `import * as vscode from 'vscode'` of the
 * external CommonJS module in __toESM, which copies the API object's ~400 exports into a new object:
 * the activation bundle's 15 importing modules made 6,000 property definitions, a third of the CPU
 * time of activation. Here imports go through one ES module that re-exports 'vscode' (one copy);
 * require() calls (vscode-languageclient's) still reach the module itself.
 * @type {import('esbuild').Plugin}
 */
const sharedVscode = {
  name: 'shared-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'shared-vscode' || args.kind === 'require-call' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'shared-vscode' },
    );
    build.onLoad({ filter: /.*/, namespace: 'shared-vscode' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  absWorkingDir: root,
  // 'vscode' is provided by the extension host. The option profile XSD is not bundled: the server
  // reads server/data/option_profiles.xsd at run time (or the user's own XSD, by setting).
  external: ['vscode'],
  // jsonc-parser's main entry is a UMD module whose require() calls esbuild cannot follow; its
  // ES module build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

/** The client bundles, as `npm run package` and bench/activation.bench.ts build them. */
export function clientBuilds(outdir = 'dist', options = {}) {
  // `supported`: esbuild turns import() of a lazy bundle into require(). A real import() would go
  // through Node's ES module loader, which lexes the whole file and bypasses the extension host's
  // `require('vscode')`.
  const client = { ...common, ...options, supported: { 'dynamic-import': false }, plugins: [sharedVscode, lazyBundles] };
  return [
    { ...client, entryPoints: ['client/src/extension.ts'], outfile: `${outdir}/extension.js` },
    ...Object.entries(LAZY_BUNDLES).map(([source, name]) => ({ ...client, entryPoints: [`${source}.ts`], outfile: `${outdir}/${name}.js` })),
    // A worker thread has its own module registry: it shares no instance with the other bundles, so
    // it is built whole (no lazy-bundle rewriting) and reached only by its file name.
    ...Object.entries(WORKER_BUNDLES).map(([source, name]) => ({ ...common, ...options, entryPoints: [`${source}.ts`], outfile: `${outdir}/${name}.js` })),
  ];
}

/** The command line runner: the API client, the server's parser and catalog, the runner; no `vscode`. */
export const cliBuild = { ...common, external: [], entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } };

const builds = [...clientBuilds(), { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }, cliBuild];

if (process.argv[1] && resolve(process.argv[1]) === resolve(root, 'esbuild.mjs')) {
  if (watch) {
    for (const options of builds) {
      const context = await esbuild.context(options);
      await context.watch();
    }
  } else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
  }
}
