/**
 * The value of a chain reference (read by the server's request/chain/chainReference.ts) in an
 * answer: XPath 3.1 on an XML body (fontoxpath on a slimdom document), JSONPath (RFC 9535) on a
 * JSON body, a header, or the whole body. Pure; it runs in the XPath worker (chainJob.ts), never on the extension host's thread:
 * a 5,000-host page takes hundreds of ms to parse, and a path's time is not bounded by its answer.
 *
 * XML answers are read without any DTD: a DOCTYPE with an internal subset is refused (the parser
 * would expand its entities), any other DOCTYPE is blanked; nothing is ever fetched.
 */
import fontoxpath from 'fontoxpath';
import { query as jsonPathQuery } from 'jsonpath-rfc9535';
import { parseXmlDocument, type Document } from 'slimdom';
import type { ChainReference } from '../../../../protocol';
import { answerName, directValue, MAX_CHAIN_BODY, type ChainAnswer, type ChainValue } from './directValue';

export { MAX_CHAIN_BODY };

export type { ChainAnswer, ChainValue };

const DOCTYPE = /<!DOCTYPE\b(?:[^>[]|\[[^\]]*\])*>/i;

/** One parsed document per answer body: a file of requests reading the same answer parses it once. */
const parsed = new WeakMap<ChainAnswer, Document>();

function xmlDocument(answer: ChainAnswer): Document | string {
  const cached = parsed.get(answer);
  if (cached) return cached;
  const doctype = DOCTYPE.exec(answer.body);
  if (doctype?.[0].includes('[')) return 'the answer declares a DTD subset, which is never read';
  const text = doctype ? answer.body.slice(0, doctype.index) + ' '.repeat(doctype[0].length) + answer.body.slice(doctype.index + doctype[0].length) : answer.body;
  try {
    const document = parseXmlDocument(text);
    parsed.set(answer, document);
    return document;
  } catch (error) {
    return `the answer is not well-formed XML (${String(error instanceof Error ? error.message : error).split('\n')[0]!.slice(0, 120)})`;
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function chainValue(reference: ChainReference, answer: ChainAnswer): ChainValue {
  const direct = directValue(reference, answer);
  if (direct) return direct;
  const where = answerName(reference);
  if (reference.kind === 'jsonpath') {
    let json: unknown;
    try {
      json = JSON.parse(answer.body);
    } catch {
      return { ok: false, message: `${where} is not JSON, so ${reference.path} cannot be read from it.` };
    }
    try {
      const values = jsonPathQuery(json as Parameters<typeof jsonPathQuery>[0], reference.path);
      return values.length > 0 ? { ok: true, value: show(values[0]) } : { ok: false, message: `${reference.path} matches nothing in ${where}.` };
    } catch (error) {
      return { ok: false, message: `'${reference.path}' is not a valid JSONPath: ${String(error instanceof Error ? error.message : error).split('\n')[0]}` };
    }
  }
  const document = xmlDocument(answer);
  if (typeof document === 'string') return { ok: false, message: `${reference.path} cannot be read: ${document}.` };
  try {
    const values = fontoxpath.evaluateXPathToStrings(reference.path, document).map((v) => v.trim());
    const value = values.find((v) => v !== '') ?? values[0];
    return value !== undefined ? { ok: true, value } : { ok: false, message: `${reference.path} matches nothing in ${where}.` };
  } catch (error) {
    return { ok: false, message: `${reference.path} cannot be evaluated: ${String(error instanceof Error ? error.message : error).split('\n')[0]!.slice(0, 160)}` };
  }
}
