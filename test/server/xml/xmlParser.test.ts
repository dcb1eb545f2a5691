import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseXml } from '../../../server/src/xml/xmlParser';
import { elementAt, textValue, XmlProblemKind, type XmlElement } from '../../../server/src/xml/xmlNodes';

/** Parses `text` and returns its problems as "kind@covered-text" strings, in order. */
function problemsOf(text: string): string[] {
  return parseXml(text).problems.map((p) => `${p.kind}@${text.slice(p.start, p.end)}`);
}

test('a well-formed document has no problems and keeps offsets of every part', () => {
  const text = '<?xml version="1.0"?>\n<A x="1"><B>t&amp;u</B><![CDATA[c]]><!-- n --><C/></A>';
  const doc = parseXml(text);
  assert.deepEqual(doc.problems, []);
  const a = doc.root!;
  assert.equal(text.slice(a.nameStart, a.nameEnd), 'A');
  assert.equal(a.attributes[0]!.value, '1');
  const b = a.children[0] as XmlElement;
  assert.equal(text.slice(b.start, b.end), '<B>t&amp;u</B>');
  assert.equal(textValue(text, b), 't&u');
  assert.equal(text.slice(b.endTagNameStart, b.endTagNameEnd), 'B');
  assert.deepEqual(
    a.children.map((c) => c.kind),
    ['element', 'cdata', 'comment', 'element'],
  );
  assert.equal((a.children[3] as XmlElement).selfClosing, true);
  assert.equal(textValue(text, a), 'c');
});

test('unclosed and mismatched tags are reported and the tree recovers', () => {
  assert.deepEqual(problemsOf('<A><B><C></C></A>'), [`${XmlProblemKind.UnclosedElement}@B`]);
  assert.deepEqual(problemsOf('<A><HOSTS></HOST></A>'), [`${XmlProblemKind.MismatchedEndTag}@HOST`]);
  assert.deepEqual(problemsOf('<A></Z></A>'), [`${XmlProblemKind.UnexpectedEndTag}@Z`]);
  assert.deepEqual(problemsOf('<A><B>'), [`${XmlProblemKind.UnclosedElement}@B`, `${XmlProblemKind.UnclosedElement}@A`]);
  const doc = parseXml('<A><B><C></C></A><!-- end -->');
  assert.equal(doc.root!.end, '<A><B><C></C></A>'.length);
});

test("the seed's malformed CDATA is reported with its range and its text is still read", () => {
  const text = '<A><U><!CDATA[Joe User (joe_user)]]></U></A>';
  const doc = parseXml(text);
  assert.deepEqual(problemsOf(text), [`${XmlProblemKind.MalformedCData}@<!CDATA[`]);
  assert.equal(doc.problems[0]!.data?.replacement, '<![CDATA[');
  assert.equal(textValue(text, doc.root!.children[0] as XmlElement), 'Joe User (joe_user)');
  assert.deepEqual(problemsOf('<A><! [ CDATA[ x]]></A>'), [`${XmlProblemKind.MalformedCData}@<! [ CDATA[`]);
  assert.deepEqual(problemsOf('<A><![CDATA[x</A>'), [`${XmlProblemKind.UnterminatedCData}@<![CDATA[`]);
});

test("the seed's OCR-broken <NAME\\> opens the element and is reported", () => {
  const text = '<A><ALLOW_AUTH_CREATION\\><B/></ALLOW_AUTH_CREATION\\></A>';
  const doc = parseXml(text);
  assert.deepEqual(problemsOf(text), [`${XmlProblemKind.BrokenSelfClose}@\\>`, `${XmlProblemKind.BrokenSelfClose}@\\>`]);
  const allow = doc.root!.children[0] as XmlElement;
  assert.equal(allow.name, 'ALLOW_AUTH_CREATION');
  assert.equal(allow.children.length, 1);
  assert.notEqual(allow.endTagStart, undefined);
});

test('comments, declarations and DOCTYPE mistakes are reported', () => {
  assert.deepEqual(problemsOf('<A><!-- a -- b --></A>'), [`${XmlProblemKind.MalformedComment}@--`]);
  assert.deepEqual(problemsOf('<A><!- x -></A>'), [`${XmlProblemKind.MalformedComment}@<!- `]);
  assert.deepEqual(problemsOf('<A><!-- x </A>'), [`${XmlProblemKind.UnterminatedComment}@<!--`, `${XmlProblemKind.UnclosedElement}@A`]);
  assert.deepEqual(problemsOf('<A/>\n<?xml version="1.0"?>'), [`${XmlProblemKind.MisplacedDeclaration}@<?xml`]);
  assert.deepEqual(problemsOf('<?xml encoding="x"?><A/>'), [`${XmlProblemKind.MalformedDeclaration}@<?xml encoding="x"?>`]);
  assert.deepEqual(problemsOf('<A><!ELEMENT A ANY></A>'), [`${XmlProblemKind.MalformedDeclaration}@<!ELEMENT`]);
  assert.deepEqual(problemsOf('<A/><!DOCTYPE A>'), [`${XmlProblemKind.MisplacedDoctype}@<!DOCTYPE`]);
});

test('a remote DOCTYPE is skipped; internal entities are reported, never expanded', () => {
  const remote = '<!DOCTYPE OPTION_PROFILES SYSTEM "https://qualysapi.qualys.com/x.dtd">\n<OPTION_PROFILES/>';
  const doc = parseXml(remote);
  assert.deepEqual(doc.problems, []);
  assert.equal(doc.doctype?.rootName, 'OPTION_PROFILES');
  const bomb = '<!DOCTYPE A [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;">]><A>&b;</A>';
  const kinds = problemsOf(bomb);
  assert.deepEqual(kinds, [
    `${XmlProblemKind.InternalEntityNotExpanded}@<!ENTITY a`,
    `${XmlProblemKind.InternalEntityNotExpanded}@<!ENTITY b`,
    `${XmlProblemKind.InternalEntityNotExpanded}@&b;`,
  ]);
  assert.equal(textValue(bomb, parseXml(bomb).root!), '&b;');
});

test('bad entity and character references are reported', () => {
  assert.deepEqual(problemsOf('<A>&nbsp;</A>'), [`${XmlProblemKind.UnknownEntity}@&nbsp;`]);
  assert.deepEqual(problemsOf('<A>a & b</A>'), [`${XmlProblemKind.MalformedReference}@&`]);
  assert.deepEqual(problemsOf('<A>&#0;</A>'), [`${XmlProblemKind.InvalidCharReference}@&#0;`]);
  assert.deepEqual(problemsOf('<A>&#x41;&#65;&lt;</A>'), []);
  assert.equal(textValue('<A>&#x41;&#65;&lt;</A>', parseXml('<A>&#x41;&#65;&lt;</A>').root!), 'AA<');
});

test('text and elements outside the root are reported', () => {
  assert.deepEqual(problemsOf('<A/> trailing'), [`${XmlProblemKind.TextOutsideRoot}@trailing`]);
  assert.deepEqual(problemsOf('<A/><B/>'), [`${XmlProblemKind.MultipleRoots}@B`]);
  assert.deepEqual(problemsOf('   '), [`${XmlProblemKind.NoRoot}@ `]);
});

test('attributes and start tags: missing values, quotes, duplicates, unterminated tags', () => {
  assert.deepEqual(problemsOf('<A b></A>'), [`${XmlProblemKind.MalformedAttribute}@b`]);
  assert.deepEqual(problemsOf('<A b=1></A>'), [`${XmlProblemKind.MalformedAttribute}@b=`]);
  assert.deepEqual(problemsOf('<A b="1" b="2"></A>'), [`${XmlProblemKind.DuplicateAttribute}@b`]);
  // The seed's "<FILE_INTEGRITY_MONITORING" without '>': the element still holds its children.
  const text = '<A><F\n<B>0</B>\n</F></A>';
  assert.deepEqual(problemsOf(text), [`${XmlProblemKind.UnterminatedStartTag}@F`]);
  const f = parseXml(text).root!.children[0] as XmlElement;
  assert.equal(f.children.filter((c) => c.kind === 'element').length, 1);
  assert.deepEqual(problemsOf('<A>1 < 2</A>'), [`${XmlProblemKind.UnescapedLessThan}@<`]);
  assert.deepEqual(problemsOf('<A></ A></A>').slice(0, 1), [`${XmlProblemKind.InvalidName}@</ `]);
});

test('elementAt finds the innermost element at an offset', () => {
  const text = '<A><B>x</B><C></C></A>';
  const doc = parseXml(text);
  assert.equal(elementAt(doc, text.indexOf('x'))?.name, 'B');
  assert.equal(elementAt(doc, text.indexOf('<C>') + 1)?.name, 'C');
  assert.equal(elementAt(doc, 1)?.name, 'A');
});

test('a very deep document is read to 256 levels, and reported once where it goes deeper', () => {
  const deep = '<A>'.repeat(50_000) + 'text<B/><!-- </A> --><![CDATA[</A>]]>' + '</A>'.repeat(50_000) + '<A/>';
  const doc = parseXml(deep);
  assert.deepEqual(
    doc.problems.map((p) => [p.kind, p.start, p.message]),
    [[XmlProblemKind.TooDeep, 256 * 3 + 1, 'Elements are nested more than 256 levels deep here: <A> and everything in it is not read'], [XmlProblemKind.MultipleRoots, deep.length - 3, 'Only one root element is allowed; <A> is a second one']],
  );
  let depth = 0;
  for (let e = doc.root; e; e = e.children[0] as XmlElement | undefined) depth++;
  assert.equal(depth, 256);
  assert.equal(doc.root!.end, deep.length - 4);
});

test('leaf text is a child node by default, and read from the source range when not stored', () => {
  const text = '<A><B> x &amp; y </B><C><![CDATA[c]]></C></A>';
  const stored = parseXml(text).root!.children[0] as XmlElement;
  assert.deepEqual(stored.children.map((c) => c.kind), ['text']);
  const compact = parseXml(text, { storeLeafText: false }).root!;
  const b = compact.children[0] as XmlElement;
  assert.deepEqual(b.children, []);
  assert.equal(textValue(text, b), ' x & y ');
  assert.equal(textValue(text, compact.children[1] as XmlElement), 'c');
  // Text followed by markup in the same element is kept as a node either way.
  const mixed = parseXml('<A>t<B/></A>', { storeLeafText: false }).root!;
  assert.deepEqual(mixed.children.map((c) => c.kind), ['text', 'element']);
});
