/**
 * The value of a chain reference (read by the server's request/chain/chainReference.ts) in an
 * answer: XPath 3.1 on an XML body (fontoxpath on a slimdom document), JSONPath (RFC 9535) on a
 * JSON body, a header, or the whole body. Pure; it runs in the XPath worker (chainJob.ts), never on the extension host's thread:
 * a 5,000-host page takes hundreds of ms to parse, and a path's time is not bounded by its answer.
 *
 * XML answers are parsed as ../../xpathDocument.ts does for every XPath: no DTD read, nothing fetched.
 */
import { query as jsonPathQuery } from 'jsonpath-rfc9535';
import type { Document } from 'slimdom';
import type { ChainReference } from '../../../../protocol';
import { xpathDocument, xpathEngine } from '../../xpathDocument';
import { answerName, directValue, MAX_CHAIN_BODY, type ChainAnswer, type ChainValue } from './directValue';

export { MAX_CHAIN_BODY };

export type { ChainAnswer, ChainValue };

/** One parsed document per answer body: a file of requests reading the same answer parses it once. */
const parsed = new WeakMap<ChainAnswer, Document>();

function xmlDocument(answer: ChainAnswer): Document | string {
  const cached = parsed.get(answer);
  if (cached) return cached;
  const read = xpathDocument(answer.body);
  if (!read.ok) return read.refused === 'dtdSubset' ? 'the answer declares a DTD subset, which is never read' : `the answer is not well-formed XML (${read.detail.slice(0, 120)})`;
  parsed.set(answer, read.document);
  return read.document;
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
    const values = xpathEngine().fontoxpath.evaluateXPathToStrings(reference.path, document).map((v) => v.trim());
    const value = values.find((v) => v !== '') ?? values[0];
    return value !== undefined ? { ok: true, value } : { ok: false, message: `${reference.path} matches nothing in ${where}.` };
  } catch (error) {
    return { ok: false, message: `${reference.path} cannot be evaluated: ${String(error instanceof Error ? error.message : error).split('\n')[0]!.slice(0, 160)}` };
  }
}
