/**
 * The bounded fuzz run of issue 10 ("Done when"): a few thousand mutated documents of every kind
 * through the built server over LSP, every feature asked (test/protocol/fuzzer.ts). It fails on a
 * crash, a JSON-RPC error, an exception the server logged, an answer slower than 2 s, or more than
 * the capped number of problems. The seed is fixed, so the suite answers the same on every machine
 * and a failure here is this change's; FUZZ_SEED=N and FUZZ_DOCS=M run others, and `npm run fuzz`
 * (25,000 documents, a new seed each run, every failure listed) is the long run that looks further.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { describeFailure, runFuzz } from './fuzzer';

const DOCUMENTS = Number(process.env.FUZZ_DOCS ?? 3000);
const seed = Number(process.env.FUZZ_SEED ?? 20_261_204);

test(`fuzz: ${DOCUMENTS} mutated documents of every kind, every feature, seed ${seed}`, { timeout: 600_000 }, async () => {
  process.stdout.write(`fuzz seed ${seed} (replay: FUZZ_SEED=${seed} npx tsx --test test/protocol/fuzz.test.ts)\n`);
  const report = await runFuzz({ seed, documents: DOCUMENTS, stopAtFirst: true });
  process.stdout.write(`fuzz: ${report.documents} documents, ${report.requests} answers, slowest ${report.slowestMs.toFixed(0)} ms (${report.slowest}); ${[...report.byKind].map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
  assert.deepEqual(report.failures.map((f) => describeFailure(f, seed)), [], `fuzz seed ${seed}`);
  assert.equal(report.byKind.size, 7, 'every kind of document was fuzzed');
});
