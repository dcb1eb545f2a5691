/**
 * The lines a detection download writes are fixed to the byte: a constructed detection list page
 * in Qualys' documented shape (the element order of host_list_vm_detection_output.dtd) with what
 * real pages carry and a fast path could get wrong: non-ASCII text (2-, 3- and 4-byte UTF-8),
 * CDATA sections, the predefined entities and character references, an unknown entity left as
 * written, CR LF line ends, tabs, quotes and backslashes, a comment inside a text, a date wrapped
 * across lines, a CSV formula start, elements no rule reads (DNS_DATA, TAGS, QDS_FACTORS). The page
 * is fed whole, byte by byte and in odd chunk sizes (characters cut between chunks), with and
 * without a BOM; the JSON Lines and CSV texts must match the md5 the reader gave before the scanner
 * read ASCII chunks as Latin-1 (commit c228fdd).
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { detectionReader } from '../../../client/src/api/parse/detectionList';
import { csvColumns, csvHeader, recordLine } from '../../../client/src/download/downloadRecords';
import { detectionLines, detectionRecord } from '../../../client/src/worker/download';

const PAGE = [
  '<?xml version="1.0" encoding="UTF-8" ?>\r\n',
  '<!DOCTYPE HOST_LIST_VM_DETECTION_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/host_list_vm_detection_output.dtd">\r\n',
  '<HOST_LIST_VM_DETECTION_OUTPUT>\r\n  <RESPONSE>\r\n    <DATETIME>2026-12-04T21:00:00Z</DATETIME>\r\n    <HOST_LIST>\r\n',
  '      <HOST>\r\n        <ID>101</ID>\r\n        <ASSET_ID>9001</ASSET_ID>\r\n        <IP>10.0.0.1</IP>\r\n        <TRACKING_METHOD>IP</TRACKING_METHOD>\r\n',
  '        <NETWORK_ID>0</NETWORK_ID>\r\n        <OS><![CDATA[Windows Server 2019 – Édition française]]></OS>\r\n',
  '        <OS_CPE><![CDATA[cpe:/o:microsoft:windows_server_2019:::x64:]]></OS_CPE>\r\n        <DNS><![CDATA[srv-01.exämple.com]]></DNS>\r\n',
  '        <DNS_DATA>\r\n          <HOSTNAME><![CDATA[srv-01]]></HOSTNAME>\r\n          <DOMAIN><![CDATA[exämple.com]]></DOMAIN>\r\n        </DNS_DATA>\r\n',
  '        <NETBIOS>SRV&amp;01</NETBIOS>\r\n        <LAST_SCAN_DATETIME>2026-11-30T10:00:00Z</LAST_SCAN_DATETIME>\r\n',
  '        <TAGS>\r\n          <TAG>\r\n            <TAG_ID>77</TAG_ID>\r\n            <NAME><![CDATA[Büro <Köln> ]] ]]></NAME>\r\n          </TAG>\r\n        </TAGS>\r\n',
  '        <DETECTION_LIST>\r\n',
  '          <DETECTION>\r\n            <UNIQUE_VULN_ID>5001</UNIQUE_VULN_ID>\r\n            <QID>38170</QID>\r\n            <TYPE>Confirmed</TYPE>\r\n',
  '            <SEVERITY>3</SEVERITY>\r\n            <PORT>443</PORT>\r\n            <PROTOCOL>tcp</PROTOCOL>\r\n            <SSL>1</SSL>\r\n',
  '            <RESULTS><![CDATA[Certificate #0 CN=srv-01.exämple.com\tRSA\t2048 bits\r\n"quoted", back\\slash, 日本語 テスト, 😀 <b>not a tag</b>\r\n]]></RESULTS>\r\n',
  '            <STATUS>Active</STATUS>\r\n            <FIRST_FOUND_DATETIME>2024-01-\r\n    02T03:04:05Z</FIRST_FOUND_DATETIME>\r\n',
  '            <LAST_FOUND_DATETIME>2026-11-30T10:00:00Z</LAST_FOUND_DATETIME>\r\n            <QDS severity="MEDIUM">55</QDS>\r\n',
  '            <QDS_FACTORS>\r\n              <QDS_FACTOR name="CVSS"><![CDATA[5.3]]></QDS_FACTOR>\r\n            </QDS_FACTORS>\r\n',
  '            <TIMES_FOUND>007</TIMES_FOUND>\r\n            <LAST_TEST_DATETIME>2026-11-30T10:00:00Z</LAST_TEST_DATETIME>\r\n',
  '            <LAST_UPDATE_DATETIME>2026-11-30T10:05:00Z</LAST_UPDATE_DATETIME>\r\n            <IS_IGNORED>0</IS_IGNORED>\r\n            <IS_DISABLED>0</IS_DISABLED>\r\n',
  '            <LAST_PROCESSED_DATETIME>2026-11-30T10:10:00Z</LAST_PROCESSED_DATETIME>\r\n          </DETECTION>\r\n',
  '          <DETECTION>\r\n            <UNIQUE_VULN_ID>5002</UNIQUE_VULN_ID>\r\n            <QID>105943</QID>\r\n            <TYPE>Potential</TYPE>\r\n            <SEVERITY>4</SEVERITY>\r\n',
  '            <RESULTS>&lt;script&gt; &amp; &quot;q&quot; &apos;a&apos; caf&#233; &#x1F600; &nbsp; &#0; line one\r\nline two\rline three <!-- not text --> end</RESULTS>\r\n',
  '            <STATUS>Re-Opened</STATUS>\r\n            <FIRST_FOUND_DATETIME>2025-02-03T04:05:06Z</FIRST_FOUND_DATETIME>\r\n',
  '            <LAST_FOUND_DATETIME>2026-11-30T10:00:00Z</LAST_FOUND_DATETIME>\r\n            <TIMES_FOUND>12</TIMES_FOUND>\r\n',
  '            <LAST_FIXED_DATETIME>2025-06-01T00:00:00Z</LAST_FIXED_DATETIME>\r\n            <FIRST_REOPENED_DATETIME>2025-07-01T00:00:00Z</FIRST_REOPENED_DATETIME>\r\n',
  '            <TIMES_REOPENED>1</TIMES_REOPENED>\r\n            <IS_IGNORED>1</IS_IGNORED>\r\n            <IS_DISABLED>0</IS_DISABLED>\r\n          </DETECTION>\r\n',
  '          <DETECTION>\r\n            <QID>90882</QID>\r\n            <TYPE>Info</TYPE>\r\n            <SEVERITY>1</SEVERITY>\r\n',
  '            <RESULTS><![CDATA[=HYPERLINK("http://x"), -1, +2, @sum, zero\uFEFFwidth, BAD]]></RESULTS>\r\n            <STATUS>New</STATUS>\r\n          </DETECTION>\r\n',
  '        </DETECTION_LIST>\r\n      </HOST>\r\n',
  '      <HOST>\r\n        <ID>102</ID>\r\n        <IPV6>fe80::1</IPV6>\r\n        <TRACKING_METHOD>AGENT</TRACKING_METHOD>\r\n',
  '        <OS>Ubuntu 22.04 “Jammy”</OS>\r\n        <DNS>münchen-02.example.com</DNS>\r\n        <DETECTION_LIST>\r\n',
  '          <DETECTION>\r\n            <QID>6</QID>\r\n            <TYPE>Info</TYPE>\r\n            <RESULTS>  ünïcödé ÿ at both ends é  </RESULTS>\r\n          </DETECTION>\r\n',
  '          <DETECTION>\r\n            <TYPE>Confirmed</TYPE>\r\n            <RESULTS>no QID: left out</RESULTS>\r\n          </DETECTION>\r\n',
  '        </DETECTION_LIST>\r\n      </HOST>\r\n    </HOST_LIST>\r\n',
  '    <WARNING>\r\n      <CODE>1980</CODE>\r\n      <TEXT>1000 record limit exceeded. Use URL to get next batch of results.</TEXT>\r\n',
  '      <URL><![CDATA[https://qualysapi.qualys.com/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=2&id_min=103]]></URL>\r\n',
  '    </WARNING>\r\n  </RESPONSE>\r\n</HOST_LIST_VM_DETECTION_OUTPUT>\r\n',
].join('');

/** What the reader gave at c228fdd, before the scanner's Latin-1 path (md5 of the JSON Lines text, then of the CSV text). */
const JSONL_MD5 = '2c80cf4fbefd825d095a76f219f4e98a';
const CSV_MD5 = 'b0b891e57061a2de4f616538ce00cbc3';
const INVALID_MD5 = 'c11956fa19005c81a68e369f3deead78';

/** The lines as the download writes them (each host's part made once, then each detection's). */
function lines(body: Buffer, chunk: number, format: 'jsonl' | 'csv'): string {
  const columns = format === 'csv' ? csvColumns('detections') : undefined;
  let out = columns ? csvHeader(columns) : '';
  const reader = detectionReader(detectionLines(format, columns, (head, rest) => (out += head + rest)), 'full');
  for (let at = 0; at < body.length; at += chunk) reader.write(body.subarray(at, at + chunk));
  const page = reader.end();
  assert.ok(page.ok, page.ok ? '' : page.error.message);
  return out;
}

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
const BODY = Buffer.from(PAGE, 'utf8');
/** The same page with a byte that is not UTF-8 (a lead byte followed by ASCII) where BAD was: it reads as U+FFFD, in place. */
const INVALID = Buffer.from(PAGE.replace('BAD', 'B\u0001D'), 'utf8').map((b) => (b === 0x01 ? 0xc3 : b));
const CHUNKS = [BODY.length, 65536, 1, 2, 3, 7, 64, 1000];

test('detection lines: the page has the characters this test is about', () => {
  assert.ok(BODY.some((b) => b >= 0x80), 'non-ASCII bytes');
  assert.ok(/[\u{10000}-\u{10FFFF}]/u.test(PAGE), 'a 4-byte character');
});

test('detection lines: JSON Lines are byte-identical whatever the chunks, with and without a BOM', () => {
  const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), BODY]);
  for (const body of [BODY, withBom]) {
    for (const chunk of CHUNKS) assert.equal(md5(lines(body, chunk, 'jsonl')), JSONL_MD5, `chunks of ${chunk} bytes${body === withBom ? ', BOM' : ''}`);
  }
});

test('detection lines: a byte that is not UTF-8 reads as U+FFFD in place whatever the chunks', () => {
  for (const chunk of CHUNKS) assert.equal(md5(lines(Buffer.from(INVALID), chunk, 'jsonl')), INVALID_MD5, `chunks of ${chunk} bytes`);
  assert.ok(lines(Buffer.from(INVALID), 1, 'jsonl').includes('zero\uFEFFwidth, B\uFFFDD"'));
});

test('detection lines: a U+FEFF inside a text is kept when it is the first non-ASCII character (only a leading BOM is dropped)', () => {
  const page = PAGE.replace(/[\u0080-\u{10FFFF}]/gu, '?').replace('zero?width', 'zero\uFEFFwidth');
  assert.equal(Buffer.from(page, 'utf8').filter((b) => b >= 0x80).length, 3);
  for (const chunk of CHUNKS) assert.ok(lines(Buffer.from(page, 'utf8'), chunk, 'jsonl').includes('zero\uFEFFwidth'), `chunks of ${chunk} bytes`);
});

test('detection lines: CSV is byte-identical whatever the chunks', () => {
  for (const chunk of CHUNKS) assert.equal(md5(lines(BODY, chunk, 'csv')), CSV_MD5, `chunks of ${chunk} bytes`);
});

test('detection lines: what the fixed bytes hold, read back', () => {
  const records = lines(BODY, 3, 'jsonl').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.equal(records.length, 4, 'the detection without a QID is left out');
  assert.equal(records[0]!.os, 'Windows Server 2019 – Édition française');
  assert.equal(records[0]!.dns, 'srv-01.exämple.com');
  assert.equal(records[0]!.netbios, 'SRV&01');
  assert.equal(records[0]!.results, 'Certificate #0 CN=srv-01.exämple.com\tRSA\t2048 bits\n"quoted", back\\slash, 日本語 テスト, 😀 <b>not a tag</b>');
  assert.equal(records[0]!.firstFound, '2024-01-02T03:04:05Z');
  assert.equal(records[0]!.timesFound, 7);
  assert.equal(records[0]!.ssl, true);
  assert.equal(records[1]!.results, '<script> & "q" \'a\' café 😀 &nbsp; &#0; line one\nline two\nline three  end');
  assert.equal(records[2]!.results, '=HYPERLINK("http://x"), -1, +2, @sum, zero\uFEFFwidth, BAD');
  assert.equal(records[3]!.os, 'Ubuntu 22.04 “Jammy”');
  assert.equal(records[3]!.results, 'ünïcödé ÿ at both ends é');
  const csv = lines(BODY, 5, 'csv').split('\r\n');
  assert.ok(csv[3]!.endsWith(`,"'=HYPERLINK(""http://x""), -1, +2, @sum, zero\uFEFFwidth, BAD"`), csv[3]);
});

test('detection lines: the download\'s lines are the records written whole, one object or row each', () => {
  for (const format of ['jsonl', 'csv'] as const) {
    const columns = format === 'csv' ? csvColumns('detections') : undefined;
    let whole = columns ? csvHeader(columns) : '';
    const reader = detectionReader((host, d) => (whole += recordLine(detectionRecord(host, d), format, columns)), 'full');
    reader.write(BODY);
    assert.ok(reader.end().ok);
    assert.equal(lines(BODY, 13, format), whole, format);
  }
});

test('detection lines: a host\'s part is made again when one of its fields changed between its detections', () => {
  const twice = PAGE.replace('        </DETECTION_LIST>\r\n      </HOST>\r\n      <HOST>', '        </DETECTION_LIST>\r\n        <IP>10.9.9.9</IP>\r\n        <DETECTION_LIST>\r\n          <DETECTION>\r\n            <QID>1</QID>\r\n          </DETECTION>\r\n        </DETECTION_LIST>\r\n      </HOST>\r\n      <HOST>');
  assert.notEqual(twice, PAGE);
  for (const format of ['jsonl', 'csv'] as const) {
    const columns = format === 'csv' ? csvColumns('detections') : undefined;
    const ips: string[] = [];
    const reader = detectionReader(detectionLines(format, columns, (head, rest) => ips.push((head + rest).includes('10.9.9.9') ? 'new' : 'old')), 'full');
    reader.write(Buffer.from(twice, 'utf8'));
    assert.ok(reader.end().ok);
    assert.deepEqual(ips, ['old', 'old', 'old', 'new', 'old'], format);
  }
});
