/**
 * `?? xpath EXPR` on an XML answer: fontoxpath (XPath 3.1, which reads the XPath 1.0 REST Client and
 * httpYac files hold) over a slimdom document. The answer is parsed once per request, on the first
 * XPath assertion. Bounded and closed: answers over MAX_XPATH_BYTES are not parsed, a document that
 * declares entities is refused before any parser sees it (slimdom would expand internal ones; nothing
 * here fetches a DTD), and a result is reduced to a number, a string, a boolean or a list of strings.
 */
import type * as Fontoxpath from 'fontoxpath';
import type * as Slimdom from 'slimdom';

/** Larger answers are not parsed for XPath (a DOM costs several times the text in memory). */
export const MAX_XPATH_BYTES = 32 * 1024 * 1024;

export type XPathResult = { readonly ok: true; readonly value: string | number | boolean | readonly string[] | undefined } | { readonly ok: false; readonly message: string };

interface Engine {
  readonly fontoxpath: typeof Fontoxpath;
  readonly slimdom: typeof Slimdom;
}

let engine: Engine | undefined;

/** Loads the XPath engine now (the worker does so before it takes its first job). */
export function loadXPathEngine(): void {
  load();
}

function load(): Engine {
  // require(), not import: esbuild runs the libraries' module code only when an XPath assertion runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= { fontoxpath: require('fontoxpath') as typeof Fontoxpath, slimdom: require('slimdom') as typeof Slimdom };
  return engine;
}

function isNode(value: unknown): value is Slimdom.Node {
  return typeof value === 'object' && value !== null && typeof (value as { nodeType?: unknown }).nodeType === 'number';
}

function text(item: unknown): string {
  if (isNode(item)) return item.textContent ?? '';
  return String(item);
}

export class XPathAnswer {
  private document: Slimdom.Document | undefined;
  private failure: string | undefined;

  constructor(private readonly body: string) {}

  private parse(): Slimdom.Document | string {
    if (this.document) return this.document;
    if (this.failure) return this.failure;
    const size = Buffer.byteLength(this.body);
    if (!this.body.trimStart().startsWith('<')) this.failure = 'the answer is not XML, so XPath cannot be evaluated';
    else if (size > MAX_XPATH_BYTES) this.failure = `the answer is ${Math.round(size / 1048576)} MB, over the ${MAX_XPATH_BYTES / 1048576} MB XPath reads`;
    else if (this.body.includes('<!ENTITY')) this.failure = 'the answer declares XML entities, which are never expanded: XPath was not evaluated';
    else {
      try {
        this.document = load().slimdom.parseXmlDocument(this.body);
        return this.document;
      } catch (error) {
        this.failure = `the answer is not well-formed XML (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`;
      }
    }
    return this.failure!;
  }

  evaluate(expression: string): XPathResult {
    const document = this.parse();
    if (typeof document === 'string') return { ok: false, message: document };
    try {
      const { fontoxpath } = load();
      const result: unknown = fontoxpath.evaluateXPath(expression, document, null, null, fontoxpath.evaluateXPath.ANY_TYPE, { language: fontoxpath.evaluateXPath.XPATH_3_1_LANGUAGE });
      if (Array.isArray(result)) {
        if (result.length === 0) return { ok: true, value: undefined };
        if (result.length === 1) return { ok: true, value: text(result[0]) };
        return { ok: true, value: result.map(text) };
      }
      if (typeof result === 'number' || typeof result === 'boolean' || typeof result === 'string') return { ok: true, value: result };
      if (result === null || result === undefined) return { ok: true, value: undefined };
      return { ok: true, value: text(result) };
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n').find((line) => /X[PQ]\w{2}\d{4}/.test(line)) ?? String(error);
      return { ok: false, message: `the XPath expression failed: ${message.replace(/^Error: /, '').slice(0, 300)}` };
    }
  }
}
