/**
 * The operators of assertion lines (`?? status == 200`) in httpYac's form, shared by the language
 * server, which checks and completes them, and the runner, which evaluates them. Pure data and one
 * pure function.
 */

/** httpYac's operators (its predicate ids), with whether they take an expected value. */
export const ASSERTION_OPERATORS = {
  '==': { unary: false, doc: 'equals' },
  equals: { unary: false, doc: 'equals' },
  '!=': { unary: false, doc: 'does not equal' },
  '>': { unary: false, doc: 'is greater than' },
  '>=': { unary: false, doc: 'is greater than or equal to' },
  '<': { unary: false, doc: 'is lower than' },
  '<=': { unary: false, doc: 'is lower than or equal to' },
  startsWith: { unary: false, doc: 'starts with' },
  endsWith: { unary: false, doc: 'ends with' },
  includes: { unary: false, doc: 'includes' },
  contains: { unary: false, doc: 'includes' },
  matches: { unary: false, doc: 'matches the regular expression' },
  sha256: { unary: false, doc: 'has the base64 SHA-256 digest' },
  sha512: { unary: false, doc: 'has the base64 SHA-512 digest' },
  md5: { unary: false, doc: 'has the base64 MD5 digest' },
  exists: { unary: true, doc: 'is present' },
  isTrue: { unary: true, doc: 'is present and truthy' },
  isFalse: { unary: true, doc: 'is absent or falsy' },
  isNumber: { unary: true, doc: 'is a number' },
  isString: { unary: true, doc: 'is a string' },
  isBoolean: { unary: true, doc: 'is a boolean' },
  isArray: { unary: true, doc: 'is a list of several values' },
} as const;

export type AssertionOperator = keyof typeof ASSERTION_OPERATORS;

/** httpYac fields that run JavaScript or read its own models: recognised, not evaluated here. */
export const FOREIGN_FIELDS = new Set(['js', 'javascript', 'response', 'request', 'ms', 'jsonpath']);

/** The regular expression of a `matches` assertion: `/re/flags` or a bare pattern. Throws when it is none. */
export function assertionRegex(value: string): RegExp {
  const slashed = /^\/(.*)\/([a-z]*)$/s.exec(value);
  return slashed ? new RegExp(slashed[1]!, slashed[2]) : new RegExp(value);
}
