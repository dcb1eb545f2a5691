/**
 * Fills `{name}` holes in the message templates of the diagnostic tables. Each template is split
 * once into text and hole names (odd indexes), so formatting a message is a join.
 *
 * The message-length rule (util/limits.ts): a hole written between quotes or angle brackets
 * (`'{value}'`, `<{name}>`) quotes the document and is cut to MAX_QUOTED characters; unquoted holes
 * hold the catalog's own words (lists of allowed values, conditions) and are kept whole.
 */
import { quote } from './limits';

interface Compiled {
  readonly parts: readonly string[];
  /** Per hole (same index as in `parts`): whether it is a quotation. */
  readonly quoted: readonly boolean[];
}

const compiled = new Map<string, Compiled>();

const OPENERS = new Set(["'", '"', '<']);

function compile(template: string): Compiled {
  const parts = template.split(/\{(\w+)\}/);
  const quoted = parts.map((_, i) => i % 2 === 1 && OPENERS.has(parts[i - 1]!.slice(-1)));
  return { parts, quoted };
}

export function fillTemplate(template: string, args: Readonly<Record<string, string | number>>): string {
  let entry = compiled.get(template);
  if (!entry) compiled.set(template, (entry = compile(template)));
  const { parts, quoted } = entry;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = String(args[parts[i]!] ?? '');
    out += (quoted[i] ? quote(value) : value) + parts[i + 1]!;
  }
  return out;
}
