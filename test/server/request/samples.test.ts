import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { loadRequestCatalog } from '../../../server/src/request/catalogLoader';
import { resolveRequest } from '../../../server/src/request/requestValidator';
import { parseRequestFile } from '../../../server/src/request/requestParser';
import { diagnosticsOf } from './helpers';

const folder = join(__dirname, '..', '..', '..', 'samples', 'requests');
const files = readdirSync(folder).filter((name) => name.endsWith('.qualys'));

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
  test(`samples/requests/${file} validates clean`, () => {
    // Information hints (a v1 call and the v2 call that replaces it) are not problems.
    const diagnostics = diagnosticsOf(readFileSync(join(folder, file), 'utf8')).filter((d) => d.severity !== DiagnosticSeverity.Information && d.severity !== DiagnosticSeverity.Hint);
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
  });
}
