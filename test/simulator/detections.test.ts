import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { call, dtdErrors, LOCAL_DTD, tagValues, withSim } from './helpers';
import { HostStore } from '../../simulator/src/data/hosts';
import { detectionCount, detectionsOf } from '../../simulator/src/data/detections';
import { VulnStore } from '../../simulator/src/data/vulns';

const HLD = '/api/2.0/fo/asset/host/vm/detection/';
const HLD_DTD = join(LOCAL_DTD, 'host_list_vm_detection_output.dtd');
const KB_DTD = join(LOCAL_DTD, 'knowledge_base_vuln_list_output.dtd');

/** Follows WARNING/URL pages; answers every page's text. */
async function allPages(sim: { url: string }, first: string): Promise<string[]> {
  const pages: string[] = [];
  let path: string | undefined = first;
  while (path) {
    const r = await call(sim as never, path);
    assert.equal(r.status, 200, r.text);
    pages.push(r.text);
    const url = /<URL><!\[CDATA\[(.*?)\]\]><\/URL>/.exec(r.text)?.[1];
    if (url) assert.match(r.text, /<CODE>1980<\/CODE>/);
    path = url?.slice(sim.url.length);
  }
  return pages;
}

test('the detection list pages hosts by truncation_limit and WARNING/URL with id_min; every page is valid against the DTD', async () => {
  await withSim({ hosts: 130, seed: 3 }, async (sim) => {
    const pages = await allPages(sim, `${HLD}?action=list&truncation_limit=50&show_tags=1&show_qds=1&show_qds_factors=1&show_reopened_info=1&show_asset_id=1&host_metadata=all&arf_kernel_filter=0&echo_request=1`);
    assert.equal(pages.length, 3);
    const ids = pages.flatMap((page) => [...page.matchAll(/<HOST>\s*<ID>(\d+)<\/ID>/g)].map((m) => Number(m[1])));
    assert.equal(ids.length, 130, 'every host has an open detection, listed once');
    for (let k = 1; k < ids.length; k++) assert.ok(ids[k]! > ids[k - 1]!, 'ids ascend across pages');
    assert.match(pages[0]!, /<URL><!\[CDATA\[http:\/\/127\.0\.0\.1:\d+\/api\/2\.0\/fo\/asset\/host\/vm\/detection\/\?[^\]]*id_min=\d+/);
    for (const page of pages) assert.equal(dtdErrors(page, HLD_DTD), '');
    const first = pages[0]!;
    assert.match(first, /<DETECTION>\s*<UNIQUE_VULN_ID>\d+<\/UNIQUE_VULN_ID>\s*<QID>\d+<\/QID>\s*<TYPE>(Confirmed|Potential)<\/TYPE>/);
    assert.match(first, /<QDS severity="(LOW|MEDIUM|HIGH|CRITICAL)">\d+<\/QDS>/);
    assert.match(first, /<RESULTS><!\[CDATA\[/);
    assert.doesNotMatch(first, /<STATUS>Fixed<\/STATUS>/, 'Fixed only when asked for');
    assert.doesNotMatch(first, /<TYPE>Info<\/TYPE>/, 'information gathered only with show_igs=1');
  });
});

test('detection filters: status, show_igs, severities, qids, include_vuln_type, QDS, search lists, show_results', async () => {
  await withSim({ hosts: 60, seed: 4 }, async (sim) => {
    const page = async (q: string) => (await call(sim, `${HLD}?action=list&truncation_limit=0&${q}`)).text;
    const statuses = new Set(tagValues(await page('status=Fixed'), 'STATUS'));
    assert.deepEqual([...statuses], ['Fixed']);
    assert.ok(new Set(tagValues(await page('status=new, active,re-opened,FIXED'), 'STATUS')).size === 4, 'case and spaces as Qualys takes them');
    assert.ok(tagValues(await page('show_igs=1'), 'TYPE').includes('Info'));
    assert.ok(tagValues(await page('severities=4-5'), 'SEVERITY').every((s) => s === '4' || s === '5'));
    assert.deepEqual([...new Set(tagValues(await page('include_vuln_type=potential'), 'TYPE'))], ['Potential']);
    assert.ok(tagValues(await page('show_qds=1&qds_min=70'), 'QDS').length === 0, 'QDS carries an attribute: matched below');
    assert.ok([...(await page('show_qds=1&qds_min=70')).matchAll(/<QDS severity="[A-Z]+">(\d+)<\/QDS>/g)].every((m) => Number(m[1]) >= 70));
    const qid = tagValues(await page(''), 'QID')[0]!;
    assert.deepEqual([...new Set(tagValues(await page(`qids=${qid}`), 'QID'))], [qid]);
    const listed = await call(sim, '/api/2.0/fo/qid/search_list/static/?action=list&ids=4101');
    const listQids = new Set(tagValues(listed.text, 'QID'));
    assert.ok(tagValues(await page('include_search_list_ids=4101&status=New,Active,Re-Opened,Fixed'), 'QID').every((q) => listQids.has(q)));
    assert.doesNotMatch(await page('show_results=0'), /<RESULTS>/);
    assert.equal((await call(sim, `${HLD}?action=list&ids=1-2`)).text.includes('<HOST_LIST>'), false, 'no host: an empty RESPONSE');
  });
});

test('the detection list refuses what Qualys refuses: unknown parameters, bad values, and says CSV is not simulated', async () => {
  await withSim({ hosts: 10 }, async (sim) => {
    const bad = await call(sim, `${HLD}?action=list&severity_levels=3`);
    assert.equal(bad.status, 400);
    assert.match(bad.text, /<CODE>1901<\/CODE>/);
    assert.match((await call(sim, `${HLD}?action=list&status=Open`)).text, /<CODE>1905<\/CODE>[\s\S]*status/);
    assert.match((await call(sim, `${HLD}?action=list&output_format=CSV`)).text, /XML only/);
    const v5 = await call(sim, '/api/5.0/fo/asset/host/vm/detection/?action=list&truncation_limit=2');
    assert.equal(v5.status, 200);
    assert.match(v5.text, /\/api\/5\.0\/fo\/asset\/host\/vm\/detection\/\?[^\]]*id_min=/, 'the next page stays on the version asked');
  });
});

test('detections are a pure function of the seed and the host, about 20 per host, drawn from the KnowledgeBase pool', () => {
  const vulns = new VulnStore(9);
  const hosts = new HostStore(9, 100_000);
  const host = hosts.hostAt(77_777);
  const a = detectionsOf(9, vulns, host);
  const b = detectionsOf(9, new VulnStore(9), new HostStore(9, 100_000).hostAt(77_777));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.map((d) => d.vuln.qid), detectionsOf(10, new VulnStore(10), new HostStore(10, 100_000).hostAt(77_777)).map((d) => d.vuln.qid));
  assert.equal(a.length, detectionCount(9, 77_777));
  assert.equal(new Set(a.map((d) => d.vuln.qid)).size, a.length, 'a QID once per host');
  let total = 0;
  for (let i = 0; i < 1000; i++) total += detectionCount(9, i);
  assert.ok(total / 1000 > 17 && total / 1000 < 23, `about 20 per host (${total / 1000})`);
  assert.ok(a.every((d) => vulns.get(d.vuln.qid) === d.vuln));
  assert.equal(new Set(vulns.vulns.map((v) => v.qid)).size, vulns.vulns.length, 'QIDs are unique');
});

test('every QID the detections carry has a KnowledgeBase entry (title, severity, CVEs, CVSS, solution); the KB answer is valid', async () => {
  await withSim({ hosts: 40, seed: 5 }, async (sim) => {
    const detections = (await call(sim, `${HLD}?action=list&truncation_limit=0&show_igs=1&status=New,Active,Re-Opened,Fixed&include_ignored=1&include_disabled=1`)).text;
    const qids = [...new Set(tagValues(detections, 'QID'))];
    assert.ok(qids.length > 50);
    const kb = await call(sim, `/api/2.0/fo/knowledge_base/vuln/?action=list&details=All&show_pci_reasons=1&show_disabled_flag=1&show_supported_modules_info=1&ids=${qids.join(',')}`);
    assert.equal(kb.status, 200);
    assert.deepEqual(tagValues(kb.text, 'QID').sort(), [...qids].sort());
    assert.equal(dtdErrors(kb.text, KB_DTD), '');
    assert.match(kb.text, /<CVE_LIST>\s*<CVE>\s*<ID><!\[CDATA\[CVE-\d{4}-\d+\]\]><\/ID>/);
    assert.match(kb.text, /<CVSS_V3>\s*<BASE>[\d.]+<\/BASE>/);
    assert.match(kb.text, /<SOLUTION><!\[CDATA\[/);
    const none = await call(sim, `/api/3.0/fo/knowledge_base/vuln/?action=list&details=None&ids=${qids.slice(0, 3).join(',')}`);
    assert.equal(tagValues(none.text, 'ID').length, 3);
    assert.equal(dtdErrors(none.text, KB_DTD), '');
  });
});

test('KnowledgeBase edit and reset customise a QID; custom lists the customised ones', async () => {
  await withSim({ hosts: 5 }, async (sim) => {
    const qid = tagValues((await call(sim, '/api/2.0/fo/knowledge_base/vuln/?action=list&details=None')).text, 'ID')[20]!;
    assert.match((await call(sim, `/api/2.0/fo/knowledge_base/vuln/?action=edit&qid=${qid}&severity=5`)).text, /<CODE>1908<\/CODE>/, 'edit needs POST');
    const edit = await call(sim, '/api/2.0/fo/knowledge_base/vuln/', { form: { action: 'edit', qid, severity: '5', solution_comment: 'Patch in 7 days' } });
    assert.match(edit.text, /edited successfully/);
    const custom = await call(sim, '/api/2.0/fo/knowledge_base/vuln/?action=custom');
    assert.deepEqual(tagValues(custom.text, 'QID'), [qid]);
    assert.match(custom.text, /<SEVERITY_LEVEL>5<\/SEVERITY_LEVEL>\s*<TITLE>[\s\S]*<LAST_CUSTOMIZATION>/);
    assert.equal(dtdErrors(custom.text, KB_DTD), '');
    await call(sim, '/api/2.0/fo/knowledge_base/vuln/', { form: { action: 'reset', qid } });
    assert.doesNotMatch((await call(sim, '/api/2.0/fo/knowledge_base/vuln/?action=custom')).text, /<VULN>/);
  });
});

test('100,000 hosts: a detection page anywhere is generated on its own (the last hosts without the ones before), the same each time', async () => {
  await withSim({ hosts: 100_000, seed: 12 }, async (sim) => {
    const ids = new HostStore(12, 100_000);
    const near = ids.idAt(99_990);
    const tail = await call(sim, `${HLD}?action=list&id_min=${near}&truncation_limit=5`);
    assert.equal(tail.status, 200);
    const listed = [...tail.text.matchAll(/<HOST>\s*<ID>(\d+)<\/ID>/g)].map((m) => Number(m[1]));
    assert.deepEqual(listed, [99_990, 99_991, 99_992, 99_993, 99_994].map((i) => ids.idAt(i)));
    assert.match(tail.text, new RegExp(`id_min=${ids.idAt(99_995)}`));
    const again = await call(sim, `${HLD}?action=list&id_min=${near}&truncation_limit=5`);
    assert.equal(again.text.replace(/<DATETIME>[^<]*<\/DATETIME>/, ''), tail.text.replace(/<DATETIME>[^<]*<\/DATETIME>/, ''));
    assert.equal(dtdErrors(tail.text, HLD_DTD), '');
  });
});

test('details=All carries what a KnowledgeBase lookup shows: software, vendor advisories, exploits, HTML texts; the change log when asked; valid against the DTD', async () => {
  await withSim({ hosts: 5, seed: 6 }, async (sim) => {
    const all = (await call(sim, '/api/2.0/fo/knowledge_base/vuln/?action=list&details=All&show_qid_change_log=1')).text;
    assert.equal(dtdErrors(all, KB_DTD), '');
    assert.match(all, /<SOFTWARE_LIST>\s*<SOFTWARE>\s*<PRODUCT><!\[CDATA\[[a-z0-9_]+\]\]><\/PRODUCT>\s*<VENDOR><!\[CDATA\[[a-z_]+\]\]><\/VENDOR>/);
    assert.match(all, /<VENDOR_REFERENCE>\s*<ID><!\[CDATA\[KB\d{7}\]\]><\/ID>\s*<URL><!\[CDATA\[https:\/\/support\.microsoft\.com\/kb\/\d+\]\]><\/URL>/);
    assert.match(all, /<VENDOR_REFERENCE>\s*<ID><!\[CDATA\[RHSA-\d{4}:\d{4}\]\]><\/ID>/);
    assert.match(all, /<CORRELATION>\s*<EXPLOITS>\s*<EXPLT_SRC>\s*<SRC_NAME><!\[CDATA\[The Exploit-DB\]\]><\/SRC_NAME>\s*<EXPLT_LIST>\s*<EXPLT>\s*<REF><!\[CDATA\[CVE-/);
    assert.match(all, /<SOLUTION><!\[CDATA\[[^\]]*<P>Patch:<BR>[^\]]*<A HREF="https:\/\/[^"]+" TARGET="_blank">/, 'solutions are HTML, as Qualys writes them');
    assert.match(all, /<BASE source="service">[\d.]+<\/BASE>/);
    assert.match(all, /<CHANGE_LOG_LIST>\s*<CHANGE_LOG_INFO>\s*<CHANGE_DATE>/);
    const basic = (await call(sim, '/api/2.0/fo/knowledge_base/vuln/?action=list')).text;
    assert.doesNotMatch(basic, /<SOFTWARE_LIST>|<DIAGNOSIS>|<CHANGE_LOG_LIST>/, 'Basic: the basic elements and the CVSS scores');
    assert.equal(dtdErrors(basic, KB_DTD), '');
  });
});

test('last_modified_after returns what changed since, the subscription\'s own edits included; a user without KnowledgeBase permission gets a 403', async () => {
  await withSim({ hosts: 5, fixedTime: '2026-02-01T10:00:00Z' }, async (sim) => {
    const since = '2026-01-31T00:00:00Z';
    const before = (await call(sim, `/api/2.0/fo/knowledge_base/vuln/?action=list&details=Basic&last_modified_after=${since}`)).text;
    assert.doesNotMatch(before, /<VULN>/, 'the generated KnowledgeBase changed last before the data epoch');
    const qid = tagValues((await call(sim, '/api/2.0/fo/knowledge_base/vuln/?action=list&details=None')).text, 'ID')[7]!;
    await call(sim, '/api/2.0/fo/knowledge_base/vuln/', { form: { action: 'edit', qid, severity: '5' } });
    const after = (await call(sim, `/api/2.0/fo/knowledge_base/vuln/?action=list&details=Basic&last_modified_after=${since}`)).text;
    assert.deepEqual(tagValues(after, 'QID'), [qid]);
    assert.match((await call(sim, `/api/2.0/fo/knowledge_base/vuln/?action=list&last_modified_by_user_after=${since}`)).text, new RegExp(`<QID>${qid}</QID>`));
    assert.doesNotMatch((await call(sim, `/api/2.0/fo/knowledge_base/vuln/?action=list&last_modified_by_service_after=${since}`)).text, /<VULN>/);
    sim.setFaults({ knowledgeBaseDenied: true });
    const denied = await call(sim, '/api/2.0/fo/knowledge_base/vuln/?action=list&ids=' + qid);
    assert.equal(denied.status, 403);
    assert.match(denied.text, /<SIMPLE_RETURN>[\s\S]*<TEXT>Access denied/);
    assert.equal((await call(sim, `${HLD}?action=list&truncation_limit=1`)).status, 200, 'only the KnowledgeBase is refused');
  });
});

test('the detection list filters by CVE (the cve parameter of the 5.0 list)', async () => {
  await withSim({ hosts: 30, seed: 8 }, async (sim) => {
    const kb = (await call(sim, '/api/2.0/fo/knowledge_base/vuln/?action=list')).text;
    const cve = /<CVE>\s*<ID><!\[CDATA\[(CVE-[\d-]+)\]\]>/.exec(kb)![1]!;
    const withCve = new Set([...kb.matchAll(/<VULN>[\s\S]*?<\/VULN>/g)].filter((m) => m[0].includes(cve)).map((m) => /<QID>(\d+)<\/QID>/.exec(m[0])![1]!));
    const page = (await call(sim, `/api/5.0/fo/asset/host/vm/detection/?action=list&truncation_limit=0&status=New,Active,Re-Opened,Fixed&cve=${cve.toLowerCase()}`)).text;
    const qids = tagValues(page, 'QID');
    assert.ok(qids.length > 0, 'some host has it');
    assert.ok(qids.every((q) => withCve.has(q)), `only QIDs listing ${cve}`);
  });
});
