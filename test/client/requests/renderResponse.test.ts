/** The response document's text (client/src/requests/renderResponse.ts). */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { ApiError, SendResponse } from '../../../client/src/api';
import { renderResponse, limitLines } from '../../../client/src/requests/renderResponse';

const PASSWORD = 'Sim-Pa55 word!';
const BASIC = Buffer.from(`acme:${PASSWORD}`).toString('base64');

function render(response: Partial<SendResponse> | ApiError) {
  const outcome = 'kind' in response ? { ok: false as const, error: response } : { ok: true as const, value: { status: 200, headers: {}, body: '', durationMs: 12, mutating: false, ...response } };
  return renderResponse({ name: 'list hosts', endpoint: 'GET /api/2.0/fo/asset/host/', account: 'acme @ US1', sentAt: new Date('2026-01-02T03:04:05Z'), outcome }, [PASSWORD, BASIC]);
}

test('a success: what was sent, HTTP status, limits, allowed headers and the formatted XML body', () => {
  const { text, format } = render({
    headers: {
      'content-type': 'text/xml',
      'x-ratelimit-limit': '300',
      'x-ratelimit-remaining': '295',
      'x-ratelimit-window-sec': '3600',
      'x-ratelimit-towait-sec': '0',
      'x-concurrency-limit-limit': '2',
      'x-concurrency-limit-running': '1',
      'set-cookie': 'QualysSession=abc123; path=/',
      date: 'Fri, 02 Jan 2026 03:04:05 GMT',
    },
    body: '<HOST_LIST_OUTPUT><RESPONSE><ID>1</ID></RESPONSE></HOST_LIST_OUTPUT>',
  });
  assert.equal(format, 'xml');
  assert.equal(
    text,
    [
      '### list hosts',
      '# GET /api/2.0/fo/asset/host/ | acme @ US1 | 2026-01-02T03:04:05.000Z',
      'HTTP 200 | 12 ms',
      'Rate limit: 295 of 300 calls left in a 3600 s window',
      'Concurrency: 1 running of 2 allowed',
      'content-type: text/xml',
      'x-concurrency-limit-limit: 2',
      'x-concurrency-limit-running: 1',
      'x-ratelimit-limit: 300',
      'x-ratelimit-remaining: 295',
      'x-ratelimit-towait-sec: 0',
      'x-ratelimit-window-sec: 3600',
      '',
      '<HOST_LIST_OUTPUT>',
      '  <RESPONSE>',
      '    <ID>1</ID>',
      '  </RESPONSE>',
      '</HOST_LIST_OUTPUT>',
      '',
    ].join('\n'),
  );
  assert.ok(!text.includes('QualysSession'), 'a session cookie is a credential');
});

test('a Qualys error answer shows CODE and TEXT above the body, and the wait Qualys asks for', () => {
  const { text } = render({
    status: 409,
    headers: { 'content-type': 'text/xml', 'x-ratelimit-towait-sec': '42', 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '300' },
    body: '<SIMPLE_RETURN><RESPONSE><CODE>1965</CODE><TEXT>This API cannot be run again for another 42 seconds.</TEXT></RESPONSE></SIMPLE_RETURN>',
    mutating: true,
    qualysError: { kind: 'rate-limit', message: 'Rate limit reached.', status: 409, code: '1965', text: 'This API cannot be run again for another 42 seconds.', waitSec: 42 },
  });
  assert.match(text, /^HTTP 409 \| 12 ms \| changes data \(not retried\)$/m);
  assert.match(text, /^Qualys error: CODE 1965 TEXT This API cannot be run again for another 42 seconds\.$/m);
  assert.match(text, /^Qualys asks to wait 42 s before the next call\.$/m);
  assert.match(text, /^Rate limit: 0 of 300 calls left; wait 42 s before the next call$/m);
  assert.match(text, /^ {4}<CODE>1965<\/CODE>$/m);
});

test('no answer (network, config): the error, its kind and no body', () => {
  const { text, format } = render({ kind: 'config', message: 'https://evil.example is neither this account\'s API server nor its gateway; the request was not sent.' });
  assert.equal(format, 'text');
  assert.match(text, /^No answer: https:\/\/evil\.example is neither .* \(config\)$/m);
});

test('JSON bodies are indented, the summary above them in // comments (the document is JSON with Comments)', () => {
  const { text, format } = render({ headers: { 'content-type': 'application/json' }, body: '{"a":[1,2]}' });
  assert.equal(format, 'json');
  assert.match(text, /^\/\/ ### list hosts\n\/\/ # GET /);
  assert.match(text, /^\/\/ content-type: application\/json$/m);
  assert.ok(text.endsWith('{\n  "a": [\n    1,\n    2\n  ]\n}\n'));
});

test('credentials that reach a body, a header or an error text are masked in every form', () => {
  const { text } = render({
    headers: { 'content-type': 'text/plain', 'x-ratelimit-limit': PASSWORD },
    body: `echo: password=${encodeURIComponent(PASSWORD)} auth=Basic ${BASIC} raw=${PASSWORD}`,
    qualysError: { kind: 'qualys', message: `bad ${PASSWORD}`, code: '999', text: `TEXT with ${PASSWORD}` },
  });
  assert.ok(!text.includes(PASSWORD));
  assert.ok(!text.includes(encodeURIComponent(PASSWORD)));
  assert.ok(!text.includes(BASIC));
  assert.match(text, /\*\*\*/);
});

test('limit lines need the headers: none, none shown', () => {
  assert.deepEqual(limitLines({ 'content-type': 'text/xml' }), []);
});

test('an error without CODE/TEXT (an HTTP 500 page) shows its message; one with them does not repeat it', () => {
  const plain = render({ status: 500, body: 'oops', qualysError: { kind: 'http', message: 'HTTP 500 Internal Server Error.', status: 500 } }).text;
  assert.match(plain, /^Error: HTTP 500 Internal Server Error\.$/m);
  const coded = render({ status: 400, qualysError: { kind: 'qualys', message: 'Qualys error 1905: bad', code: '1905', text: 'bad' } }).text;
  assert.ok(!coded.includes('Qualys error 1905: bad'));
  assert.match(coded, /^Qualys error: CODE 1905 TEXT bad$/m);
});
