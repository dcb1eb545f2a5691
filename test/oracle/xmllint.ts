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
    for (const file of batch) results.set(file, verdictFor(file, output));
  }
  return results;
}

function verdictFor(file: string, output: string): XmllintResult {
  const messages: string[] = [];
  let verdict: XmllintVerdict | undefined;
  for (const line of output.split('\n')) {
    if (line === `${file} validates`) verdict = 'valid';
    else if (line === `${file} fails to validate`) verdict = 'invalid';
    else if (line.startsWith(`${file}:`)) messages.push(line.slice(file.length + 1));
  }
  if (verdict === undefined) {
    if (messages.some((m) => m.includes('parser error'))) verdict = 'malformed';
    else throw new Error(`xmllint gave no verdict for ${file}:\n${output}`);
  }
  return { verdict, messages };
}
