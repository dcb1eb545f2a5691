// The bundled option profile XSD, read through the loader: the structure the DTD gives, the value
// rules the seeds give, and documentation on every element.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSimpleValue } from '../../../server/src/schema/simpleValue';
import type { ElementDecl } from '../../../server/src/schema/contentModel';
import { allDecls, declById, loadBundled, P, particleOf, shape } from './modelHelpers';

const model = loadBundled();

function check(decl: ElementDecl, value: string) {
  assert.equal(decl.content.kind, 'simple', `${decl.id} has text content`);
  if (decl.content.kind !== 'simple') throw new Error('unreachable');
  return checkSimpleValue(decl.content.type, value, decl.name, decl.fixed);
}

test('OPTION_PROFILES is the only root and holds any number of OPTION_PROFILE', () => {
  assert.deepEqual(model.roots.map((r) => r.id), ['OPTION_PROFILES']);
  assert.equal(shape(particleOf(model.roots[0])), 'seq(OPTION_PROFILE*)');
});

test('OPTION_PROFILE follows the DTD, with both instance collections optional', () => {
  assert.equal(
    shape(particleOf(declById(model, P))),
    'seq(BASIC_INFO,SCAN,MAP?,ADDITIONAL,INSTANCE_DATA_COLLECTION?,OS_BASED_INSTANCE_DISC_COLLECTION?)',
  );
});

test('SCAN children are in the reference DTD order', () => {
  const names = shape(particleOf(declById(model, `${P}/SCAN`)));
  assert.match(names, /DISSOLVABLE_AGENT\?,SCAN_RESTRICTION\?,DATABASE_PREFERENCE_KEY\?,SYSTEM_AUTH_RECORD\?,LITE_OS_SCAN\?,CUSTOM_HTTP_HEADER\?/);
  assert.match(names, /TEST_AUTHENTICATION\?,MAX_SCAN_DURATION_PER_ASSET\?\)$/);
});

test('SYSTEM_AUTH_RECORD is a choice of ALLOW_AUTH_CREATION and INCLUDE_SYSTEM_AUTH', () => {
  assert.equal(shape(particleOf(declById(model, `${P}/SCAN/SYSTEM_AUTH_RECORD`))), 'choice(ALLOW_AUTH_CREATION|INCLUDE_SYSTEM_AUTH)');
  assert.equal(
    shape(particleOf(declById(model, `${P}/SCAN/SYSTEM_AUTH_RECORD/INCLUDE_SYSTEM_AUTH`))),
    'choice(ON_DUPLICATE_USE_USER_AUTH|ON_DUPLICATE_USE_SYSTEM_AUTH)',
  );
});

test('AUTHENTICATION_TYPE carries a different enumeration in each of its two places', () => {
  const auto = declById(model, `${P}/SCAN/SYSTEM_AUTH_RECORD/ALLOW_AUTH_CREATION/AUTHENTICATION_TYPE_LIST/AUTHENTICATION_TYPE`);
  const db = declById(model, `${P}/INSTANCE_DATA_COLLECTION/DATABASES/AUTHENTICATION_TYPES_LIST/AUTHENTICATION_TYPE`);
  assert.ok(auto.content.kind === 'simple' && db.content.kind === 'simple');
  assert.deepEqual(auto.content.type.enumeration, ['Apache Web Server']);
  assert.deepEqual(db.content.type.enumeration, ['MongoDB', 'Oracle', 'MySQL', 'MSSQL']);
  // The seed 001 export writes a trailing space; token collapsing accepts Qualys' own output.
  assert.equal(check(auto, 'Apache Web Server '), undefined);
  assert.equal(check(auto, 'Oracle')?.kind, 'enumeration');
  assert.equal(check(db, 'Apache Web Server')?.message, "'Apache Web Server' is not an allowed value of AUTHENTICATION_TYPE: MongoDB, Oracle, MySQL, MSSQL");
  assert.equal(shape(particleOf(declById(model, `${P}/INSTANCE_DATA_COLLECTION/DATABASES/AUTHENTICATION_TYPES_LIST`))), 'seq(AUTHENTICATION_TYPE+)');
});

test('ON_DUPLICATE_* are xs:boolean fixed to 1, compared in the value space', () => {
  const user = declById(model, `${P}/SCAN/SYSTEM_AUTH_RECORD/INCLUDE_SYSTEM_AUTH/ON_DUPLICATE_USE_USER_AUTH`);
  assert.equal(user.fixed, '1');
  assert.equal(check(user, '1'), undefined);
  assert.equal(check(user, 'true'), undefined);
  assert.deepEqual(check(user, '0'), { kind: 'fixed', message: "ON_DUPLICATE_USE_USER_AUTH has the fixed value '1'; found '0'", allowed: ['1'] });
});

test('TECHNOLOGIES holds one or more TECHNOLOGY, and Oracle JRE is the only technology', () => {
  const techs = declById(model, `${P}/OS_BASED_INSTANCE_DISC_COLLECTION/TECHNOLOGIES`);
  assert.equal(shape(particleOf(techs)), 'seq(TECHNOLOGY+)');
  const tech = declById(model, `${P}/OS_BASED_INSTANCE_DISC_COLLECTION/TECHNOLOGIES/TECHNOLOGY`);
  assert.equal(check(tech, 'Oracle JRE'), undefined);
  assert.deepEqual(check(tech, 'Apache Web Server')?.allowed, ['Oracle JRE']);
});

test('flags, enumerations and integers reject what the seeds would not export', () => {
  assert.equal(check(declById(model, `${P}/SCAN/PORTS/TARGETED_SCAN`), '2')?.message, "'2' is not an allowed value of TARGETED_SCAN: 0, 1");
  assert.equal(
    check(declById(model, `${P}/SCAN/PERFORMANCE/OVERALL_PERFORMANCE`), 'Hgh')?.message,
    "'Hgh' is not an allowed value of OVERALL_PERFORMANCE: High, Normal, Low, Custom",
  );
  assert.equal(check(declById(model, `${P}/SCAN/PERFORMANCE/HOSTS_TO_SCAN/EXTERNAL_SCANNERS`), '-1')?.kind, 'type');
  assert.equal(check(declById(model, `${P}/BASIC_INFO/UPDATE_DATE`), '2021-02-01T09:16:52Z'), undefined);
  assert.equal(check(declById(model, `${P}/BASIC_INFO/UPDATE_DATE`), '2021-02-\n01T09:16:52Z')?.kind, 'type');
});

test('the same element name under different parents has its own declaration and id', () => {
  const ids = allDecls(model).map((d) => d.id);
  assert.equal(new Set(ids).size, ids.length);
  const tcp = ids.filter((id) => id.endsWith('/TCP_PORTS'));
  assert.deepEqual(tcp.sort(), [`${P}/ADDITIONAL/HOST_DISCOVERY/TCP_PORTS`, `${P}/MAP/TCP_PORTS`, `${P}/SCAN/PORTS/TCP_PORTS`]);
  assert.equal(declById(model, `${P}/MAP/TCP_PORTS`).docs?.apiParameter, 'map_tcp_ports_standard_scan, map_tcp_ports_additional');
});

test('every element of the DTD is declared, and nothing else', () => {
  const dtd = readFileSync(join(__dirname, '..', '..', 'fixtures', 'option-profiles', 'option_profile_info.dtd'), 'utf8');
  const dtdNames = new Set([...dtd.matchAll(/<!ELEMENT\s+([A-Z0-9_]+)/g)].map((m) => m[1]));
  const xsdNames = new Set(allDecls(model).map((d) => d.name));
  assert.deepEqual([...xsdNames].sort(), [...dtdNames].sort());
});

test('every element has documentation with a source, and API parameters where the schema names one', () => {
  const decls = allDecls(model);
  assert.ok(decls.length > 200, `${decls.length} declarations`);
  for (const decl of decls) {
    assert.ok(decl.docs && decl.docs.text.length > 10, `${decl.id} has a description`);
    assert.ok(decl.docs.source, `${decl.id} has a source`);
    assert.ok(!decl.docs.text.includes('API parameter:') && !decl.docs.text.includes('Source:'), `${decl.id}: structured lines are extracted`);
    if (decl.content.kind === 'simple') assert.match(decl.docs.text, /Allowed values: /, decl.id);
  }
  const perf = declById(model, `${P}/SCAN/PERFORMANCE/OVERALL_PERFORMANCE`).docs;
  assert.equal(perf?.apiParameter, 'scan_overall_performance');
  assert.match(perf?.text ?? '', /Allowed values: High, Normal, Low, Custom\./);
});
