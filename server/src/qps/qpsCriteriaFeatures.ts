/**
 * Completion and hover of `filters/Criteria`: field names of the object, the operators the field
 * accepts, keyword and boolean values, and what each means with its source. The attribute under
 * the cursor is read from the text of the start tag, so that a half-typed `field="ta` completes.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import type { QpsCatalog, QpsCriteriaField, QpsObjectSpec } from './qpsCatalogTypes';

export interface CriteriaAttributeAt {
  readonly attribute: 'field' | 'operator';
  /** Absolute range of the value typed so far (between the quotes). */
  readonly start: number;
  readonly end: number;
  /** The value of the tag's `field` attribute, when it has one. */
  readonly field?: string;
}

/** The `field` or `operator` value of a `<Criteria` start tag the offset is in. */
export function criteriaAttributeAt(text: string, from: number, to: number, offset: number): CriteriaAttributeAt | undefined {
  const tagStart = text.lastIndexOf('<', offset - 1);
  if (tagStart < from || !/^<Criteria\b/.test(text.slice(tagStart, tagStart + 10))) return undefined;
  const before = text.slice(tagStart, offset);
  if (before.includes('>')) return undefined;
  const m = /\b(field|operator)\s*=\s*(["'])([^"'<>]*)$/.exec(before);
  if (!m) return undefined;
  let end = offset;
  while (end < to && text[end] !== m[2] && text[end] !== '>' && text[end] !== '<' && text[end] !== '\n') end++;
  if (text[end] !== m[2]) end = offset;
  const tagEnd = text.indexOf('>', offset);
  const tag = text.slice(tagStart, tagEnd < 0 || tagEnd > to ? to : tagEnd);
  const field = /\bfield\s*=\s*(["'])([^"'<>]*)\1/.exec(tag)?.[2];
  return { attribute: m[1] as 'field' | 'operator', start: offset - m[3]!.length, end, ...(field !== undefined ? { field } : {}) };
}

function sourceLine(catalog: QpsCatalog, source: string): string {
  return `_Source: ${catalog.sources[source] ?? source}_`;
}

export function fieldMarkdown(catalog: QpsCatalog, object: QpsObjectSpec, spec: QpsCriteriaField): string {
  const lines = [`**${spec.name}** (${spec.type}) — Criteria field of ${object.name}`, '', spec.description, '', `Operators: ${spec.operators.map((o) => `\`${o}\``).join(', ')}`];
  if (spec.values) lines.push('', `Documented values: ${spec.values.map((v) => `\`${v}\``).join(', ')}`);
  const type = catalog.criteriaTypes.get(spec.type);
  if (type) lines.push('', type.description);
  lines.push('', sourceLine(catalog, spec.source));
  return lines.join('\n');
}

export function operatorMarkdown(catalog: QpsCatalog, operator: string, spec: QpsCriteriaField | undefined): string | undefined {
  const op = catalog.operators.get(operator);
  if (!op) return undefined;
  const lines = [`**${op.name}**`, '', op.description];
  if (spec) lines.push('', `${spec.name} (${spec.type}) accepts: ${spec.operators.map((o) => `\`${o}\``).join(', ')}`);
  lines.push('', sourceLine(catalog, op.source));
  return lines.join('\n');
}

/** What hover says of a field that is not in the catalog. */
export function unknownFieldMarkdown(object: QpsObjectSpec, field: string): string {
  return object.criteriaComplete
    ? `**${field}** is not a Criteria field of ${object.name}.`
    : `**${field}** is not in the catalog's Criteria fields of ${object.name} (partial): its operator and value are not checked.`;
}

export function criteriaAttributeItems(catalog: QpsCatalog, object: QpsObjectSpec | undefined, at: CriteriaAttributeAt): Array<Omit<CompletionItem, 'textEdit'> & { newText: string }> {
  if (at.attribute === 'field') {
    if (!object) return [];
    return [...object.criteria.values()].map((spec) => ({
      label: spec.name,
      kind: CompletionItemKind.Field,
      detail: `${spec.type}: ${spec.operators.join(', ')}`,
      documentation: { kind: 'markdown', value: fieldMarkdown(catalog, object, spec) },
      newText: spec.name,
    }));
  }
  const spec = at.field !== undefined ? object?.criteria.get(at.field) : undefined;
  const operators = spec ? spec.operators : [...catalog.operators.keys()];
  return operators.map((operator, i) => ({
    label: operator,
    kind: CompletionItemKind.Operator,
    documentation: { kind: 'markdown', value: operatorMarkdown(catalog, operator, spec) ?? '' },
    sortText: String(i).padStart(3, '0'),
    newText: operator,
  }));
}

/** Values a Criteria's text may take: the documented keywords of its field, or true/false. */
export function criteriaValues(spec: QpsCriteriaField | undefined): readonly string[] {
  if (!spec) return [];
  if (spec.type === 'boolean') return ['true', 'false'];
  return spec.values ?? [];
}
