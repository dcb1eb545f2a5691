/**
 * The command line runner as a user runs it: `node dist/cli.js run FILE ...` (the built bundle, as
 * `npm test` builds it) against the simulator in this process. Exit codes, a write skipped without
 * --allow-writes and sent with it, a JUnit report valid against Jenkins' JUnit schema (xmllint),
 * usage and authentication errors, and the password in no output.
 */
import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startSimulator } from '../../simulator/src/index';
import { runCli } from '../../cli/main';
import { jenkinsJunitXsd } from './junitSchema';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const USER = 'cli_user';
const PASSWORD = 'Cli-Pa55 w0rd!';
const simPromise = startSimulator({ port: 0, seed: 3, hosts: 40, user: USER, password: PASSWORD });
const work = mkdtempSync(join(tmpdir(), 'qualys-cli-'));
after(async () => {
  rmSync(work, { recursive: true, force: true });
  await (await simPromise).close();
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined> = { QUALYS_PASSWORD: PASSWORD }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

async function url(): Promise<string> {
  return (await simPromise).url;
}

const LIST = 'GET {{baseUrl}}/api/2.0/fo/asset/host/?action=list&truncation_limit=10';
const PASSING = `### hosts\n${LIST}\n?? status == 200\n?? xpath count(//HOST) == 10\n?? header x-ratelimit-remaining > 1\n?? code != 1965\n`;
const FAILING = `${PASSING}\n### too many\n${LIST}\n?? xpath count(//HOST) > 1000\n`;
const PURGE = '### purge host 1\nPOST {{baseUrl}}/api/2.0/fo/asset/host/\nContent-Type: application/x-www-form-urlencoded\n\naction=purge&ids=1\n?? status == 200\n';

test('every assertion holds: exit 0, one line per request', async () => {
  const run = await cli(['run', file('pass.qualys', PASSING), '--url', await url(), '--user', USER]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^PASS {2}hosts {2}\[line 2\] \(HTTP 200, \d+ ms\)$/m);
  assert.match(run.stdout, /^1 passed, 0 failed, 0 skipped \(pass\.qualys\)$/m);
});

test('an assertion fails: exit 1, the line and what was found', async () => {
  const run = await cli(['run', file('fail.qualys', FAILING), '--url', await url(), '--user', USER]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /^FAIL {2}too many {2}\[line 9\]/m);
  assert.match(run.stdout, /line 10: \?\? xpath count\(\/\/HOST\) > 1000: failed - xpath count\(\/\/HOST\) \(10\) > 1000/);
});

test('a request that changes data is skipped without --allow-writes, and sent with it', async () => {
  const sim = await simPromise;
  const path = file('purge.qualys', `${PASSING}\n${PURGE}`);
  const purges = (): number => sim.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/api/2.0/fo/asset/host/')).length;
  const before = purges();
  const skipped = await cli(['run', path, '--url', sim.url, '--user', USER]);
  assert.equal(skipped.code, 0, skipped.stderr);
  assert.match(skipped.stdout, /^SKIP {2}purge host 1 {2}\[line \d+\]\n\s+POST \/api\/2\.0\/fo\/asset\/host\/ \(action=purge\) changes data and was not sent\.$/m);
  assert.equal(purges(), before);
  const sent = await cli(['run', path, '--url', sim.url, '--user', USER, '--allow-writes']);
  assert.equal(sent.code, 0, sent.stderr);
  assert.match(sent.stdout, /^PASS {2}purge host 1/m);
  assert.equal(purges(), before + 1);
});

test('--name runs only the named requests; an unknown name is a usage error', async () => {
  const path = file('named.qualys', FAILING);
  const one = await cli(['run', path, '--url', await url(), '--user', USER, '--name', 'hosts']);
  assert.equal(one.code, 0, one.stderr);
  assert.doesNotMatch(one.stdout, /too many/);
  const unknown = await cli(['run', path, '--url', await url(), '--user', USER, '--name', 'nope']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /No request named 'nope'.*Its requests: 'hosts', 'too many'/);
});

test('the JUnit report is written and valid against the JUnit schema Jenkins reads', async () => {
  const out = join(work, 'report.xml');
  const run = await cli(['run', file('junit.qualys', `${FAILING}\n${PURGE}`), '--url', await url(), '--user', USER, '--junit', out]);
  assert.equal(run.code, 1, run.stderr);
  const xml = readFileSync(out, 'utf8');
  assert.match(xml, /<testsuite name="[^"]*junit\.qualys" tests="3" failures="1" errors="0" skipped="1"/);
  assert.match(xml, /<testcase name="hosts \(line 2\)"[^>]*>\s*<system-out>HTTP 200/);
  assert.match(xml, /<failure message="xpath count\(\/\/HOST\) \(10\) &gt; 1000" type="AssertionFailed">/);
  assert.match(xml, /<skipped>POST \/api\/2\.0\/fo\/asset\/host\/ \(action=purge\) changes data and was not sent\.<\/skipped>/);
  // Well-formed for an independent parser, and valid against a published schema when it can be had.
  execFileSync('xmllint', ['--noout', '--nonet', out]);
  const xsd = jenkinsJunitXsd();
  if (xsd) execFileSync('xmllint', ['--noout', '--nonet', '--schema', xsd, out], { stdio: 'pipe' });
  else console.log('# jenkins-junit.xsd could not be fetched (no registry): the report was checked for well-formedness and structure only');
});

test('usage mistakes exit 2 with the usage; the password is never taken from the command line', async () => {
  const spawned = await cli([]);
  assert.equal(spawned.code, 2);
  assert.match(spawned.stderr, /usage: node dist\/cli\.js run FILE/);
  // The same checks in this process (each spawn costs a second or two on a loaded machine).
  const inProcess = async (args: string[], env: Record<string, string> = { QUALYS_PASSWORD: PASSWORD }): Promise<{ code: number; err: string }> => {
    const err: string[] = [];
    const code = await runCli(args, { env, out: () => undefined, err: (line) => err.push(line) });
    return { code, err: err.join('\n') };
  };
  const path = file('usage.qualys', PASSING);
  for (const args of [['list'], ['run'], ['run', path, '--user', USER], ['run', path, '--url', 'http://127.0.0.1:1'], ['run', path, '--url', 'x', '--user', USER, '--bogus'], ['run', path, 'second.qualys', '--url', 'x', '--user', USER]]) {
    const run = await inProcess(args);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.err, /usage: node dist\/cli\.js run FILE/);
  }
  const inline = await inProcess(['run', path, '--url', await url(), '--user', USER, '--password', PASSWORD]);
  assert.equal(inline.code, 2);
  assert.match(inline.err, /read from the environment variable QUALYS_PASSWORD/);
  const noEnv = await inProcess(['run', path, '--url', await url(), '--user', USER], {});
  assert.equal(noEnv.code, 2);
  assert.match(noEnv.err, /QUALYS_PASSWORD/);
  const missing = await inProcess(['run', join(work, 'missing.qualys'), '--url', await url(), '--user', USER]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /Cannot read/);
  const platform = await inProcess(['run', path, '--url', 'XX9', '--user', USER]);
  assert.equal(platform.code, 2);
  assert.match(platform.err, /Unknown Qualys platform 'XX9'/);
});

test('refused credentials and an unreachable server exit 2; the password appears in no output', async () => {
  const path = file('auth.qualys', FAILING);
  const out = join(work, 'auth.xml');
  const wrong = await cli(['run', path, '--url', await url(), '--user', USER, '--junit', out], { QUALYS_PASSWORD: 'not-the-password' });
  assert.equal(wrong.code, 2);
  assert.match(wrong.stdout, /^ERROR {2}hosts.*HTTP 401/m);
  assert.match(wrong.stdout, /^SKIP {2}too many/m);
  assert.match(wrong.stderr, /The run stopped/);
  const down = await cli(['run', path, '--url', 'http://127.0.0.1:9', '--user', USER]);
  assert.equal(down.code, 2);
  assert.match(down.stdout, /^ERROR {2}hosts {2}\[line 2\]\n\s+No answer:/m);
  const plain = await cli(['run', path, '--url', 'http://qualysapi.example.com', '--user', USER]);
  assert.equal(plain.code, 2);
  assert.match(plain.stderr, /HTTPS/i);
  for (const run of [wrong, down, plain]) {
    assert.ok(!run.stdout.includes('not-the-password') && !run.stderr.includes('not-the-password') && !run.stdout.includes(PASSWORD) && !run.stderr.includes(PASSWORD));
  }
  assert.ok(!readFileSync(out, 'utf8').includes('not-the-password'));
});

test('dist/cli.js is one bundle that never loads vscode', () => {
  const bundle = readFileSync(CLI, 'utf8');
  assert.ok(bundle.startsWith('#!/usr/bin/env node'));
  assert.doesNotMatch(bundle, /require\(["']vscode["']\)/);
  assert.doesNotMatch(bundle, /require\(["']\.\/(api|client|extension|server)\.js["']\)/);
});

/** A scan launch and its status, chained by the launch's REFERENCE (REST Client's `# @name` syntax). */
function chainFile(state: string): string {
  return [
    '### Launch a scan',
    '# @name launch',
    'POST {{baseUrl}}/api/2.0/fo/scan/',
    'Content-Type: application/x-www-form-urlencoded',
    '',
    'action=launch&scan_title=CLI chain&ip=10.10.10.1&option_title=Initial Options',
    '?? status == 200',
    "?? xpath //ITEM[KEY='REFERENCE']/VALUE startsWith scan/",
    '',
    '### Its status',
    '# @name status',
    "GET {{baseUrl}}/api/2.0/fo/scan/?action=list&scan_ref={{launch.response.body.//ITEM[KEY='REFERENCE']/VALUE}}",
    '?? status == 200',
    '?? xpath count(//SCAN) == 1',
    `?? xpath string(//SCAN/STATUS/STATE) == ${state}`,
    '',
  ].join('\n');
}

test('a launch -> status chain: the status request reads the reference the launch answered in this run; its assertions pass and fail', async () => {
  const sim = await simPromise;
  const scanCalls = (): string[] => sim.requests.filter((r) => r.url.startsWith('/api/2.0/fo/scan/')).map((r) => `${r.method} ${r.url}`);
  const before = scanCalls().length;
  const passing = await cli(['run', file('chain-pass.qualys', chainFile('Queued')), '--url', sim.url, '--user', USER, '--allow-writes']);
  assert.equal(passing.code, 0, passing.stdout + passing.stderr);
  assert.match(passing.stdout, /^PASS {2}Launch a scan {2}\[line 3\]/m);
  assert.match(passing.stdout, /^PASS {2}Its status {2}\[line 12\]/m);
  const [launch, status] = scanCalls().slice(before);
  assert.equal(launch, 'POST /api/2.0/fo/scan/');
  // The reference the simulator answered the launch with, and no other call between them.
  const reference = /^scan\/\d+\.\d+$/;
  const ref = decodeURIComponent(/scan_ref=([^&]+)/.exec(status ?? '')?.[1] ?? '');
  assert.match(ref, reference, status);
  assert.ok(sim.requests.some((r) => r.method === 'GET' && r.url.includes(encodeURIComponent(ref))));

  const out = join(work, 'chain.xml');
  const failing = await cli(['run', file('chain-fail.qualys', chainFile('Finished')), '--url', sim.url, '--user', USER, '--allow-writes', '--junit', out]);
  assert.equal(failing.code, 1, failing.stdout + failing.stderr);
  assert.match(failing.stdout, /line 15: \?\? xpath string\(\/\/SCAN\/STATUS\/STATE\) == Finished: failed - xpath string\(\/\/SCAN\/STATUS\/STATE\) \(Queued\) == Finished/);
  const xml = readFileSync(out, 'utf8');
  assert.match(xml, /<testsuite name="[^"]*chain-fail\.qualys" tests="2" failures="1" errors="0" skipped="0"/);
  execFileSync('xmllint', ['--noout', '--nonet', out]);
  const xsd = jenkinsJunitXsd();
  if (xsd) execFileSync('xmllint', ['--noout', '--nonet', '--schema', xsd, out], { stdio: 'pipe' });
});

test('run alone, the status request needs the launch: without --allow-writes neither is sent, and the skip says why', async () => {
  const sim = await simPromise;
  const before = sim.requests.length;
  const run = await cli(['run', file('chain-name.qualys', chainFile('Queued')), '--url', sim.url, '--user', USER, '--name', 'status']);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^SKIP {2}Its status {2}\[line 12\]\n\s+"Launch a scan" POST \/api\/2\.0\/fo\/scan\/ \(action=launch\) changes data and was not sent; this request reads its answer and was not sent either\.\n\s+\(--allow-writes sends requests that change data\)$/m);
  assert.deepEqual(sim.requests.slice(before).filter((r) => r.url.startsWith('/api/2.0/fo/scan/')), []);
  // With the flag the launch is sent first, then the status with its reference.
  const sent = await cli(['run', join(work, 'chain-name.qualys'), '--url', sim.url, '--user', USER, '--name', 'status', '--allow-writes']);
  assert.equal(sent.code, 0, sent.stdout + sent.stderr);
  assert.deepEqual(sim.requests.slice(before).filter((r) => r.url.startsWith('/api/2.0/fo/scan/')).map((r) => r.method), ['POST', 'GET']);
  assert.match(sent.stdout, /^PASS {2}Its status/m);
});
