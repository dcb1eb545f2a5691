import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import type { KbEntry } from '../../../client/src/api/parse/knowledgeBase';
import { htmlToText, kbDetailsMarkdown, kbHoverMarkdown, kbMissingMarkdown, shortText } from '../../../client/src/knowledge/kbText';
import { qidAt } from '../../../client/src/knowledge/qidTokens';

const entry: KbEntry = {
  qid: '91001',
  title: 'Microsoft Windows Kernel Privilege Escalation Vulnerability (KB5012345)',
  type: 'Vulnerability',
  severity: 4,
  category: 'Windows',
  patchable: true,
  cves: ['CVE-2025-1111', 'CVE-2025-2222'],
  vendorRefs: [{ id: 'KB5012345', url: 'https://support.microsoft.com/kb/5012345' }],
  software: ['windows_kernel'],
  cvss: { base: 7.2, temporal: 6.1 },
  cvss3: { base: 7.8, temporal: 7.0, vector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  solution: 'Install the update.<P>Patch:<BR>Following are links:<P><A HREF="https://support.microsoft.com/kb/5012345" TARGET="_blank">KB5012345</A>',
  diagnosis: 'A flaw &amp; more &lt;here&gt;.',
  threats: ['Exploit_Public', 'Patch_Available'],
  exploits: 2,
};

test('Qualys HTML texts become plain text: paragraphs kept, links as text and address, entities decoded', () => {
  assert.equal(htmlToText(entry.solution!), 'Install the update.\nPatch:\nFollowing are links:\nKB5012345 (https://support.microsoft.com/kb/5012345)');
  assert.equal(htmlToText('a &amp; b &#x41;&#66; &nbsp;c <script>x</script>'), 'a & b AB c x');
  assert.equal(shortText('One sentence. ' + 'word '.repeat(100), 40), 'One sentence. word word word word word …');
});

test('the hover says title, severity, CVEs, CVSS, patch and the solution in short; Markdown in Qualys text is escaped', () => {
  const hover = kbHoverMarkdown({ ...entry, title: 'Title with *stars* and [link](x)' });
  assert.match(hover, /^\*\*QID 91001\*\* Title with \\\*stars\\\* and \\\[link\\\]\(x\)/);
  assert.match(hover, /severity 4 \(Critical\) · Vulnerability · Windows/);
  assert.match(hover, /CVE: CVE-2025-1111, CVE-2025-2222/);
  assert.match(hover, /CVSS v3 7\.8 \(temporal 7\) · CVSS v2 7\.2/);
  assert.match(hover, /Patch available · 2 public exploit references · threats: Exploit\\_Public, Patch\\_Available/);
  assert.match(hover, /Solution: Install the update\. Patch: Following are links: KB5012345 \(https:\/\/support\.microsoft\.com\/kb\/5012345\)/);
  const doc = kbDetailsMarkdown(entry);
  assert.match(doc, /^# QID 91001: Microsoft Windows Kernel/);
  assert.match(doc, /## Threat\n\nA flaw \\& more \\<here\\>\./);
  assert.match(doc, /## Vendor references\n\n- KB5012345 https:/);
  assert.match(kbMissingMarkdown('5', { unavailable: { kind: 'http', status: 403, message: 'HTTP 403', text: 'Access denied' } }), /cannot read the KnowledgeBase \(Access denied\)/);
  assert.match(kbMissingMarkdown('5', { failed: { kind: 'qualys', code: '1965', message: 'x', text: 'Rate' } }), /CODE 1965: Rate/);
});

test('a QID is found in parameters that take QIDs, in QID elements and JSON keys, and nowhere else', () => {
  const at = (line: string, marker = '|', context = {}) => {
    const i = line.indexOf(marker);
    return qidAt(line.slice(0, i) + line.slice(i + 1), i, context)?.qid;
  };
  assert.equal(at('GET {{baseUrl}}/api/2.0/fo/asset/host/vm/detection/?action=list&qids=38170,38|172-38175'), '38172');
  assert.equal(at('qids=38170, 38172-381|75'), '38175');
  assert.equal(at('&include_qids=1|05936'), '105936');
  assert.equal(at('qid=9|1001'), '91001');
  assert.equal(at('?action=list&ids=91|001'), undefined, 'ids are QIDs only in a KnowledgeBase call');
  assert.equal(at('?action=list&ids=91|001', '|', { knowledgeBase: true }), '91001');
  assert.equal(at('&ips=10.0.0.1|2'), undefined);
  assert.equal(at('          <QID>38|170</QID>'), '38170');
  assert.equal(at('<QID><![CDATA[38|170]]></QID>'), '38170');
  assert.equal(at('<ID>38|170</ID>'), undefined);
  assert.equal(at('  "qid": 3|8170,'), '38170');
  assert.equal(at('  "QID": "3|8170"'), '38170');
  assert.equal(at('truncation_limit=1|000'), undefined);
});
