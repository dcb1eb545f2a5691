/**
 * Prints, per API family and per source file, how the request checker treats the corpus of real
 * calls (test/corpus/real-calls/): calls, clean calls, false errors, false warnings, information
 * notes, real mistakes caught. `--update` rewrites known-false.json with today's false diagnostics
 * and known-missed.json with the listed mistakes not caught yet (both may only shrink: check the diff). `--list` prints every false diagnostic.
 *
 *   npx tsx scripts/corpus-report.ts [--update] [--list] [--json]
 */
import { writeFileSync } from 'node:fs';
import { checkCorpus, judge, knownFalseFile, knownMissedFile, readKnownFalse, readKnownMissed, readMistakes, type CorpusCall, type KnownFalse, type KnownMissed } from '../test/corpus/corpus';

interface Row {
  calls: number;
  distinct: Set<string>;
  clean: number;
  errors: number;
  warnings: number;
  infos: number;
  mistakes: number;
  caught: number;
}

const args = new Set(process.argv.slice(2));
const calls: CorpusCall[] = checkCorpus();
const mistakes = readMistakes();
const verdict = judge(calls, mistakes);
const falseByBlock = new Map<string, { errors: number; warnings: number }>();
for (const d of verdict.falseDiagnostics) {
  const key = `${d.file}\n${d.block}`;
  const entry = falseByBlock.get(key) ?? { errors: 0, warnings: 0 };
  if (d.severity === 'error') entry.errors++;
  else entry.warnings++;
  falseByBlock.set(key, entry);
}
const mistakeBlocks = new Map(mistakes.map((m) => [`${m.file}\n${m.block}`, m]));
const caughtBlocks = new Set(verdict.caught.map((m) => `${m.file}\n${m.block}`));

function tally(keyOf: (call: CorpusCall) => string): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const call of calls) {
    const key = keyOf(call);
    const row = rows.get(key) ?? { calls: 0, distinct: new Set(), clean: 0, errors: 0, warnings: 0, infos: 0, mistakes: 0, caught: 0 };
    const id = `${call.file}\n${call.block}`;
    const wrong = falseByBlock.get(id);
    row.calls++;
    row.distinct.add(call.key);
    if (!wrong) row.clean++;
    row.errors += wrong?.errors ?? 0;
    row.warnings += wrong?.warnings ?? 0;
    row.infos += call.diagnostics.filter((d) => d.severity === 'information' || d.severity === 'hint').length;
    if (mistakeBlocks.has(id)) row.mistakes++;
    if (caughtBlocks.has(id)) row.caught++;
    rows.set(key, row);
  }
  return rows;
}

function print(title: string, rows: Map<string, Row>): void {
  const header = [title, 'calls', 'distinct', 'clean', 'false errors', 'false warnings', 'info notes', 'mistakes caught'];
  const body = [...rows.entries()]
    .sort((a, b) => b[1].calls - a[1].calls || a[0].localeCompare(b[0]))
    .map(([name, r]) => [name, r.calls, r.distinct.size, r.clean, r.errors, r.warnings, r.infos, `${r.caught}/${r.mistakes}`].map(String));
  const total = [...rows.values()].reduce(
    (t, r) => ({ calls: t.calls + r.calls, clean: t.clean + r.clean, errors: t.errors + r.errors, warnings: t.warnings + r.warnings, infos: t.infos + r.infos, mistakes: t.mistakes + r.mistakes, caught: t.caught + r.caught }),
    { calls: 0, clean: 0, errors: 0, warnings: 0, infos: 0, mistakes: 0, caught: 0 },
  );
  body.push(['total', total.calls, new Set(calls.map((c) => c.key)).size, total.clean, total.errors, total.warnings, total.infos, `${total.caught}/${total.mistakes}`].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const r of body) console.log(line(r));
  console.log('');
}

if (args.has('--json')) {
  console.log(JSON.stringify({ calls: calls.length, distinct: new Set(calls.map((c) => c.key)).size, false: verdict.falseDiagnostics, caught: verdict.caught, missed: verdict.missed }, null, 1));
} else {
  print('family', tally((c) => c.family));
  print('source file', tally((c) => c.file));
  if (verdict.missed.length) {
    console.log('real mistakes NOT caught:');
    for (const m of verdict.missed) console.log(`  ${m.file} '${m.block}': ${m.code} (${m.why})`);
    console.log('');
  }
  if (args.has('--list')) {
    for (const d of verdict.falseDiagnostics) console.log(`${d.file}:${d.line} [${calls.find((c) => c.file === d.file && c.block === d.block)?.family}] '${d.block}' ${d.severity} ${d.code}: ${d.message}`);
  }
}

if (args.has('--update')) {
  const before = readKnownFalse().length;
  const next: KnownFalse[] = verdict.falseDiagnostics.map(({ file, block, code, severity, message }) => ({ file, block, code, severity, message }));
  writeFileSync(knownFalseFile, `${JSON.stringify(next, null, 1)}\n`);
  console.log(`known-false.json: ${before} -> ${next.length} entries`);
  const missedBefore = readKnownMissed().length;
  const missed: KnownMissed[] = verdict.missed.map(({ file, block, code }) => ({ file, block, code }));
  writeFileSync(knownMissedFile, `${JSON.stringify(missed, null, 1)}\n`);
  console.log(`known-missed.json: ${missedBefore} -> ${missed.length} entries`);
}
