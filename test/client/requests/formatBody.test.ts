/** Response body formatting (client/src/requests/formatBody.ts). */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { bodyFormat, formatJson, formatXml } from '../../../client/src/requests/formatBody';

test('XML: indents two spaces per level, keeps text-only elements and CDATA on one line', () => {
  const xml = '<?xml version="1.0"?><SIMPLE_RETURN><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><CODE>1905</CODE><TEXT><![CDATA[bad <value>]]></TEXT><EMPTY/><NONE></NONE></RESPONSE></SIMPLE_RETURN>';
  assert.equal(
    formatXml(xml),
    [
      '<?xml version="1.0"?>',
      '<SIMPLE_RETURN>',
      '  <RESPONSE>',
      '    <DATETIME>2026-01-01T00:00:00Z</DATETIME>',
      '    <CODE>1905</CODE>',
      '    <TEXT><![CDATA[bad <value>]]></TEXT>',
      '    <EMPTY/>',
      '    <NONE></NONE>',
      '  </RESPONSE>',
      '</SIMPLE_RETURN>',
    ].join('\n'),
  );
});

test('XML: re-indents an already indented document without blank lines, attributes with > in quotes survive', () => {
  const xml = '<A>\n      <B x="1 > 0" y=\'2\'>v</B>\n   <!-- note -->\n</A>\n';
  assert.equal(formatXml(xml), ['<A>', '  <B x="1 > 0" y=\'2\'>v</B>', '  <!-- note -->', '</A>'].join('\n'));
});

test('XML: entities are not expanded and a DOCTYPE internal subset is copied, not read', () => {
  const xml = '<!DOCTYPE R [<!ENTITY big "AAAAAAAAAA"><!ENTITY x "&big;&big;">]><R><V>&x; &amp; &lt;</V></R>';
  const out = formatXml(xml);
  assert.ok(out.includes('<V>&x; &amp; &lt;</V>'));
  assert.ok(out.startsWith('<!DOCTYPE R [<!ENTITY big "AAAAAAAAAA"><!ENTITY x "&big;&big;">]>'));
  assert.ok(!out.includes('AAAAAAAAAAAAAAAAAAAA'), 'nothing expanded');
});

test('XML: a body cut short is shown as it came', () => {
  const cut = '<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST><HOST><ID>1</ID><IP>10.0';
  assert.equal(formatXml(cut + '<'), cut + '<');
  assert.equal(formatXml('<A><B attr="unterminated></A>'), '<A><B attr="unterminated></A>');
});

test('XML: mixed content keeps its text', () => {
  assert.equal(formatXml('<P>one <B>two</B> three</P>'), ['<P>', '  one', '  <B>two</B>', '  three', '</P>'].join('\n'));
});

test('JSON: indents without parsing numbers (big IDs stay exact), strings with brackets and escapes untouched', () => {
  const json = '{"id":12345678901234567890,"a":[],"o":{},"s":"x, {y} [z] \\"q\\"","list":[1,{"k":true}]}';
  assert.equal(
    formatJson(json),
    ['{', '  "id": 12345678901234567890,', '  "a": [],', '  "o": {},', '  "s": "x, {y} [z] \\"q\\"",', '  "list": [', '    1,', '    {', '      "k": true', '    }', '  ]', '}'].join('\n'),
  );
});

test('JSON: invalid JSON is shown as it came', () => {
  assert.equal(formatJson('{"a": 1,'), '{"a": 1,');
});

test('the format comes from Content-Type, else from the first character', () => {
  assert.equal(bodyFormat('{}', 'application/json;charset=UTF-8'), 'json');
  assert.equal(bodyFormat('x', 'text/xml'), 'xml');
  assert.equal(bodyFormat('  <A/>', undefined), 'xml');
  assert.equal(bodyFormat('[1]', ''), 'json');
  assert.equal(bodyFormat('plain', 'text/plain'), 'text');
});
