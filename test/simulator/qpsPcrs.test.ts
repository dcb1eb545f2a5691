import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { gunzipSync } from 'node:zlib';
import { call, jwt, withSim } from './helpers';
import type { RunningSimulator } from '../../simulator/src/index';

const AGENT_CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<ServiceRequest><data><AgentConfig><name>Config profile created using api</name><description>done using api</description><priority></priority><isDefault>0</isDefault><suspendScanning>false</suspendScanning>
<blackoutConfig><settings><list><BlackoutConfig><startHour>10</startHour><endHour>16</endHour><monday>0</monday></BlackoutConfig></list></settings></blackoutConfig>
<performanceProfile><settings><list><PerformanceLevelSettings><key>CPU_LIMIT</key><value>20</value></PerformanceLevelSettings></list></settings></performanceProfile>
</AgentConfig></data></ServiceRequest>`;

test('QPS agent config create echoes the profile with an id (seed 003); search finds it; bad XML is INVALID_REQUEST', async () => {
  await withSim({}, async (sim) => {
    const r = await call(sim, '/qps/rest/1.0/create/ca/agentconfig/', { body: AGENT_CONFIG, headers: { 'Content-Type': 'text/xml' } });
    assert.equal(r.status, 200);
    assert.match(r.text, /<ServiceResponse [^>]*agentconfig.xsd">\s*<responseCode>SUCCESS<\/responseCode>\s*<count>1<\/count>\s*<data>\s*<AgentConfig>\s*<id>\d+<\/id>\s*<name>Config profile created using api<\/name>/);
    assert.match(r.text, /<performanceProfile>[\s\S]*<key>CPU_LIMIT<\/key>/);
    assert.ok(r.headers.get('x-ratelimit-limit'));
    const s = await call(sim, '/qps/rest/1.0/search/ca/agentconfig/', { body: '<ServiceRequest><filters><Criteria field="name" operator="CONTAINS">Config</Criteria></filters></ServiceRequest>', headers: { 'Content-Type': 'text/xml' } });
    assert.match(s.text, /<count>1<\/count>/);
    const bad = await call(sim, '/qps/rest/1.0/create/ca/agentconfig/', { body: '<ServiceRequest><data>', headers: { 'Content-Type': 'text/xml' } });
    assert.match(bad.text, /<responseCode>INVALID_REQUEST<\/responseCode>/);
    const unauth = await call(sim, '/qps/rest/1.0/create/ca/agentconfig/', { body: AGENT_CONFIG, headers: { Authorization: 'Basic eDp5' } });
    assert.equal(unauth.status, 200);
    assert.match(unauth.text, /<responseCode>INVALID_CREDENTIALS<\/responseCode>/);
  });
});

test('QPS AWS connector create (GovCloud sample, seed 003) and the allRegions rule', async () => {
  await withSim({}, async (sim) => {
    const body = (all: boolean) => `<?xml version="1.0" encoding="UTF-8" ?><ServiceRequest><data><AwsAssetDataConnector><name>gov-cloud</name><activation><set><ActivationModule>VM</ActivationModule><ActivationModule>PC</ActivationModule></set></activation><isGovCloudConfigured>true</isGovCloudConfigured><authRecord><id>134601</id></authRecord><allRegions>${all}</allRegions><disabled>false</disabled></AwsAssetDataConnector></data></ServiceRequest>`;
    const r = await call(sim, '/qps/rest/2.0/create/awsassetdataconnector', { body: body(false), headers: { 'Content-Type': 'text/xml' } });
    assert.match(r.text, /<responseCode>SUCCESS<\/responseCode>[\s\S]*<connectorState>PENDING<\/connectorState>[\s\S]*<ActivationModule>PC<\/ActivationModule>[\s\S]*<regionCode>us-gov-west-1<\/regionCode>/);
    const bad = await call(sim, '/qps/rest/2.0/create/awsassetdataconnector', { body: body(true), headers: { 'Content-Type': 'text/xml' } });
    assert.match(bad.text, /INVALID_REQUEST[\s\S]*allRegions/);
  });
});


test('gateway POST /auth issues a JWT as text (201); bad credentials get the PCRS 401 body', async () => {
  await withSim({}, async (sim) => {
    const ok = await jwt(sim);
    assert.equal(ok.status, 201);
    const token = await ok.text();
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const bad = await jwt(sim, 'wrong');
    assert.equal(bad.status, 401);
    assert.ok(JSON.stringify(await bad.json()).includes('InvalidCredentialsException'));
  });
});

async function pcrs(sim: RunningSimulator, token: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(sim.gatewayUrl + path, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) } });
}

test('PCRS flow: policy list, hostids, postureInfo gzip by default with currentBatch/totalBatches, evidence on request', async () => {
  await withSim({ hosts: 100, policies: 3 }, async (sim) => {
    const token = await (await jwt(sim)).text();
    const pl = (await (await pcrs(sim, token, '/pcrs/1.0/posture/policy/list')).json()) as { subscriptionId: string; policyList: { id: string; title: string }[] };
    assert.equal(pl.policyList.length, 3);
    const pid = pl.policyList[0].id;
    const hostIds = (await (await pcrs(sim, token, `/pcrs/1.0/posture/hostids?policyId=${pid},424242`)).json()) as { policyId: string; hostIds: string[]; error?: string }[];
    assert.equal(hostIds.length, 2);
    assert.ok(hostIds[0].hostIds.length > 0);
    assert.equal(hostIds[1].error, 'Error: Compliance Policy does not exist.');
    const body = JSON.stringify([hostIds[0]]);
    const gz = await pcrs(sim, token, '/pcrs/1.0/posture/postureInfo', { method: 'POST', body });
    assert.equal(gz.status, 200);
    const raw = Buffer.from(await gz.arrayBuffer());
    assert.equal(raw[0], 0x1f);
    assert.equal(raw[1], 0x8b);
    const records = JSON.parse(gunzipSync(raw).toString('utf8')) as Record<string, unknown>[];
    assert.ok(records.length > 0);
    assert.equal(records[0].currentBatch, 1);
    assert.equal(records[0].evidence, null);
    assert.ok(['Passed', 'Failed', 'Error'].includes(String(records[0].status)));
    for (const k of ['policyId', 'controlId', 'controlStatement', 'rationale', 'remediation', 'controlReference', 'hostId', 'ip', 'trackingMethod', 'osCpe', 'technology', 'criticality', 'causeOfFailure', 'totalBatches']) assert.ok(k in records[0], k);
    const plain = await pcrs(sim, token, '/pcrs/1.0/posture/postureInfo?evidenceRequired=1&compressionRequired=0', { method: 'POST', body });
    const withEvidence = (await plain.json()) as { evidence: { currentValues: string[] } }[];
    assert.equal(withEvidence.length, records.length);
    assert.ok(Array.isArray(withEvidence[0].evidence.currentValues));
  });
});

test('PCRS errors follow the reference samples: bad parameter 404, non-numeric policy 400/1905, no or forged token 401', async () => {
  await withSim({}, async (sim) => {
    const token = await (await jwt(sim)).text();
    const badEvidence = await pcrs(sim, token, '/pcrs/1.0/posture/postureInfo?evidenceRequired=2', { method: 'POST', body: '[]' });
    assert.equal(badEvidence.status, 404);
    assert.deepEqual(await badEvidence.json(), { message: 'Invalid input Parameter.' });
    const badId = await pcrs(sim, token, '/pcrs/1.0/posture/hostids?policyId=4199751a');
    assert.equal(badId.status, 400);
    const j = (await badId.json()) as { response: { code: number; text: string } }[];
    assert.equal(j[0].response.code, 1905);
    const none = await fetch(`${sim.gatewayUrl}/pcrs/1.0/posture/policy/list`);
    assert.equal(none.status, 401);
    assert.deepEqual(await none.json(), { status: 401, error: 'Unauthorized', message: 'Not authenticated' });
    const forged = await pcrs(sim, `${token.slice(0, -2)}xx`, '/pcrs/1.0/posture/policy/list');
    assert.equal(forged.status, 401);
  });
});

// A token of its own with a one-second life: the wait can only make it more expired, so a slow
// machine cannot turn this check into a flake (the checks above use a token that outlives them).
test('PCRS: an expired token is 401 "JWT expired"', async () => {
  await withSim({ jwtLifetimeSec: 1 }, async (sim) => {
    const token = await (await jwt(sim)).text();
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await pcrs(sim, token, '/pcrs/1.0/posture/policy/list');
    assert.equal(expired.status, 401);
    assert.deepEqual(await expired.json(), { status: 401, error: 'Unauthorized', message: 'JWT expired' });
  });
});


test('PCRS postureInfo over 1000 records: batches of 1000 numbered in every record, gzip streamed and whole', async () => {
  await withSim({ hosts: 800, policies: 1 }, async (sim) => {
    const token = await (await jwt(sim)).text();
    const pid = ((await (await pcrs(sim, token, '/pcrs/1.0/posture/policy/list')).json()) as { policyList: { id: string }[] }).policyList[0].id;
    const hostIds = await (await pcrs(sim, token, `/pcrs/1.0/posture/hostids?policyId=${pid}`)).text();
    const raw = Buffer.from(await (await pcrs(sim, token, '/pcrs/1.0/posture/postureInfo', { method: 'POST', body: hostIds })).arrayBuffer());
    const records = JSON.parse(gunzipSync(raw).toString('utf8')) as { currentBatch: number; totalBatches: number; id: number }[];
    const batches = Math.ceil(records.length / 1000);
    assert.ok(batches >= 2, `${records.length} records`);
    assert.ok(records.every((r) => r.totalBatches === batches));
    assert.equal(records[999].currentBatch, 1);
    assert.equal(records[1000].currentBatch, 2);
    assert.equal(records[records.length - 1].currentBatch, batches);
    assert.equal(new Set(records.map((r) => r.id)).size, records.length);
  });
});
