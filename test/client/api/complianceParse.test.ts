import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { parsePolicyList } from '../../../client/src/api/parse/policyList';
import { parsePostureInfo } from '../../../client/src/api/parse/postureInfo';

// Seed 000, "Sample - Compliance Policy List API".
const POLICY_LIST = `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE POLICY_LIST_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/compliance/policy/policy_list_output.dtd">
<POLICY_LIST_OUTPUT><RESPONSE><DATETIME>2021-03-10T09:35:50Z</DATETIME><POLICY_LIST><POLICY>
  <ID>602547</ID><TITLE><![CDATA[Policy_include_exclude_tag]]></TITLE>
  <CREATED><DATETIME>2021-03-02T09:38:37Z</DATETIME><BY>joe_user</BY></CREATED>
  <LAST_MODIFIED><DATETIME>2021-03-09T12:50:13Z</DATETIME><BY>joe_user</BY></LAST_MODIFIED>
  <LAST_EVALUATED><DATETIME>2021-03-10T07:09:00Z</DATETIME></LAST_EVALUATED>
  <STATUS><![CDATA[active]]></STATUS><IS_LOCKED>0</IS_LOCKED><EVALUATE_NOW><![CDATA[yes]]></EVALUATE_NOW>
  <TAG_SET_INCLUDE><TAG_ID>13591447</TAG_ID><TAG_ID>13591220</TAG_ID></TAG_SET_INCLUDE><TAG_INCLUDE_SELECTOR>ANY</TAG_INCLUDE_SELECTOR>
  <TAG_SET_EXCLUDE><TAG_ID>13693612</TAG_ID><TAG_ID>13591221</TAG_ID></TAG_SET_EXCLUDE><TAG_EXCLUDE_SELECTOR>ALL</TAG_EXCLUDE_SELECTOR>
  <CONTROL_LIST><CONTROL><ID>1073</ID><STATEMENT><![CDATA[Status of the 'Maximum Password Age' setting (expiration) / Accounts having the 'password never expires' flag set]]></STATEMENT>
    <CRITICALITY><LABEL><![CDATA[URGENT]]></LABEL><VALUE>5</VALUE></CRITICALITY></CONTROL></CONTROL_LIST>
</POLICY></POLICY_LIST>
<GLOSSARY><ASSET_TAG_LIST>
  <ASSET_INCLUDE_TAG_LIST><TAG><TAG_ID>13591447</TAG_ID><TAG_NAME>win12_10.11.70.173</TAG_NAME></TAG><TAG><TAG_ID>13591220</TAG_ID><TAG_NAME>Win2k3AD_10.10.25.235</TAG_NAME></TAG></ASSET_INCLUDE_TAG_LIST>
  <ASSET_EXCLUDE_TAG_LIST><TAG><TAG_ID>13693612</TAG_ID><TAG_NAME>win2k8</TAG_NAME></TAG><TAG><TAG_ID>13591221</TAG_ID><TAG_NAME>Centos6</TAG_NAME></TAG></ASSET_EXCLUDE_TAG_LIST>
</ASSET_TAG_LIST></GLOSSARY></RESPONSE></POLICY_LIST_OUTPUT>`;

test('policy list: include and exclude tags named from the glossary, selectors, controls', () => {
  const result = parsePolicyList(POLICY_LIST);
  assert.ok(result.ok);
  const [policy] = result.value.policies;
  assert.equal(policy!.title, 'Policy_include_exclude_tag');
  assert.deepEqual(policy!.tagInclude, [{ id: '13591447', name: 'win12_10.11.70.173' }, { id: '13591220', name: 'Win2k3AD_10.10.25.235' }]);
  assert.equal(policy!.tagIncludeSelector, 'ANY');
  assert.deepEqual(policy!.tagExclude, [{ id: '13693612', name: 'win2k8' }, { id: '13591221', name: 'Centos6' }]);
  assert.equal(policy!.tagExcludeSelector, 'ALL');
  assert.equal(policy!.lastEvaluated, '2021-03-10T07:09:00Z');
  assert.equal(policy!.isLocked, false);
  assert.deepEqual(policy!.controls[0]!.criticality, { label: 'URGENT', value: 5 });
});

// Seed 000, posture info XML samples (CIS reference, DNS_DATA), with an INFO record and remediation added.
const POSTURE = `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE POSTURE_INFO_LIST_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/compliance/posture/info/posture_info_list_output.dtd">
<POSTURE_INFO_LIST_OUTPUT><RESPONSE><DATETIME>2021-02-24T09:27:22Z</DATETIME>
<INFO_LIST><INFO><ID>1</ID><HOST_ID>1574730</HOST_ID><CONTROL_ID>9705</CONTROL_ID><TECHNOLOGY_ID>43</TECHNOLOGY_ID><INSTANCE>os</INSTANCE>
  <STATUS>Failed</STATUS><POSTURE_MODIFIED_DATE>2021-02-24T05:37:44Z</POSTURE_MODIFIED_DATE>
  <EVIDENCE><BOOLEAN_EXPR><![CDATA[cramfs loaded]]></BOOLEAN_EXPR><DPV_LIST><DPV><LABEL><![CDATA[lsmod]]></LABEL><V><![CDATA[cramfs]]></V></DPV></DPV_LIST></EVIDENCE>
</INFO></INFO_LIST>
<GLOSSARY>
  <HOST_LIST><HOST><ID>1574730</ID><IP network_id="0">10.10.10.10</IP><TRACKING_METHOD>IP</TRACKING_METHOD>
    <DNS><![CDATA[centos.sample.qualys.com]]></DNS>
    <DNS_DATA><HOSTNAME><![CDATA[centos]]></HOSTNAME><DOMAIN><![CDATA[sample.qualys.com]]></DOMAIN><FQDN><![CDATA[centos.sample.qualys.com]]></FQDN></DNS_DATA>
    <OS><![CDATA[CentOS Linux 6.0]]></OS><LAST_COMPLIANCE_SCAN_DATETIME>2021-02-
24T05:37:44Z</LAST_COMPLIANCE_SCAN_DATETIME><PERCENTAGE><![CDATA[62.50% (280 of 448)]]></PERCENTAGE></HOST></HOST_LIST>
  <CONTROL_LIST><CONTROL><ID>9705</ID><STATEMENT><![CDATA[Status of the cramfs Filesystems
(modprobe)]]></STATEMENT><CRITICALITY><LABEL><![CDATA[MEDIUM]]></LABEL><VALUE>2</VALUE></CRITICALITY>
    <REFERENCE><![CDATA[1.1.1.1.a]]></REFERENCE>
    <RATIONALE_LIST><RATIONALE><TECHNOLOGY_ID>43</TECHNOLOGY_ID><TEXT><![CDATA[The cramfs filesystem type is a compressed read-only Linux filesystem.]]></TEXT></RATIONALE></RATIONALE_LIST>
    <REMEDIATION_LIST><REMEDIATION><TECHNOLOGY_ID>43</TECHNOLOGY_ID><TEXT><![CDATA[install cramfs /bin/true]]></TEXT></REMEDIATION></REMEDIATION_LIST>
  </CONTROL></CONTROL_LIST>
</GLOSSARY></RESPONSE></POSTURE_INFO_LIST_OUTPUT>`;

test('posture info: records with evidence, glossary hosts with DNS_DATA, controls with reference, rationale and remediation', () => {
  const result = parsePostureInfo(POSTURE);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const { records, hosts, controls } = result.value;
  assert.equal(records[0]!.status, 'Failed');
  assert.equal(records[0]!.hostId, '1574730');
  assert.equal(records[0]!.evidence, 'cramfs loaded\nlsmod\ncramfs');
  assert.deepEqual(records[0]!.evidenceParts, { expression: 'cramfs loaded', values: [{ label: 'lsmod', value: 'cramfs' }] });
  const host = hosts.get('1574730')!;
  assert.deepEqual(host.dnsData, { hostname: 'centos', domain: 'sample.qualys.com', fqdn: 'centos.sample.qualys.com' });
  assert.equal(host.networkId, '0');
  assert.equal(host.lastComplianceScan, '2021-02-24T05:37:44Z');
  const control = controls.get('9705')!;
  assert.equal(control.reference, '1.1.1.1.a');
  assert.deepEqual(control.criticality, { label: 'MEDIUM', value: 2 });
  assert.equal(control.rationales[0]!.technologyId, '43');
  assert.deepEqual(control.remediations, [{ technologyId: '43', text: 'install cramfs /bin/true' }]);
});
