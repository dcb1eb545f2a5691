/** Chained requests in a request file: diagnostics, completion, hover and resolution for sending. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { pathProblem } from '../../../../server/src/request/chain/chainReference';
import { RequestService } from '../../../../server/src/request/requestService';
import { resolveForSending, resolveNamed } from '../../../../server/src/request/sendableRequest';
import { completionItems, diagnosticsOf, hoverText, makeDocument, token } from '../helpers';

const CHAIN = `### launch a scan
# @name launch
POST {{baseUrl}}/api/2.0/fo/scan/
X-Requested-With: curl
Content-Type: application/x-www-form-urlencoded

action=launch&scan_title=nightly&ip=10.10.10.1&option_title=Initial Options

### its status
# @name status
GET {{baseUrl}}/api/2.0/fo/scan/?action=list&scan_ref={{launch.response.body.//ITEM[KEY='REFERENCE']/VALUE}}
X-Requested-With: curl
X-Remaining: {{launch.response.headers.X-RateLimit-Remaining}}
`;

test('a launch → status chain validates clean', () => {
  assert.deepEqual(diagnosticsOf(CHAIN), []);
});

test('an unresolved reference is an error that names it, with did-you-mean', () => {
  const text = CHAIN.replace('{{launch.response.body', '{{lanch.response.body');
  const diagnostics = diagnosticsOf(text);
  assert.deepEqual(diagnostics.filter((d) => d.code !== 'not-in-catalog').map((d) => d.code), ['chain-unknown-request']);
  diagnostics.splice(0, diagnostics.length, ...diagnostics.filter((d) => d.code !== 'not-in-catalog'));
  assert.equal(
    diagnostics[0]!.message,
    "{{lanch.response.body.//ITEM[KEY='REFERENCE']/VALUE}} reads the answer of 'lanch', but no request of this file is named 'lanch' (a line '# @name lanch' above a request names it). Did you mean 'launch'?",
  );
});

test('a path that does not parse, a request reading itself and a request part are reported where they are', () => {
  const bad = CHAIN.replace("//ITEM[KEY='REFERENCE']/VALUE", "//ITEM[KEY='REFERENCE'/VALUE").replace('launch.response.headers', 'status.response.headers');
  const document = makeDocument(bad + '\n### x\nGET {{baseUrl}}/api/2.0/fo/scan/?action=list&a={{launch.request.body}}&b={{launch.response.body.$.a[}}\n');
  const found = new RequestService()
    .diagnostics(document, token)
    .filter((d) => d.code !== 'not-in-catalog')
    .map((d) => [d.code, d.severity, document.getText(d.range)]);
  assert.deepEqual(found, [
    ['chain-bad-path', 1, "//ITEM[KEY='REFERENCE'/VALUE"],
    ['chain-self', 1, '{{status.response.headers.X-RateLimit-Remaining}}'],
    ['chain-bad-path', 2, '{{launch.request.body}}'],
    ['chain-bad-path', 1, '$.a['],
  ]);
});

test('completion: request names after {{, then response, body/headers, header names and answer paths', () => {
  const at = (typed: string): string[] => completionItems(CHAIN + `\n### next\nGET {{baseUrl}}/api/2.0/fo/scan/?action=list&scan_ref=${typed}|`).map((i) => i.label);
  assert.deepEqual(at('{{'), ['launch', 'status']);
  assert.deepEqual(at('{{launch.'), ['response']);
  assert.deepEqual(at('{{launch.response.'), ['body', 'headers']);
  assert.ok(at('{{launch.response.headers.').includes('X-RateLimit-Remaining'));
  assert.ok(at('{{launch.response.body.').includes("//ITEM[KEY='REFERENCE']/VALUE"));
  const item = completionItems(CHAIN + '\n### next\nGET {{baseUrl}}/x?a={{la|').find((i) => i.label === 'launch')!;
  assert.match(String(item.detail), /line 2: POST \/api\/2.0\/fo\/scan\/ action=launch/);
  // Without names, {{ still completes the file's variables and the account hosts.
  assert.deepEqual(completionItems('GET {{|').map((i) => i.label), ['baseUrl', 'gatewayUrl']);
});

test('hover on a reference names the request, the path, and what sending does', () => {
  const hover = hoverText(CHAIN.replace("scan_ref={{launch", 'scan_ref={{la|unch'));
  assert.match(hover, /\*\*launch\*\* \(line 2: POST \/api\/2.0\/fo\/scan\/ action=launch\)/);
  assert.match(hover, /the XPath `\/\/ITEM\[KEY='REFERENCE'\]\/VALUE` on its XML body/);
  assert.match(hover, /sends `launch` first when it has no answer yet, and asks first when `launch` changes data/);
});

test('resolving: references to named requests are listed apart from unresolved variables; a request resolves by name', () => {
  const resolved = resolveForSending(CHAIN, CHAIN.indexOf('scan_ref'))!;
  assert.equal(resolved.requestName, 'status');
  assert.deepEqual(resolved.unresolved, []);
  assert.deepEqual(
    resolved.references!.map((r) => [r.name, r.kind, r.path]),
    [
      ['launch', 'header', 'X-RateLimit-Remaining'],
      ['launch', 'xpath', "//ITEM[KEY='REFERENCE']/VALUE"],
    ],
  );
  assert.deepEqual(resolved.query[1], ['scan_ref', "{{launch.response.body.//ITEM[KEY='REFERENCE']/VALUE}}"]);
  assert.equal(resolveNamed(CHAIN, 'launch')!.form![0]![1], 'launch');
  assert.equal(resolveNamed(CHAIN, 'nope'), null);
  const unknown = resolveForSending(CHAIN.replace('{{launch.response.body', '{{lanch.response.body'), CHAIN.indexOf('scan_ref'))!;
  assert.deepEqual(unknown.unresolved, ["lanch.response.body.//ITEM[KEY='REFERENCE']/VALUE"]);
});

test('a reference path that does not parse is named with the reason; one that parses is not', () => {
  const ref = (kind: 'xpath' | 'jsonpath', path: string) => ({ text: `launch.response.body.${path}`, name: 'launch', kind, path });
  assert.match(pathProblem(ref('xpath', "//ITEM[KEY='REFERENCE'/VALUE")) ?? '', /is not a valid XPath: .*Expected/);
  assert.equal(pathProblem(ref('xpath', "//ITEM[KEY='REFERENCE']/VALUE")), undefined);
  assert.match(pathProblem(ref('jsonpath', '$.a[')) ?? '', /is not a valid JSONPath/);
  assert.equal(pathProblem(ref('jsonpath', '$.data[0].id')), undefined);
});

test('a request reading itself is reported in a file with CR LF lines too', () => {
  const selfRead = CHAIN.replace('launch.response.headers', 'status.response.headers').replace(/\n/g, '\r\n');
  const document = makeDocument(selfRead);
  const found = new RequestService()
    .diagnostics(document, token)
    .filter((d) => d.code === 'chain-self')
    .map((d) => document.getText(d.range));
  assert.deepEqual(found, ['{{status.response.headers.X-RateLimit-Remaining}}']);
});

test('chain problems go through the document cap: all of them under it, counted in its last line over it', () => {
  const references = (count: number): string => Array.from({ length: count }, (_, i) => `X-Ref-${i}: {{nobody${i}.response.headers.X}}`).join('\n');
  // 300 unknown names in one request: every one reported (the chain's own bound was 200, and the rest went unsaid).
  const many = diagnosticsOf(`### one\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=list\n${references(300)}\n`);
  assert.equal(many.filter((d) => d.code === 'chain-unknown-request').length, 300);
  assert.ok(!many.some((d) => d.code === 'too-many-problems'));
  // 995 requests of a path the catalog does not know, then 20 chain problems: 1,015 in all, 1,000 shown.
  const blocks = Array.from({ length: 995 }, (_, i) => `### r${i}\nGET {{baseUrl}}/api/2.0/fo/nothing${i}/\n`).join('\n');
  const capped = diagnosticsOf(`${blocks}\n### last\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=list\n${references(20)}\n`);
  const perRequest = capped.filter((d) => d.code !== 'chain-unknown-request' && d.code !== 'too-many-problems').length;
  assert.equal(capped.length, 1001);
  assert.equal(capped.at(-1)!.code, 'too-many-problems');
  assert.equal(capped.at(-1)!.message, `${perRequest + 20 - 1000} more problems are not shown (only the first 1000 are); fix these first`);
  assert.equal(capped.filter((d) => d.code === 'too-many-problems').length, 1);
});
