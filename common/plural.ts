/**
 * Counts in words: "1 control", "3 controls", "1 policy", "2 policies". Every label and message that
 * puts a number before a noun goes through here, in the client and in the language server alike
 * (this folder imports nothing, so both bundles can take it).
 */

/** `count` and the noun in the number that fits it; `many` defaults to `one` + "s". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The noun alone, for sentences whose number is written elsewhere ("Fix it" / "Fix them" aside). */
export function noun(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}
