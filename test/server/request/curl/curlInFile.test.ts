/** A curl command pasted into a request file: its note or its stop, and the code action that converts it. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import { RequestService } from '../../../../server/src/request/requestService';
import { resolveForSending } from '../../../../server/src/request/sendableRequest';
import { diagnosticsOf, makeDocument, token } from '../helpers';

const PASTED = `### list hosts
curl -u "USERNAME:PASSWORD" -H "X-Requested-With: curl" \\
  -d "action=list&details=Basic" \\
  "https://qualysapi.qualys.com/api/2.0/fo/asset/host/"

### next
GET {{baseUrl}}/api/2.0/fo/asset/ip/?action=list
`;

function actionsAt(text: string, needle: string, languageId = 'qualys-request', service = new RequestService()): CodeAction[] {
  const document = makeDocument(text, languageId);
  const position = document.positionAt(text.indexOf(needle));
  const diagnostics = service.diagnostics(document, token);
  return service.codeActions!(document, { start: position, end: position }, { diagnostics }, token);
}

function apply(text: string, action: CodeAction): string {
  const edits = Object.values(action.edit!.changes!)[0]!;
  const document = makeDocument(text);
  let out = text;
  for (const edit of [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start))) {
    out = out.slice(0, document.offsetAt(edit.range.start)) + edit.newText + out.slice(document.offsetAt(edit.range.end));
  }
  return out;
}

test('a readable curl command gets one information note on the word curl, nothing else of it is checked', () => {
  const diagnostics = diagnosticsOf(PASTED);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]),
    [['curl-command', 3, 1, 0, 4]],
  );
  assert.match(diagnostics[0]!.message, /Convert curl command to request.*leaves out the -u credentials/);
});

test('"Convert curl command to request" replaces only the command; the result validates clean and holds no credential', () => {
  const actions = actionsAt(PASTED, 'action=list&details');
  assert.equal(actions.length, 1);
  assert.equal(actions[0]!.title, 'Convert curl command to request');
  assert.equal(actions[0]!.kind, CodeActionKind.QuickFix);
  const converted = apply(PASTED, actions[0]!);
  assert.equal(
    converted,
    `### list hosts
# Left out of curl's command: the -u credentials. Send Request signs in with the account.
POST {{baseUrl}}/api/2.0/fo/asset/host/
X-Requested-With: curl
Content-Type: application/x-www-form-urlencoded

action=list&details=Basic

### next
GET {{baseUrl}}/api/2.0/fo/asset/ip/?action=list
`,
  );
  assert.doesNotMatch(converted, /PASSWORD/);
  assert.deepEqual(diagnosticsOf(converted), []);
});

test('the action is offered without the diagnostic too (a refactoring any LSP editor lists)', () => {
  const text = 'curl https://qualysapi.qualys.com/api/2.0/fo/asset/ip/?action=list\n';
  const document = makeDocument(text);
  const actions = new RequestService().codeActions!(document, { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, { diagnostics: [] }, token);
  assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Convert curl command to request', CodeActionKind.RefactorRewrite]]);
  assert.deepEqual(actionsAt(PASTED, 'GET {{baseUrl}}'), []);
});

test('a curl command the converter cannot read gets a warning on the word it stopped at, and no action', () => {
  const text = 'curl -u username: password -H "X-Requested-With: curl" https://qualysapi.qualys.com/api/2.0/fo/auth/apache -d "action=list"\n';
  const document = makeDocument(text);
  const diagnostics = new RequestService().diagnostics(document, token);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, document.getText(d.range)]), [['curl-unreadable', 2, 'password']]);
  assert.match(String(diagnostics[0]!.message), /cannot be converted: 'password' is read as the URL/);
  assert.deepEqual(actionsAt(text, 'curl'), []);
});

test('a curl block gets no Send lens, no completion or hover, and cannot be sent as it is', () => {
  const service = new RequestService();
  const document = makeDocument(PASTED);
  assert.deepEqual(service.codeLenses!(document, token).map((l) => l.range.start.line), [6]);
  assert.equal(service.completion(document, document.positionAt(PASTED.indexOf('details')), token), null);
  assert.equal(service.hover!(document, document.positionAt(PASTED.indexOf('details')), token), null);
  assert.match(resolveForSending(PASTED, PASTED.indexOf('curl'))!.problems[0]!, /curl command: convert it first/);
});

test('in a REST Client file only curl commands to Qualys are ours', () => {
  assert.deepEqual(diagnosticsOf('curl https://api.github.com/user\n', 'http'), []);
  assert.deepEqual(actionsAt('curl https://api.github.com/user\n', 'curl', 'http'), []);
  assert.deepEqual(diagnosticsOf(PASTED, 'http').map((d) => d.code), ['curl-command']);
});

test("curl to the signed-in account's own host converts to {{baseUrl}} once the client has said which it is", () => {
  const service = new RequestService();
  service.updateAccountHosts({ api: 'http://127.0.0.1:8080' });
  const text = 'curl "http://127.0.0.1:8080/api/2.0/fo/asset/ip/?action=list"\n';
  const action = actionsAt(text, 'curl', 'qualys-request', service)[0]!;
  assert.equal(apply(text, action), 'GET {{baseUrl}}/api/2.0/fo/asset/ip/?action=list\n');
  assert.deepEqual(service.convertCurl('$ curl -u a:b http://127.0.0.1:8080/api/2.0/fo/asset/ip/?action=list'), {
    ok: true,
    request: "# Left out of curl's command: the -u credentials. Send Request signs in with the account.\nGET {{baseUrl}}/api/2.0/fo/asset/ip/?action=list",
    dropped: ['the -u credentials'],
  });
  assert.deepEqual(service.convertCurl('hello'), { ok: false, message: 'There is no curl command here: a curl command starts with the word curl.', start: 0, end: 1 });
});
