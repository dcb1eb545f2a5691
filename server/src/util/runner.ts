import { CancellationToken, ResponseError, LSPErrorCodes } from 'vscode-languageserver';

/** Where a wrapped handler reports an exception; the server passes the connection's logger. */
export interface Logger {
  error(message: string): void;
  info(message: string): void;
}

function formatError(message: string, err: unknown): string {
  if (err instanceof Error) return `${message}: ${err.message}\n${err.stack ?? ''}`;
  return `${message}: ${String(err)}`;
}

/**
 * Runs one request handler so that no input can crash the server: an exception is logged and
 * answered with `defaultValue`. A request cancelled while it waited in the connection's queue (behind
 * a slice of a validation, or another request) is answered `RequestCancelled` without running:
 * vscode-jsonrpc hands such a request a token that is already cancelled. Handlers are synchronous,
 * so once started they run to the end (the token cannot change meanwhile).
 */
export function runSafe<T>(
  logger: Logger,
  fn: () => T,
  defaultValue: T,
  errorMessage: string,
  token: CancellationToken,
): T | ResponseError<void> {
  if (token.isCancellationRequested) return cancelled();
  try {
    return fn();
  } catch (err) {
    logger.error(formatError(errorMessage, err));
    return defaultValue;
  }
}

/** The same for work that is not a request (diagnostics): errors are logged, never thrown. */
export function runSafeVoid(logger: Logger, fn: () => void, errorMessage: string): void {
  try {
    fn();
  } catch (err) {
    logger.error(formatError(errorMessage, err));
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
