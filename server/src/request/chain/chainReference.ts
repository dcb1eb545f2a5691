/**
 * Chained requests in REST Client's syntax, so files stay portable: `# @name launch` names a
 * request, and a later one reads its answer with `{{launch.response.body.<XPath>}}` (an XML
 * answer), `{{launch.response.body.$.a}}` (JSONPath on a JSON answer), `{{launch.response.body.*}}`
 * (the whole body) or `{{launch.response.headers.Name}}`. This module only reads the references
 * and checks their syntax; the client's `requests/exchange/chainValue.ts` evaluates them on an answer.
 */
import type * as JsonPath from 'jsonpath-rfc9535';
import type { ChainReference, ReferenceKind } from '../../../../protocol';
import { xpathSyntaxError } from '../xpathSyntax';

export type { ChainReference, ReferenceKind };

export interface LocatedReference extends ChainReference {
  /** Offsets of `{{` and after `}}`. */
  readonly start: number;
  readonly end: number;
  /** Offset of the path's first character (for diagnostics on it). */
  readonly pathStart: number;
}

const NAME = /^[A-Za-z_][\w-]*$/;
const PREFIX = /^([A-Za-z_][\w-]*)\.(response|request)(?:\.(body|headers)(?:\.([\s\S]*))?)?$/;
/** `{{…}}` with no brace inside: linear in the text. */
const TEMPLATE = /\{\{([^{}]*)\}\}/g;
/** An expression longer than this is not checked or evaluated (a bound on work, not a real limit). */
export const MAX_PATH = 2000;

export function isRequestName(name: string): boolean {
  return NAME.test(name);
}

/** `launch.response.body.//X` → the reference; undefined when the text is not a chain reference at all. */
export function parseReference(inner: string): ChainReference | { readonly text: string; readonly name: string; readonly problem: string } | undefined {
  const text = inner.trim();
  const m = PREFIX.exec(text);
  if (!m) return undefined;
  const name = m[1]!;
  if (m[2] === 'request') return { text, name, problem: `Only the answer of '${name}' can be read here: use ${name}.response.body or ${name}.response.headers.` };
  if (!m[3]) return { text, name, problem: `Say which part of the answer of '${name}' to read: ${name}.response.body.<XPath or $.JSONPath or *> or ${name}.response.headers.<Name>.` };
  const path = (m[4] ?? '').trim();
  if (m[3] === 'headers') {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(path)) return { text, name, problem: `'${path}' is not a header name: ${name}.response.headers.<Name>.` };
    return { text, name, kind: 'header', path };
  }
  if (path === '' || path === '*') return { text, name, kind: 'whole', path: '' };
  return { text, name, kind: path.startsWith('$') ? 'jsonpath' : 'xpath', path };
}

/** Every `{{…}}` of [from, to) that is a chain reference (or looks like one and is broken). */
export function referencesIn(text: string, from = 0, to = text.length): (LocatedReference | { readonly text: string; readonly name: string; readonly problem: string; readonly start: number; readonly end: number; readonly pathStart: number })[] {
  const out: ReturnType<typeof referencesIn> = [];
  const slice = text.slice(from, to);
  if (!slice.includes('{{')) return out;
  for (const m of slice.matchAll(TEMPLATE)) {
    const parsed = parseReference(m[1]!);
    if (!parsed) continue;
    const start = from + m.index;
    const innerStart = start + 2;
    const pathStart = 'path' in parsed ? innerStart + m[1]!.lastIndexOf(parsed.path || '.') : innerStart;
    out.push({ ...parsed, start, end: start + m[0].length, pathStart });
  }
  return out;
}

let jsonPath: typeof JsonPath | undefined;

/** The syntax error of a reference's path, or undefined when it parses. */
export function pathProblem(reference: ChainReference): string | undefined {
  if (reference.path.length > MAX_PATH) return `The path is longer than ${MAX_PATH} characters.`;
  if (reference.kind === 'xpath') {
    // The check `?? xpath` assertions get (request/xpathSyntax.ts): fontoxpath loaded on first use, verdicts remembered.
    const problem = xpathSyntaxError(reference.path);
    return problem && `'${reference.path}' is not a valid XPath: ${problem.message.slice(0, 160)}`;
  }
  if (reference.kind === 'jsonpath') {
    try {
      // A require() on first use, like fontoxpath: a server whose files hold no JSONPath never loads it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      jsonPath ??= require('jsonpath-rfc9535') as typeof JsonPath;
      jsonPath.query(null, reference.path);
      return undefined;
    } catch (error) {
      return `'${reference.path}' is not a valid JSONPath: ${String(error instanceof Error ? error.message : error).split('\n')[0]!.slice(0, 160)}`;
    }
  }
  return undefined;
}
