/**
 * A redirect is an error naming where it points (credentials and secret-like parameters masked),
 * never followed and never retried: for the operations, a listing, and Send Request.
 */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { listAuthRecordTypes, listHosts, send } from '../../../client/src/api';
import { clientFor, LIMIT_HEADERS, PASSWORD, startFake, type FakeQualys } from './support/fakeQualys';

const fakePromise = startFake();
after(async () => (await fakePromise).close());

/** Answers every request but the redirect's own target with `status` and a Location. */
function redirect(fake: FakeQualys, status: number, location: string): void {
  fake.handle((req, res) => {
    if (req.url.pathname.startsWith('/elsewhere')) {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end('<SIMPLE_RETURN><RESPONSE><DATETIME>x</DATETIME><TEXT>followed</TEXT></RESPONSE></SIMPLE_RETURN>');
      return;
    }
    res.writeHead(status, { location, 'content-type': 'text/html', ...LIMIT_HEADERS });
    res.end(`<html><body>Moved to <a href="${location}">here</a></body></html>`);
  });
}

for (const status of [301, 302, 303, 307, 308]) {
  test(`HTTP ${status} is an error naming the target; it is neither followed nor retried`, async () => {
    const fake = await fakePromise;
    redirect(fake, status, `${fake.url}/elsewhere/login?next=/api/2.0/fo/auth/`);
    const start = fake.received.length;
    const result = await listAuthRecordTypes(clientFor(fake));
    assert.equal(fake.received.length - start, 1, 'one request: no retry, no request to the target');
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && [result.error.kind, result.error.status, result.error.attempts], ['http', status, 1]);
    assert.match(!result.ok ? result.error.message : '', new RegExp(`HTTP ${status}.*${fake.url.replace(/[.:/]/g, '\\$&')}/elsewhere/login`));
  });
}

test('the target named in a redirect error loses credentials, the password and secret-like parameters, whatever their case', async () => {
  const fake = await fakePromise;
  redirect(fake, 302, `https://admin:hunter2@sso.example/saml?user=acme&PASSWORD=${encodeURIComponent(PASSWORD)}&Token=abc123def&ApiKey=k-999&next=x`);
  const result = await listAuthRecordTypes(clientFor(fake));
  const message = !result.ok ? result.error.message : '';
  assert.match(message, /https:\/\/sso\.example\/saml/);
  assert.match(message, /user=acme/);
  assert.doesNotMatch(message, /hunter2|admin:|S3cr3t|abc123def|k-999/);
  assert.doesNotMatch(JSON.stringify(result), /hunter2|S3cr3t|abc123def|k-999/);
});

test('a listing ends with the redirect error after one request', async () => {
  const fake = await fakePromise;
  redirect(fake, 302, '/elsewhere');
  const start = fake.received.length;
  const outcome = [];
  for await (const page of listHosts(clientFor(fake))) outcome.push(page.ok ? 'page' : `${page.error.kind} ${page.error.status}`);
  assert.deepEqual(outcome, ['http 302']);
  assert.equal(fake.received.length - start, 1);
});

test('Send Request shows the 302 answer with the error naming its target, and sends it once', async () => {
  const fake = await fakePromise;
  redirect(fake, 302, `${fake.url}/elsewhere`);
  const start = fake.received.length;
  const result = await send(clientFor(fake), { method: 'GET', url: '/api/2.0/fo/asset/host/?action=list' });
  assert.equal(fake.received.length - start, 1);
  assert.ok(result.ok);
  assert.equal(result.value.status, 302);
  assert.equal(result.value.qualysError?.kind, 'http');
  assert.match(result.value.qualysError?.message ?? '', /\/elsewhere/);
});
