/** Assertion lines (`?? status == 200`): how they are read, kept out of the body, checked, completed and explained. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readAssertionLine, toAssertion } from '../../../server/src/request/assertions';
import { parseRequestFile } from '../../../server/src/request/requestParser';
import { applyFix, completionLabels, diagnosticsOf, hoverText, marked } from './helpers';

function read(line: string) {
  const parsed = readAssertionLine(line, 0, line.length);
  return { field: parsed.field?.text, argument: parsed.argument?.text, operator: parsed.operator?.text, expected: parsed.expected?.text };
}

test('a line splits into field, argument, operator and expected value', () => {
  assert.deepEqual(read('?? status == 200'), { field: 'status', argument: undefined, operator: '==', expected: '200' });
  assert.deepEqual(read('  ?? header x-ratelimit-remaining > 10'), { field: 'header', argument: 'x-ratelimit-remaining', operator: '>', expected: '10' });
  assert.deepEqual(read('?? code != 1965'), { field: 'code', argument: undefined, operator: '!=', expected: '1965' });
  assert.deepEqual(read('?? text == Bad Login/Password'), { field: 'text', argument: undefined, operator: '==', expected: 'Bad Login/Password' });
  assert.deepEqual(read('?? header content-type exists'), { field: 'header', argument: 'content-type', operator: 'exists', expected: undefined });
});

test('an XPath expression may hold spaces and operators: the last standalone operator splits it, as in httpYac', () => {
  assert.deepEqual(read('?? xpath count(//HOST) > 0'), { field: 'xpath', argument: 'count(//HOST)', operator: '>', expected: '0' });
  assert.deepEqual(read('?? xpath count(//HOST[ID > 5]) >= 2'), { field: 'xpath', argument: 'count(//HOST[ID > 5])', operator: '>=', expected: '2' });
  assert.deepEqual(read("?? xpath //ITEM[KEY='REFERENCE']/VALUE startsWith scan/"), { field: 'xpath', argument: "//ITEM[KEY='REFERENCE']/VALUE", operator: 'startsWith', expected: 'scan/' });
});

test('assertion lines are kept out of headers and body, wherever they stand in the block', () => {
  const text = [
    '### launch',
    '?? status == 200',
    'POST {{baseUrl}}/api/2.0/fo/asset/host/',
    'Content-Type: application/x-www-form-urlencoded',
    '?? header x-ratelimit-remaining > 10',
    '',
    'action=list&ids=1',
    '',
    '?? xpath count(//HOST) > 0',
    '# a comment',
    '?? code != 1965',
    '',
    '### next',
    'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list',
  ].join('\n');
  const [first, second] = parseRequestFile(text).requests;
  assert.equal(first!.body?.text, 'action=list&ids=1');
  assert.deepEqual(first!.params.map((p) => p.name), ['action', 'ids']);
  assert.deepEqual(first!.headers.map((h) => h.name), ['Content-Type']);
  assert.deepEqual(first!.assertions.map((a) => a.field?.text), ['status', 'header', 'xpath', 'code']);
  assert.deepEqual(first!.strayLines, []);
  assert.deepEqual(second!.assertions, []);
  const converted = toAssertion(text, first!.assertions[2]!, 8);
  assert.deepEqual(converted, { ok: true, assertion: { field: 'xpath', argument: 'count(//HOST)', operator: '>', expected: '0', source: 'xpath count(//HOST) > 0', line: 8 } });
});

test('an assertion right under the request line is no query continuation line', () => {
  const [request] = parseRequestFile('GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list\n  &details=All\n?? status == 200\n').requests;
  assert.deepEqual(request!.params.map((p) => p.name), ['action', 'details']);
  assert.equal(request!.assertions.length, 1);
});

test('an XML body ends at the first assertion line', () => {
  const text = 'POST {{baseUrl}}/qps/rest/2.0/search/am/hostasset\nContent-Type: text/xml\n\n<ServiceRequest>\n</ServiceRequest>\n?? status == 200\n';
  const [request] = parseRequestFile(text).requests;
  assert.equal(request!.body?.text, '<ServiceRequest>\n</ServiceRequest>');
  assert.equal(request!.assertions.length, 1);
});

const GET = 'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list\n';

test('well-formed assertions draw no diagnostic', () => {
  const lines = [
    '?? status == 200',
    '?? status >= 200',
    '?? code != 1965',
    '?? code == INVALID_CREDENTIALS',
    '?? text includes expired',
    '?? header x-ratelimit-remaining > 10',
    '?? header X-Concurrency-Limit-Running exists',
    '?? xpath count(//HOST) > 0',
    "?? xpath //ITEM[KEY='REFERENCE']/VALUE startsWith scan/",
    '?? xpath string(/HOST_LIST_OUTPUT/RESPONSE/DATETIME) matches ^\\d{4}-',
    '?? duration < 5000',
    '?? size > 100',
    '?? body includes <HOST>',
    '?? status == {{expected}}',
  ];
  assert.deepEqual(diagnosticsOf(`${GET}\n${lines.join('\n')}\n`), []);
});

test('mistakes in assertion lines are diagnosed where they are', () => {
  assert.deepEqual(marked(`${GET}\n?? stauts == 200\n`), [['assertion-syntax', 'stauts']]);
  assert.match(diagnosticsOf(`${GET}\n?? stauts == 200\n`)[0]!.message, /Did you mean 'status'\?/);
  assert.deepEqual(marked(`${GET}\n?? status is 200\n`), [['assertion-syntax', 'is 200']]);
  assert.deepEqual(marked(`${GET}\n?? status ==\n`), [['assertion-syntax', '==']]);
  assert.deepEqual(marked(`${GET}\n?? header > 10\n`), [['assertion-syntax', '>']]);
  assert.deepEqual(marked(`${GET}\n??\n`), [['assertion-syntax', '??']]);
  assert.deepEqual(marked(`${GET}\n?? status == 2OO\n`), [['assertion-bad-value', '2OO']]);
  assert.deepEqual(marked(`${GET}\n?? status == 2000\n`), [['assertion-bad-value', '2000']]);
  assert.deepEqual(marked(`${GET}\n?? header x-ratelimit-remaining > ten\n`), [['assertion-bad-value', 'ten']]);
  assert.deepEqual(marked(`${GET}\n?? text matches (unclosed\n`), [['assertion-bad-value', '(unclosed']]);
  assert.deepEqual(marked(`${GET}\n?? xpath count(//HOST > 0\n`), [['assertion-xpath', 'count(//HOST']]);
  assert.match(diagnosticsOf(`${GET}\n?? xpath count(//HOST) + > 0\n`)[0]!.message, /The XPath expression ends too early/);
  assert.match(diagnosticsOf(`${GET}\n?? xpath count(//HOST > 0\n`)[0]!.message, /The XPath expression cannot be read from '\(\/\/HOST' on: Failed to parse/);
});

test("httpYac's JavaScript assertions are recognised quietly, as not evaluated", () => {
  const [diagnostic] = diagnosticsOf(`${GET}\n?? js response.parsedBody.a == 1\n`);
  assert.equal(diagnostic!.code, 'assertion-not-evaluated');
  assert.equal(diagnostic!.severity, 3);
});

test('a line after the assertions that is not one is flagged: it is not sent', () => {
  assert.deepEqual(marked(`POST {{baseUrl}}/api/2.0/fo/asset/host/\n\naction=list\n?? status == 200\nids=1\n`), [['assertion-ignored-line', 'ids=1']]);
});

test('quick fix: a misspelt field becomes the one meant', () => {
  assert.equal(applyFix(`${GET}\n?? stauts == 200\n`, 'assertion-syntax'), `${GET}\n?? status == 200\n`);
});

test('assertions in REST Client files are checked on Qualys requests only', () => {
  assert.deepEqual(diagnosticsOf('GET https://example.com/x\n\n?? stauts == 200\n', 'http'), []);
  assert.deepEqual(diagnosticsOf(`${GET}\n?? stauts == 200\n`, 'http').map((d) => d.code), ['assertion-syntax']);
});

test('completion: fields, then Qualys headers, operators, Qualys codes and statuses', () => {
  assert.deepEqual(completionLabels(`${GET}\n?? |`), ['status', 'code', 'text', 'header', 'xpath', 'duration', 'body', 'size']);
  assert.ok(completionLabels(`${GET}\n?? header |`).includes('x-ratelimit-remaining'));
  assert.ok(completionLabels(`${GET}\n?? header x-ratelimit-remaining |`).includes('>'));
  assert.ok(completionLabels(`${GET}\n?? status |`).includes('=='));
  assert.ok(completionLabels(`${GET}\n?? xpath count(//HOST) |`).includes('>'));
  const codes = completionLabels(`${GET}\n?? code != |`);
  assert.ok(codes.includes('1965') && codes.includes('2000') && codes.includes('INVALID_CREDENTIALS'));
  assert.ok(completionLabels(`${GET}\n?? status == 4|`).includes('409'));
});

test('hover: the field, the operator, a header, a Qualys code and a status', () => {
  assert.match(hoverText(`${GET}\n?? co|de != 1965`), /Qualys error CODE/);
  assert.match(hoverText(`${GET}\n?? code != 19|65`), /CODE 1965\*\* \(HTTP 409\).*rate limit/s);
  assert.match(hoverText(`${GET}\n?? code != 19|65`), /appendix_d/);
  assert.match(hoverText(`${GET}\n?? header x-ratelimit-rem|aining > 10`), /Calls left in the current window/);
  assert.match(hoverText(`${GET}\n?? status |== 200`), /equals/);
  assert.match(hoverText(`${GET}\n?? status == 4|09`), /concurrency \(CODE 1960\)/);
});
