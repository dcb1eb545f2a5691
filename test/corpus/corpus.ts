/**
 * The corpus of real Qualys API calls (test/corpus/real-calls/*.qualys, one file per public source
 * repository) run through the request language service, block by block. Shared by the test
 * (realCalls.test.ts) and the report (scripts/corpus-report.ts): both classify every error and
 * warning as an expected real mistake (mistakes.json), a known false diagnostic (known-false.json)
 * or a new one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseRequestFile } from '../../server/src/request/requestParser';
import { RequestService } from '../../server/src/request/requestService';

export const corpusDir = join(__dirname, 'real-calls');
export const mistakesFile = join(corpusDir, 'mistakes.json');
export const knownFalseFile = join(corpusDir, 'known-false.json');
export const knownMissedFile = join(corpusDir, 'known-missed.json');

/** A real mistake in a source script, and the diagnostic that must catch it. */
export interface Mistake {
  readonly file: string;
  readonly block: string;
  readonly code: string;
  readonly why: string;
  readonly doc: string;
}

/** A diagnostic of today's checker on a valid call: tolerated until a fix lands, then removed. */
export interface KnownFalse {
  readonly file: string;
  readonly block: string;
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** A listed mistake today's checker does not catch: tolerated until a fix lands, then removed. */
export interface KnownMissed {
  readonly file: string;
  readonly block: string;
  readonly code: string;
}

export interface CallDiagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly message: string;
  readonly line: number;
}

export interface CorpusCall {
  readonly file: string;
  /** The `###` title: unique in its file. */
  readonly block: string;
  readonly method: string;
  readonly url: string;
  /** The request line and body without comments and headers: two calls with the same key are one call. */
  readonly key: string;
  readonly family: string;
  readonly diagnostics: readonly CallDiagnostic[];
}

/** Families of the Qualys API, by path; the first match wins. */
const FAMILIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/api\/\d\.\d\/fo\/asset\/host\/vm\/detection/, 'host detections'],
  [/^\/api\/\d\.\d\/fo\/asset\/host/, 'hosts'],
  [/^\/api\/\d\.\d\/fo\/asset\/ip/, 'IPs'],
  [/^\/api\/\d\.\d\/fo\/asset\/group/, 'asset groups'],
  [/^\/api\/\d\.\d\/fo\/asset\/vhost/, 'virtual hosts'],
  [/^\/api\/\d\.\d\/fo\/asset\/excluded_ip/, 'excluded IPs'],
  [/^\/api\/\d\.\d\/fo\/scan\/compliance/, 'compliance scans'],
  [/^\/api\/\d\.\d\/fo\/scan/, 'scans'],
  [/^\/api\/\d\.\d\/fo\/schedule/, 'schedules'],
  [/^\/api\/\d\.\d\/fo\/report/, 'reports'],
  [/^\/api\/\d\.\d\/fo\/knowledge_base/, 'KnowledgeBase'],
  [/^\/api\/\d\.\d\/fo\/qid\/search_list/, 'search lists'],
  [/^\/api\/\d\.\d\/fo\/network/, 'networks'],
  [/^\/api\/\d\.\d\/fo\/appliance/, 'appliances'],
  [/^\/api\/\d\.\d\/fo\/session/, 'sessions'],
  [/^\/api\/\d\.\d\/fo\/activity_log/, 'activity log'],
  [/^\/api\/\d\.\d\/fo\/subscription\/option_profile/, 'option profiles'],
  [/^\/api\/\d\.\d\/fo\/subscription/, 'subscription'],
  [/^\/api\/\d\.\d\/fo\/compliance/, 'compliance'],
  [/^\/api\/\d\.\d\/fo\/auth/, 'auth records'],
  [/^\/api\/\d\.\d\/fo\//, 'other fo'],
  [/^\/msp\//, 'v1 (msp)'],
  [/^\/qps\/rest\/[^/]+\/[^/]+\/am\//, 'QPS asset management and tagging'],
  [/^\/qps\/rest\/[^/]+\/[^/]+\/ca\//, 'Cloud Agent'],
  [/^\/qps\/rest\/[^/]+\/[^/]+\/was\//, 'WAS'],
  [/^\/qps\//, 'other QPS'],
  [/^\/pcrs\//, 'PCRS'],
];

export function familyOf(path: string, gateway: boolean): string {
  const normal = path.replace(/\/{2,}/g, '/');
  for (const [pattern, family] of FAMILIES) if (pattern.test(normal)) return family;
  return gateway ? 'gateway' : 'other';
}

const SEVERITY = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning', [DiagnosticSeverity.Information]: 'information', [DiagnosticSeverity.Hint]: 'hint' } as const;

export function corpusFiles(): string[] {
  return readdirSync(corpusDir)
    .filter((name) => name.endsWith('.qualys'))
    .sort();
}

/** Every call of one corpus file with the diagnostics the request service gives it. */
export function checkFile(file: string, service = new RequestService()): CorpusCall[] {
  const text = readFileSync(join(corpusDir, file), 'utf8');
  const document = TextDocument.create(`file:///corpus/${file}`, 'qualys-request', 1, text);
  const diagnostics = service.diagnostics(document, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) });
  const calls: CorpusCall[] = [];
  for (const request of parseRequestFile(text).requests) {
    if (!request.url || !request.method) continue;
    const inBlock = diagnostics.filter((d) => {
      const offset = document.offsetAt(d.range.start);
      return offset >= request.start && offset < Math.max(request.end, request.start + 1);
    });
    calls.push({
      file,
      block: request.name ?? `#${request.index + 1}`,
      method: request.method.text.toUpperCase(),
      url: request.url.text,
      key: `${request.method.text.toUpperCase()} ${request.url.text}\n${request.body?.text.trim() ?? ''}`,
      family: familyOf(request.path?.text ?? '', request.gateway),
      diagnostics: inBlock.map((d) => ({
        code: String(d.code ?? ''),
        severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error],
        message: String(d.message),
        line: d.range.start.line + 1,
      })),
    });
  }
  return calls;
}

export function checkCorpus(): CorpusCall[] {
  const service = new RequestService();
  return corpusFiles().flatMap((file) => checkFile(file, service));
}

export function readMistakes(): Mistake[] {
  return JSON.parse(readFileSync(mistakesFile, 'utf8')) as Mistake[];
}

export function readKnownFalse(): KnownFalse[] {
  return JSON.parse(readFileSync(knownFalseFile, 'utf8')) as KnownFalse[];
}

export function readKnownMissed(): KnownMissed[] {
  return JSON.parse(readFileSync(knownMissedFile, 'utf8')) as KnownMissed[];
}

export const missedKey = (m: KnownMissed): string => `${m.file}\n${m.block}\n${m.code}`;

/**
 * Known false diagnostics are matched on file, block and code, not on the message: a message that
 * changes wording (a "did you mean" hint that follows the catalog) is still the same false diagnostic.
 */
export const knownKey = (d: { file: string; block: string; code: string }): string => `${d.file}\n${d.block}\n${d.code}`;

export interface Verdict {
  /** Errors and warnings on valid calls, or on a mistake's call beyond the one expected. */
  readonly falseDiagnostics: readonly (KnownFalse & { readonly line: number })[];
  /** Mistakes whose diagnostic came. */
  readonly caught: readonly Mistake[];
  /** Mistakes whose diagnostic did not come. */
  readonly missed: readonly Mistake[];
}

/** Sorts each error and warning of the corpus into caught mistakes and false diagnostics. */
export function judge(calls: readonly CorpusCall[], mistakes: readonly Mistake[]): Verdict {
  const falseDiagnostics: (KnownFalse & { line: number })[] = [];
  const caught: Mistake[] = [];
  const missed: Mistake[] = [];
  const byBlock = new Map(calls.map((c) => [`${c.file}\n${c.block}`, c]));
  for (const mistake of mistakes) {
    const call = byBlock.get(`${mistake.file}\n${mistake.block}`);
    const hit = call?.diagnostics.some((d) => d.code === mistake.code && (d.severity === 'error' || d.severity === 'warning'));
    (hit ? caught : missed).push(mistake);
  }
  const expected = new Set(caught.map((m) => `${m.file}\n${m.block}\n${m.code}`));
  for (const call of calls) {
    for (const d of call.diagnostics) {
      if (d.severity !== 'error' && d.severity !== 'warning') continue;
      if (expected.has(`${call.file}\n${call.block}\n${d.code}`)) continue;
      falseDiagnostics.push({ file: call.file, block: call.block, code: d.code, severity: d.severity, message: d.message, line: d.line });
    }
  }
  return { falseDiagnostics, caught, missed };
}
