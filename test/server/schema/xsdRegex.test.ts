// XSD regular expressions translated to JavaScript: anchoring and the XSD-only escapes.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { xsdRegex, XsdRegexError } from '../../../server/src/schema/xsdRegex';

const m = (pattern: string, value: string): boolean => xsdRegex(pattern).test(value);

test('patterns are anchored at both ends; ^ and $ are literal characters', () => {
  assert.equal(m('ab', 'xab'), false);
  assert.equal(m('a|b', 'a'), true);
  assert.equal(m('a|b', 'ab'), false);
  assert.equal(m('\\$\\d+', '$5'), true);
  assert.equal(m('^a$', '^a$'), true);
  assert.equal(m('^a$', 'a'), false);
});

test('multi-character escapes follow XSD, not JavaScript', () => {
  assert.equal(m('\\d+', '١٢'), true); // Arabic-Indic digits are \p{Nd}
  assert.equal(m('\\s', '\u00a0'), false); // XSD \s is space, tab, CR, LF only
  assert.equal(m('\\i\\c*', 'xs:element'), true);
  assert.equal(m('\\i\\c*', '1abc'), false);
  assert.equal(m('\\w+', 'héllo'), true);
  assert.equal(m('\\w', '!'), false);
  assert.equal(m('.', '\n'), false);
  assert.equal(m('.', '\u2028'), true); // JavaScript's . would refuse this
  assert.equal(m('\\p{Lu}+', 'ABC'), true);
});

test('character classes: ranges, negation, escapes inside, subtraction, negated escapes inside', () => {
  assert.equal(m('[a-z-[aeiou]]+', 'xyz'), true);
  assert.equal(m('[a-z-[aeiou]]+', 'xaz'), false);
  assert.equal(m('[^0-9]', 'a'), true);
  assert.equal(m('[^0-9]', '5'), false);
  assert.equal(m('[\\w.\\-]+', 'a.b-c'), true);
  assert.equal(m('[\\w.\\-]+', 'a b'), false);
  assert.equal(m('[^\\w]', ' '), true);
  assert.equal(m('[^\\w]', 'a'), false);
  assert.equal(m('[+\\-]?\\d{1,3}', '-12'), true);
  assert.equal(m('[a-]', '-'), true);
});

test('untranslatable patterns are errors, not silent mismatches', () => {
  assert.throws(() => xsdRegex('\\p{IsBasicLatin}'), XsdRegexError);
  assert.throws(() => xsdRegex('(a'), XsdRegexError);
  assert.throws(() => xsdRegex('[a'), XsdRegexError);
  assert.throws(() => xsdRegex('\\q'), XsdRegexError);
});
