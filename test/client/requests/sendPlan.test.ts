/** Resolved request → SendRequest, and which requests need a confirmation (client/src/requests/sendPlan.ts). */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { ResolvedRequest } from '../../../protocol';
import { confirmationMessage, planSend, secretsOf, type SendPlan } from '../../../client/src/requests/sendPlan';

function resolved(partial: Partial<ResolvedRequest>): ResolvedRequest {
  return { name: 'r', method: 'GET', target: 'api', url: '/api/2.0/fo/asset/host/', query: [], headers: [], unresolved: [], problems: [], line: 0, ...partial };
}

function plan(partial: Partial<ResolvedRequest>, catalogSaysChangesData = false): SendPlan {
  const result = planSend(resolved(partial), catalogSaysChangesData);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.plan;
}

test('query parameters travel in the URL, in order and repeated; form as the client form; target kept', () => {
  const p = plan({ method: 'POST', query: [['action', 'list'], ['ids', '1'], ['ids', '2']], form: [['details', 'All']], headers: [['X-Note', 'a b']], target: 'gateway', url: '/auth' });
  assert.deepEqual(p.request, { method: 'POST', url: '/auth?action=list&ids=1&ids=2', form: { details: 'All' }, headers: { 'X-Note': 'a b' }, target: 'gateway', mutating: false });
});

test('an absolute URL leaves the target to the API client (which refuses other origins)', () => {
  const p = plan({ target: 'absolute', url: 'https://qualysapi.qualys.com/api/2.0/fo/asset/host/', query: [['action', 'list']] });
  assert.equal(p.request.url, 'https://qualysapi.qualys.com/api/2.0/fo/asset/host/?action=list');
  assert.equal(p.request.target, undefined);
  assert.equal(p.endpoint, 'GET /api/2.0/fo/asset/host/');
});

test('read-only requests need no confirmation', () => {
  for (const r of [
    { query: [['action', 'list']] as [string, string][] },
    { url: '/api/2.0/fo/subscription/option_profile/', query: [['action', 'export']] as [string, string][] },
    { method: 'POST', target: 'gateway' as const, url: '/pcrs/1.0/posture/postureInfo', body: '[]' },
    { method: 'POST', url: '/qps/rest/2.0/search/am/tag', body: '<ServiceRequest/>' },
  ]) {
    assert.equal(plan(r).mutating, false, JSON.stringify(r));
  }
});

test('requests that change data need a confirmation: by action, QPS verb, method, or the catalog verdict', () => {
  assert.equal(plan({ method: 'POST', form: [['action', 'update'], ['ids', '1']] }).mutating, true);
  assert.equal(plan({ method: 'POST', url: '/api/2.0/fo/asset/host/', query: [['action', 'purge']] }).mutating, true);
  assert.equal(plan({ method: 'POST', url: '/qps/rest/1.0/update/ca/agentconfig/1', body: '<ServiceRequest/>' }).mutating, true);
  assert.equal(plan({ method: 'DELETE', url: '/something/else' }).mutating, true);
  assert.equal(plan({ query: [['action', 'list']] }, true).mutating, true, 'the CodeLens says the catalog marks it as changing data');
  const p = plan({ method: 'POST', url: '/api/2.0/fo/auth/unix/', form: [['action', 'create'], ['title', 't']], name: 'create unix' });
  assert.equal(p.request.mutating, true, 'the API client is told, so it never retries');
  const { message, detail } = confirmationMessage(p, 'acme @ US1');
  assert.equal(message, 'Send "create unix"? It changes data in acme @ US1.');
  assert.equal(detail, 'POST /api/2.0/fo/auth/unix/ with action=create changes data in the Qualys account acme @ US1. It is sent once and never retried automatically.');
});

test('unresolved variables and problems stop the request with a message naming them', () => {
  const unresolved = planSend(resolved({ name: 'list', unresolved: ['hostIds', '%AG%'] }));
  assert.deepEqual(unresolved, { ok: false, message: "list was not sent: define {{hostIds}}, %AG% first (e.g. a line '@name = value' in the file)." });
  const problem = planSend(resolved({ name: 'import', problems: ['The body is read from a file.'] }));
  assert.deepEqual(problem, { ok: false, message: 'import: The body is read from a file.' });
});

test('the secrets to mask: the account password, its Basic form, and password-like values of the request', () => {
  const p = plan({ method: 'POST', url: '/api/2.0/fo/auth/unix/', form: [['action', 'create'], ['password', 'rec0rd pw'], ['title', 'not secret']] });
  assert.deepEqual(secretsOf(p, { username: 'acme', password: () => 'acct pw' }), ['acct pw', Buffer.from('acme:acct pw').toString('base64'), 'rec0rd pw']);
  assert.equal(p.answerIsCredential, false);
  assert.equal(plan({ method: 'POST', target: 'gateway', url: '/auth' }).answerIsCredential, true);
});
