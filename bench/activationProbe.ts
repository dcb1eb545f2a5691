/**
 * Runs in a fresh Node process (bundled by bench/activation.bench.ts): loads the production
 * extension bundle the way the extension host does, with a stand-in `vscode` module, calls
 * `activate`, and stops the clock when the language client forks the server process, the moment
 * the extension hands its work to another process. Prints one JSON line of timings.
 *
 * Usage: node probe.js /path/to/extension.js
 */
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';

interface ProbeResult {
  readonly loadMs: number;
  readonly activateToForkMs: number;
  readonly forked: string;
}

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: probe.js EXTENSION_BUNDLE');

/** A value that answers every property read, call and `new` with another such value, so the
 *  language client can wire its listeners without a real editor. Promises resolve to it too. */
function stub(name: string): unknown {
  const target = function () {} as unknown as Record<PropertyKey, unknown>;
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then') return undefined; // not a thenable: `await stub` must not hang
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* () {};
      if (key === 'length') return 0;
      if (key === 'prototype') return target.prototype;
      return stub(`${name}.${String(key)}`);
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`) as object,
  });
}

const vscode = new Proxy(
  {
    // Marked as an ES module so the bundle's __importStar uses this object as it is instead of
    // copying its (unknowable) own keys.
    __esModule: true,
    version: '1.100.3', // code-server 4.100.3's VS Code: the client checks it against its engine range
    // Enum-like values the client compares against.
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
  } as Record<PropertyKey, unknown>,
  {
    get(values, key) {
      if (key in values) return values[key];
      if (key === 'then') return undefined;
      return stub(`vscode.${String(key)}`);
    },
  },
);

let forkedAt = 0;
let forked = '';
// The client requires child_process through esbuild's __importStar, which copies the functions
// when the bundle loads: patch before it does.
const fakeFork = (modulePath: string): ChildProcess => {
  forkedAt = performance.now();
  forked = modulePath;
  const fake = new EventEmitter() as unknown as ChildProcess;
  return fake;
};
// The module object itself (not an ES import binding, which is read-only).
(createRequire(__filename)('node:child_process') as { fork: unknown }).fork = fakeFork;

const moduleInternals = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const originalLoad = moduleInternals._load;
moduleInternals._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return originalLoad.call(this, request, parent, isMain);
};

const context = new Proxy(
  {
    subscriptions: [] as unknown[],
    extensionPath: dirname(dirname(bundle)),
    asAbsolutePath: (relative: string) => `${dirname(dirname(bundle))}/${relative}`,
  } as Record<PropertyKey, unknown>,
  {
    get(values, key) {
      if (key in values) return values[key];
      if (key === 'then') return undefined;
      return stub(`context.${String(key)}`);
    },
  },
);

const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require(bundle) as { activate(context: unknown): Promise<void> | void };
const loaded = performance.now();
// activate() resolves only when the server has answered `initialize`, which the fake fork never
// does: the time that counts is the extension host's, up to the fork.
void Promise.resolve(extension.activate(context)).catch(() => undefined);

function report(): void {
  const result: ProbeResult = { loadMs: loaded - t0, activateToForkMs: forkedAt ? forkedAt - loaded : -1, forked };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
// The client forks a few microtasks after activate() is called; poll until it has, up to 2 s.
const deadline = Date.now() + 2000;
const timer = setInterval(() => {
  if (forkedAt || Date.now() > deadline) {
    clearInterval(timer);
    report();
  }
}, 1);
