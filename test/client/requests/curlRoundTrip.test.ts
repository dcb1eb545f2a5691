/**
 * curl itself is the judge: every read-only curl command of the release notes, run by the real curl
 * against the simulator, answers as the request it converts to does when Send Request's path sends it;
 * and a request copied as curl answers, when curl runs it, as the request does.
 */
import { strict as assert } from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { send } from '../../../client/src/api';
import { copyableCurl } from '../../../client/src/requests/curlOut';
import { planSend, secretsOf } from '../../../client/src/requests/sendPlan';
import { startSimulator } from '../../../simulator/src/index';
import { loadRequestCatalog } from '../../../server/src/request/catalogLoader';
import { convertCurlAt } from '../../../server/src/request/curl/curlBlocks';
import { CURL_LINE } from '../../../server/src/request/curl/curlWords';
import { resolveForSending } from '../../../server/src/request/sendableRequest';
import { PASSWORD, simClient, USER } from './support';

const hasCurl = spawnSync('curl', ['--version']).status === 0;
const SEEDS = [join(__dirname, '../../../../shared/seeds'), '/work/shared/seeds'].find((dir) => existsSync(dir));
const catalog = loadRequestCatalog();
const simPromise = startSimulator({ port: 0, seed: 3, hosts: 40, user: USER, password: PASSWORD });
const work = mkdtempSync(join(tmpdir(), 'curl-roundtrip-'));
after(async () => {
  rmSync(work, { recursive: true, force: true });
  await (await simPromise).close();
});

/** Answers compared without what differs between two calls (the time, the request echo's time). */
function comparable(body: string): string {
  return body.replace(/<DATETIME>[^<]*<\/DATETIME>/g, '<DATETIME/>').trim();
}

/**
 * The notes' command as a shell reads it: a line break inside double quotes is a value the PDF
 * wrapped (removed), any other is a space. Nothing else of the text is touched.
 */
function unwrapPdfLines(command: string): string {
  let out = '';
  let quoted = false;
  for (const ch of command) {
    if (ch === '"') quoted = !quoted;
    out += ch === '\n' ? (quoted ? '' : ' ') : ch;
  }
  return out;
}

/** Runs a shell command with curl in a scratch folder (not blocking: the simulator answers in this process). */
async function runCurl(command: string, env: Record<string, string> = {}): Promise<string> {
  for (const name of readdirSync(work)) rmSync(join(work, name), { force: true });
  const run = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile('bash', ['-c', command], { cwd: work, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
  assert.equal(run.status, 0, `curl failed (${run.status}): ${run.stderr}\n${command}`);
  if (run.stdout.trim()) return run.stdout;
  const written = readdirSync(work).filter((name) => name.endsWith('.xml'));
  assert.equal(written.length, 1, `the command wrote no answer: ${command}`);
  return readFileSync(join(work, written[0]!), 'utf8');
}

test('every read-only curl command of seed 000, run by curl, answers as its converted request sent by the extension', { skip: (!hasCurl && 'no curl on this machine') || (!SEEDS && 'shared/seeds is not beside the repository') }, async () => {
  const sim = await simPromise;
  const client = simClient(sim);
  const text = readFileSync(join(SEEDS!, '000_739cdca3009ad119.txt'), 'utf8');
  let offset = 0;
  let compared = 0;
  let succeeded = 0;
  try {
    for (const line of text.split('\n')) {
      const start = offset;
      offset += line.length + 1;
      if (!CURL_LINE.test(line)) continue;
      const converted = convertCurlAt(text, start, text.length, catalog);
      assert.ok(converted.ok);
      const resolved = resolveForSending(converted.text, converted.text.length - 1, catalog)!;
      const planned = planSend(resolved, resolved.changesData ?? false);
      if (!planned.ok || planned.plan.mutating || resolved.bodyKind === 'file') continue;
      // The notes' command as printed, pointed at the simulator with its account.
      const command = text
        .slice(start, converted.end)
        .replace(/https:\/\/qualysapi\.qualys\.com/g, sim.url)
        .replace('USERNAME:PASSWORD', `${USER}:${PASSWORD}`);
      const byCurl = await runCurl(`${unwrapPdfLines(command).replace(/\s+$/, '')} --silent --show-error`);
      const ours = await send(client, planned.plan.request);
      assert.ok(ours.ok, ours.ok ? '' : ours.error.message);
      // The samples' IDs need not exist here: an error answer must then be the same error.
      assert.equal(comparable(ours.value.body), comparable(byCurl), `${planned.plan.endpoint} ${JSON.stringify(planned.plan.request.form ?? planned.plan.request.url)}`);
      compared++;
      if (!ours.value.qualysError) succeeded++;
    }
  } finally {
    await client.close();
  }
  // Posture info (3), auth record lists (3), option profile list and exports (3), the policy list.
  assert.ok(compared >= 10, `only ${compared} commands were compared`);
  assert.ok(succeeded >= 5, `only ${succeeded} of ${compared} answered without a Qualys error`);
});

test('a request copied as curl holds no credential and, run by curl with the variables set, answers as the request', { skip: !hasCurl && 'no curl on this machine' }, async () => {
  const sim = await simPromise;
  const client = simClient(sim);
  try {
    for (const file of [
      'POST {{baseUrl}}/api/2.0/fo/auth/unix/\nX-Requested-With: test\nContent-Type: application/x-www-form-urlencoded\n\naction=list&details=All&ids=1-99999',
      "GET {{baseUrl}}/api/2.0/fo/compliance/policy/?action=list&details=Basic&ids=1-99999\nX-Note: it's \"quoted\" $HOME",
      'POST {{baseUrl}}/qps/rest/1.0/search/ca/agentconfig/\nContent-Type: text/xml\n\n<ServiceRequest><filters><Criteria field="name" operator="CONTAINS">a</Criteria></filters></ServiceRequest>',
    ]) {
      const resolved = resolveForSending(file, 0, catalog)!;
      const planned = planSend(resolved);
      assert.ok(planned.ok);
      const copied = copyableCurl(planned.plan, { api: sim.url }, secretsOf(planned.plan, client));
      assert.ok(copied.ok);
      assert.doesNotMatch(copied.command, new RegExp(PASSWORD.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.match(copied.command, /-u "\$QUALYS_USERNAME:\$QUALYS_PASSWORD"/);
      const byCurl = await runCurl(`${copied.command} --silent --show-error`, { QUALYS_USERNAME: USER, QUALYS_PASSWORD: PASSWORD });
      const ours = await send(client, planned.plan.request);
      assert.ok(ours.ok);
      assert.equal(comparable(byCurl), comparable(ours.value.body), copied.command);
    }
  } finally {
    await client.close();
  }
});

test('a request whose text holds the account password is not copied', async () => {
  const sim = await simPromise;
  const client = simClient(sim);
  try {
    const resolved = resolveForSending(`GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&note=${encodeURIComponent(PASSWORD)}`, 0, catalog)!;
    const planned = planSend(resolved);
    assert.ok(planned.ok);
    const copied = copyableCurl(planned.plan, { api: sim.url }, secretsOf(planned.plan, client));
    assert.deepEqual(copied, { ok: false, message: `${planned.plan.name} holds a password or a secret in its text: it was not copied. Put it in an environment secret instead.` });
  } finally {
    await client.close();
  }
});
