/**
 * A minimal event emitter shaped like `vscode.Event`, so AccountManager works (and is tested)
 * without VS Code while extension code subscribes to it exactly as to a VS Code event.
 */
export interface Disposable {
  dispose(): unknown;
}

export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

export class Emitter<T> {
  private readonly listeners = new Set<(e: T) => unknown>();

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = (e: T): unknown => listener.call(thisArgs, e);
    this.listeners.add(bound);
    const subscription = { dispose: () => this.listeners.delete(bound) };
    disposables?.push(subscription);
    return subscription;
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch {
        // One failing listener must not keep the others from hearing about the change.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
