import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { parseHostList } from '../../../client/src/api/parse/hostList';
import { fixture } from './support/fakeQualys';

function page(body: string) {
  const result = parseHostList(body);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

// Seed 000, "Sample - List Host Attributes": user-defined fields with ud_attr and glossary labels.
const SEED_HOST_LIST = `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE HOST_LIST_OUTPUT SYSTEM "http://qualysapi.qualys.com/api/2.0/fo/asset/host/dtd/output.dtd">
<HOST_LIST_OUTPUT>
  <RESPONSE>
    <DATETIME>2021-02-01T08:23:10Z</DATETIME>
    <HOST_LIST>
      <HOST>
        <ID>138033</ID>
        <IP>10.115.75.11</IP>
        <TRACKING_METHOD>IP</TRACKING_METHOD>
        <NETWORK_ID>0</NETWORK_ID>
        <DNS>
          <![CDATA[10-115-75-11.bogus.tld]]>
        </DNS>
        <DNS_DATA>
          <HOSTNAME><![CDATA[10-115-75-11]]></HOSTNAME>
          <DOMAIN><![CDATA[bogus.tld]]></DOMAIN>
          <FQDN><![CDATA[10-115-75-11.bogus.tld]]></FQDN>
        </DNS_DATA>
        <NETBIOS><![CDATA[SYS_10_115_75_11]]></NETBIOS>
        <OS><![CDATA[Windows 2000 Server Service Pack 4]]></OS>
        <TAGS><TAG><TAG_ID>7514462</TAG_ID><NAME><![CDATA[WindowsOS]]></NAME></TAG></TAGS>
        <LAST_VULN_SCAN_DATETIME>2018-01-
12T08:17:14Z</LAST_VULN_SCAN_DATETIME>
        <LAST_VM_SCANNED_DURATION>139</LAST_VM_SCANNED_DURATION>
        <USER_DEF>
          <VALUE_1 ud_attr="Location"><![CDATA[Test_location]]></VALUE_1>
          <VALUE_2 ud_attr="Test attribute"><![CDATA[Test_function]]></VALUE_2>
          <VALUE_3><![CDATA[Test_asset_tag]]></VALUE_3>
        </USER_DEF>
      </HOST>
    </HOST_LIST>
    <GLOSSARY>
      <USER_DEF>
        <LABEL_1><![CDATA[Location]]></LABEL_1>
        <LABEL_2><![CDATA[Test attribute]]></LABEL_2>
        <LABEL_3><![CDATA[Asset Tag]]></LABEL_3>
      </USER_DEF>
    </GLOSSARY>
  </RESPONSE>
</HOST_LIST_OUTPUT>`;

test('host list: DNS_DATA, tags, user-defined fields labelled by ud_attr or the glossary, wrapped dates joined', () => {
  const { hosts, userDefinedLabels } = page(SEED_HOST_LIST);
  assert.equal(hosts.length, 1);
  const host = hosts[0]!;
  assert.equal(host.id, '138033');
  assert.equal(host.dns, '10-115-75-11.bogus.tld');
  assert.deepEqual(host.dnsData, { hostname: '10-115-75-11', domain: 'bogus.tld', fqdn: '10-115-75-11.bogus.tld' });
  assert.deepEqual(host.tags, [{ id: '7514462', name: 'WindowsOS' }]);
  assert.equal(host.lastVulnScan, '2018-01-12T08:17:14Z');
  assert.equal(host.lastVmScannedDurationSec, 139);
  assert.deepEqual(host.userDefined, [
    { index: 1, label: 'Location', value: 'Test_location' },
    { index: 2, label: 'Test attribute', value: 'Test_function' },
    { index: 3, label: 'Asset Tag', value: 'Test_asset_tag' },
  ]);
  assert.deepEqual(userDefinedLabels, { 1: 'Location', 2: 'Test attribute', 3: 'Asset Tag' });
});

test('host list: EC2 cloud metadata from the official sample (no XML declaration, PDF-wrapped names)', () => {
  const { hosts } = page(fixture('host_list_ec2_metadata.qualys-doc-sample.xml'));
  const host = hosts[0]!;
  assert.equal(host.trackingMethod, 'EC2');
  assert.equal(host.ec2InstanceId, 'i-0bb87c3281243cdfd');
  assert.deepEqual(
    host.metadata.map((m) => [m.provider, m.name, m.value]),
    [
      ['EC2', 'latest/dynamic/instance-identity/document/region', 'us-east-1'],
      ['EC2', 'latest/dynamic/instance-identity/document/instanceId', 'i-0bb87c3281243cdfd'],
      ['EC2', 'latest/dynamic/instance-identity/document/accountId', '205767712438'],
    ],
  );
  assert.equal(host.lastComplianceScan, '2017-03-21T13:21:51Z');
});

test('host list: the WARNING/URL of a truncated page is kept for paging', () => {
  const result = page(fixture('host_list_truncated_warning.constructed.xml'));
  assert.equal(result.warning?.code, '1980');
  assert.equal(result.warning?.url, 'https://qualysapi.qualys.com/api/2.0/fo/asset/host/?action=list&id_min=2400356');
});

test('host list: recorded bodies with comments after the root; details=None gives an ID_SET', () => {
  assert.deepEqual(page(fixture('host_list_empty.recorded.xml')).hosts, []);
  assert.deepEqual(page(fixture('host_list_details_none_id_set.recorded.xml')).ids, ['107800671']);
});

test('host list: a body cut short is malformed, not a shorter list', () => {
  const cut = SEED_HOST_LIST.slice(0, SEED_HOST_LIST.indexOf('</HOST_LIST>'));
  const result = parseHostList(cut);
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.kind, 'malformed');
});

test('host list: a DOCTYPE declaring entities is refused and nothing is expanded', () => {
  const bomb = `<?xml version="1.0"?><!DOCTYPE HOST_LIST_OUTPUT [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><HOST_LIST_OUTPUT><RESPONSE><DATETIME>&b;</DATETIME></RESPONSE></HOST_LIST_OUTPUT>`;
  const result = parseHostList(bomb);
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.error.message : '', /entities/);
});

test('host list: another document kind is malformed with its root named', () => {
  const result = parseHostList(fixture('simple_return_success_assign_network.qualys-doc-sample.xml'));
  assert.equal(!result.ok && result.error.message, 'Expected HOST_LIST_OUTPUT, got SIMPLE_RETURN.');
});

test('host list: predefined and character references are decoded, however many a page holds', () => {
  let hosts = '';
  for (let id = 1; id <= 3000; id++) hosts += `<HOST><ID>${id}</ID><OS>Windows &amp; co &lt;R2&gt; &#65;&#x42;</OS></HOST>`;
  const result = page(`<HOST_LIST_OUTPUT><RESPONSE><DATETIME>x</DATETIME><HOST_LIST>${hosts}</HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>`);
  assert.equal(result.hosts.length, 3000);
  assert.equal(result.hosts[2999]!.os, 'Windows & co <R2> AB');
});

test('host list: entity declarations are found behind a long comment too', () => {
  const hidden = `<?xml version="1.0"?><!-- ${'<padding> '.repeat(1000)} --><!DOCTYPE HOST_LIST_OUTPUT [<!ENTITY a "x">]><HOST_LIST_OUTPUT><RESPONSE><DATETIME>&a;</DATETIME></RESPONSE></HOST_LIST_OUTPUT>`;
  const result = parseHostList(hidden);
  assert.equal(!result.ok && result.error.kind, 'unsafe-xml');
  assert.ok(parseHostList(`<!DOCTYPE HOST_LIST_OUTPUT [<!ELEMENT HOST_LIST_OUTPUT ANY>]><HOST_LIST_OUTPUT><RESPONSE><DATETIME>x</DATETIME></RESPONSE></HOST_LIST_OUTPUT>`).ok);
});
