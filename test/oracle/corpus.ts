/**
 * The oracle corpus: the valid fixtures plus their generated mutations, written to a temporary
 * folder and judged by xmllint in a few batched processes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContentModel } from '../../server/src/schema/contentModel';
import { generateMutations, type Mutation } from './mutations';
import { runXmllint, type XmllintResult } from './xmllint';

export const repoRoot = join(__dirname, '..', '..');
export const bundledXsd = join(repoRoot, 'server', 'data', 'option_profiles.xsd');
const fixtures = join(repoRoot, 'test', 'fixtures', 'option-profiles');

/** The fixtures xmllint accepts (test/unit/schema/xmllintFixtures.test.ts asserts they are valid). */
export const VALID_SAMPLES = [
  'seed000_pc_list_instance_data_collection.xml',
  'seed000_pc_import_oracle_jre.xml',
  'seed001_export_allow_auth_creation.xml',
  'seed001_export_include_system_auth_user.xml',
  'seed001_export_include_system_auth_system.xml',
  'vm_minimal.synthetic.xml',
  'pc_minimal.synthetic.xml',
];

export function loadSamples(): Map<string, string> {
  return new Map(VALID_SAMPLES.map((name) => [name, readFileSync(join(fixtures, name), 'utf8')]));
}

export interface JudgedMutation extends Mutation {
  readonly xmllint: XmllintResult;
}

/** Generates `count` mutations and returns each with xmllint's verdict. The temp folder is removed. */
export function judgedMutations(model: ContentModel, count: number, seed?: number): JudgedMutation[] {
  const mutations = generateMutations(loadSamples(), model, count, seed);
  const dir = mkdtempSync(join(tmpdir(), 'qualys-oracle-'));
  try {
    const paths = mutations.map((m) => {
      const path = join(dir, `${m.name}.xml`);
      writeFileSync(path, m.xml);
      return path;
    });
    const verdicts = runXmllint(bundledXsd, paths);
    return mutations.map((m, i) => {
      const xmllint = verdicts.get(paths[i]);
      if (!xmllint) throw new Error(`no xmllint verdict for ${m.name}`);
      return { ...m, xmllint };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
