// The bundled XSD loads in xmllint and gives the documented verdict on every fixture
// (docs/option-profile-schema.md lists why each invalid one is invalid).
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runXmllint, type XmllintVerdict } from '../../oracle/xmllint';

const root = join(__dirname, '..', '..', '..');
const xsd = join(root, 'server', 'data', 'option_profiles.xsd');
const fixtures = join(root, 'test', 'fixtures', 'option-profiles');

const expected: Record<string, XmllintVerdict> = {
  'seed000_pc_list_instance_data_collection.xml': 'valid',
  'seed000_pc_export.cdata-mistake.xml': 'malformed',
  'seed000_pc_import_oracle_jre.xml': 'valid',
  'seed001_export_allow_auth_creation.xml': 'valid',
  'seed001_export_allow_auth_creation.ocr-backslash.xml': 'malformed',
  'seed001_export_include_system_auth_user.xml': 'valid',
  'seed001_export_include_system_auth_system.xml': 'valid',
  'vm_minimal.synthetic.xml': 'valid',
  'pc_minimal.synthetic.xml': 'valid',
  'pc_minimal.synthetic.placeholders.xml': 'invalid',
  'vm_list.guide-sample.no-map-additional.xml': 'invalid',
};

test('every fixture has an expected verdict', () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.xml')).sort();
  assert.deepEqual(files, Object.keys(expected).sort());
});

test('xmllint gives each fixture its expected verdict', () => {
  const files = Object.keys(expected).map((f) => join(fixtures, f));
  const results = runXmllint(xsd, files);
  for (const [name, verdict] of Object.entries(expected)) {
    const result = results.get(join(fixtures, name));
    assert.equal(result?.verdict, verdict, `${name}: ${result?.messages.join('\n')}`);
  }
});

test('the invalid fixtures fail for the documented reasons', () => {
  const placeholders = join(fixtures, 'pc_minimal.synthetic.placeholders.xml');
  const guide = join(fixtures, 'vm_list.guide-sample.no-map-additional.xml');
  const results = runXmllint(xsd, [placeholders, guide]);
  const p = results.get(placeholders)?.messages.join('\n') ?? '';
  assert.match(p, /AUTHENTICATION_TYPE.*'Oracle'.*\{'Apache Web Server'\}/);
  assert.match(p, /TECHNOLOGY.*'Apache Web Server'.*\{'Oracle JRE'\}/);
  const g = results.get(guide)?.messages.join('\n') ?? '';
  assert.match(g, /SYSTEM_AUTH_RECORD': This element is not expected/);
  assert.match(g, /Missing child element\(s\)\. Expected is one of \( MAP, ADDITIONAL \)/);
});
