/**
 * Evaluates a request's assertions (server/src/request/assertions.ts) on its answer, with httpYac's
 * semantics where it has them: the expected text is converted to the type of the value (a number for
 * status, duration, size and numeric XPath results), `exists` means present, `isTrue` truthy, digests
 * are base64. XPath runs on the XML answer with fontoxpath over a slimdom document (xpathValue.ts).
 * No `vscode` here: the command line runs it inline, the extension in the XPath worker (assertionJob.ts).
 */
import { createHash } from 'node:crypto';
import type { Assertion } from '../../../protocol';
import { ASSERTION_OPERATORS, FOREIGN_FIELDS, assertionRegex } from '../../../common/assertionOperators';
import { headerValue } from '../headers';
import { XPathAnswer } from './xpathValue';

/** What an assertion can look at: the answer, as the runner received it. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly durationMs: number;
  /** The body's size in bytes. */
  readonly size: number;
  /** The Qualys CODE / QPS responseCode and TEXT the answer carries, if any. */
  readonly code?: string;
  readonly text?: string;
}

export type AssertionOutcome = 'passed' | 'failed' | 'skipped';

export interface AssertionResult {
  readonly assertion: Assertion;
  readonly outcome: AssertionOutcome;
  /** For a failure: what was found ("status (409) == 200"); for a skip: why. */
  readonly message?: string;
  /** The value the field had, as text (at most 200 characters). */
  readonly actual?: string;
}

type Value = string | number | boolean | readonly string[] | undefined;

function isList(value: Value): value is readonly string[] {
  return Array.isArray(value);
}

function show(value: Value): string {
  if (value === undefined) return 'absent';
  const text = (isList(value) ? `[${value.join(', ')}]` : String(value)).replace(/\s*\n\s*/g, ' ');
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

function toNumber(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

function present(value: Value): boolean {
  return value !== undefined && !(isList(value) && value.length === 0);
}

function truthy(value: Value): boolean {
  if (isList(value)) return value.length > 0;
  return Boolean(value);
}

function equal(value: Value, expected: string): boolean {
  if (value === undefined) return expected === 'undefined' || expected === 'null';
  if (isList(value)) return value.length === 1 ? value[0] === expected : value.join(',') === expected;
  if (typeof value === 'number') return value === Number(expected);
  if (typeof value === 'boolean') return String(value) === expected.toLowerCase();
  // Codes and header values: numbers written differently (409 and 0409) are still equal.
  if (/^-?\d+(\.\d+)?$/.test(value) && /^-?\d+(\.\d+)?$/.test(expected)) return Number(value) === Number(expected);
  return value === expected;
}

function digest(algorithm: string, value: Value): string | undefined {
  return value === undefined ? undefined : createHash(algorithm).update(isList(value) ? value.join(',') : String(value)).digest('base64');
}

/** Whether `operator` holds between the value and the expected text. */
function holds(operator: string, value: Value, expected: string): boolean {
  switch (operator) {
    case '==':
    case 'equals':
      return equal(value, expected);
    case '!=':
      return !equal(value, expected);
    case '>':
    case '>=':
    case '<':
    case '<=': {
      const a = toNumber(value);
      const b = Number(expected);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return operator === '>' ? a > b : operator === '>=' ? a >= b : operator === '<' ? a < b : a <= b;
    }
    case 'startsWith':
      return value !== undefined && show(value).startsWith(expected);
    case 'endsWith':
      return value !== undefined && show(value).endsWith(expected);
    case 'includes':
    case 'contains':
      return isList(value) ? value.includes(expected) : value !== undefined && String(value).includes(expected);
    case 'matches':
      return value !== undefined && assertionRegex(expected).test(isList(value) ? value.join('\n') : String(value));
    case 'sha256':
    case 'sha512':
    case 'md5':
      return digest(operator, value) === expected;
    case 'exists':
      return present(value);
    case 'isTrue':
      return truthy(value);
    case 'isFalse':
      return !truthy(value);
    case 'isNumber':
      return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)));
    case 'isString':
      return typeof value === 'string';
    case 'isBoolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false';
    case 'isArray':
      return isList(value) && value.length > 1;
    default:
      return false;
  }
}

/** Evaluates every assertion on one answer; the XML is parsed once, for the first XPath assertion. */
export function evaluateAssertions(assertions: readonly Assertion[], answer: Answer): AssertionResult[] {
  const xml = new XPathAnswer(answer.body);
  return assertions.map((assertion) => {
    if (FOREIGN_FIELDS.has(assertion.field)) return { assertion, outcome: 'skipped', message: `'${assertion.field}' assertions run JavaScript in httpYac and are not evaluated here.` };
    let value: Value;
    switch (assertion.field) {
      case 'status':
        value = answer.status;
        break;
      case 'code':
        value = answer.code;
        break;
      case 'text':
        value = answer.text;
        break;
      case 'header':
        value = headerValue(answer.headers, assertion.argument ?? '');
        break;
      case 'duration':
        value = answer.durationMs;
        break;
      case 'size':
        value = answer.size;
        break;
      case 'body':
        value = answer.body;
        break;
      case 'xpath': {
        const result = xml.evaluate(assertion.argument ?? '');
        if (!result.ok) return { assertion, outcome: 'failed', message: `${assertion.source}: ${result.message}` };
        value = result.value;
        break;
      }
      default:
        return { assertion, outcome: 'failed', message: `'${assertion.field}' is not an assertion field.` };
    }
    const expected = assertion.expected ?? '';
    let ok: boolean;
    try {
      ok = holds(assertion.operator, value, expected);
    } catch (error) {
      return { assertion, outcome: 'failed', message: `${assertion.source}: ${error instanceof Error ? error.message : String(error)}`, actual: show(value) };
    }
    if (ok) return { assertion, outcome: 'passed', actual: show(value) };
    const unary = (ASSERTION_OPERATORS as Record<string, { unary: boolean }>)[assertion.operator]?.unary;
    const what = assertion.field === 'header' || assertion.field === 'xpath' ? `${assertion.field} ${assertion.argument}` : assertion.field;
    return { assertion, outcome: 'failed', message: `${what} (${show(value)}) ${assertion.operator}${unary ? '' : ` ${expected}`}`, actual: show(value) };
  });
}
