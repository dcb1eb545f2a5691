/**
 * The incremental reparse (xml/xmlIncremental.ts) against a full parse of the same text: after every
 * one of many random edits the trees, problems and resume points must be identical, and an edit
 * inside one child of the root must leave the other children's nodes in place.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { changedRange, reparseXml } from '../../../server/src/xml/xmlIncremental';
import type { XmlDocument, XmlElement } from '../../../server/src/xml/xmlNodes';
import { parseXml } from '../../../server/src/xml/xmlParser';
import { apply, exportOf, random, randomEdit } from '../optionProfile/editedDocuments';
import { plainElement } from './plainElement';

const OPTIONS = { storeLeafText: false };

/** The whole parse as JSON, parent links left out (they would make it circular). */
function canonical(document: XmlDocument): string {
  return JSON.stringify(document, (key, value: unknown) =>
    key === 'parent' ? undefined : value instanceof Set ? [...(value as Set<string>)] : isElement(value) ? plainElement(value) : value,
  );
}

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'element';
}

function assertSameAsFullParse(document: XmlDocument, text: string, context: string): void {
  const full = parseXml(text, OPTIONS);
  const ours = canonical(document);
  const theirs = canonical(full);
  if (ours === theirs) return;
  let at = 0;
  while (ours[at] === theirs[at]) at++;
  assert.fail(`${context}: the reparse differs from a full parse\nreparse: …${ours.slice(at - 150, at + 150)}\nfull:    …${theirs.slice(at - 150, at + 150)}`);
}

describe('incremental reparse', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`equals a full parse after each of 400 random edits (seed ${seed})`, () => {
      const next = random(seed);
      let text = exportOf(10, seed % 2 === 0);
      let document = parseXml(text, OPTIONS);
      for (let step = 0; step < 400; step++) {
        const edit = randomEdit(text, next);
        text = apply(text, edit);
        // Keep the document in a useful size; sometimes start again from a clean export.
        if (text.length > 120_000 || text.length < 200 || next() < 0.02) text = exportOf(10, seed % 2 === 0);
        document = reparseXml(document, text, OPTIONS);
        assertSameAsFullParse(document, text, `seed ${seed}, step ${step} (${JSON.stringify(edit).slice(0, 120)})`);
      }
    });
  }

  it('reparses only the edited child of the root and moves the ones after it', () => {
    const text = exportOf(10);
    const before = parseXml(text, OPTIONS);
    const children = [...before.root!.children] as XmlElement[];
    const starts = children.map((c) => c.start);
    const at = text.indexOf('<OVERALL_PERFORMANCE>High', children[4]!.start) + '<OVERALL_PERFORMANCE>'.length;
    const edited = text.slice(0, at) + 'Higher' + text.slice(at + 'High'.length);
    const after = reparseXml(before, edited, OPTIONS);
    assertSameAsFullParse(after, edited, 'one value edited');
    const now = after.root!.children;
    for (let i = 0; i < 10; i++) {
      if (i === 4) assert.notEqual(now[i], children[i], 'the edited profile is parsed again');
      else assert.equal(now[i], children[i], `profile ${i + 1} is the same node`);
    }
    assert.equal(now[3]!.start, starts[3]);
    assert.equal(now[5]!.start, starts[5]! + 2, 'profiles after the edit move by its length');
  });

  it('merges and splits profiles when an edit removes or adds a boundary', () => {
    const text = exportOf(6);
    const boundary = text.indexOf('</OPTION_PROFILE>', text.indexOf('<ID>108432</ID>'));
    const merged = text.slice(0, boundary) + text.slice(boundary + '</OPTION_PROFILE>'.length);
    const first = reparseXml(parseXml(text, OPTIONS), merged, OPTIONS);
    assertSameAsFullParse(first, merged, 'end tag removed');
    assert.equal(first.root!.children.length, 3, 'the following profiles nest in the unclosed one');
    const split = reparseXml(first, text, OPTIONS);
    assertSameAsFullParse(split, text, 'end tag typed back');
    assert.equal(split.root!.children.length, 6);
  });

  it('parses in full when an unterminated CDATA section before the edit could now end in it', () => {
    let text = exportOf(6).replace('<![CDATA[Joe User (joe_user)]]>', '<![CDATA[Joe User (joe_user)');
    const document = parseXml(text, OPTIONS);
    const at = text.indexOf('<ID>108434</ID>');
    text = `${text.slice(0, at)}]]>${text.slice(at)}`;
    assertSameAsFullParse(reparseXml(document, text, OPTIONS), text, 'CDATA closed later');
  });

  it('handles a DOCTYPE with entity declarations, edits before the first profile and after the root', () => {
    let text = exportOf(4).replace(/<!DOCTYPE[^>]*>/, '<!DOCTYPE OPTION_PROFILES [<!ENTITY team "Ops">]>');
    let document = parseXml(text, OPTIONS);
    for (const [find, insert] of [
      ['<UNIT_ID>0', '&team;'],
      ['<OPTION_PROFILES>', ' '],
      ['</OPTION_PROFILES>\n', '<!-- after -->'],
      ['</OPTION_PROFILES>', 'text'],
    ] as const) {
      const at = text.lastIndexOf(find) + find.length;
      text = text.slice(0, at) + insert + text.slice(at);
      document = reparseXml(document, text, OPTIONS);
      assertSameAsFullParse(document, text, `inserted ${insert}`);
    }
  });

  it('keeps the problem cap as a full parse does, across edits that cross it', () => {
    // 40 bare '&' per profile: 1,200 problems, over MAX_PROBLEMS (1,000) until the edits remove some.
    let text = exportOf(30).replace(/<UNIT_ID>0<\/UNIT_ID>/g, `<UNIT_ID>0${' & '.repeat(40)}</UNIT_ID>`);
    let document = parseXml(text, OPTIONS);
    assert.ok(document.omittedProblems > 0);
    const next = random(11);
    for (let step = 0; step < 60; step++) {
      const profiles = [...text.matchAll(/<UNIT_ID>/g)].map((m) => m.index!);
      const at = profiles[Math.floor(next() * profiles.length)]!;
      // Remove a profile's '&'s, or add some back.
      const end = text.indexOf('</UNIT_ID>', at);
      const value = `0${next() < 0.6 ? '' : ' & '.repeat(Math.floor(next() * 40))}`;
      text = `${text.slice(0, at + '<UNIT_ID>'.length)}${value}${text.slice(end)}`;
      document = reparseXml(document, text, OPTIONS);
      assertSameAsFullParse(document, text, `step ${step}`);
    }
  });

  it('finds the changed range', () => {
    assert.deepEqual(changedRange('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(changedRange('aaaa', 'aaaaa'), { start: 4, oldEnd: 4, newEnd: 5 });
    assert.deepEqual(changedRange('abc', ''), { start: 0, oldEnd: 3, newEnd: 0 });
    const long = 'x'.repeat(200_000);
    assert.deepEqual(changedRange(long, `${long.slice(0, 150_001)}y${long.slice(150_001)}`), { start: 150_001, oldEnd: 150_001, newEnd: 150_002 });
    assert.deepEqual(changedRange(`${long}ab`, `${long}b`), { start: 200_000, oldEnd: 200_001, newEnd: 200_000 });
  });
});
