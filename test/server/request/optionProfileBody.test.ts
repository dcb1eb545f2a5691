import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateOptionProfile } from '../../../server/src/optionProfile';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RequestService } from '../../../server/src/request/requestService';
import { applyFix, completionLabels, diagnosticsOf, makeDocument, marked, token, withCursor } from './helpers';

// The seed 000 OPTION_PROFILES sample (the option profile area's fixture of it).
const sample = readFileSync(join(__dirname, '..', 'optionProfile', 'samples', 'seed000-import.xml'), 'utf8').trimEnd();
const importRequest = (body: string) =>
  `### import\nPOST {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=import\nX-Requested-With: vscode\nContent-Type: text/xml\n\n${body}\n`;
const broken = sample.replace('<GROUP_TYPE>compliance</GROUP_TYPE>', '<GROUP_TYPE>complaince</GROUP_TYPE>').replace('<![CDATA[', '<!CDATA[');

test('an import request with the seed OPTION_PROFILES body validates clean', () => {
  assert.deepEqual(marked(importRequest(sample)), []);
});

test('an OPTION_PROFILES body gets the option profile validator diagnostics, placed in the request file', () => {
  const text = importRequest(broken);
  const expected = validateOptionProfile(broken).map((p) => [p.code, broken.slice(p.start, p.end)]);
  assert.equal(expected.length, 2);
  assert.deepEqual(marked(text), expected);
  const document = makeDocument(text);
  const bodyLine = document.positionAt(text.indexOf('<?xml')).line;
  const found = diagnosticsOf(text);
  assert.equal(found[1]!.range.start.line, bodyLine + broken.slice(0, broken.indexOf('complaince')).split('\n').length - 1);
  assert.equal(found[1]!.source, 'qualys');
  assert.match(found[1]!.message, /'complaince' is not an allowed value of GROUP_TYPE/);
});

test('the validator replacement fixes work in the request file', () => {
  const fixed = applyFix(importRequest(broken), 'xml-malformed-cdata');
  assert.equal(fixed, importRequest(broken.replace('<!CDATA[', '<![CDATA[')));
});

test('an OPTION_PROFILES body in a second request keeps its place after an edit above it', () => {
  const first = '### export\nGET {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=export&output_format=xml\n';
  const service = new RequestService();
  const covered = (text: string, version: number) => {
    const document = TextDocument.create('file:///op.qualys', 'qualys-request', version, text);
    return service.diagnostics(document, token).map((d) => [String(d.code), document.getText(d.range)]);
  };
  const expected = [
    ['xml-malformed-cdata', '<!CDATA['],
    ['invalid-enumeration', 'complaince'],
  ];
  assert.deepEqual(covered(`${first}\n${importRequest(broken)}`, 1), expected);
  assert.deepEqual(covered(`${first}X-Requested-With: vscode\n# two lines more\n\n${importRequest(broken)}`, 2), expected);
});

test('an XML body of another action is not run through the option profile validator', () => {
  assert.deepEqual(marked('POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=export\nContent-Type: text/xml\n\n<OPTION_PROFILES><X/></OPTION_PROFILES>\n'), []);
});

test('an OPTION_PROFILES body gets the option profile completion, its edits placed in the request file', () => {
  const at = sample.indexOf('<GROUP_TYPE>');
  const text = importRequest(`${sample.slice(0, at)}<|${sample.slice(at)}`);
  const { document, offset } = withCursor(text);
  const list = new RequestService().completion(document, document.positionAt(offset), token);
  const items = list?.items ?? [];
  assert.ok(items.some((i) => i.label === 'GROUP_TYPE'), items.map((i) => i.label).join(', '));
  // The edit replaces the typed '<' where it is in the request file, not at the body's own line 0.
  const edit = items.find((i) => i.label === 'GROUP_TYPE')!.textEdit as { range: { start: { line: number; character: number } } };
  assert.deepEqual(edit.range.start, document.positionAt(offset - 1));
});

test('an OPTION_PROFILES body gets the option profile hover, with the range of the name in the request file', () => {
  const text = importRequest(sample.replace('<GROUP_TYPE>', '<GROUP_|TYPE>'));
  const { document, offset } = withCursor(text);
  const hover = new RequestService().hover(document, document.positionAt(offset), token);
  const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  assert.match(value, /GROUP_TYPE/);
  assert.equal(document.getText(hover!.range), 'GROUP_TYPE');
});

test('the body of another action gets no option profile completion', () => {
  const text = `POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=export\nContent-Type: text/xml\n\n<OPTION_PROFILES><|</OPTION_PROFILES>\n`;
  assert.ok(!completionLabels(text).includes('OPTION_PROFILE'));
});
