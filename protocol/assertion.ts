/**
 * An assertion line (`?? status == 200`) as it crosses from the language server to the runner, inside
 * a resolved request (resolveRequest.ts, resolveFile.ts). The server reads and checks the line; the
 * client's runner evaluates it on the answer.
 */

/** An assertion ready to evaluate: what the runner and the command line get. */
export interface Assertion {
  readonly field: string;
  readonly argument?: string;
  readonly operator: string;
  readonly expected?: string;
  /** The line as written (without the `??`), for reports: "status == 200". */
  readonly source: string;
  /** Zero-based line in the file. */
  readonly line: number;
}
