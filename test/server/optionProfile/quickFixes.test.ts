import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CancellationToken } from 'vscode-languageserver';
import { OptionProfileCode as C } from '../../../server/src/optionProfile/problems';
import { createService, documentOf, testQuickFix } from './serviceHelpers';

const wrap = (scan: string) => `<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO><ID>1</ID><GROUP_NAME>g</GROUP_NAME></BASIC_INFO><SCAN>${scan}</SCAN><ADDITIONAL/></OPTION_PROFILE></OPTION_PROFILES>`;
const perf = (value: string) => wrap(`<PERFORMANCE><OVERALL_PERFORMANCE>${value}</OVERALL_PERFORMANCE><TOTAL_PROCESSES>1</TOTAL_PROCESSES></PERFORMANCE>`);

test('closest valid enumeration value: edit distance, case, whitespace', () => {
  testQuickFix(perf('Hgh'), C.InvalidEnumeration, "Change to 'High'", perf('High'));
  testQuickFix(perf('normal'), C.InvalidEnumeration, "Change to 'Normal'", perf('Normal'));
  const auth = (v: string) =>
    wrap(`<SYSTEM_AUTH_RECORD><ALLOW_AUTH_CREATION><AUTHENTICATION_TYPE_LIST><AUTHENTICATION_TYPE>${v}</AUTHENTICATION_TYPE></AUTHENTICATION_TYPE_LIST></ALLOW_AUTH_CREATION></SYSTEM_AUTH_RECORD>`);
  testQuickFix(auth('Apache Wb Server'), C.InvalidEnumeration, "Change to 'Apache Web Server'", auth('Apache Web Server'));
  // The closest value is the preferred fix; the others are offered too.
  const { document } = documentOf(perf('Hgh'));
  const service = createService();
  const diagnostic = service.diagnostics(document, CancellationToken.None)[0]!;
  const actions = service.codeActions(document, diagnostic.range, { diagnostics: [diagnostic] }, CancellationToken.None);
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred]),
    [
      ["Change to 'High'", true],
      ["Change to 'Low'", false],
      ["Change to 'Normal'", false],
    ],
  );
});

test('set a fixed value', () => {
  const fixed = (v: string) => wrap(`<SYSTEM_AUTH_RECORD><INCLUDE_SYSTEM_AUTH><ON_DUPLICATE_USE_USER_AUTH>${v}</ON_DUPLICATE_USE_USER_AUTH></INCLUDE_SYSTEM_AUTH></SYSTEM_AUTH_RECORD>`);
  testQuickFix(fixed('0'), C.FixedValue, "Change to '1'", fixed('1'));
});

test('insert a missing required element with its required children', () => {
  const before = `<OPTION_PROFILES>
    <OPTION_PROFILE>
        <BASIC_INFO>
            <ID>1</ID>
        </BASIC_INFO>
        <SCAN/>
    </OPTION_PROFILE>
</OPTION_PROFILES>`;
  testQuickFix(before, C.MissingRequiredElement, 'Insert <GROUP_NAME>', before.replace('<ID>1</ID>', '<ID>1</ID>\n            <GROUP_NAME></GROUP_NAME>'));
  testQuickFix(before, C.MissingRequiredElement, 'Insert <ADDITIONAL>', before.replace('<SCAN/>', '<SCAN/>\n        <ADDITIONAL></ADDITIONAL>'));
  const empty = '<OPTION_PROFILES>\n    <OPTION_PROFILE>\n    </OPTION_PROFILE>\n</OPTION_PROFILES>';
  testQuickFix(
    empty,
    C.MissingRequiredElement,
    'Insert <BASIC_INFO>',
    '<OPTION_PROFILES>\n    <OPTION_PROFILE>\n        <BASIC_INFO>\n            <ID></ID>\n            <GROUP_NAME></GROUP_NAME>\n        </BASIC_INFO>\n    </OPTION_PROFILE>\n</OPTION_PROFILES>',
  );
  // Missing before a later child: inserted on the line before it.
  const middle = '<OPTION_PROFILES>\n<OPTION_PROFILE>\n  <BASIC_INFO>\n    <GROUP_NAME>g</GROUP_NAME>\n  </BASIC_INFO>\n';
  testQuickFix(middle, C.MissingRequiredElement, 'Insert <ID>', middle.replace('    <GROUP_NAME>', '    <ID></ID>\n    <GROUP_NAME>'));
});

test('move an element to its schema position', () => {
  const text = `<OPTION_PROFILES><OPTION_PROFILE>
  <BASIC_INFO><ID>1</ID><GROUP_NAME>g</GROUP_NAME></BASIC_INFO>
  <SCAN>
    <CONTROL_TYPES/>
    <PERFORMANCE><OVERALL_PERFORMANCE>Low</OVERALL_PERFORMANCE><TOTAL_PROCESSES>1</TOTAL_PROCESSES></PERFORMANCE>
  </SCAN>
  <ADDITIONAL/>
</OPTION_PROFILE></OPTION_PROFILES>`;
  const moved = text.replace('    <CONTROL_TYPES/>\n', '').replace('</PERFORMANCE>\n', '</PERFORMANCE>\n    <CONTROL_TYPES/>\n');
  // The diagnostic is on PERFORMANCE (it must come before CONTROL_TYPES): it moves up.
  const expected = text.replace('    <CONTROL_TYPES/>\n    <PERFORMANCE>', '    <PERFORMANCE>').replace('</PERFORMANCE>\n', '</PERFORMANCE>\n    <CONTROL_TYPES/>\n');
  assert.equal(expected, moved);
  testQuickFix(text, C.WrongOrder, 'Move <PERFORMANCE> to its schema position', moved);
});

test('remove an unknown element, or rename it to the closest name', () => {
  const text = '<OPTION_PROFILES>\n  <OPTION_PROFILES_X/>\n  <OPTION_PROFIL></OPTION_PROFIL>\n</OPTION_PROFILES>';
  testQuickFix(text, C.UnknownElement, 'Remove <OPTION_PROFILES_X>', '<OPTION_PROFILES>\n  <OPTION_PROFIL></OPTION_PROFIL>\n</OPTION_PROFILES>');
  const typo = '<OPTION_PROFILES>\n  <OPTION_PROFIL></OPTION_PROFIL>\n</OPTION_PROFILES>';
  testQuickFix(typo, C.UnknownElement, 'Rename to <OPTION_PROFILE>', '<OPTION_PROFILES>\n  <OPTION_PROFILE></OPTION_PROFILE>\n</OPTION_PROFILES>');
});

test('remove the second alternative of a choice, or a repeated element', () => {
  const both = wrap('<SYSTEM_AUTH_RECORD><ALLOW_AUTH_CREATION><AUTHENTICATION_TYPE_LIST><AUTHENTICATION_TYPE>Oracle</AUTHENTICATION_TYPE></AUTHENTICATION_TYPE_LIST></ALLOW_AUTH_CREATION><INCLUDE_SYSTEM_AUTH><ON_DUPLICATE_USE_USER_AUTH>1</ON_DUPLICATE_USE_USER_AUTH></INCLUDE_SYSTEM_AUTH></SYSTEM_AUTH_RECORD>');
  testQuickFix(both, C.ChoiceViolation, 'Remove <INCLUDE_SYSTEM_AUTH>', both.replace(/<INCLUDE_SYSTEM_AUTH>.*<\/INCLUDE_SYSTEM_AUTH>/, ''));
  testQuickFix(wrap('<CONTROL_TYPES/><CONTROL_TYPES/>'), C.TooManyOccurrences, 'Remove <CONTROL_TYPES>', wrap('<CONTROL_TYPES/>'));
});

test("the seed's XML mistakes are repaired: <!CDATA[ and \\>", () => {
  const cdata = '<OPTION_PROFILES><!CDATA[x]]></OPTION_PROFILES>';
  testQuickFix(cdata, C.MalformedCData, "Replace with '<![CDATA['", '<OPTION_PROFILES><![CDATA[x]]></OPTION_PROFILES>');
  const slash = '<OPTION_PROFILES><OPTION_PROFILE\\></OPTION_PROFILE></OPTION_PROFILES>';
  testQuickFix(slash, C.BrokenSelfClose, "Replace with '>'", '<OPTION_PROFILES><OPTION_PROFILE></OPTION_PROFILE></OPTION_PROFILES>');
  testQuickFix('<OPTION_PROFILES><OPTION_PROFILE></OPTION_PROFILES>', C.UnclosedElement, "Insert '</OPTION_PROFILE>'", '<OPTION_PROFILES><OPTION_PROFILE></OPTION_PROFILE></OPTION_PROFILES>');
  testQuickFix('<OPTION_PROFILES>a & b</OPTION_PROFILES>', C.MalformedReference, "Replace with '&amp;'", '<OPTION_PROFILES>a &amp; b</OPTION_PROFILES>');
});

test('no quick fixes are offered for other sources or when only other kinds are asked for', () => {
  const { document } = documentOf(perf('Hgh'));
  const service = createService();
  const diagnostic = service.diagnostics(document, CancellationToken.None)[0]!;
  assert.deepEqual(service.codeActions(document, diagnostic.range, { diagnostics: [{ ...diagnostic, source: 'other' }] }, CancellationToken.None), []);
  assert.deepEqual(service.codeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: ['refactor'] }, CancellationToken.None), []);
});
