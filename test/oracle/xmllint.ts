/**
 * The xmllint oracle: runs libxml2's schema validator (an implementation independent of ours) on
 * many files with one process per batch and reads back one verdict per file.
 */
import { spawnSync } from 'node:child_process';

/** `malformed`: not well-formed XML (xmllint prints parser errors and no schema verdict). */
export type XmllintVerdict = 'valid' | 'invalid' | 'malformed';

export interface XmllintResult {
  readonly verdict: XmllintVerdict;
  /** xmllint's messages about this file (schema validity errors or parser errors). */
  readonly messages: readonly string[];
}

// Many paths on one command line; kept well below the kernel's argument size limit.
const BATCH = 400;

/** Throws when xmllint is missing: the oracle tests must not pass silently without it. */
export function runXmllint(xsdPath: string, files: readonly string[]): Map<string, XmllintResult> {
  const results = new Map<string, XmllintResult>();
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsdPath, ...batch], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (run.error) throw new Error(`xmllint could not run (install libxml2-utils): ${run.error.message}`);
    const output = `${run.stdout}${run.stderr}`;
    if (/failed to compile|Schemas parser error/.test(output)) throw new Error(`xmllint rejected the schema:\n${output}`);
    for (const [file, result] of readVerdicts(batch, output)) results.set(file, result);
  }
  return results;
}

/**
 * Splits xmllint's output by file. A message starts with "<file>:<line>: "; lines that do not (a
 * value with a line break inside, the caret lines under a parser error) continue the last message.
 */
function readVerdicts(batch: readonly string[], output: string): Map<string, XmllintResult> {
  const files = new Set(batch);
  const messages = new Map<string, string[]>(batch.map((f) => [f, []]));
  const verdicts = new Map<string, XmllintVerdict>();
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    const verdict = / (validates|fails to validate)$/.exec(line);
    const file = verdict ? line.slice(0, verdict.index) : undefined;
    if (verdict && file !== undefined && files.has(file)) {
      verdicts.set(file, verdict[1] === 'validates' ? 'valid' : 'invalid');
      current = undefined;
      continue;
    }
    const located = /^(.*?):(\d+): /.exec(line);
    if (located && files.has(located[1])) {
      current = messages.get(located[1]);
      current?.push(line.slice(located[1].length + 1));
    } else if (current && current.length > 0) current[current.length - 1] += `\n${line}`;
  }
  const results = new Map<string, XmllintResult>();
  for (const file of batch) {
    const list = messages.get(file) ?? [];
    let verdict = verdicts.get(file);
    if (verdict === undefined) {
      if (list.some((m) => m.includes('parser error'))) verdict = 'malformed';
      else throw new Error(`xmllint gave no verdict for ${file}:\n${output}`);
    }
    results.set(file, { verdict, messages: list });
  }
  return results;
}
