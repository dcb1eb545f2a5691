/**
 * The XSD built-in simple types the loader and the value checks understand: their whitespace rule,
 * their lexical form and, for the integer family, their value range. This is XSD knowledge (from
 * "XML Schema Part 2: Datatypes"), not Qualys knowledge.
 */

export type BuiltinKind = 'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime' | 'date' | 'time' | 'any';

export interface BuiltinType {
  readonly name: string;
  readonly kind: BuiltinKind;
  readonly whiteSpace: 'preserve' | 'replace' | 'collapse';
  /** Lexical space for string-derived types that restrict it (e.g. NCName). */
  readonly lexical?: RegExp;
  /** Value bounds of the integer family (bigint: long and unsignedLong exceed 2^53). */
  readonly min?: bigint;
  readonly max?: bigint;
}

const NAME_START = 'A-Za-z_:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
/** Character classes shared with the XSD regex translation (\i, \c). */
export const XML_NAME_START_CLASS = NAME_START;
export const XML_NAME_CHAR_CLASS = NAME_CHAR;

/** Name classes contain combining-mark ranges on purpose (XML NameChar includes U+0300-U+036F). */
function nameRegex(source: string): RegExp {
  return new RegExp(source, 'u');
}

function int(name: string, min?: bigint, max?: bigint): BuiltinType {
  return { name, kind: 'integer', whiteSpace: 'collapse', min, max };
}

const TABLE: readonly BuiltinType[] = [
  { name: 'anySimpleType', kind: 'any', whiteSpace: 'preserve' },
  { name: 'string', kind: 'string', whiteSpace: 'preserve' },
  { name: 'normalizedString', kind: 'string', whiteSpace: 'replace' },
  { name: 'token', kind: 'string', whiteSpace: 'collapse' },
  { name: 'language', kind: 'string', whiteSpace: 'collapse', lexical: /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/ },
  { name: 'NMTOKEN', kind: 'string', whiteSpace: 'collapse', lexical: nameRegex(`^[${NAME_CHAR}]+$`) },
  { name: 'Name', kind: 'string', whiteSpace: 'collapse', lexical: nameRegex(`^[${NAME_START}][${NAME_CHAR}]*$`) },
  { name: 'NCName', kind: 'string', whiteSpace: 'collapse', lexical: nameRegex(`^[${NAME_START.replace(':', '')}][${NAME_CHAR.replace(':', '')}]*$`) },
  { name: 'anyURI', kind: 'string', whiteSpace: 'collapse' },
  { name: 'boolean', kind: 'boolean', whiteSpace: 'collapse' },
  { name: 'decimal', kind: 'decimal', whiteSpace: 'collapse' },
  int('integer'),
  int('nonNegativeInteger', 0n),
  int('positiveInteger', 1n),
  int('nonPositiveInteger', undefined, 0n),
  int('negativeInteger', undefined, -1n),
  int('long', -(2n ** 63n), 2n ** 63n - 1n),
  int('int', -(2n ** 31n), 2n ** 31n - 1n),
  int('short', -32768n, 32767n),
  int('byte', -128n, 127n),
  int('unsignedLong', 0n, 2n ** 64n - 1n),
  int('unsignedInt', 0n, 2n ** 32n - 1n),
  int('unsignedShort', 0n, 65535n),
  int('unsignedByte', 0n, 255n),
  { name: 'dateTime', kind: 'dateTime', whiteSpace: 'collapse' },
  { name: 'date', kind: 'date', whiteSpace: 'collapse' },
  { name: 'time', kind: 'time', whiteSpace: 'collapse' },
];

const BY_NAME = new Map(TABLE.map((t) => [t.name, t]));

export function builtinType(name: string): BuiltinType | undefined {
  return BY_NAME.get(name);
}
