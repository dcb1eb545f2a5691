/**
 * The chain worker (client/src/requests/exchange/chainValues.ts, chainJob.ts in the XPath worker): a reference's
 * value found off the extension host's thread is the value chainValue.ts finds in-process, on a
 * scan launch's answer and on a 5,000-host page; a path that runs past the time bound, or whose
 * send is cancelled, stops the worker with a message and the next reference starts a new one.
 */
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import type { ChainReference, ReferenceKind } from '../../../protocol';
import { chainValue, type ChainAnswer } from '../../../client/src/requests/exchange/chainValue';
import { ChainValues } from '../../../client/src/requests/exchange/chainValues';

const values = new ChainValues();
after(() => values.stop());

const ref = (kind: ReferenceKind, path: string, name = 'launch'): ChainReference => ({ text: `${name}.response.${kind === 'header' ? 'headers' : 'body'}.${path}`, name, kind, path });

const LAUNCH: ChainAnswer = {
  status: 200,
  headers: { 'Content-Type': 'text/xml', 'X-RateLimit-Remaining': '299' },
  body: `<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE SIMPLE_RETURN SYSTEM "https://qualysapi.qualys.com/api/2.0/simple_return.dtd">\n<SIMPLE_RETURN><RESPONSE><DATETIME>2026-01-01T00:00:00Z</DATETIME><TEXT>New vm scan launched</TEXT><ITEM_LIST><ITEM><KEY>ID</KEY><VALUE>40001</VALUE></ITEM><ITEM><KEY>REFERENCE</KEY><VALUE>scan/1700000001.40001</VALUE></ITEM></ITEM_LIST></RESPONSE></SIMPLE_RETURN>\n`,
};

function hostPage(count: number): string {
  let hosts = '';
  for (let i = 0; i < count; i++) hosts += `<HOST><ID>${100000 + i}</ID><IP>10.0.${(i >> 8) & 255}.${i & 255}</IP><DNS><![CDATA[host${i}.example.com]]></DNS></HOST>`;
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<HOST_LIST_OUTPUT><RESPONSE><HOST_LIST>${hosts}</HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>\n`;
}
const HOSTS: ChainAnswer = { status: 200, headers: {}, body: hostPage(5000) };
const JSON_ANSWER: ChainAnswer = { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: [{ id: 7, name: 'PCRS' }, { id: 8, name: 'other' }] }) };

/** Each reference's value through the worker equals chainValue's in this thread, and is what we expect. */
async function same(answer: ChainAnswer, expected: readonly [ChainReference, string | RegExp][]): Promise<void> {
  const references = expected.map(([reference]) => reference);
  const fromWorker = await values.values(answer, references);
  const here = references.map((reference) => chainValue(reference, { ...answer }));
  assert.deepEqual(fromWorker, here);
  fromWorker.forEach((value, i) => {
    const want = expected[i]![1];
    const text = value.ok ? value.value : `error: ${value.message}`;
    if (typeof want === 'string') assert.equal(text, want, references[i]!.path);
    else assert.match(text, want, references[i]!.path);
  });
}

test('on a scan launch answer: XPath values, a miss, a header and the whole body, as in-process', async () => {
  await same(LAUNCH, [
    [ref('xpath', "//ITEM[KEY='REFERENCE']/VALUE"), 'scan/1700000001.40001'],
    [ref('xpath', 'count(//ITEM)'), '2'],
    [ref('xpath', "//ITEM[KEY='NOPE']/VALUE"), /^error: .*matches nothing in the answer of 'launch'/],
    [ref('xpath', '//ITEM[('), /^error: .*cannot be evaluated/],
    [ref('header', 'x-ratelimit-remaining'), '299'],
    [ref('whole', ''), LAUNCH.body],
  ]);
});

test('on a 5,000-host page: the last host, a count and a miss, as in-process', async () => {
  await same(HOSTS, [
    [ref('xpath', "//HOST[ID='104999']/IP", 'hosts'), '10.0.19.135'],
    [ref('xpath', 'count(//HOST)', 'hosts'), '5000'],
    [ref('xpath', "//HOST[ID='1']/DNS", 'hosts'), /^error: .*matches nothing/],
  ]);
});

test('JSONPath on a JSON answer, and the refusals: not JSON, not XML, a DTD subset', async () => {
  await same(JSON_ANSWER, [
    [ref('jsonpath', '$.data[1].name', 'pcrs'), 'other'],
    [ref('jsonpath', '$.data[?@.id==7]', 'pcrs'), '{"id":7,"name":"PCRS"}'],
    [ref('xpath', '//ID', 'pcrs'), /^error: .*not well-formed XML/],
  ]);
  await same(LAUNCH, [[ref('jsonpath', '$.a'), /^error: .*is not JSON/]]);
  const entities: ChainAnswer = { status: 200, headers: {}, body: '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>' };
  await same(entities, [[ref('xpath', '/a'), /^error: .*declares a DTD subset/]]);
});

test('a path past the time bound stops the worker with a message; the next reference starts a new one', async () => {
  const bounded = new ChainValues({ timeoutMs: 500 });
  try {
    const started = Date.now();
    const [stopped] = await bounded.values(LAUNCH, [ref('xpath', 'count((1 to 10000000000) ! string(.))')]);
    assert.deepEqual(stopped, { ok: false, message: 'The path took longer than 0.5 s to evaluate and was stopped.' });
    assert.ok(Date.now() - started < 20_000);
    const [again] = await bounded.values(LAUNCH, [ref('xpath', "//ITEM[KEY='ID']/VALUE")]);
    assert.deepEqual(again, { ok: true, value: '40001' });
  } finally {
    bounded.stop();
  }
});

test('cancelling the send stops an evaluation under way', async () => {
  const cancellable = new ChainValues();
  try {
    const controller = new AbortController();
    const pending = cancellable.values(LAUNCH, [ref('xpath', 'count((1 to 10000000000) ! string(.))')], controller.signal);
    setTimeout(() => controller.abort(), 200);
    assert.deepEqual(await pending, [{ ok: false, message: 'Cancelled while the answer was searched.' }]);
    // Headers need no worker: they are read at once, even with the signal aborted.
    assert.deepEqual(await cancellable.values(LAUNCH, [ref('header', 'Content-Type')], controller.signal), [{ ok: true, value: 'text/xml' }]);
  } finally {
    cancellable.stop();
  }
});
