import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { loadRequestCatalog } from '../../../server/src/request/catalogLoader';
import { resolveRequest } from '../../../server/src/request/requestValidator';
import { parseRequestFile } from '../../../server/src/request/requestParser';
import { validateOptionProfile } from '../../../server/src/optionProfile';
import { diagnosticsOf } from './helpers';

const folder = join(__dirname, '..', '..', '..', 'samples', 'requests');
const files = readdirSync(folder).filter((name) => name.endsWith('.qualys'));
const XSD = join(__dirname, '..', '..', '..', 'server', 'data', 'option_profiles.xsd');
/** Qualys' option_profile_info.dtd (test/fixtures/option-profiles/, with its source). */
const DTD = join(__dirname, '..', '..', 'fixtures', 'option-profiles', 'option_profile_info.dtd');

test('there is a sample request file per endpoint family', () => {
  const families = new Set<string>();
  const catalog = loadRequestCatalog();
  for (const file of files) {
    for (const request of parseRequestFile(readFileSync(join(folder, file), 'utf8')).requests) {
      const { endpoint } = resolveRequest(catalog, request);
      if (endpoint) families.add(endpoint.family);
    }
  }
  assert.deepEqual([...families].sort(), [...new Set(catalog.endpoints.map((e) => e.family))].sort());
});

for (const file of files) {
  test(`samples/requests/${file} validates clean, its body files included`, () => {
    // As saved where it is, so that each `< ./file` body is looked for beside it (an unsaved document's are not).
    const uri = pathToFileURL(join(folder, file)).href;
    // Information hints (a v1 call and the v2 call that replaces it) are not problems.
    const diagnostics = diagnosticsOf(readFileSync(join(folder, file), 'utf8'), 'qualys-request', undefined, uri).filter((d) => d.severity !== DiagnosticSeverity.Information && d.severity !== DiagnosticSeverity.Hint);
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
  });
}

/** Every file a sample sends as its body (`< ./path`), with the sample that reads it. */
function bodyFiles(): { sample: string; path: string }[] {
  return files.flatMap((sample) => [...readFileSync(join(folder, sample), 'utf8').matchAll(/^<[ \t]+(\S+)\s*$/gm)].map((m) => ({ sample, path: join(folder, m[1]!) })));
}

test('every body file of the samples is there, and each option profile body is valid against the bundled XSD and Qualys\' DTD (our validator and xmllint agree)', () => {
  const bodies = bodyFiles();
  assert.ok(bodies.length > 0);
  for (const { sample, path } of bodies) {
    assert.ok(existsSync(path), `${sample} reads ${path}`);
    const text = readFileSync(path, 'utf8');
    if (!/<OPTION_PROFILES[\s>]/.test(text)) continue;
    assert.deepEqual(validateOptionProfile(text).map((p) => `${p.severity}: ${p.message}`), [], path);
    for (const against of [['--schema', XSD], ['--dtdvalid', DTD]]) {
      const run = spawnSync('xmllint', ['--noout', '--nonet', ...against, path], { encoding: 'utf8' });
      assert.equal(run.status, 0, `xmllint ${against.join(' ')} ${path}: ${run.stderr}`);
    }
  }
});
