/**
 * The bounds every document kind shares (ARCHITECTURE.md, "Limits"): how many problems a document
 * publishes, how much document text a message or label quotes, how deep a tree is read, how large a
 * user's schema file may be. One place, so that option profiles, request files, QPS and JSON bodies
 * behave alike on hostile input.
 */
import { plural } from '../../../common/plural';

/** Problems published per document; one more diagnostic says how many were left out. */
export const MAX_PROBLEMS = 1000;

/** Characters of document text (a name, a value, a key, a label) quoted in a message or a label. */
export const MAX_QUOTED = 60;

/**
 * Nesting depth read from a document (XML elements, JSON arrays and objects). libxml2 (xmllint)
 * refuses documents nested deeper than 256 levels by default; Qualys documents nest about 10.
 */
export const MAX_DEPTH = 256;

/** Size of a user's schema file (qualys.optionProfile.schemaPath); the bundled XSD is 80 KB. */
export const MAX_SCHEMA_BYTES = 5 * 1024 * 1024;

/**
 * Document text as a message or a label quotes it: at most MAX_QUOTED characters, cut with an
 * ellipsis (never inside a surrogate pair).
 */
export function quote(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** The sentence of the last diagnostic of a document with more than MAX_PROBLEMS problems. */
export function tooManyProblemsMessage(shown: number, total: number): string {
  return `${plural(total - shown, 'more problem is', 'more problems are')} not shown (only the first ${shown} are); fix these first`;
}
