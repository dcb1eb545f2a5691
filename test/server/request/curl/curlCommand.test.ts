/** The curl reader on the forms people paste: shells, Windows cmd, PowerShell, PDFs. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readCurl, type CurlCall } from '../../../../server/src/request/curl/curlCommand';
import { curlToRequest } from '../../../../server/src/request/curl/curlToRequest';
import { loadRequestCatalog } from '../../../../server/src/request/catalogLoader';

const catalog = loadRequestCatalog();

function read(text: string): CurlCall {
  const r = readCurl(text);
  assert.ok(r.ok, r.ok ? '' : `${r.problem.message} at '${text.slice(r.problem.start, r.problem.end)}'`);
  return r.call;
}

function convert(text: string, account = {}): string {
  return curlToRequest(read(text), catalog, account);
}

/** The message and the word the reader stopped at. */
function stop(text: string): [string, string] {
  const r = readCurl(text);
  assert.ok(!r.ok, 'expected the reader to stop');
  return [r.problem.message, text.slice(r.problem.start, r.problem.end)];
}

test('-u, -H, -d and a quoted URL: a form POST on {{baseUrl}}, the credentials left out', () => {
  const text = 'curl -u "USERNAME:PASSWORD" -H "X-Requested-With: curl" -d "action=list&ids=1" "https://qualysapi.qualys.com/api/2.0/fo/asset/host/"';
  assert.equal(convert(text), 'POST {{baseUrl}}/api/2.0/fo/asset/host/\nX-Requested-With: curl\nContent-Type: application/x-www-form-urlencoded\n\naction=list&ids=1');
  assert.deepEqual(read(text).dropped, ['the -u credentials']);
});

test('backslash continuations, -X, -D and an output redirect', () => {
  const text = 'curl -X GET \\\n  -H \'X-Requested-With: curl\' \\\n  -D headers.txt \\\n  \'https://qualysapi.qg2.apps.qualys.com/api/2.0/fo/scan/?action=list\' > out.xml';
  assert.equal(convert(text), 'GET {{baseUrl}}/api/2.0/fo/scan/?action=list\nX-Requested-With: curl');
});

test('Windows cmd: ^ continuations and ^ escapes', () => {
  const text = 'curl -u user:pass -H "X-Requested-With: curl" ^\r\n -d "action=list^&details=All" ^\r\n "https://qualysapi.qualys.eu/api/2.0/fo/auth/unix/"';
  assert.equal(convert(text).split('\n')[0], 'POST {{baseUrl}}/api/2.0/fo/auth/unix/');
});

test('PowerShell backtick continuations and curl.exe', () => {
  const text = 'curl.exe -H "X-Requested-With: curl" `\n "https://qualysapi.qualys.com/api/2.0/fo/asset/ip/?action=list"';
  assert.equal(convert(text), 'GET {{baseUrl}}/api/2.0/fo/asset/ip/?action=list\nX-Requested-With: curl');
});

test('a URL a PDF broke over lines inside its quotes, and an option split at its hyphen', () => {
  const text = 'curl -u "U:P" -X POST --data-\nbinary @profile.xml \n"https://qualysapi.qualys.com/api/2.0/fo/subscription/option_profile/?act\nion=import"';
  assert.equal(convert(text), 'POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=import\n\n< profile.xml');
});

test('--data-binary @- reads the file redirected with <', () => {
  const text = 'curl -u "U:P" -H "Content-type: text/xml" -X "POST" --data-binary @- "https://qualysapi.qualys.com/qps/rest/2.0/search/am/hostasset" < file.xml';
  assert.equal(convert(text), 'POST {{baseUrl}}/qps/rest/2.0/search/am/hostasset\nContent-type: text/xml\n\n< file.xml');
});

test('options glued to quoted values, a lost space and Curl-X from a PDF; the gateway by the catalog', () => {
  const text = 'Curl-X POST"https://<qualys_base_url>/pcrs/1.0/posture/postureInfo?evidenceRequired=0"-H "accept: */*"-H"Authorization: Bearer token"-d"[1]"';
  // Without a Content-Type, curl's -d sends the form type: so does the request.
  assert.equal(convert(text), 'POST {{gatewayUrl}}/pcrs/1.0/posture/postureInfo?evidenceRequired=0\naccept: */*\nContent-Type: application/x-www-form-urlencoded\n\n[1]');
  assert.deepEqual(read(text).dropped, ['the Authorization header']);
});

test('-G moves the data into the query; --json sets its headers; $\'…\' quotes decode escapes', () => {
  assert.equal(convert('curl -G -d action=list -d ids=5 https://qualysapi.qualys.com/api/2.0/fo/asset/host/'), 'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&ids=5');
  assert.equal(convert("curl --json '{\"a\":1}' https://gateway.qg1.apps.qualys.com/x"), 'POST {{gatewayUrl}}/x\nContent-Type: application/json\nAccept: application/json\n\n{"a":1}');
  assert.equal(read("curl -H $'X-A: a\\tb' https://qualysapi.qualys.com/").headers[0]![1], 'a\tb');
});

test('credentials in the URL, cookies and bearer tokens are never kept', () => {
  const call = read('curl -b "s=1" --oauth2-bearer T https://me:secret@qualysapi.qualys.com/api/2.0/fo/scan/?action=list');
  assert.equal(call.url, 'https://qualysapi.qualys.com/api/2.0/fo/scan/?action=list');
  assert.deepEqual(call.dropped, ['the cookies', 'the bearer token', 'the credentials in the URL']);
});

test("the account's own host (the simulator, a private platform) becomes {{baseUrl}}; other hosts stay", () => {
  assert.equal(convert('curl http://127.0.0.1:8080/api/2.0/fo/asset/host/?action=list', { api: 'http://127.0.0.1:8080' }), 'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list');
  assert.equal(convert('curl https://example.com/a'), 'GET https://example.com/a');
});

test('the reader stops at the word it cannot read, saying why', () => {
  assert.deepEqual(stop('curl --frobnicate https://qualysapi.qualys.com/'), ['The curl option --frobnicate is not one the converter knows.', '--frobnicate']);
  assert.deepEqual(stop('curl -F file=@a.xml https://qualysapi.qualys.com/'), ['-F: a multipart form cannot be written in a request file; send it with curl.', '-F']);
  assert.deepEqual(stop('curl -H "X-A: 1 https://qualysapi.qualys.com/'), ['This double quote is never closed.', '"']);
  assert.deepEqual(stop('curl -u admin: secret https://qualysapi.qualys.com/')[1], 'secret');
  assert.deepEqual(stop('curl -X'), ['-X needs a value after it.', '-X']);
  assert.deepEqual(stop('curl -H "X: 1"'), ['This curl command has no URL.', 'curl']);
  assert.deepEqual(stop('curl --data-binary @- https://qualysapi.qualys.com/'), ['The body is read from standard input: redirect a file (< file.xml) or paste the body.', '@-']);
});

test('the command ends at a blank line, prose after it, a pipe or another command', () => {
  const text = 'curl -H "X-Requested-With: curl" "https://qualysapi.qualys.com/api/2.0/fo/asset/ip/?action=list"\nXML output:\n<?xml version="1.0"?>';
  const r = readCurl(text);
  assert.ok(r.ok);
  assert.equal(text.slice(0, r.end).endsWith('list"'), true);
  assert.ok(readCurl('curl https://qualysapi.qualys.com/ | xmllint --format -').ok);
  assert.ok(readCurl('curl https://qualysapi.qualys.com/a\ncurl https://qualysapi.qualys.com/b').ok);
});
