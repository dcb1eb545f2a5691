/**
 * The `body-file-missing` warning: a `< path` body whose file is not there, relative to the request
 * file's folder; nothing said where the server cannot check cheaply (an unsaved file, a variable).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { RequestService } from '../../../server/src/request/requestService';
import { makeDocument } from './helpers';

const folder = mkdtempSync(join(tmpdir(), 'qualys-bodycheck-'));
writeFileSync(join(folder, 'profile.xml'), '<OPTION_PROFILES/>');
after(() => rmSync(folder, { recursive: true, force: true }));

const IMPORT = 'POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=import\nContent-Type: text/xml\n\n';
const uri = pathToFileURL(join(folder, 'import.qualys')).toString();

function missing(text: string, at = uri, languageId = 'qualys-request'): [string, number | undefined, string][] {
  const document = makeDocument(text, languageId, at);
  return new RequestService()
    .diagnostics(document)
    .filter((d) => d.code === 'body-file-missing')
    .map((d) => [document.getText(d.range), d.severity, String(d.message)]);
}

test('a file that is not there relative to the request file is a warning at its path; one that is there says nothing', () => {
  assert.deepEqual(missing(`${IMPORT}< ./profile.xml\n`), []);
  assert.deepEqual(missing(`${IMPORT}< ${join(folder, 'profile.xml')}\n`), []);
  const [found] = missing(`${IMPORT}< ./profiles/absent.xml\n\n###\n${IMPORT}< ./profile.xml\n`);
  assert.deepEqual(found?.slice(0, 2), ['./profiles/absent.xml', DiagnosticSeverity.Warning]);
  assert.match(found![2], /The body file '\.\/profiles\/absent\.xml' does not exist \(.*absent\.xml\); it is read when the request is sent\./);
  // A folder is not a body file.
  assert.equal(missing(`${IMPORT}< .\n`).length, 1);
  // A Qualys request in a REST Client file too.
  assert.equal(missing(`${IMPORT}< ./absent.xml\n`, uri.replace('.qualys', '.http'), 'http').length, 1);
});

test('nothing is said where the server cannot check cheaply: an unsaved file, a path with a variable', () => {
  assert.deepEqual(missing(`${IMPORT}< ./absent.xml\n`, 'untitled:Untitled-1'), []);
  assert.deepEqual(missing(`@dir = x\n${IMPORT}< ./{{dir}}/absent.xml\n`), []);
});
