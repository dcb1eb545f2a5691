/**
 * The language features of assertion lines (`?? status == 200`): diagnostics (syntax, field names
 * with a did-you-mean, numbers where a number is compared, regular expressions, XPath syntax),
 * completion (fields, Qualys headers, operators, Qualys codes and statuses) and hover. What Qualys
 * answers with (codes, limit headers, statuses) comes from server/data/assertions.json.
 */
import { readFileSync } from 'node:fs';
import { CompletionItemKind, type CompletionItem, type CompletionList, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { nearMiss } from '../common/nearMiss';
import { dataPath } from '../util/dataPath';
import { quote } from '../util/limits';
import {
  ASSERTION_FIELDS,
  ASSERTION_OPERATORS,
  FOREIGN_FIELDS,
  assertionRegex,
  assertionSyntaxProblem,
  isAssertionField,
  isAssertionLine,
  isAssertionOperator,
  readAssertionLine,
  type AssertionLine,
} from './assertions';
import type { ParsedRequest } from './requestParser';
import type { RequestProblem } from './requestValidator';
import { xpathSyntaxError } from './xpathSyntax';

interface CodeInfo {
  readonly http?: number;
  readonly text: string;
  readonly meaning?: string;
  readonly source: string;
}

export interface AssertionData {
  readonly sources: Readonly<Record<string, string>>;
  readonly codes: Readonly<Record<string, CodeInfo>>;
  readonly headers: Readonly<Record<string, { readonly doc: string; readonly source: string }>>;
  readonly statuses: Readonly<Record<string, string>>;
}

let data: AssertionData | undefined;

export function assertionData(): AssertionData {
  data ??= JSON.parse(readFileSync(dataPath('assertions.json'), 'utf8')) as AssertionData;
  return data;
}

const NUMERIC_OPERATORS = new Set(['>', '>=', '<', '<=']);
const EQUALITY = new Set(['==', 'equals', '!=']);
const TEMPLATED = /\{\{|^%\w+%$/;

function problem(id: RequestProblem['id'], args: RequestProblem['args'], start: number, end: number, fix?: RequestProblem['fix']): RequestProblem {
  return { id, args, start, end, ...(fix ? { fix } : {}) };
}

function lineProblems(line: AssertionLine): RequestProblem[] {
  const { field, operator, expected, argument } = line;
  if (field && !isAssertionField(field.text)) {
    if (FOREIGN_FIELDS.has(field.text)) return [problem('assertionForeign', { field: quote(field.text) }, field.start, field.end)];
    const suggestion = nearMiss(field.text, Object.keys(ASSERTION_FIELDS));
    return [
      problem(
        'assertionUnknownField',
        { field: quote(field.text), fields: Object.keys(ASSERTION_FIELDS).join(', '), hint: suggestion ? ` Did you mean '${suggestion}'?` : '' },
        field.start,
        field.end,
        suggestion ? { fix: 'replace', newText: suggestion, title: `Change to '${suggestion}'` } : undefined,
      ),
    ];
  }
  const syntax = assertionSyntaxProblem(line);
  if (syntax) {
    const at = argument && !operator && field?.text !== 'xpath' && field?.text !== 'header' ? argument : argument && field?.text === 'header' && /\s/.test(argument.text) ? argument : undefined;
    const start = at?.start ?? operator?.start ?? field?.start ?? line.marker;
    const end = at?.end ?? operator?.end ?? field?.end ?? line.marker + 2;
    return [problem('assertionSyntax', { problem: syntax }, start, end)];
  }
  const problems: RequestProblem[] = [];
  const name = field!.text;
  const op = operator!.text;
  const value = expected?.text;
  if (name === 'xpath' && argument) {
    const error = xpathSyntaxError(argument.text);
    if (error) {
      const where = error.offset >= argument.text.length ? 'ends too early' : `cannot be read from '${quote(argument.text.slice(error.offset, error.offset + 12))}' on`;
      problems.push(problem('assertionXPath', { where, problem: quote(error.message, 200) }, argument.start, argument.end));
    }
  }
  if (!expected || value === undefined || TEMPLATED.test(value)) return problems;
  const numericField = name === 'status' || name === 'duration' || name === 'size';
  if ((numericField && (NUMERIC_OPERATORS.has(op) || EQUALITY.has(op))) || (name !== 'xpath' && NUMERIC_OPERATORS.has(op))) {
    if (!/^-?\d+(\.\d+)?$/.test(value)) {
      const what = numericField ? { status: 'The HTTP status', duration: 'The duration (ms)', size: 'The size (bytes)' }[name as 'status' | 'duration' | 'size'] : `With '${op}', the value`;
      problems.push(problem('assertionNotNumber', { what, value: quote(value) }, expected.start, expected.end));
    } else if (name === 'status' && EQUALITY.has(op) && (Number(value) < 100 || Number(value) > 599)) {
      problems.push(problem('assertionStatusRange', { value: quote(value) }, expected.start, expected.end));
    }
  }
  if (op === 'matches') {
    try {
      assertionRegex(value);
    } catch (error) {
      problems.push(problem('assertionBadRegex', { value: quote(value), problem: quote((error instanceof Error ? error.message : String(error)).replace(/^Invalid regular expression: \/.*\/\w*: /s, ''), 120) }, expected.start, expected.end));
    }
  }
  return problems;
}

/** The problems of a request's assertion lines, and of lines stranded after them. */
export function assertionProblems(request: ParsedRequest): RequestProblem[] {
  const problems: RequestProblem[] = [];
  for (const line of request.assertions) problems.push(...lineProblems(line));
  for (const stray of request.strayLines) problems.push(problem('assertionIgnoredLine', {}, stray.start, stray.end));
  return problems;
}

/** The assertion line around `offset`, read, or undefined when the cursor is not on one. */
function assertionLineAt(text: string, offset: number): AssertionLine | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  if (!isAssertionLine(text.slice(start, end))) return undefined;
  return readAssertionLine(text, start, end);
}

function item(label: string, kind: CompletionItemKind, detail: string, documentation?: string): CompletionItem {
  return { label, kind, detail, ...(documentation ? { documentation: { kind: 'markdown', value: documentation } } : {}) };
}

function within(offset: number, span: { start: number; end: number } | undefined): boolean {
  return span !== undefined && offset >= span.start && offset <= span.end;
}

/** Completion on a `??` line: the field, the header name, the operator, then codes or statuses. */
export function assertionCompletion(document: TextDocument, offset: number): CompletionList | null {
  const text = document.getText();
  const line = assertionLineAt(text, offset);
  if (!line || offset < line.marker + 2) return null;
  const facts = assertionData();
  const before = text.slice(line.marker + 2, offset);
  const typed = /[^ \t]*$/.exec(before)![0];
  const range = { start: document.positionAt(offset - typed.length), end: document.positionAt(offset) };
  const list = (items: CompletionItem[]): CompletionList => ({ isIncomplete: false, items: items.map((i) => ({ ...i, textEdit: { range, newText: i.label } })) });
  const wordsBefore = before.trim() === '' ? 0 : before.trim().split(/[ \t]+/).length - (typed ? 1 : 0);
  const field = line.field?.text;
  if (wordsBefore === 0) {
    return list(Object.entries(ASSERTION_FIELDS).map(([name, spec]) => item(name, CompletionItemKind.Field, spec.argument ? `${name} ${name === 'header' ? 'NAME' : 'EXPRESSION'} OPERATOR VALUE` : `${name} OPERATOR VALUE`, spec.doc)));
  }
  if (!field || !isAssertionField(field)) return null;
  const operatorItems = (): CompletionList =>
    list(Object.entries(ASSERTION_OPERATORS).filter(([name]) => name !== 'equals' && name !== 'contains').map(([name, spec]) => item(name, CompletionItemKind.Operator, spec.unary ? `${spec.doc} (no value)` : spec.doc)));
  if (field === 'header' && wordsBefore === 1) {
    return list(Object.entries(facts.headers).map(([name, spec]) => item(name.toLowerCase(), CompletionItemKind.Property, spec.doc, `_Source: ${facts.sources[spec.source] ?? spec.source}_`)));
  }
  const operatorAt = line.operator && offset > line.operator.end;
  if (!operatorAt) {
    if (field === 'xpath' && wordsBefore === 1) return null;
    if (wordsBefore === (field === 'header' ? 2 : 1) || (field === 'xpath' && typed === '')) return operatorItems();
    return null;
  }
  if (line.expected && offset < line.expected.start - 1) return null;
  if (field === 'code') {
    return list(Object.entries(facts.codes).map(([code, info]) => ({ ...item(code, CompletionItemKind.Value, info.text, codeDoc(facts, code, info)), sortText: code.padStart(6, '0') })));
  }
  if (field === 'status') return list(Object.entries(facts.statuses).map(([status, doc]) => item(status, CompletionItemKind.Value, doc)));
  return null;
}

function codeDoc(facts: AssertionData, code: string, info: CodeInfo): string {
  const lines = [`**Qualys CODE ${code}**${info.http !== undefined ? ` (HTTP ${info.http})` : ''}: ${info.text}`];
  if (info.meaning) lines.push('', info.meaning);
  lines.push('', `_Source: ${facts.sources[info.source] ?? info.source}_`);
  return lines.join('\n');
}

/** Hover on a `??` line: what the field compares, the operator, a header, a Qualys code or status. */
export function assertionHover(document: TextDocument, offset: number): Hover | null {
  const text = document.getText();
  const line = assertionLineAt(text, offset);
  if (!line) return null;
  const facts = assertionData();
  const answer = (value: string, span: { start: number; end: number }): Hover => ({
    contents: { kind: 'markdown', value },
    range: { start: document.positionAt(span.start), end: document.positionAt(span.end) },
  });
  const { field, argument, operator, expected } = line;
  if (field && within(offset, field)) {
    if (isAssertionField(field.text)) return answer(`**?? ${field.text}**: ${ASSERTION_FIELDS[field.text].doc}`, field);
    return null;
  }
  if (operator && within(offset, operator) && isAssertionOperator(operator.text)) {
    const spec = ASSERTION_OPERATORS[operator.text];
    return answer(`**${operator.text}**: the value ${spec.doc}${spec.unary ? ' (takes no value)' : ''}.`, operator);
  }
  if (argument && within(offset, argument) && field?.text === 'header') {
    const known = Object.entries(facts.headers).find(([name]) => name.toLowerCase() === argument.text.toLowerCase());
    return known ? answer(`**${known[0]}**: ${known[1].doc}\n\n_Source: ${facts.sources[known[1].source] ?? known[1].source}_`, argument) : null;
  }
  if (expected && within(offset, expected)) {
    if (field?.text === 'code') {
      const info = facts.codes[expected.text] ?? facts.codes[expected.text.toUpperCase()];
      return info ? answer(codeDoc(facts, expected.text, info), expected) : null;
    }
    if (field?.text === 'status') {
      const doc = facts.statuses[expected.text];
      return doc ? answer(`**HTTP ${expected.text}**: ${doc}`, expected) : null;
    }
  }
  return null;
}
