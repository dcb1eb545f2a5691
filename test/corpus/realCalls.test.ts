/**
 * Real Qualys API calls from public scripts and integrations no one here wrote: no valid call may
 * draw an error or a warning, and every real mistake listed in mistakes.json must draw its
 * diagnostic. Today's false diagnostics are listed in known-false.json: the list may only shrink
 * (`npm run corpus:report -- --update` rewrites it), and so may known-missed.json, the listed mistakes
 * today's checker does not catch yet.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkCorpus, corpusDir, corpusFiles, judge, knownKey, missedKey, readKnownFalse, readKnownMissed, readMistakes, type CorpusCall } from './corpus';

const calls: CorpusCall[] = checkCorpus();
const mistakes = readMistakes();
const knownFalse = readKnownFalse();
const knownMissed = new Set(readKnownMissed().map(missedKey));
const verdict = judge(calls, mistakes);

test('the corpus holds at least 300 distinct real calls from several sources', () => {
  assert.ok(new Set(calls.map((c) => c.key)).size >= 300, `${new Set(calls.map((c) => c.key)).size} distinct calls`);
  assert.ok(corpusFiles().length >= 5);
});

test('every call names its source repository, path and commit, and its title is unique in its file', () => {
  for (const file of corpusFiles()) {
    const blocks = readFileSync(join(corpusDir, file), 'utf8').split(/^###/m).slice(1);
    const titles = new Set<string>();
    for (const block of blocks) {
      const title = block.split('\n', 1)[0]!.trim();
      assert.ok(title, `${file}: a block without a title`);
      assert.ok(!titles.has(title), `${file}: the title '${title}' is used twice`);
      titles.add(title);
      assert.match(block, /^# source: \S+\/\S+ .+ @ [0-9a-f]{40}$/m, `${file} '${title}' does not name its source`);
    }
  }
});

test('every listed real mistake draws its diagnostic, beyond the known missed ones', () => {
  assert.deepEqual(
    verdict.missed.filter((m) => !knownMissed.has(missedKey(m))).map((m) => `${m.file} '${m.block}': expected ${m.code} (${m.why})`),
    [],
  );
});

test('every known missed mistake is still missed (a caught one must leave known-missed.json)', () => {
  const missed = new Set(verdict.missed.map(missedKey));
  assert.deepEqual(
    [...knownMissed].filter((k) => !missed.has(k)).map((k) => k.replace(/\n/g, ' ')),
    [],
    'caught now: run `npm run corpus:report -- --update` to shrink known-missed.json',
  );
});

test('mistakes.json names existing calls and a Qualys documentation page for each', () => {
  const blocks = new Set(calls.map((c) => `${c.file}\n${c.block}`));
  for (const m of mistakes) {
    assert.ok(blocks.has(`${m.file}\n${m.block}`), `no block '${m.block}' in ${m.file}`);
    assert.match(m.doc, /^https:\/\/(docs|cdn2|www)\.qualys\.com\//, `${m.block}: the documentation must be Qualys'`);
    assert.ok(m.why.length > 10);
  }
});

test('no valid real call draws an error or a warning beyond the known false ones', () => {
  const tolerated = new Map<string, number>();
  for (const k of knownFalse) tolerated.set(knownKey(k), (tolerated.get(knownKey(k)) ?? 0) + 1);
  const fresh: string[] = [];
  for (const d of verdict.falseDiagnostics) {
    const left = tolerated.get(knownKey(d)) ?? 0;
    if (left > 0) tolerated.set(knownKey(d), left - 1);
    else fresh.push(`${d.file}:${d.line} '${d.block}' ${d.severity} ${d.code}: ${d.message}`);
  }
  assert.deepEqual(fresh, [], 'new false diagnostics on real calls');
});

test('every known false diagnostic still occurs (a fixed one must leave known-false.json)', () => {
  const current = new Map<string, number>();
  for (const d of verdict.falseDiagnostics) current.set(knownKey(d), (current.get(knownKey(d)) ?? 0) + 1);
  const gone: string[] = [];
  for (const k of knownFalse) {
    const left = current.get(knownKey(k)) ?? 0;
    if (left > 0) current.set(knownKey(k), left - 1);
    else gone.push(`${k.file} '${k.block}' ${k.code}: ${k.message}`);
  }
  assert.deepEqual(gone, [], 'fixed: run `npm run corpus:report -- --update` to shrink known-false.json');
});
