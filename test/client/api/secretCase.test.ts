/**
 * Secrets are recognised by name whatever their case, in parsed records and in errors, through the
 * public API: a record's `password`, `Password` or `PASSWORD` (and the other secret-like names) never
 * reaches a record, and a secret parameter's value never reaches an error.
 */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { createAuthRecord, listAuthRecords, send } from '../../../client/src/api';
import { clientFor, startFake, xml } from './support/fakeQualys';

const fakePromise = startFake();
after(async () => (await fakePromise).close());

const SECRET_FIELDS: Record<string, string> = {
  password: 'pw-lower-1',
  Password: 'pw-mixed-2',
  PASSWORD: 'pw-upper-3',
  passwd: 'pw-passwd-4',
  Passphrase: 'pw-phrase-5',
  private_key: 'pw-key-6',
  PrivateKey: 'pw-key-7',
  Secret: 'pw-secret-8',
  api_token: 'pw-token-9',
  Api_Key: 'pw-apikey-10',
  Credential: 'pw-cred-11',
};

test('auth records: secret-like fields are dropped whatever their case; flags about them stay', async () => {
  const fake = await fakePromise;
  const fields = Object.entries(SECRET_FIELDS).map(([name, value]) => `<${name}><![CDATA[${value}]]></${name}>`).join('');
  fake.handle((_req, res) =>
    xml(
      res,
      `<AUTH_UNIX_LIST_OUTPUT><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><AUTH_UNIX_LIST><AUTH_UNIX><ID>1</ID><TITLE>t</TITLE><USERNAME>root</USERNAME>${fields}<Skip_Password>1</Skip_Password><TARGET_TYPE>Auto</TARGET_TYPE></AUTH_UNIX></AUTH_UNIX_LIST></RESPONSE></AUTH_UNIX_LIST_OUTPUT>`,
    ),
  );
  const pages = [];
  for await (const page of listAuthRecords(clientFor(fake), 'unix')) pages.push(page);
  assert.equal(pages.length, 1);
  assert.ok(pages[0]!.ok);
  const text = JSON.stringify(pages);
  for (const value of Object.values(SECRET_FIELDS)) assert.ok(!text.includes(value), `${value} reached the record: ${text}`);
  const record = pages[0]!.value.records[0]!;
  assert.equal(record.settings.TARGET_TYPE, 'Auto');
  assert.equal(record.settings.Skip_Password, '1', 'a 0/1 flag named after a secret only says whether one is used');
});

test('errors: the values of secret-like parameters are masked whatever the parameter\'s case', async () => {
  const fake = await fakePromise;
  // Qualys echoes what it was sent in its error TEXT (1905 "parameter ... has invalid value").
  fake.handle((req, res) =>
    xml(res, `<SIMPLE_RETURN><RESPONSE><DATETIME>x</DATETIME><CODE>1905</CODE><TEXT>invalid request: ${decodeURIComponent(req.body.replace(/\+/g, ' '))}</TEXT></RESPONSE></SIMPLE_RETURN>`, 400),
  );
  const result = await createAuthRecord(clientFor(fake), 'unix', { title: 't', username: 'root', ips: '10.0.0.1', ...SECRET_FIELDS });
  assert.equal(result.ok, false);
  const text = JSON.stringify(result);
  for (const value of Object.values(SECRET_FIELDS)) assert.ok(!text.includes(value), `${value} reached the error: ${text}`);
  assert.match(text, /title=t/, 'the rest of the echo stays readable');
});

test('errors: a secret-like name=value in an error text is masked even when its value was not ours', async () => {
  const fake = await fakePromise;
  fake.handle((_req, res) =>
    xml(res, `<SIMPLE_RETURN><RESPONSE><DATETIME>x</DATETIME><CODE>999</CODE><TEXT>rejected: user=joe&amp;PassWord=stored-77&amp;x=1 {"api_token": "tok-88", "Secret":"s-99"}</TEXT></RESPONSE></SIMPLE_RETURN>`, 400),
  );
  const result = await send(clientFor(fake), { method: 'GET', url: '/api/2.0/fo/auth/?action=list' });
  assert.ok(result.ok);
  const error = JSON.stringify(result.value.qualysError);
  assert.doesNotMatch(error, /stored-77|tok-88|s-99/);
  assert.match(error, /user=joe/);
});
