import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { call, dtdErrors, LOCAL_DTD, tagValues, withSim } from './helpers';

const dtd = (name: string) => join(LOCAL_DTD, name);

/** IPs of IP_SET items (IP and IP_RANGE) as numbers. */
function expand(xml: string): number[] {
  const toNumber = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const out: number[] = [];
  for (const m of xml.matchAll(/<(IP|IP_RANGE)>([^<]+)<\/\1>/g)) {
    const [a, b] = m[2]!.split('-');
    for (let n = toNumber(a!); n <= toNumber(b ?? a!); n++) out.push(n);
  }
  return out;
}

test('asset group list: IDs and titles, IP sets built from the hosts, DTD-valid with every attribute', async () => {
  await withSim({ hosts: 90 }, async (sim) => {
    const r = await call(sim, '/api/2.0/fo/asset/group/?action=list');
    assert.equal(r.status, 200);
    assert.match(r.text, /<!DOCTYPE ASSET_GROUP_LIST_OUTPUT SYSTEM "http:\/\/127\.0\.0\.1:\d+\/api\/2\.0\/fo\/asset\/group\/asset_group_list_output\.dtd">/);
    assert.deepEqual(tagValues(r.text, 'TITLE'), ['AG_Update', 'Datacenter Servers', 'Cloud Instances']);
    assert.equal(dtdErrors(r.text, dtd('asset_group_list_output.dtd')), '');
    const all = await call(sim, '/api/2.0/fo/asset/group/?action=list&show_attributes=All&echo_request=1');
    assert.equal(dtdErrors(all.text, dtd('asset_group_list_output.dtd')), '');
    for (const element of ['OWNER_ID', 'UNIT_ID', 'NETWORK_ID', 'LAST_UPDATE', 'BUSINESS_IMPACT', 'CVSS_ENVIRO_CDP', 'DEFAULT_APPLIANCE_ID', 'APPLIANCE_IDS', 'IP_SET', 'DOMAIN_LIST', 'DNS_LIST', 'HOST_IDS', 'COMMENTS', 'REQUEST']) {
      assert.match(all.text, new RegExp(`<${element}[ >]`), element);
    }
    // Each host is in exactly one group: the groups' IPs are the subscription's IPs, none twice.
    const ips = expand(all.text.slice(all.text.indexOf('<ASSET_GROUP_LIST>')));
    assert.equal(ips.length, 90);
    assert.equal(new Set(ips).size, 90);
    // A group's HOST_IDS are the hosts the host list gives for ag_ids.
    const groupHosts = /<ID>4580720<\/ID>[\s\S]*?<HOST_IDS>([^<]+)<\/HOST_IDS>/.exec(all.text)![1]!.split(', ');
    const hosts = await call(sim, '/api/2.0/fo/asset/host/?action=list&details=None&ag_ids=4580720&truncation_limit=0');
    assert.deepEqual(tagValues(hosts.text, 'ID'), groupHosts);
    const none = await call(sim, '/api/2.0/fo/asset/group/?action=list&show_attributes=None');
    assert.ok(!none.text.includes('<TITLE>') && tagValues(none.text, 'ID').length === 3);
  });
});

test('asset group list filters and pages with WARNING/URL id_min; a bad attribute is CODE 1905', async () => {
  await withSim({ hosts: 30 }, async (sim) => {
    const seen: string[] = [];
    let path: string | undefined = '/api/2.0/fo/asset/group/?action=list&truncation_limit=2&show_attributes=TITLE';
    let pages = 0;
    while (path) {
      const r = await call(sim, path);
      assert.equal(dtdErrors(r.text, dtd('asset_group_list_output.dtd')), '');
      pages++;
      seen.push(...[...r.text.matchAll(/<ASSET_GROUP>\s*<ID>(\d+)<\/ID>/g)].map((m) => m[1]!));
      const url = /<URL><!\[CDATA\[(.*?)\]\]><\/URL>/.exec(r.text)?.[1];
      if (url) assert.match(r.text, /<CODE>1980<\/CODE>/);
      path = url?.slice(sim.url.length);
    }
    assert.equal(pages, 2);
    assert.deepEqual(seen, ['4580719', '4580720', '4580721']);
    const byTitle = await call(sim, '/api/2.0/fo/asset/group/', { form: { action: 'list', title: 'Cloud Instances' } });
    assert.deepEqual(tagValues(byTitle.text, 'ID'), ['4580721']);
    const ids = await call(sim, '/api/2.0/fo/asset/group/?action=list&ids=4580719-4580720&show_attributes=None');
    assert.deepEqual(tagValues(ids.text, 'ID'), ['4580719', '4580720']);
    const bad = await call(sim, '/api/2.0/fo/asset/group/?action=list&show_attributes=TITLE,COLOUR');
    assert.equal(bad.status, 400);
    assert.match(bad.text, /<CODE>1905<\/CODE>[\s\S]*show_attributes/);
    const edit = await call(sim, '/api/2.0/fo/asset/group/', { form: { action: 'edit', id: '4580719', add_ips: '10.0.0.1' } });
    assert.match(edit.text, /<CODE>1905<\/CODE>[\s\S]*action=list only/);
  });
});

test('IP list: the host IPs compressed to ranges, filtered by ips and tracking method; DTD-valid', async () => {
  await withSim({ hosts: 300 }, async (sim) => {
    const r = await call(sim, '/api/2.0/fo/asset/ip/?action=list');
    assert.equal(dtdErrors(r.text, dtd('ip_list_output.dtd')), '');
    assert.match(r.text, /<IP_RANGE>10\.10\.0\.0-10\.10\.1\.43<\/IP_RANGE>/);
    assert.equal(expand(r.text).length, 300);
    const some = await call(sim, '/api/2.0/fo/asset/ip/', { form: { action: 'list', ips: '10.10.0.10-10.10.0.19', echo_request: '1' } });
    assert.equal(dtdErrors(some.text, dtd('ip_list_output.dtd')), '');
    assert.equal(expand(some.text).length, 10);
    const dns = await call(sim, '/api/2.0/fo/asset/ip/?action=list&tracking_method=DNS');
    const dnsHosts = await call(sim, '/api/2.0/fo/asset/host/?action=list&truncation_limit=0');
    const expected = [...dnsHosts.text.matchAll(/<IP>([^<]+)<\/IP>\s*<TRACKING_METHOD>DNS</g)].length;
    assert.ok(expected > 0);
    assert.equal(expand(dns.text).length, expected);
    const none = await call(sim, '/api/2.0/fo/asset/ip/?action=list&certview_enabled=1');
    assert.ok(!none.text.includes('<IP_SET>'));
    assert.equal(dtdErrors(none.text, dtd('ip_list_output.dtd')), '');
  });
});

test('excluded IP list and virtual host list answer the samples; DTD-valid', async () => {
  await withSim({ hosts: 50 }, async (sim) => {
    const all = await call(sim, '/api/2.0/fo/asset/excluded_ip/?action=list');
    assert.equal(dtdErrors(all.text, dtd('ip_list_output.dtd')), '');
    assert.deepEqual(tagValues(all.text, 'IP_RANGE'), ['10.10.0.5-10.10.0.6', '192.168.100.1-192.168.100.20']);
    const clipped = await call(sim, '/api/2.0/fo/asset/excluded_ip/?action=list&ips=10.10.0.6-10.10.0.9');
    assert.deepEqual(tagValues(clipped.text, 'IP'), ['10.10.0.6']);
    const vhosts = await call(sim, '/api/2.0/fo/asset/vhost/?action=list', { method: 'POST' });
    assert.equal(dtdErrors(vhosts.text, dtd('vhost_list_output.dtd')), '');
    assert.deepEqual(tagValues(vhosts.text, 'PORT'), ['443', '8080']);
  });
});

test('appliance list: brief and full, filters, scans and tags; network list with its appliances; DTD-valid', async () => {
  await withSim({ hosts: 20 }, async (sim) => {
    const brief = await call(sim, '/api/2.0/fo/appliance/?action=list');
    assert.equal(dtdErrors(brief.text, dtd('appliance_list_output.dtd')), '');
    assert.deepEqual(tagValues(brief.text, 'NAME'), ['scanner-dc1', 'scanner-dmz', 'scanner-cloud']);
    assert.ok(!brief.text.includes('<VLANS>'));
    const full = await call(sim, '/api/2.0/fo/appliance/', { form: { action: 'list', output_mode: 'full', scan_detail: '1', show_tags: '1' } });
    assert.equal(dtdErrors(full.text, dtd('appliance_list_output.dtd')), '');
    assert.match(full.text, /<VLANS>\s*<SETTING>Enabled<\/SETTING>\s*<VLAN>/);
    assert.match(full.text, /<RUNNING_SCANS>\s*<SCAN>[\s\S]*<REF>scan\/1767254400\.43576<\/REF>/);
    assert.match(full.text, /<ASSET_TAGS_LIST>\s*<ASSET_TAG>\s*<TAG_ID>\d+/);
    // The groups that name an appliance are its ASSET_GROUP_LIST.
    assert.match(full.text, /<NAME><!\[CDATA\[scanner-dmz\]\]><\/NAME>[\s\S]*?<ASSET_GROUP_COUNT>1<\/ASSET_GROUP_COUNT>\s*<ASSET_GROUP_LIST>\s*<ASSET_GROUP>\s*<ID>4580720<\/ID>/);
    const busy = await call(sim, '/api/2.0/fo/appliance/?action=list&busy=1');
    assert.deepEqual(tagValues(busy.text, 'NAME'), ['scanner-dmz']);
    const virtual = await call(sim, '/api/2.0/fo/appliance/?action=list&type=virtual&ids=43575-43577');
    assert.deepEqual(tagValues(virtual.text, 'ID'), ['43576', '43577']);
    const networks = await call(sim, '/api/2.0/fo/network/?action=list');
    assert.equal(dtdErrors(networks.text, dtd('network_list_output.dtd')), '');
    assert.deepEqual(tagValues(networks.text, 'NAME'), ['Global Default Network', 'DMZ', 'Datacenter West']);
    assert.match(networks.text, /<ID>1001<\/ID>\s*<NAME><!\[CDATA\[DMZ\]\]><\/NAME>\s*<SCANNER_APPLIANCE_LIST>\s*<SCANNER_APPLIANCE>\s*<ID>43576<\/ID>\s*<FRIENDLY_NAME><!\[CDATA\[scanner-dmz\]\]>/);
    const one = await call(sim, '/api/2.0/fo/network/?action=list&ids=1002');
    assert.deepEqual(tagValues(one.text, 'FRIENDLY_NAME'), ['scanner-cloud']);
    const unknown = await call(sim, '/api/2.0/fo/network/?action=list&name=x');
    assert.match(unknown.text, /<CODE>1901<\/CODE>/);
  });
});
