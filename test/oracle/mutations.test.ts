// The mutation generator and the xmllint harness on their own: deterministic, at least 1,000
// mutations, one verdict each, and the verdicts the kind of mutation implies where it implies one.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { loadContentModel } from '../../server/src/schema/xsdLoader';
import { readFileSync } from 'node:fs';
import { generateMutations } from './mutations';
import { allDecls } from '../server/schema/modelHelpers';
import type { ElementDecl } from '../../server/src/schema/contentModel';
import { bundledXsd, judgedMutations, loadSamples } from './corpus';

const model = loadContentModel(readFileSync(bundledXsd, 'utf8'), bundledXsd);
const COUNT = 1200;

const digest = (seed: number): string =>
  createHash('sha256').update(generateMutations(loadSamples(), model, 200, seed).map((m) => m.xml).join('\0')).digest('hex');

test('the generator is deterministic for a seed and differs between seeds', () => {
  assert.equal(digest(7), digest(7));
  assert.notEqual(digest(7), digest(8));
});

test('xmllint judges every one of 1,200 mutations, with the verdict each kind implies', () => {
  const judged = judgedMutations(model, COUNT);
  assert.equal(judged.length, COUNT);
  assert.equal(new Set(judged.map((m) => m.name)).size, COUNT);
  const byVerdict = { valid: 0, invalid: 0, malformed: 0 };
  for (const m of judged) byVerdict[m.xmllint.verdict]++;
  const single = (kind: string) => judged.filter((m) => m.kinds.length === 1 && m.kinds[0] === kind);
  const kinds = new Set(judged.flatMap((m) => m.kinds));
  assert.equal(kinds.size, 12, `every mutation kind occurs: ${[...kinds].join(', ')}`);
  // Exactly the deliberately broken documents are not well-formed.
  for (const m of judged) assert.equal(m.xmllint.verdict === 'malformed', m.kinds.includes('malform'), `${m.name}: ${m.description}`);
  assert.ok(byVerdict.malformed > 20, JSON.stringify(byVerdict));
  // Both verdicts occur in quantity, so the agreement test is not one-sided.
  assert.ok(byVerdict.valid > 150 && byVerdict.invalid > 500, JSON.stringify(byVerdict));
  // An allowed value, whitespace around a value or CDATA keeps a document valid, except where
  // libxml2 departs from XSD (docs/option-profile-schema.md, "Known differences"): it compares a
  // fixed value with the raw text, and refuses leading whitespace in dates.
  const libxml2Strict = (d: ElementDecl): boolean =>
    d.fixed !== undefined || (d.content.kind === 'simple' && ['date', 'dateTime', 'time'].includes(d.content.type.base));
  const fixedNames = new Set(allDecls(model).filter(libxml2Strict).map((d) => d.name));
  for (const kind of ['value-allowed', 'value-whitespace', 'value-cdata']) {
    for (const m of single(kind)) {
      const padsFixed = kind === 'value-whitespace' && fixedNames.has(m.description.split(' ')[1]);
      assert.equal(m.xmllint.verdict, padsFixed ? 'invalid' : 'valid', `${m.name}: ${m.description}: ${m.xmllint.messages.join(' | ')}`);
    }
  }
  // ...and a misspelt element name never is.
  for (const m of single('rename-typo')) assert.equal(m.xmllint.verdict, 'invalid', `${m.name}: ${m.description}`);
  console.log(`xmllint on ${COUNT} mutations: ${byVerdict.valid} valid, ${byVerdict.invalid} invalid, ${byVerdict.malformed} malformed`);
});
