/**
 * The Test Explorer's discovery (client/src/runner/testExplorer.ts) on a stand-in for the `vscode`
 * module: creating the controller (as the language client's start does) searches no file; the
 * workspace's `.qualys` files are listed on the Test Explorer's first resolve, once.
 */
import { strict as assert } from 'node:assert';
import Module from 'node:module';
import { test } from 'node:test';

interface Item {
  readonly id: string;
  readonly uri: { toString(): string; path: string };
  canResolveChildren?: boolean;
}

const searches: string[] = [];
const items = new Map<string, Item>();
const controller = {
  items: { get: (id: string) => items.get(id), add: (item: Item) => void items.set(item.id, item), delete: (id: string) => void items.delete(id) },
  createTestItem: (id: string, _label: string, uri: Item['uri']): Item => ({ id, uri }),
  createRunProfile: () => ({ dispose: () => undefined }),
  resolveHandler: undefined as undefined | ((item: Item | undefined) => Promise<void>),
  refreshHandler: undefined as undefined | (() => Promise<void>),
  dispose: () => undefined,
};
const uri = (path: string): Item['uri'] => ({ path, toString: () => `file://${path}` });
const vscode = {
  tests: { createTestController: () => controller },
  TestRunProfileKind: { Run: 1 },
  workspace: {
    textDocuments: [],
    onDidOpenTextDocument: () => ({ dispose: () => undefined }),
    onDidSaveTextDocument: () => ({ dispose: () => undefined }),
    findFiles: (include: string) => {
      searches.push(include);
      return Promise.resolve([uri('/w/scans.qualys'), uri('/w/hosts.qualys')]);
    },
  },
};

const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: typeof load })._load = (request, ...rest) => (request === 'vscode' ? vscode : load(request, ...rest));

test('creating the Test Explorer searches no file; its first resolve lists the request files, once', async () => {
  const { RequestTestExplorer } = await import('../../../client/src/runner/testExplorer');
  const log = { info: () => undefined, warn: () => undefined, apiError: () => undefined };
  const explorer = new RequestTestExplorer({ languageClient: {} as never, accounts: {} as never, log });
  try {
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(searches, [], 'no search when the language client starts');
    await controller.resolveHandler!(undefined);
    assert.deepEqual(searches, ['**/*.qualys']);
    assert.deepEqual([...items.keys()].sort(), ['file:///w/hosts.qualys', 'file:///w/scans.qualys']);
    assert.ok([...items.values()].every((item) => item.canResolveChildren));
    await controller.resolveHandler!(undefined);
    assert.equal(searches.length, 1, 'listed once');
  } finally {
    explorer.dispose();
  }
});
