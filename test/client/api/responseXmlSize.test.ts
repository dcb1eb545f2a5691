/**
 * Response XML in time and memory linear in its size, through the public API. Speed is measured by
 * the benchmark (`npm run bench -- apiClient`); what a test can check without a clock is memory: a
 * parser that builds one heap object per character of a text node needs some 40 times the text in
 * heap, so an 8 MB text node or attribute value must come back whole from a process with a 96 MB heap.
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listHosts, type Host } from '../../../client/src/api';
import { clientFor, startFake, xml } from './support/fakeQualys';

const run = promisify(execFile);

for (const shape of ['text', 'attribute'] as const) {
  test(`response XML: an 8 MB ${shape === 'text' ? 'text node' : 'attribute value'} parses within a 96 MB heap`, async () => {
    const script = join(__dirname, 'support', 'bigTextNode.ts');
    let stdout: string;
    try {
      ({ stdout } = await run(process.execPath, ['--max-old-space-size=96', '--import', 'tsx', script, '8', shape], { maxBuffer: 1 << 20, timeout: 120_000 }));
    } catch (error) {
      const e = error as { code?: unknown; signal?: unknown; stderr?: string };
      assert.fail(`the child failed (${String(e.code ?? e.signal)}): ${(e.stderr ?? '').split('\n').find((l) => /heap|memory|Error/.test(l)) ?? ''}`);
    }
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!) as { ok: boolean; length?: number; matches?: boolean };
    assert.deepEqual(outcome.ok && [outcome.length, outcome.matches], [8 * 1024 * 1024 - 1, true]);
  });
}

test('response XML: long text and attribute values come back exactly as short ones do (line ends, trimming, references)', async () => {
  const fake = await startFake();
  try {
    const long = (core: string): string => `  \r\n ${core} ${'pad '.repeat(40)}\r\n  `;
    const raw = 'a &amp; b &lt;c&gt; &#65;&#x42; &#13;&#10; d\r\ne\rf &nbsp; &unknown; &#0; ]]&gt;';
    const decoded = 'a & b <c> AB \r\n d\ne\nf &nbsp; &unknown; &#0; ]]>';
    const expected = `${decoded} ${'pad '.repeat(40)}`.trim();
    fake.handle((_req, res) =>
      xml(
        res,
        `<HOST_LIST_OUTPUT><RESPONSE><DATETIME>x</DATETIME><HOST_LIST>` +
          `<HOST><ID>1</ID><OS>${long(raw)}</OS><USER_DEF><VALUE_1 ud_attr="${long(raw).replace(/"/g, '')}">${long('v')}</VALUE_1></USER_DEF></HOST>` +
          `<HOST><ID>2</ID><OS>${raw}</OS><DNS>${' '.repeat(100)}</DNS><NETBIOS>${'\t'.repeat(100)}x<![CDATA[ y ]]>${'z'.repeat(100)}</NETBIOS></HOST>` +
          `</HOST_LIST></RESPONSE></HOST_LIST_OUTPUT>`,
      ),
    );
    const pages = listHosts(clientFor(fake));
    const page = (await pages.next()).value!;
    await pages.return();
    assert.ok(page.ok, page.ok ? '' : page.error.message);
    const [one, two] = page.value.hosts as [Host, Host];
    assert.equal(one.os, expected);
    assert.equal(one.userDefined[0]!.label, expected);
    assert.equal(one.userDefined[0]!.value, `v ${'pad '.repeat(40)}`.trim());
    assert.equal(two.os, decoded.trim(), 'a short run gives the same text as a long one');
    assert.equal(two.dns, undefined, 'a long run of spaces is no text at all');
    assert.equal(two.netbios, `x y ${'z'.repeat(100)}`);
  } finally {
    await fake.close();
  }
});
