/**
 * Every curl command of the release notes in shared/seeds, read from the notes' own text (not a
 * transcription): each converts into a request that validates clean, and that request is the one
 * transcribed by hand in the seed fixtures (method, host side, path, query, form, body).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadRequestCatalog } from '../../../../server/src/request/catalogLoader';
import { convertCurlAt, type CurlConversion } from '../../../../server/src/request/curl/curlBlocks';
import { CURL_LINE } from '../../../../server/src/request/curl/curlWords';
import { parseRequestFile } from '../../../../server/src/request/requestParser';
import { toResolved } from '../../../../server/src/request/sendableRequest';
import { diagnosticsOf } from '../helpers';

// shared/ lies beside the repository (CI's clone) or at /work/shared (a worktree of /work/wt).
const SEEDS = [join(__dirname, '../../../../../shared/seeds'), '/work/shared/seeds'].find((dir) => existsSync(dir)) ?? 'shared/seeds';
const FIXTURES = join(__dirname, '../fixtures');
const catalog = loadRequestCatalog();

/** Every curl command of a seed file, converted where it starts. */
function conversions(file: string): CurlConversion[] {
  const text = readFileSync(join(SEEDS, file), 'utf8');
  const out: CurlConversion[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    if (CURL_LINE.test(line)) out.push(convertCurlAt(text, offset, text.length, catalog));
    offset += line.length + 1;
  }
  return out;
}

/** What is sent: method, host side, path, query, form, body (a `< file` body is the file's content in the fixture). */
function sent(text: string, index: number): Record<string, unknown> {
  const file = parseRequestFile(text);
  const r = toResolved(text, file.requests[index]!, file.variables);
  const path = r.target === 'absolute' ? r.url.replace(/^[a-z]+:\/\/[^/]+/i, '') : r.url;
  const side = r.target === 'absolute' ? (/<qualys_base_url>/.test(r.url) ? 'gateway' : 'api') : r.target;
  return { method: r.method, side, path, query: r.query, form: r.form, body: r.bodyKind === 'file' ? '(file)' : r.body?.trim() };
}

const available = existsSync(SEEDS);

for (const [seed, fixture, count, broken] of [
  ['000_739cdca3009ad119.txt', 'seed-000.qualys', 29, []],
  ['003_32800407b1ee4fb4.txt', 'seed-003.qualys', 2, []],
  // The one sample whose JSON body lost a comma and a quote in the notes: converted as written, reported where it is.
  ['004_f142980ed2dfc29c.txt', 'seed-004.qualys', 10, ["json-syntax: The JSON body is not valid JSON: unexpected 'subscriptionId' (is a comma or a quote missing before it?)."]],
] as const) {
  test(`the ${count} curl commands of seed ${seed.slice(0, 3)} convert into requests that validate clean and match the transcription`, { skip: !available && 'shared/seeds is not beside the repository' }, () => {
    const converted = conversions(seed);
    assert.equal(converted.length, count);
    const transcribed = readFileSync(join(FIXTURES, fixture), 'utf8');
    const problems: string[] = [];
    converted.forEach((c, i) => {
      assert.ok(c.ok, `command ${i + 1}: ${c.ok ? '' : c.message}`);
      assert.doesNotMatch(c.text, /PASSWORD|Bearer token|Basic Abcd/, 'credentials are never written');
      assert.match(c.text.split('\n').find((l) => !l.startsWith('#'))!, /^(GET|POST) \{\{(baseUrl|gatewayUrl)\}\}\//);
      problems.push(...diagnosticsOf(c.text).map((d) => `${String(d.code)}: ${d.message}`));
      const mine = sent(c.text, 0);
      const theirs = sent(transcribed, i);
      if (mine.body === '(file)') theirs.body = '(file)';
      assert.deepEqual(mine, theirs, `command ${i + 1}`);
    });
    assert.deepEqual(problems, broken);
  });
}

test('the OCR-damaged commands of seed 001 stop at the word that breaks them: the password after "-u username: "', { skip: !available && 'shared/seeds is not beside the repository' }, () => {
  const text = readFileSync(join(SEEDS, '001_75a9240544e4cce9.txt'), 'utf8');
  const converted = conversions('001_75a9240544e4cce9.txt');
  assert.equal(converted.length, 9);
  for (const c of converted) {
    assert.ok(!c.ok);
    assert.equal(text.slice(c.start, c.end), 'password');
    assert.match(c.message, /-u takes one word, and a space after 'user[nm]a[nm]e:' splits the credentials/);
  }
});
