import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { RequestService } from '../../../server/src/request/requestService';
import { applyFix, hoverText, makeDocument, post, token } from './helpers';

test('hover on a parameter tells what it does, its values, conditions and source', () => {
  const text = hoverText('GET {{baseUrl}}/api/2.0/fo/auth/windows/?action=create&tag_se|t_by=name');
  assert.match(text, /\*\*tag_set_by\*\*/);
  assert.match(text, /`id`, `name`/);
  assert.match(text, /Default: `id`/);
  assert.match(text, /only when asset_type is asset_tags or ip_range_tag_rule/);
  assert.match(text, /seeds\/000_739cdca3009ad119\.txt/);
});

test('hover shows limits and aliases', () => {
  assert.match(hoverText('POST {{baseUrl}}/api/2.0/fo/asset/host/\n\naction=update&ids=1&new_u|d1=x'), /at most 128 characters, ASCII only/);
  assert.match(hoverText('POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/pc/\n\naction=update&id=1&instance_data_collection_auth_t|ypes=MSSQL'), /`MS SQL` \(= MSSQL\)/);
  assert.match(hoverText('GET {{gatewayUrl}}/pcrs/1.0/posture/postureInfo?lastScanD|ate=2021-12-17'), /YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ/);
});

test('hover on the path describes the endpoint and its actions; on the action, the action', () => {
  const path = hoverText('GET {{baseUrl}}/api/2.0/fo/asset/ho|st/?action=list');
  assert.match(path, /Hosts: list, update, purge/);
  assert.match(path, /action=purge.*changes data/);
  assert.match(hoverText('GET {{baseUrl}}/api/2.0/fo/asset/host/?action=pur|ge'), /deletes data/);
});

test('quick fix: did-you-mean renames the parameter, the action or the value', () => {
  assert.equal(applyFix(post('/api/2.0/fo/asset/host/', 'action=list&detials=All'), 'unknown-parameter'), post('/api/2.0/fo/asset/host/', 'action=list&details=All'));
  assert.equal(applyFix(post('/api/2.0/fo/asset/host/', 'action=lst'), 'unknown-action'), post('/api/2.0/fo/asset/host/', 'action=list'));
  assert.equal(applyFix(post('/api/2.0/fo/asset/host/', 'action=list&details=all'), 'bad-value'), post('/api/2.0/fo/asset/host/', 'action=list&details=All'));
  assert.equal(applyFix(post('/api/2.0/fo/auth/window/', 'action=list'), 'unknown-endpoint'), post('/api/2.0/fo/auth/windows/', 'action=list'));
});

test('quick fix: remove a duplicate or a conflicting parameter', () => {
  assert.equal(applyFix(post('/api/2.0/fo/asset/host/', 'action=list&details=All&details=None'), 'duplicate'), post('/api/2.0/fo/asset/host/', 'action=list&details=None'));
  assert.equal(applyFix(post('/api/2.0/fo/auth/unix/', 'action=update&ids=1&ips=10.0.0.1&add_ips=10.0.0.2'), 'conflict'), post('/api/2.0/fo/auth/unix/', 'action=update&ids=1&ips=10.0.0.1'));
});

test('a Send Request CodeLens stands above each request, saying when it changes data', () => {
  const document = makeDocument('### list\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=list\n\n### purge\nPOST {{baseUrl}}/api/2.0/fo/asset/host/\n\naction=purge&ids=1\n');
  const lenses = new RequestService().codeLenses(document, token);
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]), [
    [1, 'Send Request', 'qualys.sendRequest'],
    [1, 'Download all pages', 'qualys.downloadAllPages'],
    [4, 'Send Request (changes data)', 'qualys.sendRequest'],
  ]);
  assert.deepEqual(lenses[2]!.command!.arguments![0], { uri: document.uri, requestIndex: 1, range: lenses[2]!.range, changesData: true });
  assert.deepEqual(lenses[1]!.command!.arguments![0], { uri: document.uri, requestIndex: 0, range: lenses[1]!.range });
});

test('"Download all pages" only on read-only lists Qualys pages with id_min', () => {
  const lensed = (text: string) => new RequestService().codeLenses(makeDocument(text), token).filter((l) => l.command?.command === 'qualys.downloadAllPages').length;
  assert.equal(lensed('GET {{baseUrl}}/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=500\n'), 1);
  assert.equal(lensed('POST {{baseUrl}}/api/2.0/fo/auth/unix/\n\naction=list\n'), 1);
  assert.equal(lensed('POST {{baseUrl}}/api/2.0/fo/asset/host/\n\naction=purge&ids=1\n'), 0, 'never on a call that changes data');
  assert.equal(lensed('GET {{baseUrl}}/api/2.0/fo/scan/?action=list\n'), 0, 'the scan list does not page');
  assert.equal(lensed('GET {{baseUrl}}/api/2.0/fo/asset/host/\n'), 0, 'no action: nothing known');
});

test('in REST Client files only Qualys requests get a lens', () => {
  const document = makeDocument('GET https://example.com/\n\n###\nGET https://qualysapi.qualys.com/api/2.0/fo/auth/?action=list\n', 'http');
  assert.deepEqual(new RequestService().codeLenses(document, token).map((l) => [l.range.start.line, l.command?.title]), [
    [3, 'Send Request'],
    [3, 'Download all pages'],
  ]);
});

test('requests are document symbols named by their ### line', () => {
  const document = makeDocument('### list hosts\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=list\n\n###\nGET {{baseUrl}}/api/2.0/fo/auth/?action=list\n');
  assert.deepEqual(new RequestService().documentSymbols(document, token).map((s) => s.name), ['list hosts', 'GET /api/2.0/fo/auth/']);
});

test('request symbols, quick fix titles and variable completions quote at most 60 characters of the document', () => {
  const long = 'n'.repeat(100_000);
  const document = makeDocument(`### ${long}\nGET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&${long}=1&${long}=2\n\n###\nGET {{baseUrl}}/api/2.0/fo/${long}/\n`);
  const service = new RequestService();
  assert.deepEqual(
    service.documentSymbols(document, token).map((s) => s.name),
    [`${'n'.repeat(59)}…`, `GET /api/2.0/fo/${'n'.repeat(43)}…`],
  );
  const diagnostics = service.diagnostics(document, token);
  const actions = service.codeActions(document, diagnostics[0]!.range, { diagnostics }, token);
  assert.ok(actions.some((a) => a.title.startsWith('Remove the earlier ')));
  for (const action of actions) assert.ok(action.title.length < 100, action.title.slice(0, 120));
  const variables = makeDocument(`@${long} = ${long}\nGET {{|\n`.replace('|', ''));
  const items = service.completion(variables, variables.positionAt(variables.getText().indexOf('{{') + 2), token)?.items ?? [];
  const own = items.find((i) => i.label.startsWith('nnn'))!;
  assert.equal(own.label, `${'n'.repeat(59)}…`);
  assert.equal(own.detail, `${'n'.repeat(59)}…`);
  assert.equal((own.textEdit as { newText: string }).newText, `${long}}}`);
});

test('quick fix: the right host variable', () => {
  assert.equal(applyFix('GET {{baseUrl}}/pcrs/1.0/posture/hostids?policyId=1\n', 'wrong-host'), 'GET {{gatewayUrl}}/pcrs/1.0/posture/hostids?policyId=1\n');
});
