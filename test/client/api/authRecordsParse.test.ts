import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { parseAuthRecordList, parseAuthRecordTypes } from '../../../client/src/api/parse/authRecords';
import { parseBatchReturn } from '../../../client/src/api/parse/simpleReturn';
import { fixture } from './support/fakeQualys';

function records(type: string, body: string) {
  const result = parseAuthRecordList(type, body);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value.records;
}

// Seed 000, "List Unix Authentication Records" (tags), with an echoed password added to prove it is dropped.
const UNIX_WITH_TAGS = `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE AUTH_UNIX_LIST_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/auth/unix/dtd/auth_list_output.dtd">
<AUTH_UNIX_LIST_OUTPUT><RESPONSE><DATETIME>2021-03-11T00:47:13Z</DATETIME><AUTH_UNIX_LIST><AUTH_UNIX>
  <ID>204028</ID><TITLE><![CDATA[unix]]></TITLE><USERNAME><![CDATA[root]]></USERNAME>
  <PASSWORD><![CDATA[hunter2-echoed]]></PASSWORD>
  <SKIP_PASSWORD>0</SKIP_PASSWORD><CLEARTEXT_PASSWORD>0</CLEARTEXT_PASSWORD>
  <TARGET_TYPE><![CDATA[Auto (default)]]></TARGET_TYPE>
  <TAGS><TAG_TYPE>ip_range_tag_rule</TAG_TYPE>
    <TAGS_INCLUDE><SELECTOR>all</SELECTOR><TAG><ID>7515612</ID><NAME>UnixOS</NAME></TAG></TAGS_INCLUDE>
    <TAGS_EXCLUDE><SELECTOR>all</SELECTOR><TAG><ID>7514462</ID><NAME>AG123</NAME></TAG></TAGS_EXCLUDE>
  </TAGS>
  <NETWORK_ID>0</NETWORK_ID>
  <CREATED><DATETIME>2021-03-11T00:47:03Z</DATETIME><BY>joe_user</BY></CREATED>
  <LAST_MODIFIED><DATETIME>2021-03-11T00:47:03Z</DATETIME></LAST_MODIFIED>
</AUTH_UNIX></AUTH_UNIX_LIST></RESPONSE></AUTH_UNIX_LIST_OUTPUT>`;

test('auth records: asset-tag settings (TAG_TYPE, TAGS_INCLUDE/EXCLUDE, SELECTOR) are typed', () => {
  const [record] = records('unix', UNIX_WITH_TAGS);
  assert.deepEqual(record!.tags, {
    tagType: 'ip_range_tag_rule',
    include: { selector: 'all', tags: [{ id: '7515612', name: 'UnixOS' }] },
    exclude: { selector: 'all', tags: [{ id: '7514462', name: 'AG123' }] },
  });
  assert.deepEqual(record!.created, { datetime: '2021-03-11T00:47:03Z', by: 'joe_user' });
  assert.equal(record!.settings.TARGET_TYPE, 'Auto (default)');
});

test('auth records: an echoed password is dropped at parse time; the skip/cleartext flags stay', () => {
  const [record] = records('unix', UNIX_WITH_TAGS);
  assert.doesNotMatch(JSON.stringify(record), /hunter2/);
  assert.equal(record!.settings.PASSWORD, undefined);
  assert.equal(record!.settings.SKIP_PASSWORD, '0');
});

test('auth records: the official unix sample (vault, private keys) parses without any secret fields', () => {
  const [record] = records('unix', fixture('auth_unix_list.qualys-doc-sample.xml'));
  assert.equal(record!.id, '1116826922');
  assert.equal(record!.title, 'ssh2 record');
  assert.deepEqual(record!.ips, ['10.10.35.253']);
  assert.equal(record!.port, '22, 23');
  assert.equal(record!.settings.AGENTLESS_TRACKING_PATH, '/usr/local');
  assert.ok(!Object.keys(record!.settings).some((k) => /PASSWORD_INFO|PRIVATE_KEY/.test(k)));
});

test('auth records: oracle IS_CDB, IS_SYSTEM_CREATED, IS_ACTIVE, IS_TEMPLATE (seed 000)', () => {
  const [record] = records(
    'oracle',
    `<AUTH_ORACLE_LIST_OUTPUT><RESPONSE><DATETIME>2021-03-10T18:44:17Z</DATETIME><AUTH_ORACLE_LIST><AUTH_ORACLE>
      <ID>971725</ID><TITLE><![CDATA[OracleCDB]]></TITLE><USERNAME><![CDATA[OracleUser]]></USERNAME><SID><![CDATA[sid]]></SID>
      <PORT>All</PORT><IP_SET><IP>10.10.36.122</IP><IP_RANGE>10.0.0.1-10.0.0.9</IP_RANGE></IP_SET><IS_CDB>1</IS_CDB>
      <WINDOWS_OS_CHECKS>0</WINDOWS_OS_CHECKS><NETWORK_ID>0</NETWORK_ID>
      <CREATED><DATETIME>2021-03-10T18:30:34Z</DATETIME><BY>joe_user</BY></CREATED><LAST_MODIFIED><DATETIME>2021-03-10T18:44:15Z</DATETIME></LAST_MODIFIED>
      <IS_SYSTEM_CREATED>0</IS_SYSTEM_CREATED><IS_ACTIVE>1</IS_ACTIVE><IS_TEMPLATE>0</IS_TEMPLATE>
    </AUTH_ORACLE></AUTH_ORACLE_LIST><GLOSSARY><USER_LIST><USER><USER_LOGIN>joe_user</USER_LOGIN><FIRST_NAME>Joe</FIRST_NAME><LAST_NAME>User</LAST_NAME></USER></USER_LIST></GLOSSARY></RESPONSE></AUTH_ORACLE_LIST_OUTPUT>`,
  );
  assert.equal(record!.isCdb, true);
  assert.equal(record!.isSystemCreated, false);
  assert.equal(record!.isActive, true);
  assert.equal(record!.isTemplate, false);
  assert.equal(record!.settings.SID, 'sid');
  assert.deepEqual(record!.ips, ['10.10.36.122', '10.0.0.1-10.0.0.9']);
});

test('auth records: apache system-created and inactive records (seed 001)', () => {
  const list = records(
    'apache',
    `<AUTH_APACHE_LIST_OUTPUT><RESPONSE><DATETIME>2018-08-01T19:27:13Z</DATETIME><AUTH_APACHE_LIST>
      <AUTH_APACHE><ID>30004</ID><TITLE><![CDATA[Apache 2.2]]></TITLE><IP_SET><IP>10.10.31.129</IP></IP_SET>
        <UNIX_CONFIGURATION_FILE><![CDATA[/etc/httpd/conf/httpd.conf]]></UNIX_CONFIGURATION_FILE>
        <UNIX_CONTROL_COMMAND><![CDATA[/usr/sbin/apachectl]]></UNIX_CONTROL_COMMAND><NETWORK_ID>0</NETWORK_ID>
        <CREATED><DATETIME>2018-05-09T18:33:21Z</DATETIME><BY>acme_as2</BY></CREATED><LAST_MODIFIED><DATETIME>2018-08-01T19:11:25Z</DATETIME></LAST_MODIFIED>
        <IS_SYSTEM_CREATED>0</IS_SYSTEM_CREATED><IS_ACTIVE>0</IS_ACTIVE></AUTH_APACHE>
      <AUTH_APACHE><ID>47136</ID><TITLE><![CDATA[Apache Web Server [System Created]]]></TITLE><IP_SET><IP>10.10.26.46</IP></IP_SET>
        <UNIX_CONFIGURATION_FILE><![CDATA[/etc/httpd/conf/httpd.conf]]></UNIX_CONFIGURATION_FILE><UNIX_CONTROL_COMMAND><![CDATA[/usr/sbin/apachectl]]></UNIX_CONTROL_COMMAND>
        <CREATED><DATETIME>2018-05-09T18:33:21Z</DATETIME><BY>System</BY></CREATED><LAST_MODIFIED><DATETIME>2018-08-01T19:11:25Z</DATETIME></LAST_MODIFIED>
        <IS_SYSTEM_CREATED>1</IS_SYSTEM_CREATED><IS_ACTIVE>1</IS_ACTIVE></AUTH_APACHE>
    </AUTH_APACHE_LIST></RESPONSE></AUTH_APACHE_LIST_OUTPUT>`,
  );
  assert.deepEqual(list.map((r) => [r.id, r.title, r.isSystemCreated, r.isActive]), [
    ['30004', 'Apache 2.2', false, false],
    ['47136', 'Apache Web Server [System Created]', true, true],
  ]);
  assert.equal(list[0]!.settings.UNIX_CONTROL_COMMAND, '/usr/sbin/apachectl');
});

test('auth records: a list of the wrong type is reported, not silently empty', () => {
  const result = parseAuthRecordList('windows', UNIX_WITH_TAGS);
  assert.equal(!result.ok && result.error.message, 'Expected AUTH_WINDOWS_LIST_OUTPUT, got AUTH_UNIX_LIST_OUTPUT.');
});

test('auth record types: AUTH_LIST_OUTPUT gives each type with its IDs', () => {
  const result = parseAuthRecordTypes(`<AUTH_LIST_OUTPUT><RESPONSE><DATETIME>2021-03-10T00:00:00Z</DATETIME><AUTH_RECORDS>
    <AUTH_UNIX_RECORDS><ID_SET><ID>204028</ID><ID_RANGE>204030-204035</ID_RANGE></ID_SET></AUTH_UNIX_RECORDS>
    <AUTH_MS_SQL_RECORDS><ID_SET><ID>9</ID></ID_SET></AUTH_MS_SQL_RECORDS>
  </AUTH_RECORDS></RESPONSE></AUTH_LIST_OUTPUT>`);
  assert.ok(result.ok);
  assert.deepEqual(result.value, [
    { type: 'unix', ids: ['204028', '204030-204035'] },
    { type: 'ms_sql', ids: ['9'] },
  ]);
});

test('batch return: created IDs; an echoed REQUEST with a password is not kept', () => {
  const result = parseBatchReturn(`<BATCH_RETURN><REQUEST><DATETIME>2021-03-09T10:14:01Z</DATETIME><USER_LOGIN>joe_user</USER_LOGIN>
    <RESOURCE>https://qualysapi.qualys.com/api/2.0/fo/auth/oracle/</RESOURCE><PARAM_LIST><PARAM><KEY>password</KEY><VALUE>TopSecret9</VALUE></PARAM></PARAM_LIST></REQUEST>
    <RESPONSE><DATETIME>2021-03-09T10:14:01Z</DATETIME><BATCH_LIST><BATCH><TEXT>Successfully Created</TEXT><ID_SET><ID>970672</ID></ID_SET></BATCH></BATCH_LIST></RESPONSE></BATCH_RETURN>`);
  assert.ok(result.ok);
  assert.deepEqual(result.value.batches, [{ text: 'Successfully Created', ids: ['970672'] }]);
  assert.doesNotMatch(JSON.stringify(result.value), /TopSecret9/);
  const purge = parseBatchReturn(fixture('batch_return_host_purge.qualys-doc-sample.xml'));
  assert.ok(purge.ok);
  assert.deepEqual(purge.value.batches, [{ text: 'Hosts Queued for Purging', ids: ['5442340'] }]);
});
