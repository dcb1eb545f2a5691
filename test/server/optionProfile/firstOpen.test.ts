/**
 * A document's first parse in the service validates each profile as the parser reads it and lets
 * its subtree go (xml/xmlLazy.ts): the diagnostics must equal a plain parse and validation, the
 * features that read a profile must find it whole, and walks over the whole document (outline,
 * folding) must not bring the dropped subtrees back.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bundledContentModel, createOptionProfileService, validateOptionProfile } from '../../../server/src/optionProfile';
import { documentSymbols, foldingRanges } from '../../../server/src/optionProfile/outline';
import { isDropped } from '../../../server/src/xml/xmlLazy';
import type { XmlElement } from '../../../server/src/xml/xmlNodes';
import { parseXml } from '../../../server/src/xml/xmlParser';
import { exportOf } from './editedDocuments';

const logger = { error: (m: string) => assert.fail(`the service logged an error: ${m}`), info: () => undefined };
let counter = 0;

function opened(text: string): TextDocument {
  return TextDocument.create(`file:///first${++counter}.xml`, 'xml', 1, text);
}

/** The root's children of the service's parse of `document` (through a feature that reads the cache). */
function profilesOf(service: ReturnType<typeof createOptionProfileService>, document: TextDocument): XmlElement[] {
  const cached = (service as unknown as { cache: { get(d: TextDocument): { xml: { root: XmlElement } } } }).cache.get(document);
  return cached.xml.root.children.filter((c): c is XmlElement => c.kind === 'element');
}

describe('the first parse of a document', () => {
  it('gives the problems of a plain parse and validation, and keeps no profile subtree', () => {
    const text = exportOf(30, true).replace('</BASIC_INFO>', '</BASIC_INF>');
    const service = createOptionProfileService(logger);
    const document = opened(text);
    assert.deepEqual(service.problems(document), validateOptionProfile(text));
    const profiles = profilesOf(service, document);
    assert.equal(profiles.length, 30);
    assert.ok(!isDropped(profiles[0]!), 'the profile with a mismatched end tag is kept whole');
    assert.ok(profiles.slice(1).every(isDropped), 'every clean profile was validated as it was read and let go');
  });

  it('answers a hover asked part way through the stepped parse, and the diagnostics do not change', () => {
    const text = exportOf(40, true);
    const service = createOptionProfileService(logger);
    const document = opened(text);
    const steps = service.diagnosticSteps(document);
    for (let i = 0; i < 10; i++) assert.equal(steps.next().done, false, 'the parse of 40 profiles takes more than 10 steps');
    const at = text.lastIndexOf('<OVERALL_PERFORMANCE>') + 3;
    const hover = service.hover(document, document.positionAt(at), CancellationToken.None);
    assert.match(JSON.stringify(hover), /OVERALL_PERFORMANCE/);
    let step = steps.next();
    while (!step.done) step = steps.next();
    const fresh = createOptionProfileService(logger).diagnostics(opened(text), CancellationToken.None);
    assert.deepEqual(step.value, fresh);
    assert.equal(step.value.length, validateOptionProfile(text).length);
  });

  it('gives the outline and folding of a plain parse without bringing the subtrees back', () => {
    // A comment and a CDATA section over several lines inside profiles: folded too. The outline
    // reads the nodes recorded for each dropped profile: labels from CDATA, from text around a
    // comment and a processing instruction, with references; a leaf's value; empty and
    // self-closing elements; an element's range when a comment sits in it.
    const base = exportOf(25, true).replace('<SCAN>', '<!-- a note\n  over two lines -->\n<SCAN>').replace('<![CDATA[', '<![CDATA[\n');
    const profiles = base.split('<OPTION_PROFILE>');
    profiles[3] = profiles[3]!.replace(/<GROUP_NAME>[^]*?<\/GROUP_NAME>/, '<GROUP_NAME>Web <!-- c -->&amp; mail<?x y?> hosts</GROUP_NAME>');
    profiles[5] = profiles[5]!.replace(/<GROUP_NAME>[^]*?<\/GROUP_NAME>/, '<GROUP_NAME/>').replace('<UNIT_ID>0</UNIT_ID>', '<UNIT_ID></UNIT_ID>');
    profiles[7] = profiles[7]!.replace(/<GROUP_NAME>[^]*?<\/GROUP_NAME>/, '<GROUP_NAME>  </GROUP_NAME><!-- no name -->');
    const text = profiles.join('<OPTION_PROFILE>');
    const service = createOptionProfileService(logger);
    const document = opened(text);
    service.diagnostics(document, CancellationToken.None);
    const plain = parseXml(text, { storeLeafText: false });
    const model = bundledContentModel();
    assert.deepEqual(service.documentSymbols(document, CancellationToken.None), documentSymbols(document, plain, model));
    const folding = service.foldingRanges(document, CancellationToken.None);
    assert.deepEqual(folding, foldingRanges(document, plain));
    assert.ok(folding.some((range) => range.kind === 'comment'));
    assert.ok(profilesOf(service, document).every(isDropped));
  });

  it('gives the outline of a plain parse after edits move the dropped profiles', () => {
    const service = createOptionProfileService(logger);
    const document = opened(exportOf(20, true));
    service.diagnostics(document, CancellationToken.None);
    const model = bundledContentModel();
    const edit = (at: string, length: number, insert: string): void => {
      const start = document.getText().indexOf(at);
      TextDocument.update(document, [{ range: { start: document.positionAt(start), end: document.positionAt(start + length) }, text: insert }], document.version + 1);
      service.diagnostics(document, CancellationToken.None);
      assert.deepEqual(service.documentSymbols(document, CancellationToken.None), documentSymbols(document, parseXml(document.getText(), { storeLeafText: false }), model));
    };
    edit('<OPTION_PROFILE>', 0, '<!-- moved\n -->\n');
    edit('<ID>108433</ID>', '<ID>108433</ID>'.length, '<ID>7</ID>\n<ID>8</ID>');
    edit('<ID>108440</ID>', 0, 'x'.repeat(100));
    assert.ok(profilesOf(service, document).filter(isDropped).length >= 15, 'the profiles the edits did not touch are still let go');
  });
});
