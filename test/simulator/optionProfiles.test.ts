import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, dtdErrors, REF_DTD, tagValues, withSim } from './helpers';

const SAMPLES = '/work/shared/reference/qualys/samples/option-profiles';

test('export returns OPTION_PROFILES valid against option_profile_info.dtd, filtered by id and type', async () => {
  await withSim({}, async (sim) => {
    const all = await call(sim, '/api/2.0/fo/subscription/option_profile/?action=export&output_format=XML');
    assert.equal(all.status, 200);
    assert.match(all.text, /<!DOCTYPE OPTION_PROFILES SYSTEM "[^"]+\/api\/2.0\/fo\/subscription\/option_profile\/option_profile_info.dtd">/);
    assert.equal(dtdErrors(all.text, join(REF_DTD, 'option_profile_info.dtd')), '');
    assert.match(all.text, /<SYSTEM_AUTH_RECORD>\s*<ALLOW_AUTH_CREATION>\s*<AUTHENTICATION_TYPE_LIST>\s*<AUTHENTICATION_TYPE>Apache Web Server</);
    assert.match(all.text, /<INSTANCE_DATA_COLLECTION>/);
    const one = await call(sim, '/api/2.0/fo/subscription/option_profile/?action=export&option_profile_id=108430');
    assert.equal((one.text.match(/<OPTION_PROFILE>/g) ?? []).length, 1);
    const compliance = await call(sim, '/api/2.0/fo/subscription/option_profile/?action=export&option_profile_type=compliance');
    assert.deepEqual([...new Set(tagValues(compliance.text, 'GROUP_TYPE'))], ['compliance']);
    const none = await call(sim, '/api/2.0/fo/subscription/option_profile/?action=export&option_profile_id=1');
    assert.match(none.text, /<CODE>1905<\/CODE>/);
  });
});

test('import answers SIMPLE_RETURN with the new id and title, and the profile then exports', async () => {
  await withSim({}, async (sim) => {
    const doc = readFileSync(join(SAMPLES, 'option_profile_pc_minimal.synthetic.xml'), 'utf8');
    const r = await call(sim, '/api/2.0/fo/subscription/option_profile/?action=import', { body: doc, headers: { 'Content-Type': 'text/xml' } });
    assert.equal(r.status, 200);
    assert.match(r.text, /<TEXT>Successfully imported Option profile for the subscription Id \d+<\/TEXT>\s*<ITEM_LIST>\s*<ITEM>\s*<KEY>(\d+)<\/KEY>\s*<VALUE>Synthetic PC profile<\/VALUE>/);
    assert.equal(dtdErrors(r.text, join(REF_DTD, 'simple_return.dtd')), '');
    const id = /<KEY>(\d+)<\/KEY>/.exec(r.text)?.[1];
    const exported = await call(sim, `/api/2.0/fo/subscription/option_profile/?action=export&option_profile_id=${id}`);
    assert.match(exported.text, new RegExp(`<BASIC_INFO>\\s*<ID>${id}</ID>`));
    assert.equal(dtdErrors(exported.text, join(REF_DTD, 'option_profile_info.dtd')), '');
  });
});

test('import refuses malformed XML and documents lacking required parts with CODE 1905', async () => {
  await withSim({}, async (sim) => {
    const post = (body: string) => call(sim, '/api/2.0/fo/subscription/option_profile/?action=import', { body, headers: { 'Content-Type': 'text/xml' } });
    // The seed's real-world mistakes: a malformed CDATA and an OCR-broken closing tag.
    const badCdata = await post('<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO><GROUP_NAME><!CDATA[x]]></GROUP_NAME></BASIC_INFO></OPTION_PROFILE></OPTION_PROFILES>');
    assert.equal(badCdata.status, 400);
    assert.match(badCdata.text, /<CODE>1905<\/CODE>\s*<TEXT>parameter POST data has invalid value: XML is not well-formed \(line 1/);
    const badTag = await post('<OPTION_PROFILES><OPTION_PROFILE>\n<ALLOW_AUTH_CREATION\\>\n</OPTION_PROFILE></OPTION_PROFILES>');
    assert.match(badTag.text, /not well-formed \(line 2/);
    const noScan = await post('<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO><GROUP_NAME>x</GROUP_NAME><GROUP_TYPE>user</GROUP_TYPE></BASIC_INFO><ADDITIONAL/></OPTION_PROFILE></OPTION_PROFILES>');
    assert.match(noScan.text, /<CODE>1905<\/CODE>\s*<TEXT>[^<]*lacks required element SCAN/);
    const wrongRoot = await post('<PROFILES/>');
    assert.match(wrongRoot.text, /root element must be OPTION_PROFILES/);
    const empty = await post('');
    assert.match(empty.text, /<CODE>1903<\/CODE>/);
    const get = await call(sim, '/api/2.0/fo/subscription/option_profile/?action=import');
    assert.match(get.text, /<CODE>1908<\/CODE>/);
  });
});

test('PC option profiles: create, update, list (DTD-valid), and value checks from seed 000', async () => {
  await withSim({}, async (sim) => {
    const c = await call(sim, '/api/2.0/fo/subscription/option_profile/pc/', { form: { action: 'create', title: 'API_Option_profile_all', scan_ports: 'standard', enable_instance_data_collection: '1', instance_data_collection_auth_types: 'Oracle,MS SQL,MongoDB,MySQL' } });
    assert.match(c.text, /<TEXT>Compliance Option profile successfully added.<\/TEXT>\s*<ITEM_LIST>\s*<ITEM>\s*<KEY>ID<\/KEY>\s*<VALUE>(\d+)<\/VALUE>/);
    assert.equal(dtdErrors(c.text, join(REF_DTD, 'simple_return.dtd')), '');
    const id = /<VALUE>(\d+)<\/VALUE>/.exec(c.text)?.[1] ?? '';
    const u = await call(sim, '/api/2.0/fo/subscription/option_profile/pc/', { form: { action: 'update', id, title: 'Renamed' } });
    assert.match(u.text, /successfully updated/);
    const l = await call(sim, `/api/2.0/fo/subscription/option_profile/pc/?action=list&id=${id}`);
    assert.match(l.text, /<GROUP_NAME><!\[CDATA\[Renamed\]\]><\/GROUP_NAME>/);
    assert.equal(dtdErrors(l.text, join(REF_DTD, 'option_profile_info.dtd')), '');
    const bad = await call(sim, '/api/2.0/fo/subscription/option_profile/pc/', { form: { action: 'create', title: 'x', enable_instance_data_collection: '1', instance_data_collection_auth_types: 'DB2' } });
    assert.match(bad.text, /<CODE>1905<\/CODE>/);
    const jre = await call(sim, '/api/2.0/fo/subscription/option_profile/pc/', { form: { action: 'create', title: 'y', os_based_instance_disc_technologies: 'Java' } });
    assert.match(jre.text, /<CODE>1905<\/CODE>/);
  });
});
