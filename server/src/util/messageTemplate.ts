/**
 * Fills `{name}` holes in the message templates of the diagnostic tables. Each template is split
 * once into text and hole names (odd indexes), so formatting a message is a join.
 */
const compiled = new Map<string, readonly string[]>();

export function fillTemplate(template: string, args: Readonly<Record<string, string | number>>): string {
  let parts = compiled.get(template);
  if (!parts) compiled.set(template, (parts = template.split(/\{(\w+)\}/)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += String(args[parts[i]!] ?? '') + parts[i + 1]!;
  return out;
}
