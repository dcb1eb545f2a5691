/**
 * The streaming scanner under the API client's readers: the same events however the body is cut
 * into chunks, Qualys' samples read whole and byte by byte alike, and the refusals a client needs
 * (cut short, mismatched, DOCTYPE with entities or after the root, too deep, too long).
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attributeValue, decodeReferences, XmlScanner } from '../../../client/src/api/stream/xmlScanner';
import { hostRowReader, parseHostList, type HostRow } from '../../../client/src/api/parse/hostList';

/** Every event as text, all text wanted. */
function events(chunks: readonly (string | Buffer)[], limits = {}): { log: string[]; error: string | undefined } {
  const log: string[] = [];
  const scanner = new XmlScanner(
    {
      open: (name, attributes) => {
        log.push(`<${name}${attributes}>`);
        return true;
      },
      close: (name, text) => log.push(`</${name}>${JSON.stringify(text?.trim() ?? '')}`),
    },
    limits,
  );
  for (const chunk of chunks) scanner.write(chunk);
  return { log, error: scanner.end() };
}

function bytewise(text: string): Buffer[] {
  const bytes = Buffer.from(text);
  return [...bytes].map((b) => Buffer.from([b]));
}

const FIXTURES = join(__dirname, 'fixtures');
const SAMPLES = readdirSync(FIXTURES).filter((f) => f.endsWith('.xml'));

test('every Qualys sample gives the same events whole, byte by byte and in 7-byte chunks', () => {
  assert.ok(SAMPLES.length >= 15);
  for (const name of SAMPLES) {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    const whole = events([text]);
    assert.equal(whole.error, undefined, `${name}: ${whole.error}`);
    assert.deepEqual(events(bytewise(text)), whole, name);
    const sevens: string[] = [];
    for (let i = 0; i < text.length; i += 7) sevens.push(text.slice(i, i + 7));
    assert.deepEqual(events(sevens), whole, name);
  }
});

test('CDATA, references, comments and multi-byte characters survive any chunk boundary', () => {
  const doc = '<?xml version="1.0"?>\n<!-- a -- comment -->\n<R a="x &gt; y" b=\'1\'><T><![CDATA[a ]] > <b> ]]]]><![CDATA[> é]]></T><U>&lt;&#65;&#x42;&amp;&quot;&apos;&nbsp;&#0;</U><E/><F attr="a>b"/></R><!-- trailing -->';
  const whole = events([doc]);
  assert.equal(whole.error, undefined);
  assert.deepEqual(whole.log, [
    '<R a="x &gt; y" b=\'1\'>',
    '<T>',
    '</T>"a ]] > <b> ]]> é"',
    '<U>',
    `</U>"<AB&\\"'&nbsp;&#0;"`,
    '<E>',
    '</E>""',
    '<F attr="a>b">',
    '</F>""',
    '</R>""',
  ]);
  assert.deepEqual(events(bytewise(doc)), whole);
  assert.equal(attributeValue(' a="x &gt; y" b=\'1\'', 'a'), 'x > y');
  assert.equal(attributeValue(' a="x"', 'b'), undefined);
  assert.equal(decodeReferences('&unknown; & &#x110000; &#65'), '&unknown; & &#x110000; &#65', 'nothing but the predefined entities and valid character references is decoded');
});

test('a body cut short, a mismatched end tag, text outside the root or a second root is an error', () => {
  for (const [doc, reason] of [
    ['<A><B>x</B>', /never closed.*cut short/],
    ['<A><B>x</C></A>', /does not close <B>/],
    ['<A>x</A>junk', /text after the root/],
    ['<A/><B/>', /second root/],
    ['<A><![CDATA[x', /cut short/],
    ['<A><!-- x', /cut short/],
    ['<A', /cut short/],
    ['', /no root/],
    ['{"json": true}', /not XML/],
    ['<A b=c/>', /malformed/],
    ['<A>a < b</A>', /not a tag/],
  ] as const) {
    const { error } = events([doc]);
    assert.match(error ?? '(none)', reason, doc);
    assert.match(events(bytewise(doc)).error ?? '(none)', reason, `${doc}, byte by byte`);
  }
});

test('a DOCTYPE is skipped before the root, refused when it declares entities or comes after the root start', () => {
  const system = events(['<!DOCTYPE A SYSTEM "http://127.0.0.1:9/never-fetched.dtd"><A>x</A>']);
  assert.equal(system.error, undefined);
  assert.equal(events(['<!DOCTYPE A [<!ELEMENT A ANY>]><A/>']).error, undefined);
  assert.match(events(['<!DOCTYPE A [<!ENTITY e "boom">]><A>&e;</A>']).error ?? '', /declares XML entities/);
  assert.match(events([`<!-- ${'x'.repeat(100_000)} --><!DOCTYPE A [<!ENTITY e "boom">]><A/>`]).error ?? '', /declares XML entities/, 'behind a long comment too');
  assert.match(events(['<A><!DOCTYPE A [<!ENTITY e "x">]></A>']).error ?? '', /after the root/);
});

test('a long construct read in many chunks gives the events it gives whole: quoted ">", skipped elements, PIs, end tags, malformed tags', () => {
  const long = 'x>'.repeat(5000);
  const docs = [
    `<A><B c="${long}" d='${long}'/>tail</A>`,
    `<A${' '.repeat(20_000)}><B/></A${' '.repeat(20_000)}>`,
    `<A><?pi ${long}?><B>t</B></A>`,
    `<A><B c="1" d"${long}"/></A>`,
    `<A><B c="1"${' '.repeat(20_000)}<C/></A>`,
  ];
  for (const doc of docs) {
    const whole = events([doc]);
    const chunks: string[] = [];
    for (let i = 0; i < doc.length; i += 7) chunks.push(doc.slice(i, i + 7));
    assert.deepEqual(events(chunks), whole, doc.slice(0, 40));
  }
  assert.equal(events([docs[0]!]).error, undefined);
  assert.match(events([docs[3]!]).error ?? '', /<B> is malformed/);
  // The same inside an element no rule reads (skipped): a quoted '>' in a long start tag does not end it.
  const ids: string[] = [];
  const reader = hostRowReader((row) => ids.push(row.id), false);
  const page = `<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST><HOST><ID>1</ID><TAGS><TAG a="${long}"/></TAGS></HOST><HOST><ID>2</ID></HOST></HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>`;
  for (let i = 0; i < page.length; i += 7) reader.write(page.slice(i, i + 7));
  assert.ok(reader.end().ok);
  assert.deepEqual(ids, ['1', '2']);
});

test('nesting and markup are bounded', () => {
  assert.match(events([`<!DOCTYPE A [${'<!-- x -->'.repeat(120_000)}]><A/>`]).error ?? '', /DOCTYPE is longer than/);
  assert.match(events(['<A>'.repeat(300)], { maxDepth: 256 }).error ?? '', /deeper than 256/);
  assert.match(events([`<A b="${'x'.repeat(2000)}`], { maxMarkup: 1000 }).error ?? '', /longer than 1000/);
});

test('the host row reader gives the same rows from a page cut anywhere, with each host\'s raw XML', () => {
  let hosts = '';
  for (let id = 1; id <= 50; id++) hosts += `<HOST><ID>${id}</ID><IP>10.0.0.${id}</IP><DNS><![CDATA[h${id}.corp]]></DNS><OS>Linux &amp; co</OS><TAGS><TAG><NAME>t</NAME></TAG></TAGS><EC2_INSTANCE_ID>i-${id}</EC2_INSTANCE_ID></HOST>`;
  const page = `<HOST_LIST_OUTPUT><RESPONSE><DATETIME>now</DATETIME><HOST_LIST>${hosts}</HOST_LIST><WARNING><CODE>1980</CODE><URL><![CDATA[https://q/api/2.0/fo/asset/host/?action=list&id_min=51]]></URL></WARNING></RESPONSE></HOST_LIST_OUTPUT>`;
  const read = (chunks: readonly (string | Buffer)[]): { rows: [HostRow, string | undefined][]; warning: string | undefined } => {
    const rows: [HostRow, string | undefined][] = [];
    let warning: string | undefined;
    const reader = hostRowReader((row, raw) => rows.push([row, raw]), true, (w) => (warning = w.url));
    for (const chunk of chunks) reader.write(chunk);
    const end = reader.end();
    assert.ok(end.ok, end.ok ? '' : end.error.message);
    return { rows, warning };
  };
  const whole = read([page]);
  assert.equal(whole.rows.length, 50);
  assert.deepEqual(whole.rows[0]![0], { id: '1', ip: '10.0.0.1', dns: 'h1.corp', os: 'Linux & co', cloud: true });
  assert.equal(whole.rows[0]![1], hosts.slice(0, hosts.indexOf('</HOST>') + 7));
  assert.equal(whole.warning, 'https://q/api/2.0/fo/asset/host/?action=list&id_min=51');
  assert.deepEqual(read(bytewise(page)), whole);
  const full = parseHostList(page);
  assert.ok(full.ok);
  assert.deepEqual(full.value.hosts.map((h) => h.tags), whole.rows.map(() => [{ name: 't' }]));
});

test('an element no rule reads is skipped whole: CDATA, comments and quoted ">" inside cannot end it early, its own end tag is checked', () => {
  const read = (inner: string): { ids: string[]; error: string | undefined } => {
    const ids: string[] = [];
    const reader = hostRowReader((row) => ids.push(row.id), false);
    const page = `<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST><HOST><ID>1</ID><TAGS>${inner}</TAGS></HOST><HOST><ID>2</ID></HOST></HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>`;
    for (const chunk of bytewise(page)) reader.write(chunk);
    const end = reader.end();
    return { ids, error: end.ok ? undefined : end.error.message };
  };
  assert.deepEqual(read('<TAG a="x>y"><NAME><![CDATA[</TAGS></HOST><HOST><ID>666</ID>]]></NAME><!-- </TAGS> --><E/></TAG>'), { ids: ['1', '2'], error: undefined });
  assert.match(read('<TAG></TAGS>').error ?? '', /does not match its start tag/);
  assert.match(read('<TAG><![CDATA[x').error ?? '', /cut short|never closed/);
  assert.match(read('<A>'.repeat(300) + '</A>'.repeat(300)).error ?? '', /deeper than 256/);
});

test('element names: more distinct names than the name cache holds are each read as written, and an end tag one character off is still refused', () => {
  const names = Array.from({ length: 2000 }, (_, i) => `N${i.toString(36)}_${'x'.repeat(i % 17)}`);
  const body = `<R>${names.map((n, i) => `<${n}>${i}</${n}>`).join('')}${names.map((n) => `<${n}/>`).join('')}</R>`;
  for (const chunks of [[body], [Buffer.from(body)], bytewise(body.slice(0, 4000)).concat([Buffer.from(body.slice(4000))])]) {
    const { log, error } = events(chunks);
    assert.equal(error, undefined);
    assert.deepEqual(log.slice(1, 1 + 2 * names.length), names.flatMap((n, i) => [`<${n}>`, `</${n}>"${i}"`]));
    assert.deepEqual(log.slice(1 + 2 * names.length, -1).filter((e) => !e.startsWith('</')), names.map((n) => `<${n}>`));
  }
  assert.deepEqual(events(['<R><__proto__>1</__proto__><constructor/></R>']).log, ['<R>', '<__proto__>', '</__proto__>"1"', '<constructor>', '</constructor>""', '</R>""']);
  assert.match(events(['<R><ABCD>1</ABCE></R>']).error ?? '', /<\/ABCE> does not close <ABCD>/);
  assert.match(events(['<R><ABCD>1</ABC></R>']).error ?? '', /<\/ABC> does not close <ABCD>/);
  assert.match(events(['<R><ABC>1</ABCD></R>']).error ?? '', /<\/ABCD> does not close <ABC>/);
});
