import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { listAppliances, listAssetGroups, listNetworks } from '../../../client/src/api';
import { parseApplianceList, parseAssetGroupList, parseNetworkList } from '../../../client/src/api/parse/assetLists';
import { startSimulator } from '../../../simulator/src/index';
import { SIM_PASSWORD, SIM_USER, simClient } from './support/simClient';

// Shaped like a recorded asset group list (DOCTYPE, CDATA title, a comment after the root element).
const GROUPS = `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE ASSET_GROUP_LIST_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/asset/group/asset_group_list_output.dtd">
<ASSET_GROUP_LIST_OUTPUT><RESPONSE><DATETIME>2016-10-05T19:00:22Z</DATETIME><ASSET_GROUP_LIST>
  <ASSET_GROUP><ID>1759735</ID><TITLE><![CDATA[AG - Elastic Cloud]]></TITLE><BUSINESS_IMPACT><![CDATA[High]]></BUSINESS_IMPACT>
    <DEFAULT_APPLIANCE_ID>43575</DEFAULT_APPLIANCE_ID><APPLIANCE_IDS>43576, 43575</APPLIANCE_IDS>
    <IP_SET><IP_RANGE>10.10.10.0-10.10.10.1</IP_RANGE><IP>10.10.10.14</IP></IP_SET></ASSET_GROUP>
  <ASSET_GROUP><ID>1759736</ID></ASSET_GROUP>
</ASSET_GROUP_LIST><WARNING><CODE>1980</CODE><TEXT>2 record limit exceeded.</TEXT><URL><![CDATA[https://qualysapi.qualys.com/api/2.0/fo/asset/group/?action=list&truncation_limit=2&id_min=1759737]]></URL></WARNING>
</RESPONSE></ASSET_GROUP_LIST_OUTPUT>
<!-- CONFIDENTIAL AND PROPRIETARY INFORMATION. //-->`;

test('asset group list: IDs, titles, appliances, IP items and the paging warning', () => {
  const page = parseAssetGroupList(GROUPS);
  assert.ok(page.ok);
  assert.deepEqual(page.value.groups, [
    { id: '1759735', title: 'AG - Elastic Cloud', businessImpact: 'High', applianceIds: ['43576', '43575'], defaultApplianceId: '43575', ips: ['10.10.10.14', '10.10.10.0-10.10.10.1'] },
    { id: '1759736', applianceIds: [], ips: [] },
  ]);
  assert.equal(page.value.warning?.code, '1980');
  assert.match(page.value.warning?.url ?? '', /id_min=1759737/);
});

test('appliance and network lists; the network list also as the documented sample roots it (RESPONSE)', () => {
  const appliances = parseApplianceList('<APPLIANCE_LIST_OUTPUT><RESPONSE><DATETIME>x</DATETIME><APPLIANCE_LIST><APPLIANCE><ID>506</ID><UUID>u</UUID><NAME><![CDATA[scan1]]></NAME><SOFTWARE_VERSION>1</SOFTWARE_VERSION><RUNNING_SLICES_COUNT>0</RUNNING_SLICES_COUNT><RUNNING_SCAN_COUNT>2</RUNNING_SCAN_COUNT><STATUS>Online</STATUS></APPLIANCE></APPLIANCE_LIST></RESPONSE></APPLIANCE_LIST_OUTPUT>');
  assert.ok(appliances.ok);
  assert.deepEqual(appliances.value, [{ id: '506', name: 'scan1', uuid: 'u', status: 'Online', runningScans: 2 }]);
  const sample = '<!DOCTYPE NETWORK_LIST SYSTEM "https://qualysapi.qualys.com/network_list_output.dtd"><RESPONSE><DATETIME>2013-07-28T01:06:45Z</DATETIME><NETWORK_LIST><NETWORK><ID>7343</ID><NAME><![CDATA[My New Network]]></NAME><SCANNER_APPLIANCE_LIST><SCANNER_APPLIANCE><ID>1234</ID><FRIENDLY_NAME><![CDATA[abc123]]></FRIENDLY_NAME></SCANNER_APPLIANCE></SCANNER_APPLIANCE_LIST></NETWORK></NETWORK_LIST></RESPONSE>';
  const networks = parseNetworkList(sample);
  assert.ok(networks.ok);
  assert.deepEqual(networks.value, [{ id: '7343', name: 'My New Network', applianceIds: ['1234'] }]);
  const wrong = parseNetworkList('<HOST_LIST_OUTPUT><RESPONSE/></HOST_LIST_OUTPUT>');
  assert.ok(!wrong.ok && wrong.error.kind === 'malformed');
  const cut = parseAssetGroupList(GROUPS.slice(0, 400));
  assert.ok(!cut.ok && cut.error.kind === 'malformed');
});

test('against the simulator: asset groups page by ID, appliances and networks list, all read-only', async () => {
  const sim = await startSimulator({ port: 0, hosts: 40, user: SIM_USER, password: SIM_PASSWORD });
  const client = simClient(sim);
  try {
    const pages: string[][] = [];
    for await (const page of listAssetGroups(client, { pageSize: 1 })) {
      assert.ok(page.ok);
      pages.push(page.value.groups.map((g) => g.id));
    }
    assert.deepEqual(pages, [['4580719'], ['4580720'], ['4580721']]);
    const limited: number[] = [];
    for await (const page of listAssetGroups(client, { pageSize: 1, maxPages: 2 })) if (page.ok) limited.push(page.value.index);
    assert.deepEqual(limited, [0, 1]);
    const appliances = await listAppliances(client);
    assert.ok(appliances.ok);
    assert.deepEqual(appliances.value.map((a) => [a.id, a.name, a.type]), [['43575', 'scanner-dc1', 'Physical'], ['43576', 'scanner-dmz', 'Virtual'], ['43577', 'scanner-cloud', 'Virtual']]);
    const networks = await listNetworks(client);
    assert.ok(networks.ok);
    assert.deepEqual(networks.value.map((n) => [n.id, n.applianceIds]), [['0', ['43575']], ['1001', ['43576']], ['1002', ['43577']]]);
    sim.setFaults({ storm409: 'rate' });
    const refused = await listAppliances(client);
    assert.ok(!refused.ok && refused.error.code === '1965');
  } finally {
    await client.close();
    await sim.close();
  }
});
