/**
 * Issue 10, finding 2: the user's schema file (qualys.optionProfile.schemaPath) is opened only when
 * it is a regular file of at most 5 MB, read asynchronously, and a refusal says why without quoting
 * anything of a file that is not an XML Schema.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadSchemaFile, readSchemaFile } from '../../../server/src/optionProfile/schemaFile';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'schema-file-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(path: string): Promise<string> {
  try {
    await loadSchemaFile(path);
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail(`${path} was accepted`);
}

test('a FIFO, a directory and a device are refused without being read', async () => {
  const fifo = join(dir, 'pipe.xsd');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  // No writer ever opens the FIFO: reading it would wait forever.
  assert.equal(await refusal(fifo), 'it is a named pipe (FIFO), not a regular file');
  const folder = join(dir, 'folder.xsd');
  mkdirSync(folder);
  assert.equal(await refusal(folder), 'it is a directory, not a regular file');
  assert.equal(await refusal('/dev/zero'), 'it is a device, not a regular file');
  assert.equal(await refusal(join(dir, 'missing.xsd')), 'the file does not exist');
});

test('a file above 5 MB is refused by its size', async () => {
  const big = join(dir, 'big.xsd');
  writeFileSync(big, `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${' '.repeat(6 * 1024 * 1024)}</xs:schema>`);
  assert.equal(await refusal(big), 'the file is 6.0 MB; a schema may be at most 5.0 MB');
});

test('a file that is not an XML Schema is refused without quoting it', async () => {
  const cases: Array<[string, string, string]> = [
    ['secret.txt', 'S3CRET-TOKEN-4711\npassword=hunter2\n', 'it is not an XML Schema: its first element is not xs:schema'],
    ['config.xml', '<settings password="hunter2"><token>S3CRET</token></settings>', 'it is not an XML Schema: its first element is not xs:schema'],
    ['broken.xsd', '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n<xs:element name="A"><hunter2 S3CRET</xs:schema>', 'it is not well-formed XML (line 2)'],
    ['binary.xsd', '\u0000\u00ff\u00fe', 'it is not an XML Schema: its first element is not xs:schema'],
  ];
  for (const [name, content, expected] of cases) {
    const path = join(dir, name);
    writeFileSync(path, content);
    const message = await refusal(path);
    assert.equal(message, expected, name);
    for (const secret of ['S3CRET', 'hunter2', 'password', 'settings', 'token']) assert.ok(!message.includes(secret), `${name}: ${message}`);
  }
  const latin1 = join(dir, 'latin1.xsd');
  writeFileSync(latin1, Buffer.from([0x3c, 0x78, 0xe9, 0x3e]));
  assert.equal(await refusal(latin1), 'the file is not UTF-8 text');
});

test('a valid XSD is read and loaded', async () => {
  const path = join(dir, 'mine.xsd');
  writeFileSync(path, '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="OPTION_PROFILES" type="xs:string"/></xs:schema>');
  assert.match(await readSchemaFile(path), /^<xs:schema/);
  assert.deepEqual((await loadSchemaFile(path)).roots.map((r) => r.name), ['OPTION_PROFILES']);
});
