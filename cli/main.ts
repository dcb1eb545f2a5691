/**
 * The request runner without VS Code (`node dist/cli.js run FILE ...`): reads a request file with the
 * language server's parser, runs its requests in order with the runner VS Code's "Run All Requests"
 * uses, prints one line per request and optionally writes JUnit XML. The password comes from the
 * environment (QUALYS_PASSWORD) only, and every line printed is redacted of it.
 * Exit codes: 0 every assertion held, 1 one failed (or a request could not be run), 2 usage, network
 * or authentication errors. No `vscode` import: dist/cli.js is bundled on its own (esbuild.mjs).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { createQualysClient, type PlatformChoice } from '../client/src/api';
import { redactText } from '../client/src/api/errors';
import { loadRequestCatalog } from '../server/src/request/catalogLoader';
import { runnableRequests } from '../server/src/request/runnableFile';
import type { RunnableRequest } from '../protocol';
import { textRequests } from '../server/src/request/textRequests';
import { MemoryAnswers } from '../client/src/requests/exchange/answers';
import { bodyFileReader } from '../client/src/requests/bodyFile';
import { evaluateAssertions } from '../client/src/runner/evaluate';
import { junitReport } from '../client/src/runner/junit';
import { runRequests, type StepResult } from '../client/src/runner/runStep';
import { assertionEvaluator } from '../client/src/runner/workerEvaluator';
import { xpathHost } from '../client/src/xpathHost';

export const USAGE = `usage: node dist/cli.js run FILE --url URL --user USER [--gateway URL] [--name NAME]... [--allow-writes] [--junit OUT.xml]

  FILE            a request file (.qualys, or a REST Client .http file: its Qualys requests)
  --url URL       the Qualys API server (https://qualysapi.qualys.com) or a platform id (US1, EU2...)
  --user USER     the Qualys user; the password is read from QUALYS_PASSWORD
  --gateway URL   the API gateway, when it is not the platform's own
  --name NAME     run only the request named NAME (### NAME or # @name NAME); repeatable
  --allow-writes  send requests that change data (skipped otherwise)
  --junit FILE    write a JUnit XML report

exit: 0 every assertion held, 1 one failed, 2 usage, network or authentication errors`;

export interface CliOptions {
  readonly file: string;
  readonly url: string;
  readonly user: string;
  readonly gateway?: string;
  readonly names: readonly string[];
  readonly allowWrites: boolean;
  readonly junit?: string;
}

export class UsageError extends Error {}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const [command, ...rest] = argv;
  if (command !== 'run') throw new UsageError(command === undefined ? 'Say what to do: run.' : `Unknown command '${command}': the command is run.`);
  let file: string | undefined;
  let url: string | undefined;
  let user: string | undefined;
  let gateway: string | undefined;
  let junit: string | undefined;
  let allowWrites = false;
  const names: string[] = [];
  for (let k = 0; k < rest.length; k++) {
    const arg = rest[k]!;
    const value = (): string => {
      const next = rest[++k];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
      return next;
    };
    if (arg === '--url') url = value();
    else if (arg === '--user') user = value();
    else if (arg === '--gateway') gateway = value();
    else if (arg === '--name') names.push(value());
    else if (arg === '--junit') junit = value();
    else if (arg === '--allow-writes') allowWrites = true;
    else if (arg === '--password' || arg.startsWith('--password=')) throw new UsageError('The password is read from the environment variable QUALYS_PASSWORD, never from the command line.');
    else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`One file at a time: '${arg}' is a second one.`);
  }
  if (!file) throw new UsageError('Name the request file to run.');
  if (!url) throw new UsageError('--url is required.');
  if (!user) throw new UsageError('--user is required.');
  return { file, url, user, ...(gateway ? { gateway } : {}), names, allowWrites, ...(junit ? { junit } : {}) };
}

function platformChoice(url: string): PlatformChoice {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? { url } : { platform: url };
}

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  out(line: string): void;
  err(line: string): void;
  readonly signal?: AbortSignal;
}

function mark(step: StepResult): string {
  return { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP', errored: 'ERROR' }[step.outcome];
}

function report(step: StepResult, print: (line: string) => void, allowWrites: boolean): void {
  const answer = step.answer ? ` (HTTP ${step.answer.status}, ${step.answer.durationMs} ms)` : '';
  print(`${mark(step)}  ${step.request.name}  [line ${step.request.line + 1}]${answer}`);
  for (const result of step.assertions) {
    if (result.outcome !== 'passed') print(`        line ${result.assertion.line + 1}: ?? ${result.assertion.source}: ${result.outcome}${result.message ? ` - ${result.message}` : ''}`);
  }
  if (step.outcome !== 'passed' && step.assertions.every((a) => a.outcome !== 'failed') && step.message) print(`        ${step.message}`);
  if (step.outcome === 'skipped' && !allowWrites && step.message?.includes('changes data and was not sent')) print('        (--allow-writes sends requests that change data)');
}

/** Runs the command; answers the exit code. Never throws for a user's mistake. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const password = io.env.QUALYS_PASSWORD;
  if (!password) {
    io.err('Set the password in the environment variable QUALYS_PASSWORD.');
    return 2;
  }
  const secrets = [password, Buffer.from(`${options.user}:${password}`).toString('base64')];
  const out = (line: string): void => io.out(redactText(line, secrets));
  const err = (line: string): void => io.err(redactText(line, secrets));

  let text: string;
  try {
    text = readFileSync(options.file, 'utf8');
  } catch (error) {
    err(`Cannot read ${options.file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const extension = extname(options.file).toLowerCase();
  const catalog = loadRequestCatalog();
  let requests: RunnableRequest[] = runnableRequests(catalog, text, extension === '.http' || extension === '.rest');
  if (options.names.length > 0) {
    const named = (r: RunnableRequest, name: string): boolean => r.name === name || r.requestName === name;
    const unknown = options.names.filter((name) => !requests.some((r) => named(r, name)));
    if (unknown.length > 0) {
      err(`No request named ${unknown.map((n) => `'${n}'`).join(', ')} in ${options.file}. Its requests: ${requests.map((r) => `'${r.name}'`).join(', ') || 'none'}.`);
      return 2;
    }
    requests = requests.filter((r) => options.names.some((name) => named(r, name)));
  }
  if (requests.length === 0) {
    err(`${options.file} holds no request to run.`);
    return 2;
  }

  const made = createQualysClient({ where: platformChoice(options.url), ...(options.gateway ? { gatewayUrl: options.gateway } : {}), credentials: { username: options.user, password } });
  if (!made.ok) {
    err(made.error.message);
    return 2;
  }
  const client = made.value;
  const startedAt = new Date();
  // Beside dist/cli.js is the XPath worker that bounds an assertion's time (a runaway XPath ends at 30 s),
  // the one chained references use; run from the sources (tests), assertions are evaluated in this thread.
  const worker = existsSync(join(__dirname, 'xpath.js')) ? assertionEvaluator() : undefined;
  try {
    const summary = await runRequests(
      requests,
      {
        client,
        ...(io.signal ? { signal: io.signal } : {}),
        // A reference reads the answer this run received; a named request it needs is sent first.
        answers: new MemoryAnswers(),
        source: textRequests(text, catalog),
        // A `< path` body is read inside the request file's folder tree or the current directory only.
        readBodyFile: bodyFileReader({ base: dirname(resolve(options.file)), roots: [dirname(resolve(options.file)), process.cwd()] }),
        allowChange: () => Promise.resolve(options.allowWrites),
        evaluate: (assertions, answer) => (worker ? worker.evaluate(assertions, answer) : Promise.resolve(evaluateAssertions(assertions, answer))),
      },
      undefined,
      (step) => report(step, out, options.allowWrites),
    );
    out('');
    out(`${summary.passed} passed, ${summary.failed + summary.errored} failed, ${summary.skipped} skipped (${basename(options.file)})`);
    if (options.junit) {
      try {
        writeFileSync(options.junit, redactText(junitReport(options.file, summary, startedAt, hostname()), secrets));
        out(`JUnit report: ${options.junit}`);
      } catch (error) {
        err(`Cannot write ${options.junit}: ${error instanceof Error ? error.message : String(error)}`);
        return 2;
      }
    }
    if (summary.stopped && summary.stopped.outcome !== 'skipped') {
      err(`The run stopped: ${summary.stopped.message ?? summary.stopped.outcome}`);
      return 2;
    }
    if (summary.stopped) return 2;
    return summary.failed + summary.errored > 0 ? 1 : 0;
  } finally {
    xpathHost().stop('The run ended.');
    await client.close();
  }
}

if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  // The password stays in this process only: it is not passed on to anything it starts.
  const env = { ...process.env };
  delete process.env.QUALYS_PASSWORD;
  void runCli(process.argv.slice(2), { env, out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`), signal: controller.signal }).then((code) => {
    process.exitCode = code;
  });
}
