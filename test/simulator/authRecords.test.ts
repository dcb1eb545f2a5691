import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { call, dtdErrors, LOCAL_DTD, tagValues, withSim } from './helpers';

const types = ['windows', 'unix', 'oracle', 'apache', 'ms_iis', 'ibm_websphere', 'tomcat', 'mysql', 'ms_sql', 'postgresql'];

test('the auth list names record ids per type, and every type list returns exactly those records', async () => {
  await withSim({ authRecords: 300 }, async (sim) => {
    const all = await call(sim, '/api/2.0/fo/auth/?action=list');
    assert.equal(all.status, 200);
    assert.match(all.text, /<AUTH_LIST_OUTPUT>[\s\S]*<AUTH_RECORDS>/);
    let total = 0;
    for (const t of types) {
      const section = new RegExp(`<AUTH_${t.toUpperCase()}_RECORDS>([\\s\\S]*?)</AUTH_${t.toUpperCase()}_RECORDS>`).exec(all.text);
      assert.ok(section, `${t} present in the type list`);
      const ids = tagValues(section[1], 'ID');
      const list = await call(sim, `/api/2.0/fo/auth/${t}/?action=list&details=None`);
      assert.equal(list.status, 200);
      assert.deepEqual(tagValues(list.text, 'ID'), ids);
      total += ids.length;
    }
    assert.equal(total, 300);
  });
});

test('windows and unix lists carry TAGS with TAGS_INCLUDE/TAGS_EXCLUDE SELECTOR and validate against the seed DTDs', async () => {
  await withSim({ authRecords: 200 }, async (sim) => {
    for (const t of ['windows', 'unix']) {
      const r = await call(sim, `/api/2.0/fo/auth/${t}/?action=list&details=All`);
      assert.match(r.text, /<TAGS>\s*<TAG_TYPE>(asset_tags|ip_range_tag_rule)<\/TAG_TYPE>\s*<TAGS_INCLUDE>\s*<SELECTOR>(any|all)<\/SELECTOR>\s*<TAG>/);
      assert.match(r.text, /<TAGS_EXCLUDE>\s*<SELECTOR>/);
      assert.match(r.text, new RegExp(`<!DOCTYPE AUTH_${t.toUpperCase()}_LIST_OUTPUT SYSTEM "${sim.url}/api/2.0/fo/auth/${t}/dtd/auth_list_output.dtd">`));
      assert.equal(dtdErrors(r.text, join(LOCAL_DTD, `auth_${t}_list_output.dtd`)), '');
    }
  });
});

test('oracle records show IS_CDB and apache records IS_SYSTEM_CREATED / IS_ACTIVE, DTD-valid; apache filters by status', async () => {
  await withSim({}, async (sim) => {
    const ora = await call(sim, '/api/2.0/fo/auth/oracle/?action=list&details=All');
    assert.match(ora.text, /<IS_CDB>[01]<\/IS_CDB>/);
    assert.match(ora.text, /<GLOSSARY>\s*<USER_LIST>/);
    assert.equal(dtdErrors(ora.text, join(LOCAL_DTD, 'auth_oracle_list_output.dtd')), '');
    const ap = await call(sim, '/api/2.0/fo/auth/apache/?action=list');
    assert.match(ap.text, /<IS_SYSTEM_CREATED>[01]<\/IS_SYSTEM_CREATED>\s*<IS_ACTIVE>[01]<\/IS_ACTIVE>/);
    assert.equal(dtdErrors(ap.text, join(LOCAL_DTD, 'auth_apache_list_output.dtd')), '');
    const active = await call(sim, '/api/2.0/fo/auth/apache/?action=list&status=1');
    assert.ok(!active.text.includes('<IS_ACTIVE>0</IS_ACTIVE>'));
    const system = await call(sim, '/api/2.0/fo/auth/apache/?action=list&is_system_created=1');
    assert.ok(!system.text.includes('<IS_SYSTEM_CREATED>0</IS_SYSTEM_CREATED>'));
    for (const t of ['ms_iis', 'ibm_websphere', 'tomcat', 'mysql', 'ms_sql', 'postgresql']) {
      const r = await call(sim, `/api/2.0/fo/auth/${t}/?action=list`);
      assert.equal(r.status, 200);
      assert.match(r.text, new RegExp(`<AUTH_${t.toUpperCase()}_LIST_OUTPUT>`));
    }
  });
});

test('create, update and delete answer BATCH_RETURN and change what list returns; passwords are never echoed', async () => {
  await withSim({}, async (sim) => {
    const created = await call(sim, '/api/2.0/fo/auth/oracle/', { form: { action: 'create', title: 'OracleCDB', username: 'OracleUser', password: 'S3cret!', ips: '10.10.36.122', sid: 'sid', is_cdb: '1' } });
    assert.equal(created.status, 200);
    assert.match(created.text, /<BATCH_RETURN>[\s\S]*<TEXT>Successfully Created<\/TEXT>\s*<ID_SET>\s*<ID>\d+<\/ID>/);
    assert.equal(dtdErrors(created.text, join(LOCAL_DTD, 'host_purge_output.dtd')), '');
    const id = tagValues(created.text, 'ID')[0];
    const listed = await call(sim, `/api/2.0/fo/auth/oracle/?action=list&ids=${id}`);
    assert.match(listed.text, /<TITLE><!\[CDATA\[OracleCDB\]\]><\/TITLE>[\s\S]*<IS_CDB>1<\/IS_CDB>/);
    assert.ok(!listed.text.includes('S3cret!'));
    const updated = await call(sim, '/api/2.0/fo/auth/oracle/', { form: { action: 'update', ids: id, is_cdb: '0', comments: 'ip address Updated' } });
    assert.match(updated.text, /<TEXT>Successfully Updated<\/TEXT>/);
    const again = await call(sim, `/api/2.0/fo/auth/oracle/?action=list&ids=${id}`);
    assert.match(again.text, /<IS_CDB>0<\/IS_CDB>[\s\S]*<COMMENTS><!\[CDATA\[ip address Updated\]\]><\/COMMENTS>/);
    const win = await call(sim, '/api/2.0/fo/auth/windows/', { form: { action: 'create', title: 'windows-tags', username: 'root', password: 'x', asset_type: 'asset_tags', tags_include: 'WindowsOS', tag_set_by: 'name', tag_include_selector: 'all', tag_exclude_selector: 'all' } });
    const wid = tagValues(win.text, 'ID')[0];
    const wl = await call(sim, `/api/2.0/fo/auth/windows/?action=list&ids=${wid}`);
    assert.match(wl.text, /<TAG_TYPE>asset_tags<\/TAG_TYPE>\s*<TAGS_INCLUDE>\s*<SELECTOR>all<\/SELECTOR>\s*<TAG>\s*<ID>7514462<\/ID>\s*<NAME>WindowsOS<\/NAME>/);
    const del = await call(sim, '/api/2.0/fo/auth/oracle/', { form: { action: 'delete', ids: id } });
    assert.match(del.text, /Successfully Deleted/);
    const gone = await call(sim, `/api/2.0/fo/auth/oracle/?action=list&ids=${id}`);
    assert.ok(!gone.text.includes('<AUTH_ORACLE>'));
  });
});

test('change calls are checked: duplicate title, missing ips, ips with add_ips, GET, system-created apache records', async () => {
  await withSim({}, async (sim) => {
    const first = await call(sim, '/api/2.0/fo/auth/unix/', { form: { action: 'create', title: 'dup', username: 'root', password: 'x', ips: '10.0.0.1' } });
    assert.match(first.text, /Successfully Created/);
    const dup = await call(sim, '/api/2.0/fo/auth/unix/', { form: { action: 'create', title: 'dup', username: 'root', password: 'x', ips: '10.0.0.1' } });
    assert.equal(dup.status, 400);
    assert.match(dup.text, /<CODE>1905<\/CODE>/);
    const noIps = await call(sim, '/api/2.0/fo/auth/unix/', { form: { action: 'create', title: 'n', username: 'root', password: 'x' } });
    assert.match(noIps.text, /<CODE>1903<\/CODE>[\s\S]*ips/);
    const both = await call(sim, '/api/2.0/fo/auth/unix/', { form: { action: 'update', ids: '1', ips: '10.0.0.1', add_ips: '10.0.0.2' } });
    assert.match(both.text, /<CODE>1904<\/CODE>/);
    const get = await call(sim, '/api/2.0/fo/auth/unix/?action=create&title=t&username=u&password=p&ips=10.0.0.1');
    assert.match(get.text, /<CODE>1908<\/CODE>/);
    const ap = await call(sim, '/api/2.0/fo/auth/apache/?action=list&is_system_created=1&details=None');
    const sysId = tagValues(ap.text, 'ID')[0];
    assert.ok(sysId, 'the generated account has a system-created apache record');
    const upd = await call(sim, '/api/2.0/fo/auth/apache/', { form: { action: 'update', ids: sysId, status: '0' } });
    assert.match(upd.text, /<CODE>1905<\/CODE>\s*<TEXT>System created records cannot be updated<\/TEXT>/);
  });
});

test('a type list stops at 1000 records with WARNING_LIST/URL (id_min) and the next call continues, DTD-valid', async () => {
  await withSim({ authRecords: 5000 }, async (sim) => {
    const seen: string[] = [];
    let path: string | undefined = '/api/2.0/fo/auth/windows/?action=list';
    let pages = 0;
    while (path) {
      const r = await call(sim, path);
      pages++;
      const ids = [...r.text.matchAll(/<AUTH_WINDOWS>\s*<ID>(\d+)<\/ID>/g)].map((m) => m[1]);
      assert.ok(ids.length <= 1000);
      seen.push(...ids);
      assert.equal(dtdErrors(r.text, join(LOCAL_DTD, 'auth_windows_list_output.dtd')), '');
      path = /<WARNING_LIST>\s*<WARNING>\s*<CODE>1980<\/CODE>[\s\S]*?<URL><!\[CDATA\[(.*?)\]\]><\/URL>/.exec(r.text)?.[1]?.slice(sim.url.length);
    }
    const all = await call(sim, '/api/2.0/fo/auth/?action=list');
    const expected = tagValues(/<AUTH_WINDOWS_RECORDS>([\s\S]*?)<\/AUTH_WINDOWS_RECORDS>/.exec(all.text)?.[1] ?? '', 'ID');
    assert.ok(expected.length > 1000);
    assert.equal(pages, 2);
    assert.deepEqual(seen, expected);
  });
});
