/**
 * A large Send Request answer is formatted and redacted in the API worker, with the same text as on
 * the host's thread; the account's credentials are masked there without crossing again.
 */
import { test, after } from 'node:test';
import { strict as assert } from 'node:assert';
import { renderOffThread, send } from '../../../client/src/api';
import { renderResponse } from '../../../client/src/requests/renderResponse';
import { RENDER_HERE_MAX } from '../../../client/src/requests/sendFlow';
import { startSimulator } from '../../../simulator/src/index';
import { SIM_PASSWORD, SIM_USER, simClient } from '../api/support/simClient';

const simPromise = startSimulator({ port: 0, hosts: 600, user: SIM_USER, password: SIM_PASSWORD, seed: 4 });
after(async () => (await simPromise).close());

test('a large answer renders in the worker exactly as here, credentials and request secrets masked', async () => {
  const sim = await simPromise;
  const client = simClient(sim);
  try {
    const answer = await send(client, { method: 'GET', url: '/api/2.0/fo/asset/host/?action=list&details=All&show_tags=1&truncation_limit=500' });
    assert.ok(answer.ok, answer.ok ? '' : answer.error.message);
    // An answer that echoes the password and a request secret (as a careless API might).
    const body = answer.value.body.replace('</HOST_LIST>', `</HOST_LIST><!-- ${SIM_PASSWORD} rec-secret-9 -->`);
    assert.ok(body.length > RENDER_HERE_MAX, `${body.length} characters`);
    const view = { name: 'hosts', endpoint: 'GET /api/2.0/fo/asset/host/', account: 'acct', sentAt: new Date(0), outcome: { ok: true as const, value: { ...answer.value, body } } };
    const there = await renderOffThread(client, view, ['rec-secret-9']);
    const here = renderResponse(view, [SIM_PASSWORD, Buffer.from(`${SIM_USER}:${SIM_PASSWORD}`).toString('base64'), 'rec-secret-9']);
    assert.ok(there);
    assert.equal(there.format, here.format);
    assert.equal(there.text, here.text);
    assert.ok(!there.text.includes(SIM_PASSWORD) && !there.text.includes('rec-secret-9'));
    assert.match(there.text, /<HOST>\n\s+<ID>/, 'formatted');
  } finally {
    await client.close();
  }
});
