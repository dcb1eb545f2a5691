/**
 * One helper per feature, on inline documents with the cursor marked '|'. Each returns what it
 * found as well as asserting, so a test can look further.
 */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationToken, type CodeAction, type CompletionItem, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { OptionProfileService } from '../../../server/src/optionProfile/service';
import type { ContentModel } from '../../../server/src/schema/contentModel';
import type { ValueChecker } from '../../../server/src/optionProfile/validator';
import { handModel, testCheckValue } from './handModel';

export interface Setup {
  readonly model: ContentModel;
  readonly checkValue: ValueChecker;
}

let setup: Setup = { model: handModel, checkValue: testCheckValue };

/** Which model and value checker the helpers use (the hand-made model by default). */
export function useSchema(next: Setup): void {
  setup = next;
}

export const silentLogger = { errors: [] as string[], error(m: string) { this.errors.push(m); }, info() {} };

export function createService(): OptionProfileService {
  const { model, checkValue } = setup;
  return new OptionProfileService({ logger: silentLogger, checkValue, bundledModel: () => model });
}

let version = 0;
export function documentOf(textWithCursor: string): { document: TextDocument; offset: number } {
  const offset = textWithCursor.indexOf('|');
  const text = offset >= 0 ? textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1) : textWithCursor;
  return { document: TextDocument.create(`file:///test${++version}.xml`, 'xml', 1, text), offset };
}

/** Asserts the diagnostics as [code, text under the range] pairs, in document order. */
export function testDiagnostics(text: string, expected: Array<[string, string]>): Diagnostic[] {
  const { document } = documentOf(text);
  const diagnostics = createService().diagnostics(document, CancellationToken.None);
  const actual = diagnostics.map((d) => [String(d.code), document.getText(d.range)]);
  assert.deepEqual(actual, expected, diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  for (const d of diagnostics) assert.equal(d.source, 'qualys');
  return diagnostics;
}

/** Asserts the completion labels at '|' (in order); returns the items. */
export function testCompletion(textWithCursor: string, expected: string[] | ((labels: string[]) => void)): CompletionItem[] {
  const { document, offset } = documentOf(textWithCursor);
  const list = createService().completion(document, document.positionAt(offset), CancellationToken.None);
  const items = list?.items ?? [];
  const labels = items.map((i) => i.label);
  if (typeof expected === 'function') expected(labels);
  else assert.deepEqual(labels, expected);
  return items;
}

/** Applies a completion item's text edit and returns the text (snippet markers kept). */
export function applyCompletion(textWithCursor: string, item: CompletionItem): string {
  const { document } = documentOf(textWithCursor);
  const edit = item.textEdit as TextEdit;
  return applyEdits(document, [edit]);
}

/** Asserts that hover at '|' contains every expected fragment; returns the Markdown. */
export function testHover(textWithCursor: string, expected: string[] | null): string | undefined {
  const { document, offset } = documentOf(textWithCursor);
  const hover = createService().hover(document, document.positionAt(offset), CancellationToken.None);
  if (expected === null) {
    assert.equal(hover, null);
    return undefined;
  }
  assert.ok(hover, 'expected a hover');
  const value = (hover.contents as { value: string }).value;
  for (const fragment of expected) assert.ok(value.includes(fragment), `hover lacks ${JSON.stringify(fragment)}:\n${value}`);
  return value;
}

/** Runs the quick fix titled `title` for the diagnostic with `code` and asserts the resulting text. */
export function testQuickFix(text: string, code: string, title: string, expected: string): CodeAction {
  const { document } = documentOf(text);
  const service = createService();
  const diagnostics = service.diagnostics(document, CancellationToken.None).filter((d) => d.code === code);
  assert.ok(diagnostics.length > 0, `no ${code} diagnostic`);
  const actions = diagnostics.flatMap((d) => service.codeActions(document, d.range, { diagnostics: [d] }, CancellationToken.None));
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no quick fix '${title}'; got ${actions.map((a) => a.title).join(', ')}`);
  assert.equal(action.kind, 'quickfix');
  const edits = action.edit!.changes![document.uri]!;
  assert.equal(applyEdits(document, edits), expected);
  return action;
}

export function applyEdits(document: TextDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(document, edits);
}
