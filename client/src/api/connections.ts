/**
 * Knows when the connections of a client's own undici Agent are really closed. When a call times
 * out or is cancelled, undici destroys its socket at once but the socket closes a moment later; a
 * concurrency slot freed before that lets the next call open a connection while the server still
 * counts the old one. The client waits for `closed()` before it frees the slot.
 */
import type { Socket } from 'node:net';
import type { buildConnector } from 'undici';

/** A destroyed socket closes within milliseconds; this bounds the wait if one never reports it. */
const MAX_CLOSE_WAIT_MS = 5000;

export class ConnectionTracker {
  private readonly sockets = new Set<Socket>();

  /** Wraps undici's connector so that every socket it opens is known until it closes. */
  wrap(connect: buildConnector.connector): buildConnector.connector {
    return (options, callback) =>
      connect(options, (...args: Parameters<buildConnector.Callback>) => {
        const socket = args[1];
        if (socket) {
          this.sockets.add(socket);
          socket.once('close', () => this.sockets.delete(socket));
        }
        (callback as (...a: typeof args) => void)(...args);
      });
  }

  /** Resolves once every socket destroyed so far has closed (at most MAX_CLOSE_WAIT_MS). */
  closed(): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const socket of this.sockets) {
      if (socket.destroyed) waits.push(new Promise<void>((resolve) => socket.once('close', () => resolve())));
    }
    if (waits.length === 0) return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, MAX_CLOSE_WAIT_MS);
      timer.unref();
    });
    return Promise.race([Promise.all(waits).then(() => undefined), bound]).finally(() => clearTimeout(timer));
  }
}
