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
  /** CPU time (user + system) of this process from the require until the fork. */
  readonly cpuMs: number;
  /** Why activate() failed before the fork, when it did. */
  readonly error?: string;
}

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: probe.js EXTENSION_BUNDLE');

/** A value that answers every property read, call and `new` with another such value, so the
 *  extension can wire its listeners, views and commands without a real editor. It is not a
 *  thenable (so `await` does not hang), and a class that extends it gets real instances whose
 *  missing members are stubs too. */
function stub(name: string): unknown {
  const target = function () {} as unknown as Record<PropertyKey, unknown>;
  // What the extension assigns (item.label = ...) is kept here: a function's own `name` and
  // `length` are read-only.
  const assigned = new Map<PropertyKey, unknown>();
  let prototype: object | undefined;
  const proxy: object = new Proxy(target, {
    set(_t, key, value) {
      assigned.set(key, value);
      return true;
    },
    get(_t, key) {
      if (assigned.has(key)) return assigned.get(key);
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* () {};
      if (key === 'length') return 0;
      if (key === 'prototype') return (prototype ??= stubObject(`${name}.prototype`));
      return stub(`${name}.${String(key)}`);
    },
    apply: () => stub(`${name}()`),
    construct(_t, _args, newTarget) {
      // `new vscode.EventEmitter()` gets a stub; `class X extends vscode.TreeItem` a real X.
      if (newTarget === proxy) return stub(`new ${name}`) as object;
      return Reflect.construct(function () {}, [], newTarget) as object;
    },
  });
  return proxy;
}

/** An object (not callable) whose every property is a stub: the prototype of stubbed classes. */
function stubObject(name: string): object {
  return new Proxy({} as Record<PropertyKey, unknown>, {
    get(values, key) {
      if (key in values || typeof key === 'symbol' || key === 'then' || key === 'constructor') return values[key];
      return stub(`${name}.${key}`);
    },
  });
}

// The names `vscode` exports (namespaces, classes, enums), read from @types/vscode by the bench:
// esbuild's __toESM copies a module's own property names, so the stand-in must list them.
const exportedNames: readonly string[] = JSON.parse(process.env.VSCODE_EXPORTS ?? '[]') as string[];
const fixedValues: Record<PropertyKey, unknown> = {
  // Marked as an ES module so __importStar uses this object as it is.
  __esModule: true,
  version: '1.100.3', // code-server 4.100.3's VS Code: the client checks it against its engine range
  // Enum-like values the client compares against.
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
};
const vscode: Record<PropertyKey, unknown> = new Proxy(fixedValues, {
  get(values, key) {
    if (key in values) return values[key];
    if (key === 'then' || key === 'default' || typeof key === 'symbol') return undefined;
    return (values[key] = stub(`vscode.${key}`));
  },
  ownKeys: (values) => [...new Set([...Reflect.ownKeys(values), ...exportedNames])],
  getOwnPropertyDescriptor(values, key): PropertyDescriptor | undefined {
    if (key in values || (typeof key === 'string' && exportedNames.includes(key))) {
      return { configurable: true, enumerable: true, writable: true, value: vscode[key] };
    }
    return undefined;
  },
});

let forkedAt = 0;
let forked = '';
let cpuAtFork = 0;
// The client requires child_process through esbuild's __importStar, which copies the functions
// when the bundle loads: patch before it does.
const fakeFork = (modulePath: string): ChildProcess => {
  forkedAt = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  cpuAtFork = (cpu.user + cpu.system) / 1000;
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

const cpuStart = process.cpuUsage();
const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require(bundle) as { activate(context: unknown): Promise<void> | void };
const loaded = performance.now();
// activate() resolves only when the server has answered `initialize`, which the fake fork never
// does: the time that counts is the extension host's, up to the fork.
let activateError: string | undefined;
try {
  void Promise.resolve(extension.activate(context)).catch((err: unknown) => {
    if (!forkedAt) activateError = err instanceof Error ? (err.stack ?? err.message) : String(err);
  });
} catch (err) {
  activateError = err instanceof Error ? (err.stack ?? err.message) : String(err);
}

function report(): void {
  const result: ProbeResult = { loadMs: loaded - t0, activateToForkMs: forkedAt ? forkedAt - loaded : -1, forked, cpuMs: cpuAtFork, ...(activateError ? { error: activateError } : {}) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
// The client forks a few microtasks after activate() is called; poll until it has, up to 2 s.
const deadline = Date.now() + 2000;
const timer = setInterval(() => {
  if (forkedAt || activateError || Date.now() > deadline) {
    clearInterval(timer);
    report();
  }
}, 1);
