import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { call, dtdErrors, LOCAL_DTD, tagValues, withSim } from './helpers';

test('policy list carries TAG_SET_INCLUDE/EXCLUDE with selectors, controls and the ASSET_TAG_LIST glossary, DTD-valid', async () => {
  await withSim({ policies: 6 }, async (sim) => {
    const r = await call(sim, '/api/2.0/fo/compliance/policy/?action=list');
    assert.equal(r.status, 200);
    assert.equal((r.text.match(/<POLICY>/g) ?? []).length, 6);
    assert.match(r.text, /<TAG_SET_INCLUDE>\s*<TAG_ID>\d+<\/TAG_ID>[\s\S]*<TAG_INCLUDE_SELECTOR>(ANY|ALL)<\/TAG_INCLUDE_SELECTOR>/);
    assert.match(r.text, /<TAG_SET_EXCLUDE>[\s\S]*<TAG_EXCLUDE_SELECTOR>/);
    assert.match(r.text, /<GLOSSARY>\s*<ASSET_TAG_LIST>\s*<ASSET_INCLUDE_TAG_LIST>/);
    assert.equal(dtdErrors(r.text, join(LOCAL_DTD, 'policy_list_output.dtd')), '');
    const all = await call(sim, '/api/2.0/fo/compliance/policy/?action=list&details=All');
    assert.match(all.text, /<TECHNOLOGY_LIST>\s*<TECHNOLOGY>\s*<ID>\d+<\/ID>\s*<NAME>/);
    assert.equal(dtdErrors(all.text, join(LOCAL_DTD, 'policy_list_output.dtd')), '');
    const ids = await call(sim, '/api/2.0/fo/compliance/policy/?action=list&details=None');
    assert.match(ids.text, /<ID_SET>/);
    const first = tagValues(ids.text, 'ID')[0];
    const one = await call(sim, `/api/2.0/fo/compliance/policy/?action=list&ids=${first}`);
    assert.equal((one.text.match(/<POLICY>/g) ?? []).length, 1);
  });
});

async function firstPolicy(sim: Parameters<typeof call>[0]): Promise<string> {
  const ids = await call(sim, '/api/2.0/fo/compliance/policy/?action=list&details=None');
  return tagValues(ids.text, 'ID')[0];
}

test('posture info: INFO records, GLOSSARY HOST_LIST with DNS_DATA and CONTROL_LIST with REFERENCE and RATIONALE, DTD-valid', async () => {
  await withSim({ hosts: 80, policies: 3 }, async (sim) => {
    const pid = await firstPolicy(sim);
    const r = await call(sim, '/api/2.0/fo/compliance/posture/info/', { form: { action: 'list', policy_id: pid, details: 'All', show_remediation_info: '1' } });
    assert.equal(r.status, 200);
    assert.match(r.text, /<INFO_LIST>\s*<INFO>\s*<ID>\d+<\/ID>\s*<HOST_ID>\d+<\/HOST_ID>\s*<CONTROL_ID>\d+<\/CONTROL_ID>/);
    assert.match(r.text, /<STATUS>(Passed|Failed|Error)<\/STATUS>/);
    assert.match(r.text, /<REMEDIATION><!\[CDATA\[/);
    assert.match(r.text, /<EVIDENCE>\s*<BOOLEAN_EXPR>/);
    assert.match(r.text, /<GLOSSARY>\s*<HOST_LIST>\s*<HOST>[\s\S]*<DNS_DATA>\s*<HOSTNAME>[\s\S]*<PERCENTAGE><!\[CDATA\[\d+\.\d\d% \(\d+ of \d+\)\]\]><\/PERCENTAGE>/);
    assert.match(r.text, /<CONTROL_LIST>\s*<CONTROL>[\s\S]*<REFERENCE><!\[CDATA\[[^\]]+\]\]><\/REFERENCE>[\s\S]*<RATIONALE_LIST>\s*<RATIONALE>\s*<TECHNOLOGY_ID>/);
    assert.equal(dtdErrors(r.text, join(LOCAL_DTD, 'posture_info_list_output.dtd')), '');
    // Every INFO host appears in the glossary.
    const infoHosts = new Set(tagValues(r.text, 'HOST_ID'));
    const glossary = r.text.slice(r.text.indexOf('<GLOSSARY>'));
    for (const h of infoHosts) assert.ok(glossary.includes(`<ID>${h}</ID>`), `host ${h} in glossary`);
  });
});

test('posture info pages by host with WARNING/URL id_min; records are not repeated or lost', async () => {
  await withSim({ hosts: 120, policies: 2 }, async (sim) => {
    const pid = await firstPolicy(sim);
    const whole = await call(sim, `/api/2.0/fo/compliance/posture/info/?action=list&policy_id=${pid}&details=None&truncation_limit=0`);
    const expected = [...whole.text.matchAll(/<INFO>\s*<ID>(\d+)<\/ID>/g)].map((m) => m[1]);
    assert.ok(expected.length > 60);
    const got: string[] = [];
    let path: string | undefined = `/api/2.0/fo/compliance/posture/info/?action=list&policy_id=${pid}&details=Basic&truncation_limit=50`;
    let pages = 0;
    while (path) {
      const r = await call(sim, path);
      assert.equal(r.status, 200);
      pages++;
      got.push(...[...r.text.matchAll(/<INFO>\s*<ID>(\d+)<\/ID>/g)].map((m) => m[1]));
      assert.equal(dtdErrors(r.text, join(LOCAL_DTD, 'posture_info_list_output.dtd')), '');
      path = /<URL><!\[CDATA\[(.*?)\]\]><\/URL>/.exec(r.text)?.[1]?.slice(sim.url.length);
    }
    assert.ok(pages > 1);
    assert.deepEqual(got, expected);
  });
});

test('posture info filters and errors: status, control_ids, unknown policy, policy_id with policy_ids, csv output', async () => {
  await withSim({ hosts: 60, policies: 3 }, async (sim) => {
    const pid = await firstPolicy(sim);
    const failed = await call(sim, `/api/2.0/fo/compliance/posture/info/?action=list&policy_id=${pid}&status=Failed`);
    assert.ok(!/<STATUS>(Passed|Error)<\/STATUS>/.test(failed.text));
    const missing = await call(sim, '/api/2.0/fo/compliance/posture/info/?action=list');
    assert.match(missing.text, /<CODE>1903<\/CODE>/);
    const both = await call(sim, `/api/2.0/fo/compliance/posture/info/?action=list&policy_id=${pid}&policy_ids=${pid}`);
    assert.match(both.text, /<CODE>1904<\/CODE>/);
    const unknown = await call(sim, '/api/2.0/fo/compliance/posture/info/?action=list&policy_id=1');
    assert.match(unknown.text, /<CODE>1905<\/CODE>\s*<TEXT>parameter policy_id has invalid value: 1/);
    const csv = await call(sim, `/api/2.0/fo/compliance/posture/info/?action=list&policy_id=${pid}&output_format=csv`);
    assert.match(csv.text, /----BEGIN_RESPONSE_BODY_CSV\n"POLICY ID","DATETIME"/);
    assert.match(csv.text, /"Posture Evidence","Reference"\n/);
  });
});

test('compliance scan list and fetch', async () => {
  await withSim({ hosts: 40 }, async (sim) => {
    const list = await call(sim, '/api/2.0/fo/scan/compliance/?action=list');
    const ref = tagValues(list.text, 'REF')[0];
    assert.match(ref, /^compliance\/\d+\.\d+$/);
    const fetched = await call(sim, `/api/2.0/fo/scan/compliance/?action=fetch&scan_ref=${ref}`);
    assert.match(fetched.text, /<COMPLIANCE_SCAN_RESULT_OUTPUT>[\s\S]*<KEY value="REFERENCE">/);
    const bad = await call(sim, '/api/2.0/fo/scan/compliance/?action=fetch&scan_ref=compliance/1.1');
    assert.match(bad.text, /<CODE>1905<\/CODE>/);
  });
});
