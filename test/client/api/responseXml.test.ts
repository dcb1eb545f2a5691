/**
 * Hostile response XML through the public API: a DOCTYPE anywhere but the prolog, or one with an
 * internal subset, is refused before parsing, and no entity is ever expanded; honest DOCTYPE text in
 * CDATA or comments is kept as text.
 */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { listHosts, type Result } from '../../../client/src/api';
import { clientFor, startFake, xml } from './support/fakeQualys';

const fakePromise = startFake();
after(async () => (await fakePromise).close());

const QUALYS_DOCTYPE = '<!DOCTYPE HOST_LIST_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/asset/host/host_list_output.dtd">';

function hostList(inner: string, prolog = `<?xml version="1.0" encoding="UTF-8" ?>\n${QUALYS_DOCTYPE}\n`): string {
  return `${prolog}<HOST_LIST_OUTPUT><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><HOST_LIST><HOST><ID>1</ID><IP>10.0.0.1</IP>${inner}</HOST></HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>`;
}

/** The first page of a host list served as `body`, with how many requests it took. */
async function firstPage(body: string): Promise<{ result: Result<{ hosts: readonly { dns?: string; os?: string }[] }>; requests: number }> {
  const fake = await fakePromise;
  fake.handle((_req, res) => xml(res, body));
  const start = fake.received.length;
  // The test client's retry policy (3 attempts) is in force: a refused answer must not use it.
  const pages = listHosts(clientFor(fake));
  const first = await pages.next();
  await pages.return();
  assert.equal(first.done, false);
  return { result: first.value as Result<{ hosts: readonly { dns?: string; os?: string }[] }>, requests: fake.received.length - start };
}

const HOSTILE: Record<string, string> = {
  'a DOCTYPE with entities inside the root element': hostList('<DNS>&e;</DNS>').replace('<RESPONSE>', '<!DOCTYPE x [<!ENTITY e "X">]><RESPONSE>'),
  'a DOCTYPE with entities deep inside an element': hostList('<!DOCTYPE HOST [<!ENTITY e "X">]><DNS>&e;</DNS>'),
  'a lower-case doctype inside the document': hostList('<!doctype x [<!ENTITY e "X">]><DNS>&e;</DNS>'),
  'a DOCTYPE without a subset inside the document': hostList('<!DOCTYPE x SYSTEM "https://attacker.example/x.dtd"><DNS>a</DNS>'),
  'a DOCTYPE after the root element': `${hostList('<DNS>a</DNS>')}<!DOCTYPE x [<!ENTITY e "X">]>`,
  'a second DOCTYPE in the prolog': hostList('<DNS>a</DNS>', `${QUALYS_DOCTYPE}<!DOCTYPE x [<!ENTITY e "X">]>`),
  'an internal subset in the prolog': hostList('<DNS>&e;</DNS>', '<!DOCTYPE HOST_LIST_OUTPUT [<!ENTITY e "X">]>'),
  'an internal subset after a long comment': hostList('<DNS>&e;</DNS>', `<!--${'-x'.repeat(5000)}--><!DOCTYPE HOST_LIST_OUTPUT [<!ENTITY e "X">]>`),
  'entities behind a ] in a quoted literal of the subset': hostList('<DNS>&e;</DNS>', '<!DOCTYPE HOST_LIST_OUTPUT [<!ATTLIST DNS a CDATA "]"><!ENTITY e "X">]>'),
  'a bare ENTITY declaration in the content': hostList('<!ENTITY e "X"><DNS>&e;</DNS>'),
  'a bare ELEMENT declaration in the content': hostList('<!ELEMENT DNS ANY><DNS>a</DNS>'),
  'nested entity expansion (billion laughs) inside the root': hostList('<DNS>&l3;</DNS>').replace(
    '<RESPONSE>',
    '<!DOCTYPE r [<!ENTITY l0 "X"><!ENTITY l1 "&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;"><!ENTITY l2 "&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;"><!ENTITY l3 "&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;">]><RESPONSE>',
  ),
};

for (const [what, body] of Object.entries(HOSTILE)) {
  // With Qualys' DOCTYPE in the prolog, and without one (QPS and some FO answers have none).
  for (const variant of [body, body.replace(QUALYS_DOCTYPE, '')]) {
    test(`response XML: ${what} is refused before parsing; nothing is expanded${variant === body ? '' : ' (no DOCTYPE in the prolog)'}`, async () => {
      const { result, requests } = await firstPage(variant);
      assert.equal(result.ok, false, `${what} was parsed: ${JSON.stringify(result).slice(0, 200)}`);
      assert.equal(!result.ok && result.error.kind, 'unsafe-xml');
      assert.equal(requests, 1, 'a refused answer is not asked for again');
      assert.match(!result.ok ? result.error.message : '', /DOCTYPE|declaration/);
      assert.doesNotMatch(JSON.stringify(result), /XX|"X"/);
    });
    if (!body.includes(QUALYS_DOCTYPE)) break;
  }
}

test('response XML: an error answer with a refused DOCTYPE is refused too, and not retried for its 5xx status', async () => {
  const fake = await fakePromise;
  const body = '<?xml version="1.0"?><!DOCTYPE SIMPLE_RETURN [<!ENTITY e "X">]><SIMPLE_RETURN><RESPONSE><CODE>999</CODE><TEXT>&e;</TEXT></RESPONSE></SIMPLE_RETURN>';
  fake.handle((_req, res) => xml(res, body, 503));
  const start = fake.received.length;
  const pages = listHosts(clientFor(fake));
  const first = await pages.next();
  await pages.return();
  const result = first.value as Result<unknown>;
  assert.deepEqual(!result.ok && [result.error.kind, result.error.status], ['unsafe-xml', 503]);
  assert.equal(fake.received.length - start, 1);
});

test('response XML: Qualys\' own prolog DOCTYPE is accepted, and DOCTYPE text in CDATA, comments and escaped text is kept as text', async () => {
  const evidence = '<!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN" "http://java.sun.com/dtd/web-app_2_3.dtd"><!ENTITY x "y">';
  const { result } = await firstPage(hostList(`<!-- <!DOCTYPE x [<!ENTITY e "X">]> --><DNS><![CDATA[${evidence}]]></DNS><OS>&lt;!DOCTYPE html&gt; &amp;e;</OS>`));
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  assert.equal(result.value.hosts[0]!.dns, evidence);
  assert.equal(result.value.hosts[0]!.os, '<!DOCTYPE html> &e;');
});

test('response XML: undeclared entity references are left as they are, never resolved', async () => {
  const { result } = await firstPage(hostList('<DNS>a &e; b</DNS>'));
  assert.ok(!result.ok || !JSON.stringify(result.value).includes('"X"'));
});
