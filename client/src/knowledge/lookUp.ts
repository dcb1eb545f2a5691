/**
 * "Qualys: Look Up QID or CVE" without the UI: what the user typed (or a command argument) read as a
 * QID or a CVE, and the answer of the account's KnowledgeBase as an outcome the command shows (a
 * details document, a choice among QIDs, a message). No `vscode` import: registerKnowledge.ts shows it.
 */
import type { ApiError } from '../api/errors';
import type { KbEntry } from '../api/parse/knowledgeBase';
import { errorText, kbDetailsMarkdown, unavailableText } from './kbText';
import type { KnowledgeBase } from './knowledgeBase';

export type LookUpQuery = { readonly kind: 'qid'; readonly qid: string } | { readonly kind: 'cve'; readonly cve: string };

export type LookUpOutcome =
  | { readonly kind: 'details'; readonly name: string; readonly markdown: string }
  /** Several kept entries list the CVE: the user picks one, whose details are `details(entry)`. */
  | { readonly kind: 'choose'; readonly title: string; readonly entries: readonly KbEntry[] }
  | { readonly kind: 'info'; readonly message: string }
  /** `refusal`: the account cannot read the KnowledgeBase (logged once by the caller). */
  | { readonly kind: 'error'; readonly message: string; readonly refusal?: ApiError };

const QID = /^\d{1,9}$/;
/** CVE sequence numbers have four digits or more (seven in use today). */
const CVE = /^CVE-\d{4}-\d{4,9}$/i;
/** Input longer than this is no QID or CVE (a paste of a whole line); never echoed whole. */
const MAX_INPUT = 40;

/** The query in the text, or undefined when it is neither a QID nor a CVE. */
export function parseLookUp(text: string): LookUpQuery | undefined {
  const value = text.trim();
  if (value.length > MAX_INPUT) return undefined;
  if (QID.test(value)) return { kind: 'qid', qid: String(Number(value)) };
  if (CVE.test(value)) return { kind: 'cve', cve: value.toUpperCase() };
  return undefined;
}

const NEITHER = 'A QID is a number of up to 9 digits; a CVE looks like CVE-2024-3094.';

/** What the input box says under a value that is neither (undefined: acceptable). */
export function lookUpProblem(text: string): string | undefined {
  return parseLookUp(text) || text.trim() === '' ? undefined : NEITHER;
}

/** What a command argument that is neither gets (quoted briefly). */
export function notAQuery(text: string): string {
  const shown = text.trim().length > MAX_INPUT ? `${text.trim().slice(0, MAX_INPUT)}…` : text.trim();
  return `'${shown}' is neither a QID nor a CVE. ${NEITHER}`;
}

export function qidDetails(entry: KbEntry): Extract<LookUpOutcome, { kind: 'details' }> {
  return { kind: 'details', name: `qid-${entry.qid}`, markdown: kbDetailsMarkdown(entry) };
}

/**
 * Asks the KnowledgeBase. An explicit look-up asks Qualys again even after a remembered refusal (the
 * permission may have been granted since). A CVE is searched among the entries kept for the account:
 * Qualys' KnowledgeBase list takes no CVE filter.
 */
export async function lookUp(kb: KnowledgeBase, query: LookUpQuery): Promise<LookUpOutcome> {
  kb.reset();
  if (query.kind === 'cve') {
    const matches: KbEntry[] = [];
    for await (const entry of kb.entries()) if (entry.cves.includes(query.cve)) matches.push(entry);
    if (matches.length === 1) return qidDetails(matches[0]!);
    if (matches.length > 1) return { kind: 'choose', title: `QIDs listing ${query.cve}`, entries: matches.sort((a, b) => Number(a.qid) - Number(b.qid)) };
    return {
      kind: 'info',
      message: `None of the ${await kb.size()} KnowledgeBase entries kept for this account lists ${query.cve}. Qualys' KnowledgeBase list cannot be searched by CVE: entries are kept as QIDs are looked up (detections, hovers).`,
    };
  }
  const answer = await kb.lookup([query.qid]);
  const entry = answer.entries.get(query.qid);
  if (entry) return qidDetails(entry);
  if (answer.unavailable) return { kind: 'error', message: unavailableText(answer.unavailable), refusal: answer.unavailable };
  if (answer.failed) return { kind: 'error', message: `The KnowledgeBase could not be read: ${errorText(answer.failed)}.` };
  return { kind: 'info', message: `The KnowledgeBase lists no QID ${query.qid}.` };
}
