/**
 * Turns the request around an offset of a request file into what the client sends
 * (protocol/resolveRequest.ts at the repository root): method, target and path, query and form parameters, headers and
 * body, with file variables substituted (recursively, so `@host = {{baseUrl}}` works). The account
 * is not known here: a leading `{{baseUrl}}` or `{{gatewayUrl}}` becomes the target and the API
 * client adds the host. Anything that cannot be resolved is reported, never guessed.
 */
import type { ResolvedRequest } from '../../../protocol';
import { toAssertion, type Assertion } from './assertions';
import { parseRequestAt, parseVariables, requestNames, type ParsedRequest } from './requestParser';
import { parseReference, type ChainReference } from './chain/chainReference';
import { isCurlLine } from './curl/curlBlocks';
import type { RequestCatalog } from './catalogTypes';
import { resolveRequest } from './requestValidator';

/** `{{name}}` (the name trimmed); no brace inside, so matching is linear in the text. */
const TEMPLATE = /\{\{([^{}]*)\}\}/g;
const PLACEHOLDER = /^%[A-Za-z_]\w*%$/;
const HOST_VARIABLE = /^\{\{\s*(baseUrl|gatewayUrl)\s*\}\}/;
const ABSOLUTE = /^[A-Za-z][\w+.-]*:\/\//;
/** A variable defined through others is followed this deep; deeper (or a cycle) counts as unresolved. */
const MAX_DEPTH = 8;
/**
 * Characters all substitutions of one request may produce: variables that each name another
 * several times would otherwise grow exponentially with the depth (as nested XML entities do).
 */
const MAX_EXPANSION = 1_000_000;

class Expander {
  readonly unresolved = new Set<string>();
  /** Chain references to requests of the file (`{{launch.response.body.…}}`), by their text. */
  readonly references = new Map<string, ChainReference>();
  /** Characters substituted so far; past MAX_EXPANSION nothing more is substituted. */
  private produced = 0;

  get exhausted(): boolean {
    return this.produced > MAX_EXPANSION;
  }

  constructor(
    private readonly variables: ReadonlyMap<string, string>,
    private readonly names: ReadonlySet<string> = new Set(),
  ) {}

  /** Substitutes file variables; `keep` names stay as written (the account's hosts in the URL). */
  expand(value: string, keep: ReadonlySet<string> = new Set(), depth = 0): string {
    if (PLACEHOLDER.test(value.trim())) {
      this.unresolved.add(value.trim());
      return value;
    }
    if (!value.includes('{{')) return value;
    return value.replace(TEMPLATE, (whole, raw: string) => {
      const name = raw.trim();
      const known = this.variables.get(name);
      if (known === undefined && keep.has(name)) return whole;
      if (known === undefined) {
        const reference = parseReference(name);
        // A reference to a request of the file is the sender's to fill in from that request's answer.
        if (reference && 'kind' in reference && this.names.has(reference.name)) {
          this.references.set(reference.text, reference);
          return whole;
        }
      }
      if (known === undefined || depth >= MAX_DEPTH || this.exhausted) {
        this.unresolved.add(name);
        return whole;
      }
      const expanded = this.expand(known, keep, depth + 1);
      this.produced += expanded.length;
      return this.exhausted ? whole : expanded;
    });
  }
}

/**
 * REST Client's file body: `< path` on the body's first line (the file's content sent as it is).
 * `<@ path` (variables substituted in the file) is not read: that would need the file's text here.
 */
export function fileBody(text: string): { path: string } | { problem: string } {
  const lines = text.split('\n').map((line) => line.trim());
  const first = lines[0] ?? '';
  if (first.startsWith('<@')) return { problem: 'A `<@ path` body (variables substituted in the file) is not sent: write `< path` to send the file as it is.' };
  const path = first.slice(1).trim();
  if (!path) return { problem: 'The `<` body line names no file.' };
  if (lines.slice(1).some((line) => line !== '')) return { problem: 'A `< path` body is the one line naming the file: the lines after it would not be sent.' };
  return { path };
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function urlWithoutQuery(raw: string): string {
  const cut = raw.search(/[?#]/);
  return cut < 0 ? raw : raw.slice(0, cut);
}

/** The request around `offset`, resolved for sending; null when there is none. */
export function resolveForSending(text: string, offset: number, catalog?: RequestCatalog): ResolvedRequest | null {
  const variables = parseVariables(text);
  const request = parseRequestAt(text, offset, variables);
  if (!request || (!request.url && !request.method)) return null;
  const resolved = toResolved(text, request, variables);
  // The catalog's verdict on changing data, as the CodeLens carries it (a chained request has no lens).
  return catalog && resolveRequest(catalog, request).action?.changesData ? { ...resolved, changesData: true } : resolved;
}

/** The request named `# @name name`, resolved for sending; null when no request has that name. */
export function resolveNamed(text: string, name: string, catalog?: RequestCatalog): ResolvedRequest | null {
  const at = requestNames(text).get(name);
  return at === undefined ? null : resolveForSending(text, at, catalog);
}

/** What a caller resolving many requests of one text computes once (runnableFile.ts). */
export interface FileContext {
  /** Turns an offset into its zero-based line (an indexed one). */
  readonly lineAt?: (offset: number) => number;
  /** The file's `# @name`s. */
  readonly names?: ReadonlySet<string>;
}

export function toResolved(text: string, request: ParsedRequest, variables: ReadonlyMap<string, string>, context: FileContext = {}): ResolvedRequest {
  const lineAt = context.lineAt ?? ((offset: number) => lineOf(text, offset));
  const expander = new Expander(variables, context.names ?? new Set(requestNames(text).keys()));
  const problems: string[] = [];
  const method = (request.method?.text ?? 'GET').toUpperCase();

  let target: ResolvedRequest['target'] = 'api';
  let url = '';
  if (!request.url) problems.push('The request has no URL.');
  else if (isCurlLine(request.url.text)) problems.push('This is a curl command: convert it first (the code action "Convert curl command to request").');
  else {
    url = expander.expand(urlWithoutQuery(request.url.text), new Set(['baseUrl', 'gatewayUrl'])).trim();
    const host = HOST_VARIABLE.exec(url);
    if (host) {
      target = host[1] === 'gatewayUrl' ? 'gateway' : 'api';
      url = url.slice(host[0].length) || '/';
    } else if (ABSOLUTE.test(url)) target = 'absolute';
    else if (!url.startsWith('/') && !url.includes('{{')) problems.push(`'${url}' is neither a path nor an absolute URL.`);
    // A host variable anywhere else is not a target: it stays unresolved.
    for (const m of url.matchAll(TEMPLATE)) expander.unresolved.add(m[1]!.trim());
  }

  const pairs = (where: 'query' | 'body'): [string, string][] =>
    request.params.filter((p) => p.where === where).map((p) => [p.name, p.templated ? expander.expand(p.value) : p.value]);

  const headers: [string, string][] = [];
  for (const header of request.headers) {
    if (header.name.toLowerCase() === 'authorization') continue;
    headers.push([header.name, expander.expand(header.value)]);
  }

  let form: [string, string][] | undefined;
  let body: string | undefined;
  const kind = request.body?.kind;
  if (kind === 'form') form = pairs('body');
  let bodyFile: string | undefined;
  if (kind === 'file' && request.body) {
    const read = fileBody(request.body.text);
    if ('problem' in read) problems.push(read.problem);
    else bodyFile = expander.expand(read.path);
  } else if (request.body && kind !== 'form') body = expander.expand(request.body.text);

  const query = pairs('query');
  if (expander.exhausted) problems.push(`The file variables expand to more than ${MAX_EXPANSION.toLocaleString('en-US')} characters; the request is not sent.`);
  const start = request.method?.start ?? request.url?.start ?? request.start;
  const assertions: Assertion[] = [];
  const badAssertions: { line: number; source: string; problem: string }[] = [];
  for (const line of request.assertions) {
    const read = toAssertion(text, line, lineAt(line.start));
    if (!read.ok) {
      badAssertions.push({ line: read.line, source: read.source, problem: read.problem });
      continue;
    }
    // Variables of an assertion do not stop Send Request; an undefined one fails that assertion only.
    const values = new Expander(variables);
    const expected = read.assertion.expected === undefined ? undefined : values.expand(read.assertion.expected);
    if (values.unresolved.size > 0) badAssertions.push({ line: read.assertion.line, source: read.assertion.source, problem: `${[...values.unresolved].map((n) => `{{${n}}}`).join(', ')} is not defined.` });
    else assertions.push(expected === undefined ? read.assertion : { ...read.assertion, expected });
  }
  const path = target === 'absolute' ? url.replace(ABSOLUTE, '').replace(/^[^/]*/, '') : url;
  return {
    name: request.name ?? `${method} ${path}`,
    method,
    target,
    url,
    query,
    ...(form ? { form } : {}),
    ...(body !== undefined ? { body } : {}),
    ...(kind ? { bodyKind: kind } : {}),
    ...(bodyFile !== undefined ? { bodyFile } : {}),
    headers,
    ...(request.requestName ? { requestName: request.requestName } : {}),
    references: [...expander.references.values()],
    unresolved: [...expander.unresolved],
    problems,
    line: lineAt(start),
    ...(assertions.length > 0 ? { assertions } : {}),
    ...(badAssertions.length > 0 ? { badAssertions } : {}),
  };
}
