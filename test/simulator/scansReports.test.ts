import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { BASIC, call, dtdErrors, LOCAL_DTD, REF_DTD, tagValues, withSim } from './helpers';

const dtd = (name: string) => join(LOCAL_DTD, name);
const SIMPLE = join(REF_DTD, 'simple_return.dtd');

test('scan list: SCAN_LIST_OUTPUT valid against the DTD, filtered by state, with option profiles and asset groups on request', async () => {
  await withSim({ hosts: 300, seed: 2 }, async (sim) => {
    const all = await call(sim, '/api/2.0/fo/scan/?action=list&show_ags=1&show_op=1&echo_request=1');
    assert.equal(all.status, 200);
    assert.equal(dtdErrors(all.text, dtd('scan_list_output.dtd')), '');
    const refs = tagValues(all.text, 'REF');
    assert.equal(refs.length, 24);
    assert.ok(refs.every((ref) => /^scan\/\d{10}\.\d{5}$/.test(ref)));
    assert.match(all.text, /<OPTION_PROFILE>\s*<TITLE><!\[CDATA\[/);
    const finished = await call(sim, '/api/2.0/fo/scan/?action=list&state=Finished');
    assert.ok(tagValues(finished.text, 'STATE').every((s) => s === 'Finished'));
    assert.equal(dtdErrors(finished.text, dtd('scan_list_output.dtd')), '');
    // The compliance scan list has the same shape.
    const compliance = await call(sim, '/api/2.0/fo/scan/compliance/?action=list');
    assert.equal(dtdErrors(compliance.text, dtd('scan_list_output.dtd')), '');
  });
});

test('scan launch answers a reference that is listed first; pause, resume, cancel and delete follow the scan state; changes need POST', async () => {
  await withSim({ hosts: 100 }, async (sim) => {
    assert.match((await call(sim, '/api/2.0/fo/scan/?action=launch&ip=10.10.0.1&option_title=Initial Options')).text, /<CODE>1908<\/CODE>/);
    const launched = await call(sim, '/api/2.0/fo/scan/', { form: { action: 'launch', scan_title: 'API test', ip: '10.10.0.1-10.10.0.20', option_title: 'Initial Options', priority: '3' } });
    assert.equal(dtdErrors(launched.text, SIMPLE), '');
    const ref = /<KEY>REFERENCE<\/KEY>\s*<VALUE>([^<]+)<\/VALUE>/.exec(launched.text)?.[1];
    assert.ok(ref && /^scan\/\d+\.\d+$/.test(ref), launched.text);
    const listed = await call(sim, '/api/2.0/fo/scan/?action=list');
    assert.equal(tagValues(listed.text, 'REF')[0], ref);
    assert.match(listed.text, /<PROCESSING_PRIORITY>3 - Critical<\/PROCESSING_PRIORITY>/);
    const act = (action: string) => call(sim, '/api/2.0/fo/scan/', { form: { action, scan_ref: ref } });
    assert.match((await act('pause')).text, /paused successfully/);
    assert.match((await act('pause')).text, /<CODE>1905<\/CODE>/, 'a paused scan cannot be paused');
    assert.match((await act('resume')).text, /resumed successfully/);
    assert.match((await act('cancel')).text, /cancelled successfully/);
    assert.match((await act('delete')).text, /deleted successfully/);
    assert.ok(!tagValues((await call(sim, '/api/2.0/fo/scan/?action=list')).text, 'REF').includes(ref));
    assert.match((await act('cancel')).text, /no such scan/);
  });
});

test('scan fetch: the results of a finished scan as CSV or JSON; missing scan_ref is 1903', async () => {
  await withSim({ hosts: 300, seed: 2 }, async (sim) => {
    const list = await call(sim, '/api/2.0/fo/scan/?action=list&state=Finished');
    const ref = tagValues(list.text, 'REF')[0]!;
    const csv = await call(sim, `/api/2.0/fo/scan/?action=fetch&scan_ref=${ref}`);
    assert.equal(csv.status, 200);
    assert.match(csv.text, /^"IP","DNS","NETBIOS","QID","RESULT"\n"10\./);
    const json = await call(sim, `/api/2.0/fo/scan/?action=fetch&scan_ref=${ref}&mode=extended&output_format=json`);
    const rows = JSON.parse(json.text) as Array<Record<string, unknown>>;
    assert.ok(rows.length > 0 && 'port' in rows[0]!);
    assert.match((await call(sim, '/api/2.0/fo/scan/?action=fetch')).text, /<CODE>1903<\/CODE>/);
  });
});

test('report list, template list (API v1) and scheduled reports are valid against their DTDs', async () => {
  await withSim({ hosts: 10 }, async (sim) => {
    const reports = await call(sim, '/api/2.0/fo/report/?action=list&echo_request=1');
    assert.equal(dtdErrors(reports.text, dtd('report_list_output.dtd')), '');
    assert.ok(tagValues(reports.text, 'ID').length >= 10);
    assert.ok(tagValues((await call(sim, '/api/2.0/fo/report/?action=list&state=finished')).text, 'STATE').every((s) => s === 'Finished'));
    // API v1: Basic authentication, no X-Requested-With needed.
    const templates = await call(sim, '/msp/report_template_list.php', { headers: { 'X-Requested-With': '' } });
    assert.equal(templates.status, 200);
    assert.equal(dtdErrors(templates.text, dtd('report_template_list.dtd')), '');
    assert.deepEqual([...new Set(tagValues(templates.text, 'TEMPLATE_TYPE'))].sort(), ['Map', 'PCI', 'Patch', 'Policy', 'Remediation', 'Scan']);
    const noAuth = await fetch(`${sim.url}/msp/report_template_list.php`);
    assert.equal(noAuth.status, 401);
    const schedules = await call(sim, '/api/2.0/fo/schedule/report/?action=list');
    assert.equal(dtdErrors(schedules.text, dtd('schedule_report_list_output.dtd')), '');
    assert.equal(tagValues((await call(sim, '/api/2.0/fo/schedule/report/?action=list&is_active=1')).text, 'ACTIVE').filter((a) => a !== '1').length, 0);
  });
});

test('report launch, fetch, cancel, delete and schedule launch_now', async () => {
  await withSim({ hosts: 10 }, async (sim) => {
    const templates = (await call(sim, '/msp/report_template_list.php')).text;
    const ids = tagValues(templates, 'ID');
    const types = tagValues(templates, 'TYPE');
    const auto = ids[types.indexOf('Auto')]!;
    const manual = ids[types.indexOf('Manual')]!;
    assert.match((await call(sim, '/api/2.0/fo/report/', { form: { action: 'launch', template_id: manual, output_format: 'pdf' } })).text, /report_refs/, 'scan based templates need report_refs');
    const launched = await call(sim, '/api/2.0/fo/report/', { form: { action: 'launch', template_id: auto, output_format: 'csv', report_title: 'Servers' } });
    const id = /<KEY>ID<\/KEY>\s*<VALUE>(\d+)<\/VALUE>/.exec(launched.text)?.[1];
    assert.ok(id, launched.text);
    const csv = await call(sim, `/api/2.0/fo/report/?action=fetch&id=${id}`);
    assert.match(csv.text, /^"Report Title".*\n"Servers"/);
    const pdfId = /<KEY>ID<\/KEY>\s*<VALUE>(\d+)<\/VALUE>/.exec((await call(sim, '/api/2.0/fo/report/', { form: { action: 'launch', template_id: auto, output_format: 'pdf' } })).text)![1]!;
    const pdf = await call(sim, `/api/2.0/fo/report/?action=fetch&id=${pdfId}`);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.ok(pdf.body.subarray(0, 5).equals(Buffer.from('%PDF-')));
    const running = tagValues((await call(sim, '/api/2.0/fo/report/?action=list&state=Running')).text, 'ID')[0]!;
    assert.match((await call(sim, '/api/2.0/fo/report/', { form: { action: 'cancel', id: running } })).text, /cancelled successfully/);
    assert.match((await call(sim, '/api/2.0/fo/report/', { form: { action: 'delete', id } })).text, /deleted successfully/);
    assert.match((await call(sim, `/api/2.0/fo/report/?action=fetch&id=${id}`)).text, /no such report/);
    const now = await call(sim, '/api/2.0/fo/schedule/report/', { form: { action: 'launch_now', id: '2601' } });
    assert.match(now.text, /<KEY>ID<\/KEY>/);
  });
});

test('search lists: static and dynamic lists valid against their DTDs; create, update, delete; dynamic QIDs follow the criteria', async () => {
  await withSim({ hosts: 10, seed: 6 }, async (sim) => {
    const statics = await call(sim, '/api/2.0/fo/qid/search_list/static/?action=list');
    assert.equal(dtdErrors(statics.text, dtd('static_list_output.dtd')), '');
    assert.match(statics.text, /<GLOBAL>(Yes|No)<\/GLOBAL>/);
    const dynamics = await call(sim, '/api/2.0/fo/qid/search_list/dynamic/?action=list');
    assert.equal(dtdErrors(dynamics.text, dtd('dynamic_list_output.dtd')), '');
    assert.match(dynamics.text, /<CRITERIA>\s*<CONFIRMED_SEVERITY><!\[CDATA\[4, 5\]\]>/);
    const created = await call(sim, '/api/2.0/fo/qid/search_list/static/', { form: { action: 'create', title: 'Mine', qids: '38170,91000-91003', global: '1' } });
    assert.equal(dtdErrors(created.text, SIMPLE), '');
    const id = /<KEY>ID<\/KEY>\s*<VALUE>(\d+)<\/VALUE>/.exec(created.text)![1]!;
    await call(sim, '/api/2.0/fo/qid/search_list/static/', { form: { action: 'update', id, add_qids: '86400', remove_qids: '38170' } });
    const mine = await call(sim, `/api/2.0/fo/qid/search_list/static/?action=list&ids=${id}`);
    assert.deepEqual(tagValues(mine.text, 'QID'), ['86400', '91000', '91001', '91002', '91003']);
    const dyn = await call(sim, '/api/2.0/fo/qid/search_list/dynamic/', { form: { action: 'create', title: 'Sev 5', confirmed_severities: '5', patch_available: '1' } });
    const dynId = /<KEY>ID<\/KEY>\s*<VALUE>(\d+)<\/VALUE>/.exec(dyn.text)![1]!;
    const dynQids = tagValues((await call(sim, `/api/2.0/fo/qid/search_list/dynamic/?action=list&ids=${dynId}`)).text, 'QID');
    const kb = (await call(sim, `/api/2.0/fo/knowledge_base/vuln/?action=list&ids=${dynQids.join(',')}`)).text;
    assert.ok(dynQids.length > 0 && tagValues(kb, 'SEVERITY_LEVEL').every((s) => s === '5') && tagValues(kb, 'PATCHABLE').every((p) => p === '1'));
    assert.match((await call(sim, '/api/2.0/fo/qid/search_list/static/', { form: { action: 'delete', id: dynId } })).text, /no such static search list/);
    assert.match((await call(sim, '/api/2.0/fo/qid/search_list/dynamic/', { form: { action: 'delete', id: dynId } })).text, /deleted successfully/);
    assert.match((await call(sim, '/api/2.0/fo/qid/search_list/static/', { form: { action: 'create', qids: '1' } })).text, /<CODE>1903<\/CODE>[\s\S]*title/);
  });
});

test('the VM calls go through the same gate as the others: Basic authentication and X-Requested-With', async () => {
  await withSim({ hosts: 5 }, async (sim) => {
    const noHeader = await fetch(`${sim.url}/api/2.0/fo/scan/?action=list`, { headers: { Authorization: BASIC } });
    assert.match(await noHeader.text(), /X-Requested-With/);
    const noAuth = await fetch(`${sim.url}/api/2.0/fo/asset/host/vm/detection/?action=list`, { headers: { 'X-Requested-With': 't' } });
    assert.equal(noAuth.status, 401);
  });
});
