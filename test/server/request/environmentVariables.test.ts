/** Environment variables after `{{`: completion of their names, hover saying where each is defined and what is sent. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import type { EnvironmentVariablesParams } from '../../../protocol';
import { RequestService } from '../../../server/src/request/requestService';
import { completionItems, token, withCursor } from './helpers';

const ENVIRONMENTS: EnvironmentVariablesParams = {
  active: 'lab',
  variables: [
    { name: 'targetIp', definitions: [{ environment: 'lab', value: '10.10.10.1' }, { environment: 'production', value: '10.20.0.0/24' }] },
    { name: 'scanTitle', definitions: [{ environment: '$shared', value: 'Nightly scan' }] },
    { name: 'apiKey', definitions: [{ environment: 'production', secret: 'production-api-key' }] },
    { name: 'labToken', definitions: [{ environment: 'lab', secret: 'lab-token' }] },
  ],
};

function service(params = ENVIRONMENTS): RequestService {
  const s = new RequestService();
  s.updateEnvironmentVariables(params);
  return s;
}

function hoverText(s: RequestService, marked: string): string | undefined {
  const { document, offset } = withCursor(marked);
  const hover = s.hover(document, document.positionAt(offset), token);
  return hover ? (hover.contents as MarkupContent).value : undefined;
}

test('after {{ the environments\' variables complete with what the active environment sends, after the file\'s own', () => {
  const items = completionItems('@scanTitle = Mine\nGET {{baseUrl}}/api/2.0/fo/scan/?action=list&ips={{|', service());
  const byLabel = new Map(items.map((i) => [i.label, i]));
  assert.deepEqual([...byLabel.keys()], ['baseUrl', 'gatewayUrl', 'scanTitle', 'targetIp', 'apiKey', 'labToken']);
  assert.equal(byLabel.get('targetIp')!.detail, 'lab: 10.10.10.1');
  assert.equal(byLabel.get('scanTitle')!.detail, 'Mine', 'the file\'s @scanTitle comes first');
  assert.equal(byLabel.get('apiKey')!.detail, 'in production; not in lab');
  assert.equal(byLabel.get('labToken')!.detail, "lab: secret 'lab-token'");
  assert.equal(byLabel.get('targetIp')!.textEdit!.newText, 'targetIp}}');
  // Without an environment chosen, $shared values are sent.
  const none = completionItems('GET {{baseUrl}}/api/2.0/fo/scan/?action=list&ips={{|', service({ variables: ENVIRONMENTS.variables }));
  assert.equal(none.find((i) => i.label === 'scanTitle')!.detail, '$shared: Nightly scan');
  assert.equal(none.find((i) => i.label === 'targetIp')!.detail, 'in lab, production; no environment chosen');
});

test('hover on {{name}} says which environments define it and which value is sent; a secret is named, never shown', () => {
  const s = service();
  const ip = hoverText(s, 'GET {{baseUrl}}/api/2.0/fo/scan/?action=list&ips={{tar|getIp}}')!;
  assert.match(ip, /^\*\*\{\{targetIp\}\}\*\*: an environment variable \(`\.vscode\/qualys-environments\.json`\)/);
  assert.ok(ip.includes('- **lab** (active): `10.10.10.1` ← sent'), ip);
  assert.ok(ip.includes('- **production**: `10.20.0.0/24`\n'), ip);
  const secret = hoverText(s, 'POST {{baseUrl}}/api/2.0/fo/scan/?action=list&echo_request={{lab|Token}}')!;
  assert.ok(secret.includes("- **lab** (active): secret 'lab-token' ← sent"), secret);
  assert.match(secret, /its value is never shown/);
  const elsewhere = hoverText(s, 'GET {{baseUrl}}/api/2.0/fo/scan/?action=list&x={{apiKey|}}')!;
  assert.match(elsewhere, /Not set for the active environment, \*\*lab\*\*/);
  const shadowed = hoverText(s, '@targetIp = 1.2.3.4\nGET {{baseUrl}}/api/2.0/fo/scan/?action=list&ips={{|targetIp}}')!;
  assert.match(shadowed, /This file's `@targetIp` comes first/);
  assert.ok(!hoverText(s, 'GET {{baseUrl}}/api/2.0/fo/scan/?action=list&ips={{unkn|own}}')?.includes('environment variable'), 'a name no environment defines: the parameter\'s hover, as before');
});

test('what the server is sent is checked: a broken message changes nothing it offers and throws nothing', () => {
  const s = service();
  s.updateEnvironmentVariables({ variables: [{ name: 'bad name', definitions: [] }, { name: 'ok', definitions: 'x' as never }, null as never] } as EnvironmentVariablesParams);
  const labels = completionItems('GET {{baseUrl}}/api/2.0/fo/scan/?action=list&ips={{|', s).map((i) => i.label);
  assert.deepEqual(labels, ['baseUrl', 'gatewayUrl']);
});
