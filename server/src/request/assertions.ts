/**
 * Assertion lines in httpYac's form: `?? FIELD [ARGUMENT] OPERATOR [EXPECTED]`, e.g. `?? status == 200`,
 * `?? header x-ratelimit-remaining > 10`, `?? xpath count(//HOST) > 0`, `?? code != 1965`. This module
 * reads a line into its parts with offsets; the language features (assertionFeatures.ts), the runner
 * (client/src/runner/) and the command line read the same parts. Pure: no I/O, nothing thrown.
 */

import type { Assertion } from '../../../protocol';
import { ASSERTION_OPERATORS, FOREIGN_FIELDS, type AssertionOperator } from '../../../common/assertionOperators';

export { ASSERTION_OPERATORS, FOREIGN_FIELDS, assertionRegex, type AssertionOperator } from '../../../common/assertionOperators';
export type { Assertion } from '../../../protocol';

/** The fields an assertion can test, and what each compares. */
export const ASSERTION_FIELDS = {
  status: { argument: false, type: 'number', doc: "The answer's HTTP status code." },
  code: { argument: false, type: 'code', doc: "The Qualys error CODE of the answer (SIMPLE_RETURN/RESPONSE/CODE, or a QPS responseCode); absent when the answer carries none." },
  text: { argument: false, type: 'string', doc: 'The Qualys error TEXT of the answer; absent when the answer carries none.' },
  header: { argument: true, type: 'string', doc: 'A response header, named after `header` (case does not matter).' },
  xpath: { argument: true, type: 'xpath', doc: "An XPath expression evaluated on the XML answer: a number (`count(//HOST)`), a string (`string(//ID)`), a boolean, or the text of the first selected node." },
  duration: { argument: false, type: 'number', doc: 'How long the call took, in milliseconds.' },
  body: { argument: false, type: 'string', doc: 'The whole answer body as text.' },
  size: { argument: false, type: 'number', doc: 'The size of the answer body in bytes.' },
} as const;

export type AssertionField = keyof typeof ASSERTION_FIELDS;

export interface Span {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** One `??` line, as far as it could be read. Offsets are into the text the line was read from. */
export interface AssertionLine {
  /** The line without its end of line. */
  readonly start: number;
  readonly end: number;
  /** Where `??` is. */
  readonly marker: number;
  readonly field: Span | undefined;
  readonly argument: Span | undefined;
  readonly operator: Span | undefined;
  readonly expected: Span | undefined;
}

const ASSERTION_START = /^[ \t]*\?\?(?=[ \t]|$)/;

export function isAssertionLine(line: string): boolean {
  return ASSERTION_START.test(line);
}

export function isAssertionField(name: string): name is AssertionField {
  return Object.hasOwn(ASSERTION_FIELDS, name);
}

export function isAssertionOperator(name: string): name is AssertionOperator {
  return Object.hasOwn(ASSERTION_OPERATORS, name);
}

function span(text: string, start: number, end: number): Span | undefined {
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end > start ? { text: text.slice(start, end), start, end } : undefined;
}

/** Whitespace-separated words of [start, end). */
function words(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  const re = /[^ \t]+/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) out.push({ text: m[0].slice(0, end - m.index), start: m.index, end: Math.min(end, m.index + m[0].length) });
  return out;
}

/**
 * Reads the line [start, end) of `text` (which starts with `??`). The field is the first word. A
 * field with an argument takes one word (header) or, for xpath, everything up to the last operator
 * that stands alone between spaces, as httpYac does, so `?? xpath count(//A[B > 1]) > 0` splits at
 * the last `>`. The expected value is the rest of the line.
 */
export function readAssertionLine(text: string, start: number, end: number): AssertionLine {
  const marker = text.indexOf('??', start);
  const list = words(text, marker + 2, end);
  const field = list[0];
  let operatorIndex = -1;
  if (field?.text === 'xpath') {
    // The last standalone operator after at least one word of expression.
    for (let k = list.length - 1; k >= 2 && operatorIndex < 0; k--) if (isAssertionOperator(list[k]!.text)) operatorIndex = k;
  } else if (field?.text === 'header' && list[2] && isAssertionOperator(list[2].text)) operatorIndex = 2;
  else if (field) operatorIndex = list.findIndex((w, k) => k > 0 && isAssertionOperator(w.text));
  const operator = operatorIndex > 0 ? list[operatorIndex] : undefined;
  const argumentEnd = operator ? operator.start : end;
  const argument = field ? span(text, field.end, argumentEnd) : undefined;
  const expected = operator ? span(text, operator.end, end) : undefined;
  return { start, end, marker, field, argument, operator, expected };
}

/** A word of the document as a message quotes it: at most 60 characters (server/src/util/limits.ts). */
function cut(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 59)}…`;
}

/** Why a read line cannot be evaluated, or undefined when it can. Shared by diagnostics and the runner. */
export function assertionSyntaxProblem(line: AssertionLine): string | undefined {
  const example = '`?? status == 200`';
  if (!line.field) return `An assertion needs a field and an operator, e.g. ${example}.`;
  const field = line.field.text;
  if (!isAssertionField(field)) {
    if (FOREIGN_FIELDS.has(field)) return `'${field}' assertions run JavaScript in httpYac; Qualys Workbench does not evaluate them.`;
    return `'${cut(field)}' is not an assertion field: ${Object.keys(ASSERTION_FIELDS).join(', ')}.`;
  }
  const spec = ASSERTION_FIELDS[field];
  const operators = Object.keys(ASSERTION_OPERATORS).join(', ');
  if (spec.argument && !line.argument) return field === 'header' ? 'Name the header: `?? header x-ratelimit-remaining > 10`.' : 'Give the XPath expression: `?? xpath count(//HOST) > 0`.';
  if (!spec.argument && line.argument) return `'${cut(line.argument.text.split(/[ \t]/)[0]!)}' is not an operator: ${operators}.`;
  if (field === 'header' && line.argument && /[ \t]/.test(line.argument.text)) return `'${cut(line.argument.text.split(/[ \t]/)[1]!)}' is not an operator: ${operators}.`;
  if (!line.operator) return `The assertion needs an operator after the ${spec.argument ? (field === 'xpath' ? 'expression' : 'header name') : `'${field}'`}: ${operators}.`;
  const operator = ASSERTION_OPERATORS[line.operator.text as AssertionOperator];
  if (!operator.unary && !line.expected) return `'${line.operator.text}' needs a value to compare with.`;
  return undefined;
}

/** The evaluable assertion of a read line (with its zero-based line in `text`), or the reason it is not. */
export function toAssertion(text: string, line: AssertionLine, at: number): { ok: true; assertion: Assertion } | { ok: false; line: number; source: string; problem: string } {
  const source = text.slice(line.marker + 2, line.end).trim();
  // httpYac's JavaScript fields are carried as they are: the runner reports them as skipped.
  if (line.field && FOREIGN_FIELDS.has(line.field.text)) return { ok: true, assertion: { field: line.field.text, operator: line.operator?.text ?? '', source, line: at } };
  const problem = assertionSyntaxProblem(line);
  if (problem) return { ok: false, line: at, source, problem };
  return {
    ok: true,
    assertion: {
      field: line.field!.text,
      ...(line.argument ? { argument: line.argument.text } : {}),
      operator: line.operator!.text,
      ...(line.expected ? { expected: line.expected.text } : {}),
      source,
      line: at,
    },
  };
}
