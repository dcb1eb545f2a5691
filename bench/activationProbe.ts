/**
 * Runs in a fresh Node process (bundled by bench/activation.bench.ts): loads the production
 * extension bundle the way the extension host does, with a stand-in `vscode` module, calls
 * `activate`, and stops the activation clock when activate() has returned (or its promise resolved)
 * and the server process has been forked. Then it times the language client that loads after
 * activation (dist/client.js) until it sends `initialize` to the (fake) server process, answers it,
 * and lets the request features register. Any error activation throws, logs (console.error) or
 * shows (window.showErrorMessage) is reported, and the bench fails on it. Prints one JSON line.
 *
 * Usage: node probe.js /path/to/extension.js
 */
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import Module, { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ProbeResult {
  readonly loadMs: number;
  /** activate() called until it returned (its promise resolved); the server is forked by then. */
  readonly activateMs: number;
  /** CPU time (user + system) of this process from the require until activate() returned. */
  readonly activationCpuMs: number;
  readonly forked: string;
  /** From activate() returning until the language client sent `initialize` to the server process. */
  readonly clientMs: number;
  readonly clientCpuMs: number;
  /** With QUALYS_DEMO_* set: whether the demo account was signed in, and whether the server saw the password. */
  readonly demoSignedIn: boolean;
  readonly forkEnvHasDemoPassword: boolean;
  /** Every error activation threw, logged or showed. */
  readonly error?: string;
}

const errors: string[] = [];
const describe = (value: unknown): string => (value instanceof Error ? (value.stack ?? value.message) : String(value));
// The extension reports failures with console.error and window.showErrorMessage: both fail the probe.
console.error = (...args: unknown[]) => void errors.push(`console.error: ${args.map(describe).join(' ')}`);
process.on('unhandledRejection', (reason) => errors.push(`unhandled rejection: ${describe(reason)}`));

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
const showError = (message: unknown): Promise<undefined> => {
  errors.push(`window.showErrorMessage: ${String(message)}`);
  return Promise.resolve(undefined);
};
const fixedValues: Record<PropertyKey, unknown> = {
  // Marked as an ES module so __importStar uses this object as it is.
  __esModule: true,
  version: '1.100.3', // code-server 4.100.3's VS Code: the client checks it against its engine range
  // Enum-like values the client compares against.
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
  // The window answers everything with stubs, but an error message is recorded.
  window: stubbedExcept('vscode.window', { showErrorMessage: showError }),
  // No document is open (so the live completion values are not fetched).
  workspace: stubbedExcept('vscode.workspace', { textDocuments: [] }),
};

/** A namespace whose members are stubs, except those given. */
function stubbedExcept(name: string, values: Record<PropertyKey, unknown>): Record<PropertyKey, unknown> {
  return new Proxy(values, {
    get: (own, key) => (key in own ? own[key] : key === 'then' ? undefined : (own[key] = stub(`${name}.${String(key)}`))),
  });
}
// Like the API object VS Code hands an extension: a plain object whose own properties are the names
// it exports, made before the clock starts. (A Proxy answering every name, as this was, made
// esbuild's __toESM, which copies those properties once per importing module, cost the probe about
// 50 ms that the extension host does not pay.)
const vscode: Record<PropertyKey, unknown> = { ...fixedValues };
for (const name of exportedNames) if (!(name in vscode)) vscode[name] = stub(`vscode.${name}`);

let forked = '';
let forkEnvHasDemoPassword = false;
let initializeAt = 0;
let cpuAtInitialize = 0;
let initializedAt = 0;
interface Message {
  readonly id?: number;
  readonly method?: string;
}
/** The server process as the language client sees it over Node IPC: it answers `initialize` only. */
const fakeFork = (modulePath: string, _args?: unknown, options?: { env?: NodeJS.ProcessEnv }): ChildProcess => {
  forked = modulePath;
  forkEnvHasDemoPassword ||= (options?.env ?? process.env).QUALYS_DEMO_PASSWORD !== undefined;
  const fake = Object.assign(new EventEmitter(), {
    stdout: null,
    stderr: null,
    exitCode: null,
    signalCode: null,
    connected: true,
    kill: () => true,
    send(message: Message, ...rest: unknown[]): boolean {
      const callback = rest.find((arg): arg is (error: Error | null) => void => typeof arg === 'function');
      if (message.method === 'initialize') {
        initializeAt = performance.now();
        cpuAtInitialize = cpuMs();
        setImmediate(() => fake.emit('message', { jsonrpc: '2.0', id: message.id, result: { capabilities: {} } }));
      } else if (message.method === 'initialized') initializedAt = performance.now();
      callback?.(null);
      return true;
    },
  });
  return fake as unknown as ChildProcess;
};
// The module object itself (not an ES import binding, which is read-only).
(createRequire(__filename)('node:child_process') as { fork: unknown }).fork = fakeFork;

const moduleInternals = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const originalLoad = moduleInternals._load;
moduleInternals._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return originalLoad.call(this, request, parent, isMain);
};

/** globalState and secrets in memory, so the demo sign-in (QUALYS_DEMO_* in this process's environment) can be checked. */
const state = new Map<string, unknown>();
const secrets = new Map<string, string>();
const context = new Proxy(
  {
    subscriptions: [] as unknown[],
    globalState: { get: (key: string) => state.get(key), update: (key: string, value: unknown) => Promise.resolve(void state.set(key, value)), keys: () => [...state.keys()] },
    secrets: {
      get: (key: string) => Promise.resolve(secrets.get(key)),
      store: (key: string, value: string) => Promise.resolve(void secrets.set(key, value)),
      delete: (key: string) => Promise.resolve(void secrets.delete(key)),
      onDidChange: () => ({ dispose: () => undefined }),
    },
    extensionPath: dirname(dirname(bundle)),
    asAbsolutePath: (relative: string) => `${dirname(dirname(bundle))}/${relative}`,
    // The KnowledgeBase cache and the request history keep their files here.
    globalStorageUri: { fsPath: mkdtempSync(join(tmpdir(), 'qualys-probe-')), scheme: 'file' },
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
function cpuMs(): number {
  const cpu = process.cpuUsage(cpuStart);
  return (cpu.user + cpu.system) / 1000;
}

async function main(): Promise<ProbeResult> {
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(bundle!) as { activate(context: unknown): Promise<void> | void };
  const loaded = performance.now();
  const returned = extension.activate(context);
  // VS Code counts activation until a returned promise resolves.
  if (returned) await returned;
  const activated = performance.now();
  const activationCpuMs = cpuMs();
  if (!forked) errors.push('activate() returned without forking the language server');
  // The language client loads after activate(); wait for its `initialize`, then for the rest of its start.
  const deadline = Date.now() + 5000;
  while (!initializedAt && errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!initializedAt && errors.length === 0) errors.push('the language client never started on the forked server process');
  const signedIn = (): boolean => (state.get('qualys.accounts') as { activeId?: string } | undefined)?.activeId !== undefined;
  const demo = process.env.QUALYS_DEMO_URL !== undefined;
  const settle = Date.now() + (demo ? 2000 : 50);
  while (Date.now() < settle && !(demo && signedIn())) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    demoSignedIn: signedIn(),
    forkEnvHasDemoPassword,
    loadMs: loaded - t0,
    activateMs: activated - loaded,
    activationCpuMs,
    forked,
    clientMs: initializeAt ? initializeAt - activated : -1,
    clientCpuMs: cpuAtInitialize - activationCpuMs,
    ...(errors.length ? { error: errors.join('\n') } : {}),
  };
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: `activation threw: ${describe(error)}` })}\n`);
    process.exit(0);
  },
);
