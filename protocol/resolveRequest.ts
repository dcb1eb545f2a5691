/**
 * Resolve request: the request of a request file at a position, ready to send.
 *
 * Sent by: the extension (client), when the user runs "Send Request" (the CodeLens, or the palette
 * command at the cursor). Answered by: the language server, from the document it already holds, with
 * the same parser that drives diagnostics, so what is sent is exactly what was checked. The server
 * resolves file variables (`@name = value`) but never the account: `{{baseUrl}}`/`{{gatewayUrl}}`
 * become `target` and the client's API client adds the host and the credentials.
 * Answers null when there is no request at the position.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { Assertion } from './assertion';

/** How a request's body is written: from its Content-Type, else from its first character. */
export type BodyKind = 'form' | 'xml' | 'json' | 'file' | 'text';

/** What a chain reference reads in its request's answer. */
export type ReferenceKind = 'xpath' | 'jsonpath' | 'header' | 'whole';

/** `{{name.response.body.<path>}}` or `{{name.response.headers.Name}}`, as the server read it. */
export interface ChainReference {
  /** What is between the braces, trimmed: the key under which its value is substituted. */
  readonly text: string;
  /** The `# @name` it reads. */
  readonly name: string;
  readonly kind: ReferenceKind;
  /** The XPath, JSONPath or header name ('' for the whole body). */
  readonly path: string;
}

export interface ResolveRequestParams {
  readonly uri: string;
  /** Any position inside the request's block (the CodeLens passes its range start). */
  readonly position?: { readonly line: number; readonly character: number };
  /** Or the request's `# @name` (a chained request's dependency); answers null when none has it. */
  readonly name?: string;
}

export interface ResolvedRequest {
  /** The `###` title or `# @name`, else "METHOD path". */
  readonly name: string;
  readonly method: string;
  /** 'api' for {{baseUrl}}, 'gateway' for {{gatewayUrl}}, 'absolute' for a URL with its own host. */
  readonly target: 'api' | 'gateway' | 'absolute';
  /** The path ('/api/2.0/fo/asset/host/') for api/gateway targets, the URL without query for 'absolute'. */
  readonly url: string;
  /** Query parameters in order, decoded, variables substituted. */
  readonly query: readonly (readonly [string, string])[];
  /** Form parameters of an application/x-www-form-urlencoded body, decoded, variables substituted. */
  readonly form?: readonly (readonly [string, string])[];
  /** Any other body (XML, JSON, text), variables substituted. */
  readonly body?: string;
  readonly bodyKind?: BodyKind;
  /** Header lines, variables substituted; Authorization is dropped (credentials come from the account only). */
  readonly headers: readonly (readonly [string, string])[];
  /** The catalog says its action changes data (the same verdict as the CodeLens's). */
  readonly changesData?: boolean;
  /** The request's `# @name`: its answer is kept under it for the requests that reference it. */
  readonly requestName?: string;
  /**
   * `{{name.response.…}}` references to requests of the same file, left as written in the values
   * above: the sender fills them in from those requests' answers (sending them first if needed).
   */
  readonly references?: readonly ChainReference[];
  /** `{{variables}}` no file variable defines (without braces); the client refuses to send while any remain. */
  readonly unresolved: readonly string[];
  /** Why the request cannot be sent as written (e.g. a body read from a file), if anything. */
  readonly problems: readonly string[];
  /** The zero-based line of the request line, for messages. */
  readonly line: number;
  /** The request's `??` assertion lines that can be evaluated, in order (Run All and the command line check them). */
  readonly assertions?: readonly Assertion[];
  /** Assertion lines that cannot be evaluated, with the reason (a run reports them as failed). */
  readonly badAssertions?: readonly { readonly line: number; readonly source: string; readonly problem: string }[];
}

// A namespace keeps method name and types together, as liveValues.ts does.
// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace ResolveRequestRequest {
  export const method = 'qualys/resolveRequest';
  export const type = new RequestType<ResolveRequestParams, ResolvedRequest | null, void>(method);
}
