import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { CompletionList, Diagnostic } from 'vscode-languageserver';
import { startServer } from './lspClient';

// The built server bundles jsonc-parser (through its ES module build) and the option profile
// validator: both must work there, not only from the sources.
const text = [
  '### posture',
  'POST {{gatewayUrl}}/pcrs/1.0/posture/postureInfo?evidenceRequired=1',
  'Content-Type: application/json',
  '',
  '[{"policyId":"597463","subscriptionId":"218748","hostId":["1"]},',
  ' {"policyId":"1" "subscriptionId":"2","hostIds":["3"]}]',
  '',
  '### import',
  'POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=import',
  'Content-Type: text/xml',
  '',
  '<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO><GROUP_TYPE>complaince</GROUP_TYPE></BASIC_INFO></OPTION_PROFILE></OPTION_PROFILES>',
  '',
].join('\n');

test('request bodies through the built server: JSON syntax errors, OPTION_PROFILES checks, key completion; an edit keeps the rest', async () => {
  const server = await startServer();
  try {
    const uri = 'file:///bodies.qualys';
    const published = server.nextDiagnostics(uri, 1);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'qualys-request', version: 1, text } });
    const { diagnostics } = await published;
    const summary = (list: Diagnostic[]) => list.map((d) => [d.code, d.source, d.range.start.line]);
    const first = summary(diagnostics);
    assert.deepEqual(first[0], ['json-syntax', 'qualys-request', 5]);
    assert.ok(first.slice(1).length > 0 && first.slice(1).every(([, source, line]) => source === 'qualys' && line === 11), JSON.stringify(first));
    assert.ok(diagnostics.some((d) => /complaince/.test(String(d.message))));

    // Fix the comma: the JSON now parses and its shape is checked; the import request is unchanged.
    const fixed = text.replace('"1" "subscriptionId"', '"1", "subscriptionId"');
    const republished = server.nextDiagnostics(uri, 2);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = summary((await republished).diagnostics);
    assert.deepEqual(after.slice(0, 2), [
      ['json-unknown-key', 'qualys-request', 4],
      ['json-missing-key', 'qualys-request', 4],
    ]);
    assert.deepEqual(after.slice(2), first.slice(1));

    const completion = (await server.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 4, character: '[{"policyId":"597463","subscriptionId":"218748","host'.length },
    })) as CompletionList;
    assert.deepEqual(completion.items.map((i) => [i.label, (i.textEdit as { newText: string }).newText]), [['hostIds', '"hostIds"']]);
  } finally {
    await server.stop();
  }
});
