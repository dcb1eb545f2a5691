/**
 * Checks a text value against a simple type of the content model, the way an XSD validator does:
 * whitespace normalisation first, then the built-in type's lexical space and bounds, then the
 * facets (enumeration, pattern, range, length), then the fixed value compared in the value space.
 */
import type { SimpleTypeModel } from './contentModel';
import { builtinType, type BuiltinKind } from './xsdBuiltins';
import { quote } from '../util/limits';
import { xsdRegex } from './xsdRegex';
import { plural } from '../../../common/plural';

export interface ValueProblem {
  readonly kind: 'enumeration' | 'pattern' | 'type' | 'range' | 'length' | 'fixed';
  readonly message: string; // e.g. "'Hgh' is not an allowed value of OVERALL_PERFORMANCE: Low, Normal, High"
  readonly allowed?: readonly string[]; // enumeration values / the fixed value, for completion and quick fixes
}

/** Checks a text value (already with CDATA joined) against a simple type and an optional fixed value,
 *  applying the XSD whitespace rules first; undefined when valid. `elementName` is for messages. */
export function checkSimpleValue(type: SimpleTypeModel, value: string, elementName: string, fixed?: string): ValueProblem | undefined {
  const builtin = builtinType(type.base);
  const kind: BuiltinKind = builtin?.kind ?? 'string';
  const whiteSpace = type.whiteSpace ?? builtin?.whiteSpace ?? 'preserve';
  const v = normalizeWhiteSpace(value, whiteSpace);

  const typeProblem = checkLexical(kind, v, type.base, builtin?.lexical, builtin?.min, builtin?.max);
  if (typeProblem) return { kind: 'type', message: `'${quote(v)}' is not a valid value of ${elementName}: ${typeProblem}` };

  if (type.enumeration && !type.enumeration.some((e) => sameValue(kind, normalizeWhiteSpace(e, whiteSpace), v))) {
    return { kind: 'enumeration', message: `'${quote(v)}' is not an allowed value of ${elementName}: ${type.enumeration.join(', ')}`, allowed: type.enumeration };
  }
  for (const pattern of type.patterns ?? []) {
    if (!xsdRegex(pattern).test(v)) return { kind: 'pattern', message: `'${quote(v)}' does not match the pattern of ${elementName}: ${pattern}` };
  }
  if ((kind === 'integer' || kind === 'decimal') && (type.minInclusive !== undefined || type.maxInclusive !== undefined)) {
    const n = Number(v);
    if ((type.minInclusive !== undefined && n < type.minInclusive) || (type.maxInclusive !== undefined && n > type.maxInclusive)) {
      return { kind: 'range', message: `'${quote(v)}' is out of range for ${elementName}: ${describeRange(type.minInclusive, type.maxInclusive)}` };
    }
  }
  if (type.minLength !== undefined || type.maxLength !== undefined) {
    const length = [...v].length; // XSD counts characters (code points), not UTF-16 units
    if ((type.minLength !== undefined && length < type.minLength) || (type.maxLength !== undefined && length > type.maxLength)) {
      return { kind: 'length', message: `'${quote(v)}' has ${plural(length, 'character')}; ${elementName} needs ${describeLength(type.minLength, type.maxLength)}` };
    }
  }
  if (fixed !== undefined && !sameValue(kind, normalizeWhiteSpace(fixed, whiteSpace), v)) {
    return { kind: 'fixed', message: `${elementName} has the fixed value '${fixed}'; found '${quote(v)}'`, allowed: [fixed] };
  }
  return undefined;
}

/** XSD whiteSpace facet: replace turns tab/CR/LF into spaces; collapse also joins runs and trims. */
export function normalizeWhiteSpace(value: string, rule: 'preserve' | 'replace' | 'collapse'): string {
  if (rule === 'preserve') return value;
  const replaced = value.replace(/[\t\n\r]/g, ' ');
  return rule === 'replace' ? replaced : replaced.replace(/ {2,}/g, ' ').trim();
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const BOOLEAN = new Set(['true', 'false', '1', '0']);
const TZ = '(Z|[+-](\\d{2}):(\\d{2}))?';
const DATE_TIME = new RegExp(`^(-?\\d{4,})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?${TZ}$`);
const DATE = new RegExp(`^(-?\\d{4,})-(\\d{2})-(\\d{2})${TZ}$`);
const TIME = new RegExp(`^(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?${TZ}$`);

/** A reason the value is outside the built-in type, or undefined. */
function checkLexical(kind: BuiltinKind, v: string, base: string, lexical?: RegExp, min?: bigint, max?: bigint): string | undefined {
  switch (kind) {
    case 'boolean':
      return BOOLEAN.has(v) ? undefined : 'expected a boolean (true, false, 1 or 0)';
    case 'integer': {
      if (!INTEGER.test(v)) return `expected a whole number (xs:${base})`;
      const n = BigInt(v);
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) return `expected xs:${base}: ${describeRange(min, max)}`;
      return undefined;
    }
    case 'decimal':
      return DECIMAL.test(v) ? undefined : 'expected a decimal number';
    case 'dateTime': {
      const m = DATE_TIME.exec(v);
      return m && validDate(m[1], m[2], m[3]) && validTime(m[4], m[5], m[6], m[7]) && validZone(m[9], m[10])
        ? undefined
        : 'expected a date and time such as 2021-02-01T09:16:52Z';
    }
    case 'date': {
      const m = DATE.exec(v);
      return m && validDate(m[1], m[2], m[3]) && validZone(m[5], m[6]) ? undefined : 'expected a date such as 2021-02-01';
    }
    case 'time': {
      const m = TIME.exec(v);
      return m && validTime(m[1], m[2], m[3], m[4]) && validZone(m[6], m[7]) ? undefined : 'expected a time such as 09:16:52';
    }
    case 'string':
      return lexical && !lexical.test(v) ? `expected an xs:${base}` : undefined;
    default:
      return undefined;
  }
}

function validDate(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year === 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

function validTime(h: string, m: string, s: string, fraction?: string): boolean {
  const hour = Number(h);
  const minute = Number(m);
  const second = Number(s);
  // 24:00:00 is the one allowed spelling of midnight at the end of a day.
  if (hour === 24) return minute === 0 && second === 0 && (fraction === undefined || /^\.0+$/.test(fraction));
  return hour < 24 && minute < 60 && second < 60;
}

function validZone(h?: string, m?: string): boolean {
  if (h === undefined || m === undefined) return true;
  const hour = Number(h);
  const minute = Number(m);
  return minute < 60 && (hour < 14 || (hour === 14 && minute === 0));
}

/** Equality in the value space of the type (so xs:boolean '1' equals 'true', integer '01' equals '1'). */
function sameValue(kind: BuiltinKind, a: string, b: string): boolean {
  if (a === b) return true;
  switch (kind) {
    case 'boolean':
      return BOOLEAN.has(a) && BOOLEAN.has(b) && (a === 'true' || a === '1') === (b === 'true' || b === '1');
    case 'integer':
      return INTEGER.test(a) && INTEGER.test(b) && BigInt(a) === BigInt(b);
    case 'decimal':
      return DECIMAL.test(a) && DECIMAL.test(b) && Number(a) === Number(b);
    default:
      return false;
  }
}

function describeRange(min?: number | bigint, max?: number | bigint): string {
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  if (min !== undefined) return `${min} or more`;
  return `${max} or less`;
}

function describeLength(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}` : `${min} to ${max}`;
  if (min !== undefined) return `at least ${min}`;
  return `at most ${max}`;
}
