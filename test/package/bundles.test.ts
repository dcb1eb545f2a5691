/**
 * The client's bundle layout (esbuild.mjs): activation loads dist/extension.js only, which holds no
 * npm package (the language client, undici and fast-xml-parser are in the lazily loaded bundles),
 * reaches the lazy bundles only through `require('./NAME.js')`, and shares no module with them
 * except pure ones (a copied class or module state would split in two).
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..', '..');

/** Modules that may be copied into several bundles: functions and data, no state, no class used with instanceof. */
const SHARED_PURE = new Set(['client/src/api/errors.ts', 'client/src/api/result.ts', 'client/src/api/platforms.ts', 'client/src/api/data/platforms.json', 'client/src/api/xml.ts', 'client/src/api/xmlGuard.ts']);

interface Layout {
  LAZY_BUNDLES: Record<string, string>;
  clientBuilds(outdir: string, options: esbuild.BuildOptions): esbuild.BuildOptions[];
}

async function build(): Promise<{ layout: Layout; bundles: Map<string, esbuild.Metafile['outputs'][string]> }> {
  const layout = (await import(pathToFileURL(join(root, 'esbuild.mjs')).href)) as Layout;
  const bundles = new Map<string, esbuild.Metafile['outputs'][string]>();
  for (const options of layout.clientBuilds(join(root, 'dist-layout-test'), { minify: true, sourcemap: false, write: false, metafile: true })) {
    const result = await esbuild.build(options);
    const [output] = Object.values(result.metafile!.outputs);
    bundles.set(String(options.outfile).split('/').pop()!, output!);
  }
  return { layout, bundles };
}

test('activation loads no npm package and reaches the lazy bundles only by require', async () => {
  const { layout, bundles } = await build();
  const activation = bundles.get('extension.js')!;
  const packages = Object.keys(activation.inputs).filter((input) => input.includes('node_modules/'));
  assert.deepEqual(packages, [], 'dist/extension.js must not contain npm packages');
  const lazyNames = Object.values(layout.LAZY_BUNDLES).map((name) => `./${name}.js`);
  const required = new Set(activation.imports.filter((entry) => entry.path.startsWith('./')).map((entry) => entry.path));
  assert.deepEqual([...required].filter((path) => !lazyNames.includes(path)), [], 'activation requires only lazy bundles');
  // Every lazy bundle is reached by require from activation or from another bundle (send.js from client.js).
  const reached = new Set([...bundles.values()].flatMap((output) => output.imports.filter((entry) => entry.path.startsWith('./')).map((entry) => entry.path)));
  assert.deepEqual(lazyNames.filter((name) => !reached.has(name)), []);
  for (const name of Object.values(layout.LAZY_BUNDLES)) assert.ok(bundles.has(`${name}.js`), `dist/${name}.js is built`);
  assert.ok(Object.keys(bundles.get('client.js')!.inputs).some((input) => input.includes('node_modules/vscode-languageclient/')));
  assert.ok(Object.keys(bundles.get('api.js')!.inputs).some((input) => input.includes('node_modules/undici/')));
});

test('bundles share only pure modules', async () => {
  const { bundles } = await build();
  const owners = new Map<string, string[]>();
  for (const [name, output] of bundles) {
    for (const input of Object.keys(output.inputs)) {
      if (!input.includes('node_modules/')) owners.set(input, [...(owners.get(input) ?? []), name]);
    }
  }
  const shared = [...owners].filter(([input, names]) => names.length > 1 && !SHARED_PURE.has(input)).map(([input, names]) => `${input} (${names.join(', ')})`);
  assert.deepEqual(shared, []);
});
