/**
 * No input crashes the service: the seeds' OCR-damaged export and hundreds of random corruptions of
 * the import sample go through every feature at many positions without an exception.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bundledContentModel } from '../../../server/src/optionProfile';
import { checkSimpleValue } from '../../../server/src/schema/simpleValue';
import { handModel, testCheckValue } from './handModel';
import { createService, testCompletion, useSchema } from './serviceHelpers';

before(() => useSchema({ model: bundledContentModel(), checkValue: checkSimpleValue }));
after(() => useSchema({ model: handModel, checkValue: testCheckValue }));

const seed = readFileSync(join(__dirname, 'samples', 'seed000-import.xml'), 'utf8');

/** The seed 001 export sample as the release notes print it (OCR damage kept), first lines. */
const ocr = `<?xm version="1.0" encodi ng="UTF-8" ?>
<! DOCTYPE OPTI ON_PROFI LES SYSTEM
"https://qual ysapi.qual ys. conif api/2.0/fo/subscription/option_profile/opti
on_profile_info.dtd">
<OPTION_PROFILES>
<OPTI ON_PROCFI LE>
<BASI C_I| NFO>
<| D>2788516</ | D>
<GROUP_NAME><! [ CDATA[ Apache_Di scovery_OP] ] ></ GROUP_NAVME>
<USER_| D><! [ CDATA[ Patri ck Slinmer (qualys_ps)]]></USER_|I D>
<PERFORNMANCE>
<PARALLEL_SCALI NG>0</ PARALLEL_SCALI NG
<OVERALL_PERFORVANCE>Nor nmal </ OVERALL_PERFORVANCE>
<SYSTEM_AUTH_RECORD>
<ALLOW AUTH_CREATI ON\\>
<AUTHENTI CATI ON_TYPE>Apache Wb Server </ AUTHENTI CATI ON_TYPE>
</ ALLOW AUTH_CREATI ON\\>
</ SYSTEM_AUTH_RECORD>
<FI LE_I NTEGRI TY_MONI TORI NG
</ OPTI ON_PROFI LES>`;

function exercise(text: string, positions: number): number {
  const service = createService();
  const document = TextDocument.create(`file:///r${Math.random()}.xml`, 'xml', 1, text);
  const token = CancellationToken.None;
  const diagnostics = service.diagnostics(document, token);
  service.codeActions(document, { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, { diagnostics }, token);
  service.documentSymbols(document, token);
  service.foldingRanges(document, token);
  const step = Math.max(1, Math.floor(text.length / positions));
  for (let offset = 0; offset <= text.length; offset += step) {
    const position = document.positionAt(offset);
    service.completion(document, position, token);
    service.hover(document, position, token);
  }
  return diagnostics.length;
}

test("the seed's OCR-damaged export gets diagnostics and every feature works on it", () => {
  const count = exercise(ocr, 400);
  assert.ok(count >= 10, `${count} diagnostics`);
});

test('hundreds of random corruptions of the import sample crash nothing', () => {
  let seedState = 42;
  const random = (n: number): number => {
    seedState = (seedState * 1103515245 + 12345) & 0x7fffffff;
    return seedState % n;
  };
  const alphabet = ['<', '>', '/', '&', ';', '"', "'", '!', '[', ']', '-', '?', '\\', ' ', '\n', 'A', '#', 'x'];
  for (let i = 0; i < 150; i++) {
    let text = seed;
    for (let edits = 1 + random(4); edits > 0; edits--) {
      const at = random(text.length);
      const kind = random(3);
      if (kind === 0) text = text.slice(0, at) + text.slice(at + 1 + random(20));
      else if (kind === 1) text = text.slice(0, at) + alphabet[random(alphabet.length)]! + text.slice(at);
      else {
        const from = random(text.length);
        text = text.slice(0, at) + text.slice(from, from + random(60)) + text.slice(at);
      }
    }
    exercise(text, 25);
  }
});

test('completion skips tags inside comments and CDATA when it scans back', () => {
  const text = seed.replace('<PERFORMANCE>', '<!-- <PORTS> </SCAN> --><![CDATA[</SCAN>]]><|<PERFORMANCE>');
  testCompletion(text.replace('<![CDATA[</SCAN>]]>', ''), (labels) => assert.equal(labels[0], 'SCAN_DEAD_HOSTS'));
});
