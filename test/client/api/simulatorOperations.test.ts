/** Every client operation against the real simulator (in-process, port 0). */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import {
  createAuthRecord, exportOptionProfiles, fetchPcrsPosture, importOptionProfiles, listAuthRecords, listAuthRecordTypes,
  listHosts, listPolicies, listPostureInfo, resolvePostureHostIds, send, updateAuthRecords, updateHosts,
} from '../../../client/src/api';
import { gatewayTokens } from '../../../client/src/api/gatewayToken';
import { startSimulator, type RunningSimulator } from '../../../simulator/src/index';
import { requestsSince, simClient, SIM_PASSWORD, SIM_USER } from './support/simClient';

const simPromise: Promise<RunningSimulator> = startSimulator({ port: 0, seed: 7, hosts: 2500, pageSize: 1000, user: SIM_USER, password: SIM_PASSWORD });
after(async () => (await simPromise).close());

async function firstPolicyId(sim: RunningSimulator): Promise<string> {
  for await (const page of listPolicies(simClient(sim), { details: 'Basic' })) if (page.ok && page.value.policies[0]) return page.value.policies[0].id;
  throw new Error('no policy');
}

test('simulator: host list pages through every host with tags, user-defined labels and DNS_DATA', async () => {
  const sim = (await simPromise);
  const client = simClient(sim);
  const ids = new Set<string>();
  let pages = 0;
  let withTags = 0;
  let labelled = 0;
  let withDns = 0;
  for await (const page of listHosts(client, { pageSize: 700 })) {
    assert.ok(page.ok, page.ok ? '' : page.error.message);
    pages++;
    for (const host of page.value.hosts) {
      ids.add(host.id);
      if (host.tags.length) withTags++;
      if (host.userDefined.some((u) => u.label)) labelled++;
      if (host.dnsData?.hostname) withDns++;
    }
  }
  assert.equal(ids.size, 2500);
  assert.equal(pages, 4);
  assert.ok(withTags > 0 && labelled > 0 && withDns > 0, `${withTags} tagged, ${labelled} labelled, ${withDns} with DNS_DATA`);
});

test('simulator: cloud metadata and cloud tags (asked for by default)', async () => {
  const sim = (await simPromise);
  let metadata = 0;
  let cloud = 0;
  for await (const page of listHosts(simClient(sim))) {
    assert.ok(page.ok, page.ok ? '' : page.error.message);
    metadata += page.value.hosts.filter((h) => h.metadata.length > 0).length;
    cloud += page.value.hosts.filter((h) => h.cloudProvider || h.ec2InstanceId).length;
  }
  assert.ok(metadata > 0 && cloud > 0, `${metadata} hosts with metadata, ${cloud} cloud hosts`);
});

test('simulator: host update changes a host, and the list shows it', async () => {
  const sim = (await simPromise);
  const client = simClient(sim);
  let id = '';
  for await (const page of listHosts(client, { pageSize: 1, maxPages: 1 })) id = page.ok ? page.value.hosts[0]!.id : '';
  const updated = await updateHosts(client, { ids: id, newComment: 'patched by test', newUd1: 'Lyon' });
  assert.ok(updated.ok, updated.ok ? '' : updated.error.message);
  for await (const page of listHosts(client, { params: { ids: id } })) {
    assert.ok(page.ok);
    const host = page.value.hosts[0]!;
    assert.equal(host.comments, 'patched by test');
    assert.equal(host.userDefined.find((u) => u.index === 1)?.value, 'Lyon');
  }
});

test('simulator: auth record types and the windows, unix, oracle and apache lists', async () => {
  const sim = (await simPromise);
  const client = simClient(sim);
  const types = await listAuthRecordTypes(client);
  assert.ok(types.ok, types.ok ? '' : types.error.message);
  const names = types.value.map((t) => t.type);
  for (const type of ['windows', 'unix', 'oracle', 'apache']) {
    assert.ok(names.includes(type), `${type} in ${names.join(', ')}`);
    let count = 0;
    for await (const page of listAuthRecords(client, type)) {
      assert.ok(page.ok, page.ok ? '' : page.error.message);
      count += page.value.records.length;
      for (const record of page.value.records) assert.equal(record.type, type);
      assert.doesNotMatch(JSON.stringify(page.value), /"PASSWORD"/);
    }
    assert.ok(count > 0, `${type} has records`);
  }
  let oracleCdb = false;
  for await (const page of listAuthRecords(client, 'oracle')) if (page.ok) oracleCdb ||= page.value.records.some((r) => r.isCdb !== undefined);
  assert.ok(oracleCdb, 'oracle records carry IS_CDB');
});

test('simulator: auth record create with tags, then update, then list it', async () => {
  const sim = (await simPromise);
  const client = simClient(sim);
  const created = await createAuthRecord(client, 'windows', {
    title: 'test-windows-tags', username: 'scanner', password: 'Rec0rd-pw', asset_type: 'asset_tags', tag_set_by: 'name', tags_include: 'WindowsOS', tag_include_selector: 'all',
  });
  assert.ok(created.ok, created.ok ? '' : created.error.message);
  const id = created.value.batches[0]!.ids[0]!;
  const updated = await updateAuthRecords(client, 'windows', id, { comments: 'updated by test' });
  assert.ok(updated.ok, updated.ok ? '' : updated.error.message);
  for await (const page of listAuthRecords(client, 'windows', { params: { ids: id } })) {
    assert.ok(page.ok);
    const record = page.value.records[0]!;
    assert.equal(record.title, 'test-windows-tags');
    assert.equal(record.comments, 'updated by test');
    assert.equal(record.tags?.tagType, 'asset_tags');
    assert.doesNotMatch(JSON.stringify(record), /Rec0rd-pw/);
  }
});

test('simulator: policies with named include/exclude tags; posture info pages with DNS_DATA and control references', async () => {
  const sim = (await simPromise);
  const client = simClient(sim);
  let named = 0;
  for await (const page of listPolicies(client)) {
    assert.ok(page.ok, page.ok ? '' : page.error.message);
    named += page.value.policies.filter((p) => [...p.tagInclude, ...p.tagExclude].some((t) => t.name)).length;
  }
  assert.ok(named > 0);
  const policyId = await firstPolicyId(sim);
  let records = 0;
  let pages = 0;
  let references = 0;
  let dns = 0;
  for await (const page of listPostureInfo(client, policyId, { pageSize: 200, maxPages: 3, showRemediation: true })) {
    assert.ok(page.ok, page.ok ? '' : page.error.message);
    pages++;
    records += page.value.records.length;
    references += [...page.value.controls.values()].filter((c) => c.reference).length;
    dns += [...page.value.hosts.values()].filter((h) => h.dnsData).length;
  }
  assert.ok(pages >= 2 && records > 0 && references > 0 && dns > 0, `${pages} pages, ${records} records, ${references} refs, ${dns} dns`);
});

test('simulator: option profile export, then import of the exported document', async () => {
  const sim = (await simPromise);
  const client = simClient(sim);
  const exported = await exportOptionProfiles(client);
  assert.ok(exported.ok, exported.ok ? '' : exported.error.message);
  assert.match(exported.value, /<OPTION_PROFILES>/);
  const imported = await importOptionProfiles(client, exported.value);
  assert.ok(imported.ok, imported.ok ? '' : imported.error.message);
  assert.match(imported.value.text ?? '', /Successfully imported/);
  assert.ok(imported.value.items.length > 0);
});

test('simulator: PCRS token once, host IDs, gzip postureInfo with evidence and every batch', async () => {
  const sim = (await simPromise);
  const client = simClient(sim);
  const policyId = await firstPolicyId(sim);
  const ids = await resolvePostureHostIds(client, [policyId]);
  assert.ok(ids.ok, ids.ok ? '' : ids.error.message);
  assert.ok(ids.value[0]!.hostIds.length > 0);
  const from = sim.requests.length;
  const posture = await fetchPcrsPosture(client, ids.value, { evidence: true });
  assert.ok(posture.ok, posture.ok ? '' : posture.error.message);
  assert.ok(posture.value.records.length > 0);
  assert.ok(posture.value.complete, `batches ${posture.value.batches.length} of ${posture.value.totalBatches}`);
  assert.ok(posture.value.records.some((r) => r.evidence));
  assert.deepEqual(requestsSince(sim, from).map((u) => u.split('?')[0]), ['/pcrs/1.0/posture/postureInfo']);
  assert.match(requestsSince(sim, from)[0]!, /compressionRequired=1/);
  assert.equal(gatewayTokens(client).issued, 1);
});

test('simulator: send returns any answer, Qualys errors included', async () => {
  const sim = (await simPromise);
  const client = simClient(sim);
  const okAnswer = await send(client, { method: 'GET', url: '/api/2.0/fo/asset/host/?action=list&truncation_limit=1' });
  assert.ok(okAnswer.ok);
  assert.equal(okAnswer.value.status, 200);
  assert.match(okAnswer.value.body, /<HOST_LIST_OUTPUT>/);
  const bad = await send(client, { method: 'GET', url: '/api/2.0/fo/asset/host/?action=list&bogus_param=1' });
  assert.ok(bad.ok);
  assert.equal(bad.value.qualysError?.code, '1901');
  const gateway = await send(client, { method: 'GET', url: '/pcrs/1.0/posture/hostids', query: { policyId: await firstPolicyId(sim) } });
  assert.ok(gateway.ok);
  assert.equal(gateway.value.status, 200);
});

test('simulator: wrong credentials are an auth error that does not echo them', async () => {
  const sim = (await simPromise);
  const result = await listAuthRecordTypes(simClient(sim, { password: 'Wrong-Pa55' }));
  assert.equal(!result.ok && result.error.kind, 'auth');
  assert.doesNotMatch(JSON.stringify(result), /Wrong-Pa55/);
});

test('simulator: QPS through send — a created agent configuration, INVALID_REQUEST and INVALID_CREDENTIALS with HTTP 200', async () => {
  const sim = (await simPromise);
  const body = `<?xml version="1.0" encoding="UTF-8"?><ServiceRequest><data><AgentConfig><name>Config profile created using api</name><description>done using api</description><isDefault>0</isDefault><suspendScanning>false</suspendScanning></AgentConfig></data></ServiceRequest>`;
  const request = { method: 'POST', url: '/qps/rest/1.0/create/ca/agentconfig/', body, headers: { 'content-type': 'text/xml' } };
  const created = await send(simClient(sim), request);
  assert.ok(created.ok, created.ok ? '' : created.error.message);
  assert.equal(created.value.mutating, true);
  assert.equal(created.value.qualysError, undefined, created.value.body);
  assert.match(created.value.body, /<responseCode>SUCCESS<\/responseCode>/);
  const invalid = await send(simClient(sim), { ...request, body: '<ServiceRequest><data/></ServiceRequest>' });
  assert.ok(invalid.ok);
  assert.deepEqual([invalid.value.status, invalid.value.qualysError?.code], [200, 'INVALID_REQUEST']);
  const refused = await send(simClient(sim, { password: 'Wrong-Pa55' }), request);
  assert.ok(refused.ok);
  assert.deepEqual([refused.value.status, refused.value.qualysError?.kind, refused.value.qualysError?.code], [200, 'auth', 'INVALID_CREDENTIALS']);
});
