/**
 * Any FO list answer read as records, for "Download all pages" of lists without a reader of their
 * own: each child of each list under RESPONSE (HOST_LIST/HOST, VULN_LIST/VULN, AUTH_..._LIST/...)
 * becomes one JSON object as it ends. An element with only text is its text; one with children an
 * object (a repeated child an array); attributes are '@name' keys, and an element's text beside its
 * attributes is '#text'. The page-level elements (DATETIME, WARNING, ID_SET) are read as for every
 * list, GLOSSARY is skipped. The root is taken from the answer, whatever list it is.
 */
import type { Paged } from '../ops/paging';
import { ok } from '../result';
import { documentReader, sniffXml, type DocumentReader } from '../stream/documentReader';
import { group, responseRules, type PageHead } from '../stream/pageRules';
import type { Rule, Rules } from '../stream/recordReader';
import { decodeReferences, normalizeLines } from '../stream/xmlScanner';

type Json = string | JsonObject | Json[];
interface JsonObject {
  [key: string]: Json;
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function setAttributes(target: JsonObject, raw: string): void {
  for (const m of raw.matchAll(ATTRIBUTE)) target[`@${m[1]}`] = decodeReferences(normalizeLines(m[2] ?? m[3] ?? ''));
}

/** An element's value once it ended: its text alone, or the object of its children and attributes. */
function valueOf(o: JsonObject): Json {
  const keys = Object.keys(o);
  if (keys.length === 0) return '';
  if (keys.length === 1 && keys[0] === '#text') return o['#text']!;
  return o;
}

function attach(parent: JsonObject, name: string, value: Json): void {
  const old = parent[name];
  // Only this function makes arrays: an array here is a child already repeated.
  if (old === undefined) parent[name] = value;
  else if (Array.isArray(old)) old.push(value);
  else parent[name] = [old, value];
}

const element: Rule<JsonObject, JsonObject> = {
  create: () => ({}),
  scalarOnly: true,
  text: (o, value) => (o['#text'] = value),
  attributes: setAttributes,
  done: (parent, o, _raw, name) => attach(parent, name, valueOf(o)),
};
(element as { children?: Rules<JsonObject> }).children = { '*': element as Rule<JsonObject, unknown> };

/**
 * Reads a list page, handing each record to `onRecord` as it ends (nothing is kept). The first
 * chunks are held only until the root element's name has been read.
 */
export function genericListReader(onRecord: (record: Json, element: string) => void): DocumentReader<Paged & { readonly records: number }> {
  let records = 0;
  const record: Rule<unknown, JsonObject> = {
    ...(element as Rule<unknown, JsonObject>),
    done: (_parent, o, _raw, name) => {
      records++;
      onRecord(valueOf(o), name);
    },
  };
  const list = group<PageHead>({ '*': record as Rule<PageHead, unknown> });
  const response = responseRules<PageHead>({ GLOSSARY: group<PageHead>({}), '*': list });
  let inner: DocumentReader<Paged & { readonly records: number }> | undefined;
  let held: Buffer[] = [];
  const start = (root: string | undefined): void => {
    const rules: Rules<PageHead> = { [root ?? 'RESPONSE']: group<PageHead>({ RESPONSE: response }) };
    inner = documentReader(rules, { ids: [] } as PageHead, (head) => ok({ ...(head.warning ? { warning: head.warning } : {}), records }));
    for (const chunk of held) inner.write(chunk);
    held = [];
  };
  return {
    write: (chunk) => {
      if (inner) return inner.write(chunk);
      held.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      const head = Buffer.concat(held);
      const root = sniffXml(head).root;
      if (root !== undefined || head.length >= 64 * 1024) start(root);
    },
    end: () => {
      if (!inner) start(sniffXml(Buffer.concat(held)).root);
      return inner!.end();
    },
    get root() {
      return inner?.root;
    },
    get failed() {
      return inner?.failed ?? false;
    },
  };
}
