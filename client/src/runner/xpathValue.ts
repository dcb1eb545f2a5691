/**
 * `?? xpath EXPR` on an XML answer: fontoxpath (XPath 3.1, which reads the XPath 1.0 REST Client and
 * httpYac files hold) over a slimdom document. The answer is parsed once per request, on the first
 * XPath assertion. Bounded and closed: answers over MAX_XPATH_BYTES are not parsed, a document is
 * parsed as ../xpathDocument.ts does for every XPath (a DTD subset refused, nothing fetched or
 * expanded), and a result is reduced to a number, a string, a boolean or a list of strings.
 */
import type * as Slimdom from 'slimdom';
import { xpathDocument, xpathEngine } from '../xpathDocument';

/** Larger answers are not parsed for XPath (a DOM costs several times the text in memory). */
export const MAX_XPATH_BYTES = 32 * 1024 * 1024;

export type XPathResult = { readonly ok: true; readonly value: string | number | boolean | readonly string[] | undefined } | { readonly ok: false; readonly message: string };

/** Loads the XPath engine now (the worker does so before it takes its first job). */
export function loadXPathEngine(): void {
  xpathEngine();
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
    else {
      const parsed = xpathDocument(this.body);
      if (parsed.ok) return (this.document = parsed.document);
      this.failure =
        parsed.refused === 'dtdSubset' ? 'the answer declares XML entities, which are never expanded: XPath was not evaluated' : `the answer is not well-formed XML (${parsed.detail})`;
    }
    return this.failure!;
  }

  evaluate(expression: string): XPathResult {
    const document = this.parse();
    if (typeof document === 'string') return { ok: false, message: document };
    try {
      const { fontoxpath } = xpathEngine();
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
