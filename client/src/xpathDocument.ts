/**
 * An answer's XML as a slimdom document for XPath, the one way chained references
 * (requests/exchange/chainValue.ts) and assertions (runner/xpathValue.ts) parse it. Closed: a
 * DOCTYPE with an internal subset is refused before any parser sees it (slimdom would expand its
 * entities), any other DOCTYPE is blanked, so nothing is ever fetched or expanded.
 */
import type * as Fontoxpath from 'fontoxpath';
import type * as Slimdom from 'slimdom';

export interface XPathEngine {
  readonly fontoxpath: typeof Fontoxpath;
  readonly slimdom: typeof Slimdom;
}

let engine: XPathEngine | undefined;

/** fontoxpath and slimdom, loaded on first use: esbuild runs their module code only when XPath runs. */
export function xpathEngine(): XPathEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= { fontoxpath: require('fontoxpath') as typeof Fontoxpath, slimdom: require('slimdom') as typeof Slimdom };
  return engine;
}

const DOCTYPE = /<!DOCTYPE\b(?:[^>[]|\[[^\]]*\])*>/i;

export type XPathDocument =
  | { readonly ok: true; readonly document: Slimdom.Document }
  | { readonly ok: false; readonly refused: 'dtdSubset' }
  | { readonly ok: false; readonly refused: 'malformed'; readonly detail: string };

export function xpathDocument(body: string): XPathDocument {
  const doctype = DOCTYPE.exec(body);
  // `<!ENTITY` anywhere too: a subset the pattern does not match must not reach the parser.
  if (doctype?.[0].includes('[') || body.includes('<!ENTITY')) return { ok: false, refused: 'dtdSubset' };
  const text = doctype ? body.slice(0, doctype.index) + ' '.repeat(doctype[0].length) + body.slice(doctype.index + doctype[0].length) : body;
  try {
    return { ok: true, document: xpathEngine().slimdom.parseXmlDocument(text) };
  } catch (error) {
    return { ok: false, refused: 'malformed', detail: String(error instanceof Error ? error.message : error).split('\n')[0]! };
  }
}
