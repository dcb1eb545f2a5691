/**
 * Every diagnostic code is produced by the service, with source 'qualys', a message and data
 * carrying the code. A new code without a case here fails the first test.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OptionProfileService } from '../../../server/src/optionProfile/service';
import { OptionProfileCode as C, xmlProblemCodes } from '../../../server/src/optionProfile/problems';
import type { ContentModel, ElementDecl } from '../../../server/src/schema/contentModel';
import { validateDocument } from '../../../server/src/optionProfile/validator';
import { parseXml } from '../../../server/src/xml/xmlParser';
import { handModel, testCheckValue } from './handModel';
import { silentLogger } from './serviceHelpers';

const P = (inner: string) => `<OPTION_PROFILES>${inner}</OPTION_PROFILES>`;
const scan = (inner: string) => P(`<OPTION_PROFILE><BASIC_INFO><ID>1</ID><GROUP_NAME>g</GROUP_NAME></BASIC_INFO><SCAN>${inner}</SCAN><ADDITIONAL/></OPTION_PROFILE>`);

/** An attribute-bearing root, for the attribute codes (the option profile schema declares none). */
const withAttributes: ContentModel = {
  source: 'test',
  roots: [
    {
      name: 'OPTION_PROFILES',
      id: 'OPTION_PROFILES',
      content: { kind: 'complex', mixed: false },
      attributes: [
        { name: 'version', required: true, type: { name: 'v', base: 'string', enumeration: ['1', '2'] } },
        { name: 'note', required: false, type: { name: 'string', base: 'string' } },
      ],
    } satisfies ElementDecl,
  ],
};

const cases: Record<C, string | (() => string[] | Promise<string[]>)> = {
  [C.UnclosedElement]: P('<OPTION_PROFILE>'),
  [C.MismatchedEndTag]: P('<OPTION_PROFILE></OPTION_PROFIL>'),
  [C.UnexpectedEndTag]: P('</NOPE>'),
  [C.UnterminatedTag]: P('<OPTION_PROFILE\n<X/></OPTION_PROFILE>'),
  [C.TooDeep]: P('<X>'.repeat(300) + '</X>'.repeat(300)),
  [C.InvalidName]: P('</ OPTION_PROFILES>'),
  [C.BrokenSelfClose]: P('<OPTION_PROFILE\\></OPTION_PROFILE>'),
  [C.MalformedCData]: P('<!CDATA[x]]>'),
  [C.UnterminatedCData]: P('<![CDATA[x'),
  [C.MalformedComment]: P('<!-- a -- b -->'),
  [C.UnterminatedComment]: P('<!-- x'),
  [C.MalformedDeclaration]: P('<!ELEMENT X ANY>'),
  [C.MisplacedDeclaration]: ' <?xml version="1.0"?>' + P(''),
  [C.MisplacedDoctype]: P('<!DOCTYPE X>'),
  [C.EntityNotExpanded]: '<!DOCTYPE OPTION_PROFILES [<!ENTITY e "x">]>' + P(''),
  [C.UnknownEntity]: P('&nbsp;'),
  [C.MalformedReference]: P('a & b'),
  [C.InvalidCharacter]: P('&#0;'),
  [C.TextOutsideRoot]: P('') + 'tail',
  [C.MultipleRoots]: P('') + '<OPTION_PROFILES/>',
  [C.NoRoot]: () => codesOf(parseAndValidate('<!-- nothing -->', handModel)),
  [C.MalformedAttribute]: '<OPTION_PROFILES a></OPTION_PROFILES>',
  [C.DuplicateAttribute]: '<OPTION_PROFILES a="1" a="2"></OPTION_PROFILES>',
  [C.CDataEndInText]: P('a ]]> b'),
  [C.UnescapedLessThan]: P('< x'),
  [C.WrongRoot]: () => codesOf(parseAndValidate('<OTHER/>', handModel)),
  [C.UnknownElement]: P('<NOPE/>'),
  [C.ElementNotAllowedHere]: P('<SCAN/>'),
  [C.MissingRequiredElement]: P('<OPTION_PROFILE/>'),
  [C.WrongOrder]: scan('<CONTROL_TYPES/><PERFORMANCE><OVERALL_PERFORMANCE>Low</OVERALL_PERFORMANCE><TOTAL_PROCESSES>1</TOTAL_PROCESSES></PERFORMANCE>'),
  [C.ChoiceViolation]: scan(
    '<SYSTEM_AUTH_RECORD><INCLUDE_SYSTEM_AUTH><ON_DUPLICATE_USE_USER_AUTH/></INCLUDE_SYSTEM_AUTH><ALLOW_AUTH_CREATION/></SYSTEM_AUTH_RECORD>',
  ),
  [C.TooManyOccurrences]: scan('<TEST_AUTHENTICATION/><TEST_AUTHENTICATION/>'),
  [C.InvalidEnumeration]: scan('<PERFORMANCE><OVERALL_PERFORMANCE>Max</OVERALL_PERFORMANCE><TOTAL_PROCESSES>1</TOTAL_PROCESSES></PERFORMANCE>'),
  [C.InvalidValue]: scan('<CONTROL_TYPES><FIM_CONTROLS_ENABLED>2</FIM_CONTROLS_ENABLED></CONTROL_TYPES>'),
  [C.OutOfRange]: scan('<PERFORMANCE><OVERALL_PERFORMANCE>Low</OVERALL_PERFORMANCE><TOTAL_PROCESSES>16</TOTAL_PROCESSES></PERFORMANCE>'),
  [C.FixedValue]: scan('<SYSTEM_AUTH_RECORD><INCLUDE_SYSTEM_AUTH><ON_DUPLICATE_USE_SYSTEM_AUTH>0</ON_DUPLICATE_USE_SYSTEM_AUTH></INCLUDE_SYSTEM_AUTH></SYSTEM_AUTH_RECORD>'),
  [C.TextNotAllowed]: P('words'),
  [C.ChildrenNotAllowed]: scan('<TEST_AUTHENTICATION><X/></TEST_AUTHENTICATION>'),
  [C.UnknownAttribute]: '<OPTION_PROFILES x="1"></OPTION_PROFILES>',
  [C.MissingAttribute]: () => codesOf(parseAndValidate('<OPTION_PROFILES/>', withAttributes)),
  [C.InvalidAttributeValue]: () => codesOf(parseAndValidate('<OPTION_PROFILES version="3" note="n"/>', withAttributes)),
  [C.SchemaLoadFailed]: async () => {
    const service = new OptionProfileService({
      logger: silentLogger,
      checkValue: testCheckValue,
      bundledModel: () => handModel,
      loadUserModel: () => Promise.reject(new Error('no such file')),
    });
    await service.configure({ optionProfile: { schemaPath: '/x.xsd' } });
    return service.diagnostics(TextDocument.create('file:///s.xml', 'xml', 1, P('')), CancellationToken.None).map((d) => String(d.code));
  },
  [C.TooManyProblems]: P('<NOPE/>'.repeat(1001)),
};

function parseAndValidate(text: string, model: ContentModel) {
  const xml = parseXml(text);
  return [...xml.problems.map((p) => ({ code: xmlProblemCodes[p.kind] as string })), ...validateDocument(xml, model, testCheckValue)];
}

function codesOf(problems: Array<{ code: string }>): string[] {
  return problems.map((p) => p.code);
}

test('every code has a case', () => {
  assert.deepEqual(Object.values(C).filter((code) => !(code in cases)), []);
});

let n = 0;
for (const [code, input] of Object.entries(cases)) {
  test(`${code} is reported`, async () => {
    let codes: string[];
    if (typeof input === 'function') codes = await input();
    else {
      const service = new OptionProfileService({ logger: silentLogger, checkValue: testCheckValue, bundledModel: () => handModel });
      const diagnostics = service.diagnostics(TextDocument.create(`file:///c${++n}.xml`, 'xml', 1, input), CancellationToken.None);
      for (const d of diagnostics) {
        assert.equal(d.source, 'qualys');
        assert.ok(String(d.message).length > 10);
        assert.equal((d.data as { code: string }).code, d.code);
      }
      codes = diagnostics.map((d) => String(d.code));
    }
    assert.ok(codes.includes(code), `${code} not in ${codes.join(', ')}`);
  });
}
