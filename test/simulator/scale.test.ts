import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import { BASIC, call, withSim } from './helpers';

test('same seed gives the same bytes; another seed gives other data', async () => {
  const fixedTime = '2026-01-15T10:00:00Z';
  const paths = [
    '/api/2.0/fo/asset/host/?action=list&details=All&show_tags=1&host_metadata=all&truncation_limit=40',
    '/api/2.0/fo/auth/windows/?action=list&details=All',
    '/api/2.0/fo/compliance/policy/?action=list&details=All',
  ];
  const bodies = async (seed: number) =>
    withSim({ seed, hosts: 300, fixedTime }, async (sim) => {
      const out: string[] = [];
      for (const p of paths) out.push((await call(sim, p)).text.split(sim.url).join('BASE'));
      const pid = /<ID>(\d+)<\/ID>/.exec(out[2])?.[1] ?? '';
      out.push((await call(sim, `/api/2.0/fo/compliance/posture/info/?action=list&policy_id=${pid}&details=All`)).text.split(sim.url).join('BASE'));
      return out;
    });
  const a = await bodies(7);
  const b = await bodies(7);
  const c = await bodies(8);
  assert.deepEqual(a, b);
  for (let k = 0; k < a.length; k++) assert.notEqual(a[k], c[k]);
});

test('100,000 hosts: paging visits every id once, and an untruncated list streams without building the body', async () => {
  await withSim({ hosts: 100_000, pageSize: 5000 }, async (sim) => {
    let path: string | undefined = '/api/2.0/fo/asset/host/?action=list&details=None';
    let count = 0;
    let last = 0;
    let pages = 0;
    while (path) {
      const r = await call(sim, path);
      pages++;
      for (const m of r.text.matchAll(/<ID>(\d+)<\/ID>/g)) {
        const id = Number(m[1]);
        assert.ok(id > last);
        last = id;
        count++;
      }
      path = /<URL><!\[CDATA\[(.*?)\]\]><\/URL>/.exec(r.text)?.[1]?.slice(sim.url.length);
    }
    assert.equal(pages, 20);
    assert.equal(count, 100_000);

    // truncation_limit=0 returns all 100,000 hosts in one answer (~150 MB with details=All). It must arrive
    // chunked, and the heap must stay far below the size of the body while it is read and dropped.
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    const result = await new Promise<{ bytes: number; chunked: boolean }>((resolve, reject) => {
      const req = request(`${sim.url}/api/2.0/fo/asset/host/?action=list&details=All&show_tags=1&truncation_limit=0`, { headers: { Authorization: BASIC, 'X-Requested-With': 't' } }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          peak = Math.max(peak, process.memoryUsage().heapUsed - base);
        });
        res.on('end', () => resolve({ bytes, chunked: res.headers['transfer-encoding'] === 'chunked' }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    assert.ok(result.chunked);
    assert.ok(result.bytes > 100_000_000, `${result.bytes} bytes`);
    assert.ok(peak < result.bytes / 2, `heap grew ${Math.round(peak / 1e6)} MB for a ${Math.round(result.bytes / 1e6)} MB body`);
  });
});
