/**
 * The client's bundle layout (esbuild.mjs): activation loads dist/extension.js only, which holds no
 * npm package (the language client and undici are in the lazily loaded bundles),
 * reaches the lazy bundles only through `require('./NAME.js')`, and shares no module with them
 * except pure ones (a copied class or module state would split in two).
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..', '..');

/** Modules that may be copied into several bundles: functions and data, no state, no class used with instanceof. */
// requests/bodyFile.ts: functions only (the reader is made per send), needed by Send Request (client.js) and Copy as curl (send.js).
// headers.ts: one function, a header by name, for rendering an answer (client.js) and a chained header reference (send.js).
const SHARED_PURE = new Set(['client/src/api/errors.ts', 'client/src/api/result.ts', 'client/src/api/platforms.ts', 'common/platforms.json', 'common/plural.ts', 'client/src/requests/bodyFile.ts', 'client/src/headers.ts']);

interface Layout {
  LAZY_BUNDLES: Record<string, string>;
  WORKER_BUNDLES: Record<string, string>;
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
});

test('the API client loads no npm package: undici is a bundle of its own, required by its first call on this thread', async () => {
  const { bundles } = await build();
  // The extension host compiles a bundle whole on its first require: with undici inside, the
  // API client's first use (a view, completion values) cost 55-65 ms of its thread, now about 20.
  assert.deepEqual(Object.keys(bundles.get('api.js')!.inputs).filter((input) => input.includes('node_modules/')), []);
  assert.deepEqual(bundles.get('api.js')!.imports.filter((entry) => entry.path.startsWith('./')).map((entry) => entry.path), ['./undici.js']);
  assert.ok(Object.keys(bundles.get('undici.js')!.inputs).some((input) => input.includes('node_modules/undici/')));
});

test('requiring dist/api.js loads neither undici nor Node\'s zlib (about 10 ms; only a compressed answer needs it)', async () => {
  const layout = (await import(pathToFileURL(join(root, 'esbuild.mjs')).href)) as Layout;
  const dir = mkdtempSync(join(tmpdir(), 'qualys-bundles-'));
  try {
    const api = layout.clientBuilds(dir, { minify: true, sourcemap: false }).filter((options) => /\/(api|undici)\.js$/.test(String(options.outfile)));
    await Promise.all(api.map((options) => esbuild.build(options)));
    const script = `require(${JSON.stringify(join(dir, 'api.js'))}); process.stdout.write(JSON.stringify({ zlib: process.moduleLoadList.includes('NativeModule zlib'), undici: Object.keys(require.cache).some((file) => file.endsWith('undici.js')) }));`;
    assert.deepEqual(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })), { zlib: false, undici: false });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the client bundles carry the protocol, not the language server library or server code', async () => {
  const { bundles } = await build();
  for (const [name, output] of bundles) {
    const inputs = Object.keys(output.inputs);
    assert.deepEqual(inputs.filter((input) => input.includes('node_modules/vscode-languageserver/') || input.startsWith('server/')), [], name);
  }
  assert.ok(Object.keys(bundles.get('client.js')!.inputs).includes('protocol/liveValues.ts'));
});

/** Each worker thread's own code: no other bundle may carry it (the shared protocol types aside). */
const WORKER_CODE: Record<string, (input: string) => boolean> = {
  worker: (input) => input.startsWith('client/src/worker/') && !input.endsWith('protocol.ts'),
  xpath: (input) => input === 'client/src/xpathWorker.ts' || input === 'client/src/requests/exchange/chainValue.ts' || input === 'client/src/runner/xpathValue.ts' || /node_modules\/(fontoxpath|slimdom|jsonpath-rfc9535)\//.test(input),
};

test('each worker is its own bundle: built whole, reached by no require, its code in no other bundle', async () => {
  const { layout, bundles } = await build();
  assert.deepEqual(Object.keys(WORKER_CODE).sort(), Object.values(layout.WORKER_BUNDLES).sort(), 'every worker bundle says what its own code is');
  for (const name of Object.values(layout.WORKER_BUNDLES)) {
    const worker = bundles.get(`${name}.js`);
    assert.ok(worker, `dist/${name}.js is built`);
    assert.deepEqual(worker.imports.filter((entry) => entry.path.startsWith('./')), [], 'a worker thread requires no other bundle');
    assert.ok(Object.keys(worker.inputs).some(WORKER_CODE[name]!), `dist/${name}.js holds its own code`);
    for (const [other, output] of bundles) {
      if (other === `${name}.js`) continue;
      assert.ok(!output.imports.some((entry) => entry.path === `./${name}.js`), `${other} must not require the worker`);
      assert.deepEqual(Object.keys(output.inputs).filter(WORKER_CODE[name]!), [], `${other} must not contain the code of dist/${name}.js`);
    }
  }
  assert.ok(Object.keys(bundles.get('worker.js')!.inputs).some((input) => input.includes('node_modules/undici/')), 'the API worker fetches with undici itself');
  // The XPath worker evaluates paths only: it neither fetches nor holds an account.
  assert.deepEqual(Object.keys(bundles.get('xpath.js')!.inputs).filter((input) => input.includes('node_modules/undici/') || input.startsWith('client/src/api/')), []);
});

test('bundles share only pure modules', async () => {
  const { layout, bundles } = await build();
  const workers = new Set(Object.values(layout.WORKER_BUNDLES).map((name) => `${name}.js`));
  const owners = new Map<string, string[]>();
  for (const [name, output] of bundles) {
    // A worker thread has a module registry of its own: what it shares with the host's bundles is a copy by design.
    if (workers.has(name)) continue;
    for (const input of Object.keys(output.inputs)) {
      if (!input.includes('node_modules/')) owners.set(input, [...(owners.get(input) ?? []), name]);
    }
  }
  // esbuild.mjs's one `vscode` namespace per bundle: a re-export, no state of its own.
  owners.delete('shared-vscode:vscode');
  const shared = [...owners].filter(([input, names]) => names.length > 1 && !SHARED_PURE.has(input)).map(([input, names]) => `${input} (${names.join(', ')})`);
  assert.deepEqual(shared, []);
});
