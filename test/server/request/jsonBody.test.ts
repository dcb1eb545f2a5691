import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyFix, completionItems, completionLabels, diagnosticsOf, hoverText, marked } from './helpers';

/** A postureInfo request with the JSON body `body`. */
const posture = (body: string) => `POST {{gatewayUrl}}/pcrs/1.0/posture/postureInfo?evidenceRequired=0\nContent-Type: application/json\n\n${body}\n`;

test('postureInfo: a body of policies, subscriptions and host IDs validates clean (strings or numbers)', () => {
  assert.deepEqual(marked(posture('[{"policyId":"597463","subscriptionId":"218748","hostIds":["1574730","77951"]}]')), []);
  assert.deepEqual(marked(posture('[\n  { "policyId": 597463, "subscriptionId": 218748, "hostIds": [1574730] },\n  { "policyId": "7256700", "subscriptionId": "218748", "hostIds": ["1"] }\n]')), []);
});

test('postureInfo: an unknown key gets did-you-mean and a quick fix that renames it', () => {
  const text = posture('[{"policyId":"1","subscriptionId":"2","hostId":["3"]}]');
  const found = diagnosticsOf(text);
  assert.deepEqual(marked(text), [['json-unknown-key', 'hostId'], ['json-missing-key', '{']]);
  assert.match(found[0]!.message, /Unknown key 'hostId' in \[0\]; its keys are policyId, subscriptionId, hostIds\. Did you mean 'hostIds'\?/);
  assert.match(found[1]!.message, /\[0\] needs the key 'hostIds'/);
  assert.equal(applyFix(text, 'json-unknown-key'), posture('[{"policyId":"1","subscriptionId":"2","hostIds":["3"]}]'));
});

test('postureInfo: types, IDs and an empty list are reported on the value', () => {
  assert.deepEqual(marked(posture('[{"policyId":"abc","subscriptionId":"2","hostIds":"3"}]')), [
    ['json-bad-value', '"abc"'],
    ['json-type', '"3"'],
  ]);
  assert.deepEqual(marked(posture('{"policyId":"1"}')), [['json-type', '{"policyId":"1"}']]);
  assert.deepEqual(marked(posture('[]')), [['json-bad-value', '[]']]);
  assert.deepEqual(marked(posture('[{"policyId":"1","subscriptionId":"2","hostIds":["3", true, -4]}]')), [
    ['json-bad-value', 'true'],
    ['json-bad-value', '-4'],
  ]);
  const message = diagnosticsOf(posture('[{"policyId":"1","subscriptionId":"2","hostIds":["x1y"]}]'))[0]!.message;
  assert.equal(message, "[0].hostIds[0] must be an ID (digits), not 'x1y'.");
});

test('postureInfo: a JSON syntax error is reported once, where it is', () => {
  assert.deepEqual(marked(posture('[{"policyId":"1","subscriptionId":"2","hostIds":["3"],}]')), [['json-syntax', '}']]);
  assert.deepEqual(marked(posture('[{"policyId":"1" "subscriptionId":"2","hostIds":["3"]}]')), [['json-syntax', '"subscriptionId"']]);
  const cut = diagnosticsOf(posture('[{"policyId":"1","subscriptionId":"2","hostIds":["3"'));
  assert.equal(cut.length, 1);
  assert.equal(cut[0]!.code, 'json-syntax');
  assert.match(cut[0]!.message, /expected/);
});

test('postureInfo: {{variables}} and documentation placeholders are not checked', () => {
  assert.deepEqual(marked(posture('[{"policyId":"{{policy}}","subscriptionId":{{sub}},"hostIds":{{hosts}}}]')), []);
  assert.deepEqual(marked(posture('[{"policyId":"POLICY ID","subscriptionId":"<SUBSCRIPTION ID>","hostIds":["xxx"]}]')), []);
  // The seed's "xxx":"xxx" stands for a key: it is not reported, nor the key it replaces.
  assert.deepEqual(marked(posture('[{"policyId":"xxx","xxx":"xxx","hostIds":["xxx"]}]')), []);
  // A misspelt key is not a placeholder.
  assert.deepEqual(marked(posture('[{"policyID":"1","subscriptionId":"2","hostIds":["3"]}]')).map(([code]) => code), ['json-unknown-key', 'json-missing-key']);
});

test('postureInfo: the JSON body is checked in REST Client files too, and not in bodies of other endpoints', () => {
  assert.deepEqual(marked(posture('[{"policyId":"1","subscriptionId":"2","hostIdz":["3"]}]'), 'http').map(([code]) => code), ['json-unknown-key', 'json-missing-key']);
  assert.deepEqual(marked('POST https://example.com/api\nContent-Type: application/json\n\n[{"hostIdz":1}]\n', 'http'), []);
});

test('completion in a postureInfo body offers the keys not yet used, required first', () => {
  assert.deepEqual(completionLabels(posture('[{"policyId":"1", |}]')), ['subscriptionId', 'hostIds']);
  assert.deepEqual(completionLabels(posture('[{|}]')).sort(), ['hostIds', 'policyId', 'subscriptionId']);
  const typed = completionItems(posture('[{"policyId":"1", "ho|"}]'));
  assert.deepEqual(typed.map((i) => i.label), ['subscriptionId', 'hostIds']);
  const edit = typed[1]!.textEdit as { newText: string; range: { start: { character: number }; end: { character: number } } };
  assert.equal(edit.newText, '"hostIds"');
  assert.equal(edit.range.end.character - edit.range.start.character, '"ho"'.length);
  const fresh = completionItems(posture('[{|}]')).find((i) => i.label === 'hostIds')!;
  assert.equal((fresh.textEdit as { newText: string }).newText, '"hostIds": ');
  assert.match(String(fresh.documentation), /host IDs/);
  assert.deepEqual(completionLabels(posture('[{"policyId":"|"}]')), []);
});

test('hover on a postureInfo key says what it holds, its type and its source', () => {
  const text = hoverText(posture('[{"policyId":"1","subscriptionId":"2","host|Ids":["3"]}]'));
  assert.match(text, /\*\*hostIds\*\* \(an array, required\)/);
  assert.match(text, /host IDs to report on/);
  assert.match(text, /Items: an ID/);
  assert.match(text, /Source: seed-004/);
  assert.match(hoverText(posture('[{"po|licyId":"1"}]')), /The policy ID/);
  assert.equal(hoverText(posture('[{"policyId":"1|"}]')), '');
  assert.equal(hoverText(posture('[{"hostIdz|":"1"}]')), '');
});
