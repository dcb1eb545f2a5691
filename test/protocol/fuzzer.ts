/**
 * A seeded fuzzer for the language server over LSP (issue 10): documents of every kind (option
 * profiles from the fixtures, request files from samples/requests and the test fixtures, QPS
 * bodies, JSON bodies, OPTION_PROFILES bodies) are mutated, opened in dist/server.js, and asked
 * for diagnostics, completion and hover at random positions, document symbols, folding, code
 * lenses and code actions. A failure is a crash, a JSON-RPC error, an exception the server logged,
 * an answer slower than MAX_ANSWER_MS, or a published list above the problem cap.
 *
 * The same seed makes the same documents and positions, so `npm run fuzz -- --seed N --docs M`
 * replays a run; a failing document is written to a file to look at.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResponseError, type Diagnostic, type Position } from 'vscode-languageserver';
import { prng } from '../oracle/mutations';
import { nonAsciiName } from './hostileInputs';
import { startServer, type TestServer } from './lspClient';
import { lineOfOffset, lineStarts } from '../../server/src/util/lineIndex';

/** An answer slower than this is a failure (issue 10): a hang, or work that is not linear. */
export const MAX_ANSWER_MS = 2000;
/** Mutations never grow a document beyond this: the hostile inputs test large documents. */
const MAX_LENGTH = 64 * 1024;

export type FuzzKind = 'option profile' | 'QPS .xml' | 'request file' | 'http file' | 'request: QPS body' | 'request: option profile body' | 'request: JSON body';

interface Seed {
  readonly kind: FuzzKind;
  readonly name: string;
  readonly languageId: string;
  readonly extension: string;
  readonly text: string;
  /** Where the part most worth mutating starts (a request's body), 0 for the whole text. */
  readonly focus: number;
}

const root = join(__dirname, '..', '..');

function filesIn(dir: string, extension: string): string[] {
  try {
    return readdirSync(join(root, dir))
      .filter((f) => f.endsWith(extension))
      .sort()
      .map((f) => join(root, dir, f));
  } catch {
    return [];
  }
}

/** The requests of a request file, each as its own text (a `###` line to the next). */
function blocks(text: string): string[] {
  return text.split(/\n(?=###)/).filter((b) => /^\s*(?:###[^\n]*\n)?[\s\S]*?\b(?:GET|POST|PUT|DELETE)\s/.test(b));
}

/** The documents the fuzzer starts from, every kind present. */
export function fuzzSeeds(): Seed[] {
  const seeds: Seed[] = [];
  const profiles = [...filesIn('test/fixtures/option-profiles', '.xml'), ...filesIn('test/unit/optionProfile/samples', '.xml'), ...filesIn('demo/workspace/option-profiles', '.xml')];
  for (const file of profiles) seeds.push({ kind: 'option profile', name: file, languageId: 'xml', extension: 'xml', text: readFileSync(file, 'utf8'), focus: 0 });
  const requestFiles = [...filesIn('samples/requests', '.qualys'), ...filesIn('test/unit/request/fixtures', '.qualys'), ...filesIn('demo/workspace/requests', '.qualys')];
  for (const file of requestFiles) {
    const text = readFileSync(file, 'utf8');
    seeds.push({ kind: 'request file', name: file, languageId: 'qualys-request', extension: 'qualys', text, focus: 0 });
    seeds.push({ kind: 'http file', name: file, languageId: 'http', extension: 'http', text, focus: 0 });
    for (const block of blocks(text)) {
      const blank = block.search(/\n\s*\n/);
      if (blank < 0) continue;
      const body = block.slice(blank).trimStart();
      const focus = block.length - block.slice(blank).trimStart().length;
      if (body.includes('<ServiceRequest')) {
        seeds.push({ kind: 'request: QPS body', name: file, languageId: 'qualys-request', extension: 'qualys', text: block, focus });
        seeds.push({ kind: 'QPS .xml', name: file, languageId: 'xml', extension: 'xml', text: body, focus: 0 });
      } else if (body.includes('<OPTION_PROFILES')) {
        seeds.push({ kind: 'request: option profile body', name: file, languageId: 'qualys-request', extension: 'qualys', text: block, focus });
      } else if (body.startsWith('[') || body.startsWith('{')) {
        seeds.push({ kind: 'request: JSON body', name: file, languageId: 'qualys-request', extension: 'qualys', text: block, focus });
      }
    }
  }
  return seeds;
}

/** Pieces of syntax the mutations insert: the delimiters of every kind, and some traps. */
const TOKENS = [
  '<', '>', '</', '/>', '<!--', '-->', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '<!DOCTYPE x [<!ENTITY e "&e;&e;">]>', '&e;', '&amp;', '&#x0;', '&#xFFFF;', '&#1114112;', '&',
  '"', "'", '=', ' ', '\t', '\n', '\r\n', '\\>', '{{', '}}', '{{baseUrl}}', '{{x}}', '###\n', '### r\n', '@v = {{v}}\n', '?', '&x=1', '&action=list', '%ZZ', '%%',
  '[', ']', '{', '}', ':', ',', 'null', '"policyId":', '\u0000', '\uFEFF', '\uD800', '😀', 'GET ', 'POST ', 'HTTP/1.1', 'Content-Type: application/json\n', 'Content-Type: text/xml\n',
];

export interface Mutated {
  readonly seed: Seed;
  readonly text: string;
  readonly description: string;
}

/** One to four mutations of a seed, chosen by `random`. */
export function mutate(seed: Seed, random: () => number): Mutated {
  const pick = (n: number): number => Math.floor(random() * n);
  let text = seed.text;
  const steps: string[] = [];
  const at = (): number => (random() < 0.7 && seed.focus < text.length ? seed.focus + pick(text.length - seed.focus + 1) : pick(text.length + 1));
  for (let count = 1 + pick(4); count > 0; count--) {
    const where = at();
    const span = 1 + pick(random() < 0.8 ? 40 : 400);
    switch (pick(9)) {
      case 0:
        text = text.slice(0, where) + text.slice(where + span);
        steps.push(`delete ${span} at ${where}`);
        break;
      case 1: {
        const token = TOKENS[pick(TOKENS.length)]!;
        text = text.slice(0, where) + token + text.slice(where);
        steps.push(`insert ${JSON.stringify(token)} at ${where}`);
        break;
      }
      case 2: {
        const from = pick(text.length + 1);
        text = text.slice(0, where) + text.slice(from, from + span) + text.slice(where);
        steps.push(`copy ${span} from ${from} to ${where}`);
        break;
      }
      case 3: {
        const piece = text.slice(where, where + 1 + pick(60));
        const times = 2 + pick(random() < 0.9 ? 10 : 400);
        text = text.slice(0, where) + piece.repeat(times) + text.slice(where);
        steps.push(`repeat ${piece.length} at ${where} ${times} times`);
        break;
      }
      case 4: {
        // A name or value replaced by a long run of non-ASCII name characters.
        const run = nonAsciiName(1 + pick(random() < 0.9 ? 50 : 3000), pick(1000));
        text = text.slice(0, where) + run + text.slice(where + pick(20));
        steps.push(`non-ASCII run of ${run.length} at ${where}`);
        break;
      }
      case 5: {
        const depth = 1 + pick(random() < 0.9 ? 20 : 600);
        const open = random() < 0.5 ? '<a>' : '[';
        text = text.slice(0, where) + open.repeat(depth) + text.slice(where);
        steps.push(`nest ${depth} ${open} at ${where}`);
        break;
      }
      case 6: {
        const other = pick(text.length + 1);
        const [a, b] = where < other ? [where, other] : [other, where];
        text = text.slice(0, a) + text.slice(b, b + span) + text.slice(a + span, b) + text.slice(a, a + span) + text.slice(b + span);
        steps.push(`swap ${span} at ${a} and ${b}`);
        break;
      }
      case 7:
        text = text.slice(0, where);
        steps.push(`cut at ${where}`);
        break;
      default: {
        const char = String.fromCharCode(random() < 0.8 ? 32 + pick(95) : pick(0x3000));
        text = text.slice(0, where) + char + text.slice(where + (random() < 0.5 ? 1 : 0));
        steps.push(`char ${JSON.stringify(char)} at ${where}`);
      }
    }
    if (text.length > MAX_LENGTH) text = text.slice(0, MAX_LENGTH);
  }
  return { seed, text, description: steps.join('; ') };
}

export interface FuzzFailure {
  readonly index: number;
  readonly kind: FuzzKind;
  readonly seedFile: string;
  readonly mutations: string;
  readonly problem: string;
  /** The failing document, written out to look at. */
  readonly file: string;
}

export interface FuzzReport {
  readonly seed: number;
  readonly documents: number;
  readonly requests: number;
  readonly slowestMs: number;
  readonly slowest: string;
  readonly byKind: ReadonlyMap<FuzzKind, number>;
  readonly failures: readonly FuzzFailure[];
}

export interface FuzzOptions {
  readonly seed: number;
  readonly documents: number;
  /** Random positions asked for completion and hover, per document. */
  readonly positions?: number;
  /** Stop at the first failure (the test does; the script goes on and lists them all). */
  readonly stopAtFirst?: boolean;
  readonly onProgress?: (done: number) => void;
}

class Timeout extends Error {}

function deadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout(`${what}: no answer in ${MAX_ANSWER_MS} ms`)), MAX_ANSWER_MS)))]).finally(() =>
    clearTimeout(timer),
  );
}

/** The LSP position of an offset (UTF-16 units, as TextDocument counts them). */
function positionOf(starts: readonly number[], offset: number): Position {
  const line = lineOfOffset(starts, offset);
  return { line, character: offset - starts[line]! };
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const random = prng(options.seed);
  const seeds = fuzzSeeds();
  const byKindSeeds = new Map<FuzzKind, Seed[]>();
  for (const seed of seeds) byKindSeeds.set(seed.kind, [...(byKindSeeds.get(seed.kind) ?? []), seed]);
  const kinds = [...byKindSeeds.keys()];
  const byKind = new Map<FuzzKind, number>();
  const failures: FuzzFailure[] = [];
  let requests = 0;
  let slowestMs = 0;
  let slowest = '';

  let server: TestServer = await startServer();
  const logged: string[] = [];
  let exited: string | undefined;
  const watch = (srv: TestServer): void => {
    srv.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type === 1) logged.push(params.message);
    });
    srv.process.once('exit', (code, signal) => (exited = `the server exited (${signal ?? code})`));
  };
  watch(server);
  await server.configured;

  const timed = async <T>(what: string, request: Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await deadline(request, what);
    const ms = performance.now() - t0;
    requests++;
    if (ms > slowestMs) [slowestMs, slowest] = [ms, what];
    return result;
  };
  const ask = (what: string, method: string, params: object): Promise<unknown> => timed(what, server.connection.sendRequest(method, params));

  try {
    for (let index = 0; index < options.documents; index++) {
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      const candidates = byKindSeeds.get(kind)!;
      const mutated = mutate(candidates[Math.floor(random() * candidates.length)]!, random);
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      const { text } = mutated;
      const uri = `file:///fuzz/${options.seed}/${index}.${mutated.seed.extension}`;
      const textDocument = { uri };
      const starts = lineStarts(text);
      const randomPosition = (): Position => positionOf(starts, Math.floor(random() * (text.length + 1)));
      logged.length = 0;
      try {
        const published = server.nextDiagnostics(uri, 1);
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: mutated.seed.languageId, version: 1, text } });
        const { diagnostics } = await timed(`${kind}: diagnostics`, published);
        if (diagnostics.length > 1001) throw new Error(`${diagnostics.length} diagnostics published`);
        const wordy = diagnostics.find((d) => String(d.message).length > 1000);
        if (wordy) throw new Error(`a message of ${String(wordy.message).length} characters`);
        for (let p = 0; p < (options.positions ?? 3); p++) {
          const position = randomPosition();
          await ask(`${kind}: completion`, 'textDocument/completion', { textDocument, position });
          await ask(`${kind}: hover`, 'textDocument/hover', { textDocument, position });
        }
        await ask(`${kind}: document symbols`, 'textDocument/documentSymbol', { textDocument });
        await ask(`${kind}: folding`, 'textDocument/foldingRange', { textDocument });
        await ask(`${kind}: code lenses`, 'textDocument/codeLens', { textDocument });
        const [a, b] = [randomPosition(), randomPosition()].sort((x, y) => x.line - y.line || x.character - y.character) as [Position, Position];
        const near = diagnostics.filter((d: Diagnostic) => d.range.end.line >= a.line - 2 && d.range.start.line <= b.line + 2).slice(0, 50);
        await ask(`${kind}: code actions`, 'textDocument/codeAction', { textDocument, range: { start: a, end: b }, context: { diagnostics: near } });
        await server.connection.sendNotification('textDocument/didClose', { textDocument });
        // The server answers in order: once this is answered, anything it logged has arrived.
        await ask(`${kind}: hover after close`, 'textDocument/hover', { textDocument, position: { line: 0, character: 0 } });
        if (exited) throw new Error(exited);
        if (logged.length > 0) throw new Error(`the server logged: ${logged[0]!.slice(0, 500)}`);
      } catch (err) {
        const problem = err instanceof ResponseError ? `JSON-RPC error ${err.code}: ${err.message}` : exited ?? (err instanceof Error ? err.message : String(err));
        const file = join(tmpdir(), `qualys-fuzz-${options.seed}-${index}.${mutated.seed.extension}`);
        writeFileSync(file, text);
        failures.push({ index, kind, seedFile: mutated.seed.name, mutations: mutated.description, problem, file });
        if (options.stopAtFirst) break;
        // A hung or dead server cannot go on: start another one.
        if (exited || err instanceof Timeout) {
          server.process.kill('SIGKILL');
          server = await startServer();
          exited = undefined;
          watch(server);
          await server.configured;
        }
      }
      options.onProgress?.(index + 1);
    }
  } finally {
    if (exited || failures.length > 0) server.process.kill('SIGKILL');
    else await server.stop();
  }
  return { seed: options.seed, documents: options.documents, requests, slowestMs, slowest, byKind, failures };
}

/** A failure as text, with what replays it. */
export function describeFailure(failure: FuzzFailure, seed: number): string {
  return `document ${failure.index} (${failure.kind}, from ${failure.seedFile}; ${failure.mutations}): ${failure.problem}\n  written to ${failure.file}; replay: npm run fuzz -- --seed ${seed} --docs ${failure.index + 1}`;
}
