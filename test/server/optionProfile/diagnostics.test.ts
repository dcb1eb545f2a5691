import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OptionProfileCode as C } from '../../../server/src/optionProfile/problems';
import { CancellationToken } from 'vscode-languageserver';
import { MAX_DIAGNOSTICS } from '../../../server/src/optionProfile/service';
import { createService, documentOf, testDiagnostics } from './serviceHelpers';

/** A valid profile of the hand-made model; tests change one thing at a time. */
const basic = '<BASIC_INFO><ID>1</ID><GROUP_NAME>g</GROUP_NAME></BASIC_INFO>';
const profile = (scan: string, info = basic, additional = '<ADDITIONAL/>') => `<OPTION_PROFILES><OPTION_PROFILE>${info}<SCAN>${scan}</SCAN>${additional}</OPTION_PROFILE></OPTION_PROFILES>`;
const perf = (inner: string) => `<PERFORMANCE>${inner}</PERFORMANCE>`;

test('a valid document has no diagnostics', () => {
  testDiagnostics(profile(perf('<OVERALL_PERFORMANCE>High</OVERALL_PERFORMANCE><TOTAL_PROCESSES>10</TOTAL_PROCESSES>')), []);
  testDiagnostics('<?xml version="1.0"?>\n<!DOCTYPE OPTION_PROFILES SYSTEM "https://example.invalid/x.dtd">\n<OPTION_PROFILES/>', []);
});

test('unknown elements, with a suggestion, and elements declared elsewhere', () => {
  const diagnostics = testDiagnostics(profile('<PERFORMANSE/>'), [[C.UnknownElement, 'PERFORMANSE']]);
  assert.match(String(diagnostics[0]!.message), /Did you mean <PERFORMANCE>\?/);
  testDiagnostics(profile('<ICMP>1</ICMP>'), [[C.ElementNotAllowedHere, 'ICMP']]);
  // A typo of a required element is one diagnostic, not also "missing".
  testDiagnostics(profile('', '<BASIC_INFO><ID>1</ID><GROUP_NAM>g</GROUP_NAM></BASIC_INFO>'), [[C.UnknownElement, 'GROUP_NAM']]);
});

test('a missing required element is named, at the end and before a later child', () => {
  const end = testDiagnostics(profile('', '<BASIC_INFO><ID>1</ID></BASIC_INFO>'), [[C.MissingRequiredElement, 'BASIC_INFO']]);
  assert.equal(end[0]!.message, '<BASIC_INFO> is missing the required element <GROUP_NAME>');
  const before = testDiagnostics(profile('', '<BASIC_INFO><GROUP_NAME>g</GROUP_NAME></BASIC_INFO>'), [[C.MissingRequiredElement, 'GROUP_NAME']]);
  assert.equal(before[0]!.message, '<BASIC_INFO> is missing the required element <ID> before <GROUP_NAME>');
});

test('wrong order names the expected position', () => {
  const d = testDiagnostics(profile('<CONTROL_TYPES/>' + perf('<OVERALL_PERFORMANCE>High</OVERALL_PERFORMANCE><TOTAL_PROCESSES>1</TOTAL_PROCESSES>')), [[C.WrongOrder, 'PERFORMANCE']]);
  assert.equal(d[0]!.message, '<PERFORMANCE> is out of order: it must come before <CONTROL_TYPES>');
  const d2 = testDiagnostics(
    profile(perf('<TOTAL_PROCESSES>1</TOTAL_PROCESSES><PARALLEL_SCALING>0</PARALLEL_SCALING><OVERALL_PERFORMANCE>High</OVERALL_PERFORMANCE>')),
    [[C.WrongOrder, 'TOTAL_PROCESSES']],
  );
  assert.equal(d2[0]!.message, '<TOTAL_PROCESSES> is out of order: it must come after <OVERALL_PERFORMANCE>');
});

test('a choice violation: ALLOW_AUTH_CREATION together with INCLUDE_SYSTEM_AUTH', () => {
  const allow = '<ALLOW_AUTH_CREATION><AUTHENTICATION_TYPE_LIST><AUTHENTICATION_TYPE>Oracle</AUTHENTICATION_TYPE></AUTHENTICATION_TYPE_LIST></ALLOW_AUTH_CREATION>';
  const include = '<INCLUDE_SYSTEM_AUTH><ON_DUPLICATE_USE_USER_AUTH>1</ON_DUPLICATE_USE_USER_AUTH></INCLUDE_SYSTEM_AUTH>';
  const d = testDiagnostics(profile(`<SYSTEM_AUTH_RECORD>${allow}${include}</SYSTEM_AUTH_RECORD>`), [[C.ChoiceViolation, 'INCLUDE_SYSTEM_AUTH']]);
  assert.match(String(d[0]!.message), /<INCLUDE_SYSTEM_AUTH> cannot be used together with <ALLOW_AUTH_CREATION>/);
});

test('too many occurrences', () => {
  const d = testDiagnostics(profile('<CONTROL_TYPES/><CONTROL_TYPES/>'), [[C.TooManyOccurrences, 'CONTROL_TYPES']]);
  assert.equal(d[0]!.message, '<CONTROL_TYPES> may appear at most once in <SCAN>');
});

test('enumeration, type, range and fixed violations name the allowed values', () => {
  const d = testDiagnostics(profile(perf('<OVERALL_PERFORMANCE>Hgh</OVERALL_PERFORMANCE><TOTAL_PROCESSES>99</TOTAL_PROCESSES>')), [
    [C.InvalidEnumeration, 'Hgh'],
    [C.OutOfRange, '99'],
  ]);
  assert.match(String(d[0]!.message), /Low, Normal, High/);
  testDiagnostics(profile('<CONTROL_TYPES><FIM_CONTROLS_ENABLED>yes</FIM_CONTROLS_ENABLED></CONTROL_TYPES>'), [[C.InvalidValue, 'yes']]);
  const fixed = testDiagnostics(
    profile('<SYSTEM_AUTH_RECORD><INCLUDE_SYSTEM_AUTH><ON_DUPLICATE_USE_USER_AUTH>0</ON_DUPLICATE_USE_USER_AUTH></INCLUDE_SYSTEM_AUTH></SYSTEM_AUTH_RECORD>'),
    [[C.FixedValue, '0']],
  );
  assert.match(String(fixed[0]!.message), /1/);
  // An empty element takes its fixed value (XSD), so it is valid.
  testDiagnostics(profile('<SYSTEM_AUTH_RECORD><INCLUDE_SYSTEM_AUTH><ON_DUPLICATE_USE_USER_AUTH/></INCLUDE_SYSTEM_AUTH></SYSTEM_AUTH_RECORD>'), []);
});

test('text in element-only content, children in text-only and empty elements', () => {
  testDiagnostics(profile('stray words'), [[C.TextNotAllowed, 'stray words']]);
  testDiagnostics(profile('<TEST_AUTHENTICATION>x</TEST_AUTHENTICATION>'), [[C.TextNotAllowed, 'x']]);
  testDiagnostics(profile('<TEST_AUTHENTICATION><ICMP/></TEST_AUTHENTICATION>'), [[C.ChildrenNotAllowed, 'ICMP']]);
  testDiagnostics(profile('', `<BASIC_INFO><ID>1</ID><GROUP_NAME><X/></GROUP_NAME></BASIC_INFO>`), [[C.ChildrenNotAllowed, 'X']]);
});

test('attributes: the model declares none, so any attribute is unknown', () => {
  testDiagnostics(profile('<CONTROL_TYPES enabled="1"/>'), [[C.UnknownAttribute, 'enabled']]);
});

test('five mistakes give five diagnostics', () => {
  const text = profile(
    perf('<OVERALL_PERFORMANCE>Hgh</OVERALL_PERFORMANCE><TOTAL_PROCESSES>0</TOTAL_PROCESSES>') + '<BOGUS/><CONTROL_TYPES/><CONTROL_TYPES/>',
    '<BASIC_INFO><GROUP_NAME>g</GROUP_NAME></BASIC_INFO>',
  ).replace('<ADDITIONAL/>', '<ADDITIONAL><ICMP>2</ICMP></ADDITIONAL>');
  testDiagnostics(text, [
    [C.MissingRequiredElement, 'GROUP_NAME'],
    [C.InvalidEnumeration, 'Hgh'],
    [C.OutOfRange, '0'],
    [C.UnknownElement, 'BOGUS'],
    [C.TooManyOccurrences, 'CONTROL_TYPES'],
    [C.InvalidValue, '2'],
  ]);
});

test("the seed's real mistakes: <!CDATA[, <ALLOW_AUTH_CREATION\\>, 'Apache Web Server '", () => {
  const text = `<OPTION_PROFILES><OPTION_PROFILE>
<BASIC_INFO><ID>1</ID><GROUP_NAME><!CDATA[Apache_Discovery_OP]]></GROUP_NAME></BASIC_INFO>
<SCAN><SYSTEM_AUTH_RECORD>
<ALLOW_AUTH_CREATION\\>
<AUTHENTICATION_TYPE_LIST>
<AUTHENTICATION_TYPE>Apache Web Server </AUTHENTICATION_TYPE>
</AUTHENTICATION_TYPE_LIST>
</ALLOW_AUTH_CREATION\\>
</SYSTEM_AUTH_RECORD></SCAN><ADDITIONAL/></OPTION_PROFILE></OPTION_PROFILES>`;
  // The trailing space is collapsed away for an enumeration, as xmllint does: no diagnostic for it.
  testDiagnostics(text, [
    [C.MalformedCData, '<!CDATA['],
    [C.BrokenSelfClose, '\\>'],
    [C.BrokenSelfClose, '\\>'],
  ]);
});

test('well-formedness problems come with stable codes and precise ranges', () => {
  testDiagnostics('<OPTION_PROFILES><OPTION_PROFILE></OPTION_PROFILES>', [
    [C.UnclosedElement, 'OPTION_PROFILE'],
    [C.MissingRequiredElement, 'OPTION_PROFILE'],
  ]);
  testDiagnostics('<OPTION_PROFILES>&nbsp;<!-- a -- b --></OPTION_PROFILES> x', [
    [C.UnknownEntity, '&nbsp;'],
    [C.TextNotAllowed, '&nbsp;'],
    [C.MalformedComment, '--'],
    [C.TextOutsideRoot, 'x'],
  ]);
});

test('a document whose DOCTYPE names a remote DTD is validated without fetching it', () => {
  const text = '<!DOCTYPE OPTION_PROFILES SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/subscription/option_profile/option_profile_info.dtd">\n<OPTION_PROFILES><X/></OPTION_PROFILES>';
  testDiagnostics(text, [[C.UnknownElement, 'X']]);
});

test('the service accepts XML by its root element only', () => {
  const service = createService();
  const xml = (text: string, languageId = 'xml') => TextDocument.create('file:///a.xml', languageId, 1, text);
  assert.equal(service.accepts(xml('<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE OPTION_PROFILES [ <!ENTITY a "b"> ]>\n<OPTION_PROFILES>')), true);
  assert.equal(service.accepts(xml('<ServiceRequest/>')), false);
  assert.equal(service.accepts(xml('<OPTION_PROFILES/>', 'qualys-request')), false);
  assert.equal(service.accepts(xml('text')), false);
});

test('a document with thousands of problems publishes the first 1,000 and says how many more', () => {
  const { document } = documentOf(`<OPTION_PROFILES>${'<X/>'.repeat(1500)}</OPTION_PROFILES>`);
  const diagnostics = createService().diagnostics(document, CancellationToken.None);
  assert.equal(diagnostics.length, MAX_DIAGNOSTICS + 1);
  assert.equal(diagnostics[MAX_DIAGNOSTICS]!.code, C.TooManyProblems);
  assert.match(String(diagnostics[MAX_DIAGNOSTICS]!.message), /^500 more problems/);
});

test('validation stops early when the request is cancelled', () => {
  const { document } = documentOf(`<OPTION_PROFILES>${'<X/>'.repeat(5000)}</OPTION_PROFILES>`);
  let polls = 0;
  const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
  Object.defineProperty(token, 'isCancellationRequested', { get: () => ++polls > 1 });
  const diagnostics = createService().diagnostics(document, token);
  assert.ok(diagnostics.length < 5000, `${diagnostics.length} diagnostics after cancellation`);
});
