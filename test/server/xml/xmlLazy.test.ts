/**
 * Subtrees let go after the first parse (xml/xmlLazy.ts): read back, they must be the subtrees a
 * plain parse builds, before and after incremental reparses have moved their elements, whether
 * they were read (and kept) in between or only looked at (peekChildren, not kept).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { reparseXml } from '../../../server/src/xml/xmlIncremental';
import { dropSubtree, isDropped, nodesOf, peekChildren, type TextSource } from '../../../server/src/xml/xmlLazy';
import type { XmlDocument, XmlElement, XmlNode } from '../../../server/src/xml/xmlNodes';
import { parseXml } from '../../../server/src/xml/xmlParser';
import { apply, exportOf, random, randomEdit } from '../optionProfile/editedDocuments';
import { plainElement } from './plainElement';

const OPTIONS = { storeLeafText: false };

/** A first parse that lets every settled child's subtree go, as the option profile service does. */
function parseDropping(text: string): { document: XmlDocument; source: TextSource; settled: XmlElement[] } {
  const source = { text };
  const settled: XmlElement[] = [];
  const document = parseXml(text, {
    ...OPTIONS,
    settled: (child, record) => {
      settled.push(child);
      dropSubtree(child, source, OPTIONS, record);
    },
  });
  return { document, source, settled };
}

/** The tree as JSON without parent links, dropped subtrees looked at and not kept. */
function canonical(nodes: readonly XmlNode[]): unknown[] {
  return nodes.map((node) => {
    if (node.kind !== 'element') return { ...node };
    return plainElement(node, (element) => canonical(peekChildren(element)) as XmlNode[]);
  });
}

/** Every element's parent is the element whose children hold it. */
function assertParents(nodes: readonly XmlNode[], parent: XmlElement | undefined): void {
  for (const node of nodes) {
    if (node.kind !== 'element') continue;
    assert.equal(node.parent, parent, `<${node.name}> at ${node.start}: parent link`);
    assertParents(peekChildren(node), node);
  }
}

function assertSameAsPlainParse(document: XmlDocument, text: string, context: string): void {
  const plain = parseXml(text, OPTIONS);
  assert.deepEqual(canonical(document.children), canonical(plain.children), context);
  assert.deepEqual(document.problems, plain.problems, context);
  assertParents(document.children, undefined);
}

describe('subtrees let go after the first parse', () => {
  it('hands over every clean child of the root, and none with a well-formedness problem in it', () => {
    const text = exportOf(6).replace('</BASIC_INFO>', '</BASIC_INF>');
    const { document, settled } = parseDropping(text);
    const children = document.root!.children.filter((c): c is XmlElement => c.kind === 'element');
    assert.equal(children.length, 6);
    assert.deepEqual(settled, children.slice(1), 'the first profile has a mismatched end tag: kept whole');
    assert.ok(!isDropped(children[0]!));
    assertSameAsPlainParse(document, text, 'first parse');
  });

  it('parses a dropped subtree again when read, and keeps it from then on', () => {
    const text = exportOf(3);
    const { document } = parseDropping(text);
    const child = document.root!.children[1] as XmlElement;
    assert.ok(isDropped(child));
    const looked = peekChildren(child);
    assert.ok(isDropped(child), 'looking does not keep');
    const read = child.children;
    assert.ok(!isDropped(child));
    assert.equal(child.children, read, 'read once, then kept');
    assert.notEqual(read, looked);
    assert.deepEqual(canonical(read), canonical(looked));
    for (const node of read) if (node.kind === 'element') assert.equal(node.parent, child);
  });

  it('gets from the parser the record a walk over the subtree makes, for every settled child', () => {
    const check = (text: string, context: string): number => {
      let records = 0;
      parseXml(text, {
        ...OPTIONS,
        settled: (child, record) => {
          assert.ok(record, `${context}: a record for <${child.name}> at ${child.start}`);
          assert.deepEqual(record, nodesOf(child), `${context}: <${child.name}> at ${child.start}`);
          records++;
        },
      });
      return records;
    };
    const mixed =
      '<?xml version="1.0"?>\n<!-- top --><ROOT>\n<!-- inside the root -->\n<A id="1"><B/><C>text<!-- c --><D><![CDATA[x<y]]></D><?pi data?></C>\n<E attr="v" /><F>t</F></A>\n' +
      '<A><B>one</B><B>two<G/></B></A>\n<?root-pi?>\n<A/>\n<A>only text</A>\n</ROOT>';
    assert.equal(check(mixed, 'mixed'), 4);
    assert.ok(check(exportOf(20, true), 'export') > 10);
    for (const seed of [3, 4]) {
      const next = random(seed);
      let text = exportOf(10, seed % 2 === 0);
      for (let step = 0; step < 200; step++) {
        text = apply(text, randomEdit(text, next));
        if (text.length > 120_000 || text.length < 200) text = exportOf(10, seed % 2 === 0);
        check(text, `seed ${seed}, step ${step}`);
      }
    }
  });

  for (const seed of [1, 2]) {
    it(`reads back what a plain parse builds after each of 300 random edits (seed ${seed})`, () => {
      const next = random(seed);
      let text = exportOf(10, seed % 2 === 0);
      let { document, source } = parseDropping(text);
      for (let step = 0; step < 300; step++) {
        text = apply(text, randomEdit(text, next));
        if (text.length > 120_000 || text.length < 200 || next() < 0.02) {
          text = exportOf(10, seed % 2 === 0);
          ({ document, source } = parseDropping(text));
        } else {
          document = reparseXml(document, text, OPTIONS);
          source.text = text;
        }
        // Sometimes a feature reads one profile's subtree (and keeps it) between edits.
        const children = document.root?.children ?? [];
        const some = children[Math.floor(next() * children.length)];
        if (some?.kind === 'element' && next() < 0.3) void some.children;
        assertSameAsPlainParse(document, text, `seed ${seed}, step ${step}`);
      }
    });
  }
});
