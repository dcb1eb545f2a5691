/**
 * The language service on the bundled schema (server/data/option_profiles.xsd) with the real
 * value checker: the seed's import sample, its real mistakes, and a spot check of the verdict
 * against xmllint (the full oracle, 1,000+ mutations, lives in test/oracle/).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { bundledContentModel, validateOptionProfile } from '../../../server/src/optionProfile';
import { OptionProfileCode as C } from '../../../server/src/optionProfile/problems';
import { checkSimpleValue } from '../../../server/src/schema/simpleValue';
import { dataPath } from '../../../server/src/util/dataPath';
import { handModel, testCheckValue } from './handModel';
import { testCompletion, testDiagnostics, testHover, testQuickFix, useSchema } from './serviceHelpers';

const seed = readFileSync(join(__dirname, 'samples', 'seed000-import.xml'), 'utf8');

before(() => useSchema({ model: bundledContentModel(), checkValue: checkSimpleValue }));
after(() => useSchema({ model: handModel, checkValue: testCheckValue }));

test("the seed's import sample (with its remote DOCTYPE) is valid", () => {
  testDiagnostics(seed, []);
});

test("the seed's real mistakes: <!CDATA[, <ALLOW_AUTH_CREATION\\>, 'Apache Web Server ', and one more", () => {
  const auth = `<SYSTEM_AUTH_RECORD>
                <ALLOW_AUTH_CREATION\\>
                    <AUTHENTICATION_TYPE_LIST>
                        <AUTHENTICATION_TYPE>Apache Web Server </AUTHENTICATION_TYPE>
                    </AUTHENTICATION_TYPE_LIST>
                </ALLOW_AUTH_CREATION\\>
            </SYSTEM_AUTH_RECORD>
            <FILE_INTEGRITY_MONITORING>`;
  const text = seed
    .replace('<![CDATA[Joe User (joe_user)]]>', '<!CDATA[Joe User (joe_user)]]>')
    .replace('<FILE_INTEGRITY_MONITORING>', auth)
    .replace('<OVERALL_PERFORMANCE>High<', '<OVERALL_PERFORMANCE>Hgh<');
  const diagnostics = testDiagnostics(text, [
    [C.MalformedCData, '<!CDATA['],
    [C.InvalidEnumeration, 'Hgh'],
    [C.BrokenSelfClose, '\\>'],
    [C.BrokenSelfClose, '\\>'],
  ]);
  assert.match(String(diagnostics[1]!.message), /Hgh/);
  testQuickFix(text, C.InvalidEnumeration, "Change to 'High'", text.replace('Hgh', 'High'));
});

test('both ALLOW_AUTH_CREATION and INCLUDE_SYSTEM_AUTH: a choice violation', () => {
  const text = seed.replace(
    '<FILE_INTEGRITY_MONITORING>',
    `<SYSTEM_AUTH_RECORD><ALLOW_AUTH_CREATION><AUTHENTICATION_TYPE_LIST><AUTHENTICATION_TYPE>Apache Web Server</AUTHENTICATION_TYPE></AUTHENTICATION_TYPE_LIST></ALLOW_AUTH_CREATION><INCLUDE_SYSTEM_AUTH><ON_DUPLICATE_USE_USER_AUTH>1</ON_DUPLICATE_USE_USER_AUTH></INCLUDE_SYSTEM_AUTH></SYSTEM_AUTH_RECORD>
            <FILE_INTEGRITY_MONITORING>`,
  );
  testDiagnostics(text, [[C.ChoiceViolation, 'INCLUDE_SYSTEM_AUTH']]);
});

test('completion and hover come from the bundled schema', () => {
  const at = seed.replace('<PERFORMANCE>', '<|<PERFORMANCE>');
  testCompletion(at, (labels) => assert.deepEqual(labels.slice(0, 3), ['SCAN_DEAD_HOSTS', 'CLOSE_VULNERABILITIES', 'PURGE_OLD_HOST_OS_CHANGED']));
  testHover(seed.replace('<OVERALL_PERFORMANCE>', '<OVERALL_|PERFORMANCE>'), ['**OVERALL_PERFORMANCE**', '`High`']);
});

function xmllintVerdict(xsd: string, file: string): boolean | undefined {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
  if (run.error) return undefined;
  return run.status === 0;
}

test('spot check: our verdict equals xmllint on mutations of the seed sample', (t) => {
  const xsd = dataPath('option_profiles.xsd');
  const dir = mkdtempSync(join(tmpdir(), 'op-oracle-'));
  try {
    const mutations = [
      seed,
      seed.replace(/<ID>108430<\/ID>\s*/, ''),
      seed.replace('<ICMP>1</ICMP>', '<ICMP>1</ICMP><ICMP>1</ICMP>'),
      seed.replace('<PACKET_DELAY>Short</PACKET_DELAY>', '<PACKET_DELAY>Shortish</PACKET_DELAY>'),
      seed.replace('<UNIT_ID>0</UNIT_ID>', '<UNIT_ID>zero</UNIT_ID>'),
      seed.replace('<IS_GLOBAL>0</IS_GLOBAL>', '<IS_GLOBAL>2</IS_GLOBAL>'),
      seed.replace('<GROUP_TYPE>compliance</GROUP_TYPE>', ''),
      seed.replace('<SCAN>', '<SCAN><BOGUS/>'),
      seed.replace('<AUTHENTICATION_TYPE>MongoDB</AUTHENTICATION_TYPE>', '<AUTHENTICATION_TYPE> MongoDB </AUTHENTICATION_TYPE>'),
      seed.replace('</ADDITIONAL>', '</ADDITIONAL><MAP/>'),
      seed.replace('<ICMP>1</ICMP>', '<ICMP>1</ICMP>text'),
      seed.replace(/<INSTANCE_DATA_COLLECTION>[\s\S]*<\/INSTANCE_DATA_COLLECTION>/, '<INSTANCE_DATA_COLLECTION/>'),
    ];
    let checked = 0;
    mutations.forEach((text, i) => {
      const file = join(dir, `m${i}.xml`);
      writeFileSync(file, text);
      const theirs = xmllintVerdict(xsd, file);
      if (theirs === undefined) return;
      checked++;
      const ours = validateOptionProfile(text).length === 0;
      assert.equal(ours, theirs, `mutation ${i}: ours ${ours}, xmllint ${theirs}`);
    });
    if (checked === 0) t.skip('xmllint is not installed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
