/**
 * Commands whose implementation loads after activation. VS Code runs a command that activated the
 * extension as soon as activate() returns, so the command ids are registered here at activation;
 * each call waits until the lazily loaded module has handed over its handler (`registerCommand`), or
 * fails with the reason it could not load.
 */
import * as vscode from 'vscode';

interface Slot {
  readonly handler: Promise<(...args: unknown[]) => unknown>;
  resolve(handler: (...args: unknown[]) => unknown): void;
  reject(error: unknown): void;
}

export class LazyCommands {
  private readonly slots = new Map<string, Slot>();

  constructor(context: vscode.ExtensionContext, ids: readonly string[]) {
    for (const id of ids) {
      let resolve!: Slot['resolve'];
      let reject!: Slot['reject'];
      const handler = new Promise<(...args: unknown[]) => unknown>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // A load failure is reported when it happens; a command run afterwards rejects with it.
      handler.catch(() => undefined);
      this.slots.set(id, { handler, resolve, reject });
      context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => (await handler)(...args)));
    }
  }

  /** Called by the loaded module instead of vscode.commands.registerCommand. */
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): vscode.Disposable {
    const slot = this.slots.get(id);
    if (!slot) throw new Error(`${id} was not registered at activation`);
    slot.resolve(handler);
    return { dispose: () => undefined };
  }

  /** The module could not load: every waiting and later call fails with this error. */
  fail(error: unknown): void {
    for (const slot of this.slots.values()) slot.reject(error);
  }
}
