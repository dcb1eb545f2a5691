/**
 * `< path` request bodies (client/src/requests/bodyFile.ts): where the path leads, what is refused
 * (outside the allowed folders, a symbolic link out of them, too big, missing, a folder), and Send
 * Request with such a body against the simulator: the file is what is sent, and the answer is the
 * one the same body written inline gets.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { startSimulator } from '../../../simulator/src/index';
import { resolveForSending } from '../../../server/src/request/sendableRequest';
import { bodyFilePath, bodyFileReader, folderOfUri, MAX_BODY_FILE_BYTES } from '../../../client/src/requests/bodyFile';
import { curlAt } from '../../../client/src/requests/copyAsCurl';
import { AnswerStore } from '../../../client/src/requests/exchange/answers';
import type { RenderedResponse } from '../../../client/src/requests/renderResponse';
import { sendRequestAt, type SendUi } from '../../../client/src/requests/sendFlow';
import { FakeAccounts, MemoryLog, PASSWORD, simClient, USER } from './support';

const root = mkdtempSync(join(tmpdir(), 'qualys-bodyfile-'));
const workspace = join(root, 'workspace');
const requests = join(workspace, 'requests');
mkdirSync(join(requests, 'profiles'), { recursive: true });
mkdirSync(join(workspace, 'shared'));
writeFileSync(join(requests, 'profile.xml'), '<OPTION_PROFILES/>');
writeFileSync(join(requests, 'profiles', 'one.xml'), 'one {{not a variable}}');
writeFileSync(join(workspace, 'shared', 'two.xml'), 'two');
writeFileSync(join(root, 'outside.xml'), 'secret of another project');
writeFileSync(join(requests, 'big.xml'), Buffer.alloc(MAX_BODY_FILE_BYTES + 1, 'a'));
writeFileSync(join(requests, 'limit.xml'), Buffer.alloc(MAX_BODY_FILE_BYTES, 'a'));
symlinkSync(join(root, 'outside.xml'), join(requests, 'link.xml'));

const simPromise = startSimulator({ port: 0, seed: 5, hosts: 5, user: USER, password: PASSWORD });
const clients: { close(): Promise<void> }[] = [];
after(async () => {
  for (const client of clients) await client.close();
  await (await simPromise).close();
  rmSync(root, { recursive: true, force: true });
});

const read = bodyFileReader({ base: requests, roots: [workspace] });

test('a relative path starts at the request file folder, an absolute one is taken as it is; the content is sent unchanged', async () => {
  assert.deepEqual(await read('./profile.xml'), { ok: true, text: '<OPTION_PROFILES/>', path: join(requests, 'profile.xml') });
  assert.deepEqual(await read('profiles/one.xml'), { ok: true, text: 'one {{not a variable}}', path: join(requests, 'profiles', 'one.xml') });
  assert.deepEqual(await read('../shared/two.xml'), { ok: true, text: 'two', path: join(workspace, 'shared', 'two.xml') });
  assert.equal(((await read(join(workspace, 'shared', 'two.xml'))) as { text: string }).text, 'two');
  const limit = await read('limit.xml');
  assert.ok(limit.ok && limit.text.length === MAX_BODY_FILE_BYTES, 'a file of exactly the limit is sent');
  assert.equal(folderOfUri(pathToFileURL(join(requests, 'a.qualys')).toString()), requests);
  assert.equal(folderOfUri('untitled:Untitled-1'), undefined);
  assert.equal(bodyFilePath('x.xml', undefined), undefined);
});

test('refused, each with its reason: outside the workspace, a link out of it, too big, missing, a folder, relative in an unsaved file', async () => {
  const refused = async (reader: typeof read, path: string): Promise<string> => {
    const result = await reader(path);
    assert.ok(!result.ok, `${path} was read`);
    return result.message;
  };
  assert.match(await refused(read, '../../outside.xml'), /'\.\.\/\.\.\/outside\.xml' is not sent: it lies outside .*workspace \(only files inside the workspace folders are read\)/);
  assert.match(await refused(read, join(root, 'outside.xml')), /lies outside/);
  assert.match(await refused(read, 'link.xml'), /lies outside/, 'a symbolic link is followed before the check');
  assert.match(await refused(read, 'big.xml'), /'big\.xml' has 4194305 bytes; at most 4194304 bytes are sent/);
  assert.match(await refused(read, 'missing.xml'), /'missing\.xml' does not exist \(.*requests\/missing\.xml\)/);
  assert.match(await refused(read, 'profiles'), /'profiles' is a folder, not a file/);
  assert.match(await refused(bodyFileReader({ base: undefined, roots: [workspace] }), 'profile.xml'), /is relative, but the request file is not saved/);
  assert.match(await refused(bodyFileReader({ base: requests, roots: [] }), 'profile.xml'), /no folder is open/);
});

/** Send Request on the request at `|` of a request file saved in the workspace. */
async function sendFile(name: string, document: string): Promise<{ shown: RenderedResponse[]; errors: string[] }> {
  const sim = await simPromise;
  const offset = document.indexOf('|');
  const text = document.slice(0, offset) + document.slice(offset + 1);
  writeFileSync(join(requests, name), text);
  const uri = pathToFileURL(join(requests, name)).toString();
  const client = simClient(sim);
  clients.push(client);
  const accounts = new FakeAccounts();
  accounts.set('acme_tw1 @ simulator', client);
  const shown: RenderedResponse[] = [];
  const errors: string[] = [];
  const ui: SendUi = {
    resolve: () => Promise.resolve(resolveForSending(text, offset)),
    confirm: () => Promise.resolve(true),
    signInNeeded: () => Promise.resolve(),
    error: (message) => void errors.push(message),
    withProgress: (_title, work) => work(new AbortController().signal),
    show: (response) => {
      shown.push(response);
      return Promise.resolve();
    },
  };
  await sendRequestAt({ ui, accounts, log: new MemoryLog(), bodyFiles: () => read }, { uri, position: { line: 0, character: 0 } });
  return { shown, errors };
}

const SAMPLE = '/work/shared/reference/qualys/samples/option-profiles/option_profile_vm_minimal.synthetic.xml';
const IMPORT = 'POST {{baseUrl}}/api/2.0/fo/subscription/option_profile/?action=import\nContent-Type: text/xml\n\n';

test('an option profile import with `< ./profile.xml` sends the file; the simulator answers as for the same body inline', async () => {
  const profile = readFileSync(SAMPLE, 'utf8');
  writeFileSync(join(requests, 'profile.xml'), profile);
  const fromFile = await sendFile('import-file.qualys', `|${IMPORT}< ./profile.xml\n`);
  const inline = await sendFile('import-inline.qualys', `|${IMPORT}${profile}`);
  assert.deepEqual(fromFile.errors, []);
  assert.deepEqual(inline.errors, []);
  // The same status and answer but for the new profile's ID and the time (headers count the rate limit down).
  const answer = (run: typeof fromFile): string => {
    const text = run.shown[0]!.text;
    return `${/HTTP \d+/.exec(text)?.[0]}\n${text.slice(text.indexOf('<?xml')).replace(/<DATETIME>[^<]*<\/DATETIME>/, '').replace(/<KEY>\d+<\/KEY>/g, '<KEY/>')}`;
  };
  // The title in the answer is the sample's: the file's content reached the simulator.
  assert.match(fromFile.shown[0]!.text, /Successfully imported Option profile[\s\S]*<VALUE>Synthetic VM profile<\/VALUE>/);
  assert.equal(answer(fromFile), answer(inline));
  // Qualys' own guide sample (without the ADDITIONAL section the simulator requires): the same refusal either way.
  const guide = readFileSync(SAMPLE.replace('option_profile_vm_minimal.synthetic.xml', 'option_profile_vm_list.guide-sample.no-map-additional.xml'), 'utf8');
  writeFileSync(join(requests, 'profile.xml'), guide);
  const guideFile = await sendFile('import-guide-file.qualys', `|${IMPORT}< ./profile.xml\n`);
  const guideInline = await sendFile('import-guide-inline.qualys', `|${IMPORT}${guide}`);
  assert.match(guideFile.shown[0]!.text, /CODE 1905 .*lacks required element ADDITIONAL/);
  assert.equal(answer(guideFile), answer(guideInline));
  writeFileSync(join(requests, 'profile.xml'), '<OPTION_PROFILES/>');
});

test('a body file that is refused stops Send Request with the reason; nothing is sent', async () => {
  const sim = await simPromise;
  const before = sim.requests.length;
  const outside = await sendFile('import-outside.qualys', `|${IMPORT}< ../../outside.xml\n`);
  assert.equal(outside.shown.length, 0);
  assert.match(outside.errors.join('\n'), /'\.\.\/\.\.\/outside\.xml' is not sent: it lies outside/);
  assert.equal(sim.requests.length, before);
});

test('Copy as curl writes a `< path` body as --data-binary @ the absolute path, without reading it', async () => {
  const text = `${IMPORT}< ./profiles/none-yet.xml\n`;
  const result = await curlAt({ resolve: () => Promise.resolve(resolveForSending(text, 0)), accounts: new FakeAccounts(), answers: new AnswerStore() }, pathToFileURL(join(requests, 'copy.qualys')).toString(), { line: 0, character: 0 });
  assert.ok(result.ok, result.ok ? '' : result.message);
  assert.ok(result.command.includes(`--data-binary @${join(requests, 'profiles', 'none-yet.xml')} `), result.command);
  assert.match(result.command, /^curl \\\n\s+-u "\$QUALYS_USERNAME:\$QUALYS_PASSWORD"/);
});
