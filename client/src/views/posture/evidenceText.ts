/**
 * A control's evidence as Qualys writes it, taken apart for the details document. Two Qualys samples
 * show the shapes (see docs/posture-evidence.md):
 *
 * - the evidence text of the classic posture API (seed 000, the CSV "Posture Evidence" column): an
 *   explanation of what is read (with <B> markup), then sections headed "======Expected Value(s)======"
 *   and "======Current Value(s) - Last updated: 02/24/2021 at 07:11:21 AM (GMT+0000)======";
 * - expected values (seed 004, PCRS "expectedValues", and the classic Expected section): alternatives
 *   separated by "------------ OR ------------", each an operator line ("greater than or equal to",
 *   "matches regular expression list") followed by its values, or a value alone ("Setting not found").
 *
 * Pure functions, no `vscode`; text that does not have these shapes is left to the caller as it came.
 */

export interface EvidenceSection {
  readonly title: string;
  readonly lines: readonly string[];
}

export interface EvidenceText {
  /** The explanation before the first section, as written (Qualys marks bold with <B>). */
  readonly description?: string;
  /** The body of the "Expected Value(s)" section, for parseExpectedValues. */
  readonly expected?: string;
  /** The lines of the "Current Value(s)" section. */
  readonly current?: readonly string[];
  /** "02/24/2021 at 07:11:21 AM (GMT+0000)", from the Current section's title. */
  readonly currentAsOf?: string;
  /** Any other section, in order (title without the === marks). */
  readonly sections: readonly EvidenceSection[];
}

export interface ExpectedAlternative {
  /** "equal to", "greater than or equal to", ...: undefined for a value alone ("Setting not found"). */
  readonly operator?: string;
  readonly values: readonly string[];
}

// A title between runs of '=' (at least four each side). The title may hold a line break where a copy
// of the text wrapped a long line (seed 000's sample does); it never holds '='.
const HEADING = /={4,}([^=]+?)={4,}/g;
const CURRENT = /^Current Value\(s\)(?:\s*-\s*Last updated:\s*(.+))?$/i;
const EXPECTED = /^Expected Value\(s\)$/i;
// The separator between alternatives, "------------ OR ------------". A copy may wrap it, inside a
// run of dashes or next to OR (seed 004's sample does); a wrapped run continues with dashes alone.
const OR = /[ \t]*-{3,}(?:[ \t]*\n[ \t]*-+)?[ \t]*\n?[ \t]*OR[ \t]*\n?[ \t]*-{3,}(?:[ \t]*\n[ \t]*-+(?=[ \t]*(?:\n|$)))?/;
// Longest evidence text read (a control's evidence is a few KB; the rest is left as it came).
const MAX_CHARS = 200_000;

const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** Splits Qualys' evidence text into its sections; undefined when it has none (not this shape). */
export function parseEvidenceText(text: string | undefined): EvidenceText | undefined {
  if (!text || text.length > MAX_CHARS) return undefined;
  const headings = [...text.matchAll(HEADING)];
  if (headings.length === 0) return undefined;
  const description = text.slice(0, headings[0]!.index).trim();
  let expected: string | undefined;
  let current: string[] | undefined;
  let currentAsOf: string | undefined;
  const sections: EvidenceSection[] = [];
  headings.forEach((heading, i) => {
    const title = heading[1]!.replace(/\s+/g, ' ').trim();
    const body = text.slice(heading.index! + heading[0].length, headings[i + 1]?.index ?? text.length);
    const currentTitle = CURRENT.exec(title);
    if (EXPECTED.test(title) && expected === undefined) expected = body.trim();
    else if (currentTitle && current === undefined) {
      current = lines(body);
      currentAsOf = currentTitle[1]?.trim() || undefined;
    } else sections.push({ title, lines: lines(body) });
  });
  return {
    ...(description ? { description } : {}),
    ...(expected !== undefined ? { expected } : {}),
    ...(current ? { current } : {}),
    ...(currentAsOf ? { currentAsOf } : {}),
    sections,
  };
}

/**
 * The alternatives of an expected-values text. An alternative of several lines is an operator line
 * and its values; one line alone is a value. Empty text: no alternatives.
 */
export function parseExpectedValues(text: string | undefined): ExpectedAlternative[] {
  if (!text || text.length > MAX_CHARS) return [];
  return text
    .split(OR)
    .map(lines)
    .filter((part) => part.length > 0)
    .map((part) => (part.length > 1 ? { operator: part[0]!, values: part.slice(1) } : { values: part }));
}
