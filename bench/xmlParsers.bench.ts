/**
 * Which XML parser reads Qualys answers (bench/README.md, "XML parsers"): each candidate turns the
 * same 1,000-host pages into the Hosts view's rows, fed in 64 KiB chunks as undici delivers them
 * (whole documents for the two that cannot stream), and must pass the same safety checks: an entity
 * declared in a DOCTYPE is refused or left unexpanded, an unknown entity is never expanded, a body cut
 * short is an error. Pages: one from the simulator (details=All with tags, cloud metadata and
 * tags), and one built from Qualys' own EC2 host sample repeated 1,000 times. The reference samples
 * (every XML response under reference/qualys/samples) must read without error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Parser as HtmlParser } from 'htmlparser2';
import sax from 'sax';
import { SaxesParser } from 'saxes';
import { hostRowReader, parseHostList } from '../client/src/api/parse/hostList';
import { XmlScanner } from '../client/src/api/stream/xmlScanner';
import { parseXml as parseServerXml } from '../server/src/xml/xmlParser';
import type { XmlElement } from '../server/src/xml/xmlNodes';
import { startSimulator } from '../simulator/src/index';
import { median, type BenchRow } from './benchRow';

const CHUNK = 64 * 1024;
/** Qualys' response samples (copies of reference/qualys/samples/responses, see its SOURCES.md). */
const REFERENCE = join(__dirname, '..', 'test', 'client', 'api', 'fixtures');

/** Row fields the Hosts view shows: the same for every candidate. */
const ROW_FIELDS = new Set(['ID', 'IP', 'IPV6', 'TRACKING_METHOD', 'DNS', 'NETBIOS', 'OS', 'CLOUD_PROVIDER', 'EC2_INSTANCE_ID']);

/** Turns start/text/end events into host rows (path HOST_LIST_OUTPUT/RESPONSE/HOST_LIST/HOST). */
class RowCollector {
  readonly rows: Record<string, string>[] = [];
  private readonly path: string[] = [];
  private row: Record<string, string> | undefined;
  private text = '';
  error: string | undefined;

  open(name: string): void {
    this.path.push(name);
    const depth = this.path.length;
    if (depth === 4 && name === 'HOST') this.row = {};
    this.text = '';
  }

  chars(text: string): void {
    if (this.row) this.text += text;
  }

  close(name: string): void {
    const depth = this.path.length;
    const open = this.path.pop();
    if (open !== name) this.error ??= `</${name}> does not close <${open}>`;
    if (this.row) {
      if (depth === 5 && ROW_FIELDS.has(name)) this.row[name] = this.text.trim();
      else if (depth === 6 && name === 'FQDN' && this.path[4] === 'DNS_DATA') this.row.FQDN = this.text.trim();
      else if (depth === 4) {
        this.rows.push(this.row);
        this.row = undefined;
      }
    }
    this.text = '';
  }

  finish(): void {
    if (this.path.length) this.error ??= `<${this.path[this.path.length - 1]}> is never closed`;
  }
}

interface Outcome {
  readonly rows: number;
  /** The first row's OS, as read. */
  readonly os?: string;
  readonly error?: string;
}

function outcome(rows: number, os: string | undefined, error: string | undefined): Outcome {
  return { rows, ...(os !== undefined ? { os } : {}), ...(error !== undefined ? { error } : {}) };
}

interface Candidate {
  readonly name: string;
  readonly streaming: boolean;
  /** Reads a document (in chunks when streaming); answers the rows and the error, if any. */
  read(body: string, chunks: readonly Buffer[]): Outcome;
}

const fxp = new XMLParser({ ignoreAttributes: false, parseTagValue: false, processEntities: true, htmlEntities: true });

const candidates: Candidate[] = [
  {
    name: 'project scanner, Hosts view rows (chosen)',
    streaming: true,
    read(_body, chunks) {
      let rows = 0;
      let os: string | undefined;
      const reader = hostRowReader((row) => {
        if (rows++ === 0) os = row.os;
      }, true);
      for (const chunk of chunks) reader.write(chunk);
      const end = reader.end();
      return outcome(rows, os, end.ok ? undefined : end.error.message);
    },
  },
  {
    name: 'project scanner, every event (same collector as the libraries)',
    streaming: true,
    read(_body, chunks) {
      const collect = new RowCollector();
      const scanner = new XmlScanner({
        open: (name) => (collect.open(name), true),
        close: (name, text) => {
          if (text) collect.chars(text);
          collect.close(name);
        },
      });
      for (const chunk of chunks) scanner.write(chunk);
      return outcome(collect.rows.length, collect.rows[0]?.OS, scanner.end() ?? collect.error);
    },
  },
  {
    name: 'htmlparser2 (xmlMode)',
    streaming: true,
    read(_body, chunks) {
      const collect = new RowCollector();
      let error: string | undefined;
      const parser = new HtmlParser(
        {
          onopentag: (name) => collect.open(name),
          ontext: (text) => collect.chars(text),
          onclosetag: (name, implied) => {
            if (implied) error ??= `<${name}> is never closed`;
            collect.close(name);
          },
          onprocessinginstruction: (name, data) => {
            if (name.toLowerCase() === '!doctype' && /<!ENTITY/i.test(data)) error ??= 'DOCTYPE declares entities';
          },
          onerror: (e) => (error ??= e.message),
        },
        { xmlMode: true, decodeEntities: true },
      );
      // htmlparser2 decodes chunks itself only as strings.
      const decoder = new TextDecoder();
      for (const chunk of chunks) parser.write(decoder.decode(chunk, { stream: true }));
      parser.end();
      error ??= collect.error;
      return outcome(collect.rows.length, collect.rows[0]?.OS, error);
    },
  },
  {
    name: 'saxes',
    streaming: true,
    read(_body, chunks) {
      const collect = new RowCollector();
      let error: string | undefined;
      const parser = new SaxesParser();
      parser.on('opentag', (tag) => collect.open(tag.name));
      parser.on('text', (text) => collect.chars(text));
      parser.on('cdata', (text) => collect.chars(text));
      parser.on('closetag', (tag) => collect.close(tag.name));
      parser.on('doctype', (doctype) => {
        if (/<!ENTITY/i.test(doctype)) error ??= 'DOCTYPE declares entities';
      });
      parser.on('error', (e) => (error ??= e.message));
      const decoder = new TextDecoder();
      try {
        for (const chunk of chunks) parser.write(decoder.decode(chunk, { stream: true }));
        parser.close();
      } catch (e) {
        error ??= e instanceof Error ? e.message : String(e);
      }
      return outcome(collect.rows.length, collect.rows[0]?.OS, error);
    },
  },
  {
    name: 'sax (strict, XML entities only)',
    streaming: true,
    read(_body, chunks) {
      const collect = new RowCollector();
      let error: string | undefined;
      const parser = sax.parser(true, { strictEntities: true });
      parser.onopentag = (tag) => collect.open(tag.name);
      parser.ontext = (text) => collect.chars(text);
      parser.oncdata = (text) => collect.chars(text);
      parser.onclosetag = (name) => collect.close(name);
      parser.ondoctype = (doctype) => {
        if (/<!ENTITY/i.test(doctype)) error ??= 'DOCTYPE declares entities';
      };
      parser.onerror = (e) => {
        error ??= e.message.split('\n')[0];
        throw e;
      };
      const decoder = new TextDecoder();
      try {
        for (const chunk of chunks) parser.write(decoder.decode(chunk, { stream: true }));
        parser.close();
      } catch {
        // recorded by onerror
      }
      error ??= collect.error;
      return outcome(collect.rows.length, collect.rows[0]?.OS, error);
    },
  },
  {
    name: 'project editor parser (server/src/xml, whole document, tree)',
    streaming: false,
    read(body) {
      const doc = parseServerXml(body);
      let rows = 0;
      let os: string | undefined;
      const list = doc.root?.children.find((n): n is XmlElement => n.kind === 'element' && n.name === 'RESPONSE')?.children.find((n): n is XmlElement => n.kind === 'element' && n.name === 'HOST_LIST');
      for (const host of list?.children ?? []) {
        if (host.kind !== 'element') continue;
        const row: Record<string, string> = {};
        for (const field of host.children) if (field.kind === 'element' && ROW_FIELDS.has(field.name)) row[field.name] = body.slice(field.startTagEnd, field.endTagStart ?? field.startTagEnd).trim();
        if (rows++ === 0) os = row.OS;
      }
      return outcome(rows, os, doc.problems[0]?.message);
    },
  },
  {
    name: 'fast-xml-parser 5 (before: validate + parse + typed hosts)',
    streaming: false,
    read(body) {
      // As the client used it: a DOCTYPE declaring entities refused first, then the validator, then the parse.
      if (/<!ENTITY/i.test(body.slice(0, body.indexOf('>', body.indexOf('<!DOCTYPE')) + 1))) return outcome(0, undefined, 'DOCTYPE declares entities');
      const valid = XMLValidator.validate(body);
      if (valid !== true) return outcome(0, undefined, valid.err.msg);
      const parsed = fxp.parse(body) as { HOST_LIST_OUTPUT?: { RESPONSE?: { HOST_LIST?: { HOST?: { OS?: string } | { OS?: string }[] } } } };
      const hosts = parsed.HOST_LIST_OUTPUT?.RESPONSE?.HOST_LIST?.HOST;
      const list = Array.isArray(hosts) ? hosts : hosts ? [hosts] : [];
      return outcome(list.length, list[0]?.OS, undefined);
    },
  },
];

function chunked(body: string): Buffer[] {
  const bytes = Buffer.from(body);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) out.push(bytes.subarray(i, i + CHUNK));
  return out;
}

/** A 1,000-host page from Qualys' own EC2 sample: its HOST repeated with new IDs. */
function samplePage(): string {
  const sample = readFileSync(join(referenceDir(), 'host_list_ec2_metadata.qualys-doc-sample.xml'), 'utf8');
  const host = sample.slice(sample.indexOf('<HOST>'), sample.indexOf('</HOST>') + 7);
  let hosts = '';
  for (let i = 0; i < 1000; i++) hosts += host.replace('<ID>135151</ID>', `<ID>${135151 + i}</ID>`);
  return `${sample.slice(0, sample.indexOf('<HOST>'))}${hosts}${sample.slice(sample.indexOf('</HOST>') + 7)}`;
}

function referenceDir(): string {
  return REFERENCE;
}

const UNKNOWN_ENTITY = '<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST><HOST><ID>1</ID><OS>&nbsp;x</OS></HOST></HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>';

const SAFETY: readonly { readonly name: string; readonly body: string; readonly wantError: boolean; readonly mustNotContain?: string }[] = [
  {
    name: 'entity declared in the DOCTYPE',
    body: '<?xml version="1.0"?><!DOCTYPE HOST_LIST_OUTPUT [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><HOST_LIST_OUTPUT><RESPONSE><HOST_LIST><HOST><ID>1</ID><OS>&b;</OS></HOST></HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>',
    wantError: true,
  },
  {
    // Refusing the page is safe (saxes, sax and the editor parser do); expanding it is not.
    name: 'unknown entity',
    body: UNKNOWN_ENTITY,
    wantError: false,
    mustNotContain: '\u00a0',
  },
  {
    name: 'body cut short',
    body: '<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST><HOST><ID>1</ID></HOST><HOST><ID>2</ID>',
    wantError: true,
  },
  {
    name: 'end tag that does not match',
    body: '<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST><HOST><ID>1</IP></HOST></HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>',
    wantError: true,
  },
];

/** Whether a candidate is safe: passes each check (an OS value with an expanded entity is read via the rows' text). */
function safety(candidate: Candidate): string[] {
  const failures: string[] = [];
  for (const check of SAFETY) {
    const result = candidate.read(check.body, chunked(check.body));
    if (check.wantError && !result.error) failures.push(`${check.name}: accepted`);
    if (check.mustNotContain && result.os?.includes(check.mustNotContain)) failures.push(`${check.name}: expanded`);
  }
  return failures;
}

export default async function xmlParsersBench(): Promise<BenchRow[]> {
  const sim = await startSimulator({ port: 0, hosts: 1000, seed: 1, user: 'bench', password: 'bench-password', rateLimit: { limit: 100_000, windowSec: 3600 } });
  let simPage: string;
  try {
    const response = await fetch(`${sim.url}/api/2.0/fo/asset/host/?action=list&details=All&show_tags=1&host_metadata=all&show_cloud_tags=1&truncation_limit=1000`, {
      headers: { authorization: `Basic ${Buffer.from('bench:bench-password').toString('base64')}`, 'x-requested-with': 'bench' },
    });
    simPage = await response.text();
  } finally {
    await sim.close();
  }
  const pages = [
    { name: 'simulator page', body: simPage },
    { name: 'Qualys EC2 sample x1000', body: samplePage() },
  ];
  const references = readdirSync(referenceDir()).filter((f) => f.endsWith('.xml')).map((f) => readFileSync(join(referenceDir(), f), 'utf8'));
  // The chosen reader agrees with the full parse on every reference sample that is a host list.
  if (!parseHostList(simPage).ok) throw new Error('the simulator page does not parse');

  const rows: BenchRow[] = [];
  for (const page of pages) {
    const chunks = chunked(page.body);
    const mb = Buffer.byteLength(page.body) / 2 ** 20;
    for (const candidate of candidates) {
      const expected = candidate.read(page.body, chunks);
      if (expected.error || expected.rows !== 1000) throw new Error(`${candidate.name} on the ${page.name}: ${expected.rows} rows, ${expected.error ?? 'no error'}`);
      for (let i = 0; i < 2; i++) candidate.read(page.body, chunks);
      const walls: number[] = [];
      const cpus: number[] = [];
      for (let i = 0; i < 9; i++) {
        const cpu = process.cpuUsage();
        const start = performance.now();
        candidate.read(page.body, chunks);
        walls.push(performance.now() - start);
        const used = process.cpuUsage(cpu);
        cpus.push((used.user + used.system) / 1000);
      }
      // Speed by CPU time: on a shared machine the wall time also counts other processes' turns.
      const cpuMs = median(cpus);
      rows.push({ area: 'xml parser', metric: `${page.name} (${mb.toFixed(1)} MiB): ${candidate.name}`, value: mb / (cpuMs / 1000), unit: 'MiB/s CPU', wallMs: median(walls), cpuMs });
    }
  }
  for (const candidate of candidates) {
    // Other documents than host lists are refused by the chosen reader by design ("Expected HOST_LIST_OUTPUT").
    const refused = references.map((body) => candidate.read(body, chunked(body)).error).filter((e): e is string => e !== undefined && !e.startsWith('Expected '));
    const unsafe = safety(candidate);
    const strict = candidate.read(UNKNOWN_ENTITY, chunked(UNKNOWN_ENTITY)).error !== undefined ? ', refuses a page with an unknown entity' : '';
    const notes = [...unsafe, ...refused.map((e) => `a reference sample refused: ${e}`)];
    // A target for the project's scanner (what the client uses); for the others the count is why they were not chosen.
    const ours = candidate.name.startsWith('project scanner');
    rows.push({ area: 'xml parser', metric: `${candidate.name}: safety and reference-sample failures${notes.length ? ` (${notes.join('; ')})` : ''}${strict}`, value: notes.length, unit: 'failures', ...(ours ? { target: '= 0', ok: notes.length === 0 } : {}) });
  }
  return rows;
}
