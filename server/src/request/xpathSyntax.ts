/**
 * The syntax check of `?? xpath EXPR` assertions, with the engine that evaluates them (fontoxpath,
 * XPath 3.1, a superset of the XPath 1.0 REST Client and httpYac users write): the expression is only
 * parsed, never evaluated, so no expression can make the server loop. fontoxpath is loaded on the
 * first xpath assertion the server sees: a file without one does not pay its start-up.
 */
import type * as Fontoxpath from 'fontoxpath';
import type * as Slimdom from 'slimdom';

interface Engine {
  readonly fontoxpath: typeof Fontoxpath;
  readonly document: Slimdom.Document;
}

let engine: Engine | undefined;

function load(): Engine {
  if (!engine) {
    // A require() here, not an import: esbuild then runs the library's module code on first use.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fontoxpath = require('fontoxpath') as typeof Fontoxpath;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const slimdom = require('slimdom') as typeof Slimdom;
    engine = { fontoxpath, document: new slimdom.Document() };
  }
  return engine;
}

export interface XPathSyntaxError {
  readonly message: string;
  /** Offset of the mistake in the expression. */
  readonly offset: number;
}

const remembered = new Map<string, XPathSyntaxError | null>();

/** Why `expression` is not XPath, or undefined when it parses. Verdicts are remembered (a few hundred). */
export function xpathSyntaxError(expression: string): XPathSyntaxError | undefined {
  const known = remembered.get(expression);
  if (known !== undefined) return known ?? undefined;
  let verdict: XPathSyntaxError | null = null;
  try {
    const { fontoxpath, document } = load();
    fontoxpath.parseScript(expression, { language: fontoxpath.evaluateXPath.XPATH_3_1_LANGUAGE }, document);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const position = (error as { position?: { start?: { offset?: number } } }).position;
    // The library's message: the expression, a caret line, then "Error: XPST0003: ... Expected ...".
    const reason = /XPST\d+: ([^\n]*)/.exec(text)?.[1] ?? text.split('\n').pop() ?? text;
    const expectedList = /Expected (.*)$/.exec(reason);
    const message = expectedList && expectedList[1]!.length > 60 ? reason.slice(0, reason.indexOf('Expected')).trim() : reason;
    verdict = { message: message.replace(/\.$/, ''), offset: Math.max(0, Math.min(expression.length, position?.start?.offset ?? 0)) };
  }
  if (remembered.size >= 500) remembered.clear();
  remembered.set(expression, verdict);
  return verdict ?? undefined;
}
