/**
 * Forks the language server (dist/server.js) the way vscode-languageclient forks a `TransportKind.ipc`
 * server: same arguments, environment and stdio. It lives in the activation bundle so the server
 * process starts at once, while the language client (most of the client's code) loads after
 * activate() has returned; the client then talks to this process (see languageClient.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';

const DEBUG_FLAG = /^--(inspect|debug)(-brk)?(=|$)/;

/** The server processes this extension started: the first is forked at activation, restarts fork anew. */
export class ServerProcesses {
  private readonly started: ChildProcess[] = [];
  private first: ChildProcess | undefined;

  constructor(private readonly serverModule: string) {}

  /** Forks the server now; the language client picks this process up with its first `next()`. */
  start(): void {
    this.first ??= this.fork();
  }

  /** The process for the language client: the one forked at activation, then a new one per restart. */
  next(): ChildProcess {
    const process = this.first ?? this.fork();
    this.first = undefined;
    return process;
  }

  /** Kills what is still running (the client's `stop()` asks the server to exit first). */
  dispose(): void {
    for (const child of this.started) if (child.exitCode === null && child.signalCode === null) child.kill();
    this.started.length = 0;
  }

  private fork(): ChildProcess {
    // As vscode-languageclient does for TransportKind.ipc: Electron runs the module as plain Node,
    // `--node-ipc` selects the transport, the client's pid lets the server exit when we die.
    const debug = process.execArgv.some((arg) => DEBUG_FLAG.test(arg));
    // `serialization: 'advanced'`: messages cross by V8's serializer (structured clone) instead of
    // JSON, both ways (the server's side reads the mode from the environment fork sets). A document's
    // text is then copied as it is instead of escaped by JSON.stringify on this thread and parsed by
    // JSON.parse in the server: a 10 MB didOpen blocked the sending thread about 100-140 ms of CPU
    // with JSON, 40-60 ms so; receiving it in the server took about 225 ms of CPU, 125 ms so
    // (bench/README.md, issue 11). LSP messages are plain data, which both carry alike, except that
    // the clone keeps a property whose value is undefined where JSON leaves it out.
    const child = fork(this.serverModule, ['--node-ipc', `--clientProcessId=${process.pid}`], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' },
      execArgv: debug ? ['--nolazy', '--inspect=6009'] : [],
      serialization: 'advanced',
      silent: true,
    });
    this.started.push(child);
    child.once('exit', () => {
      const index = this.started.indexOf(child);
      if (index >= 0) this.started.splice(index, 1);
    });
    return child;
  }
}
