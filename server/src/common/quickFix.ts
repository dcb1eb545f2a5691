/**
 * The quick-fix data every document kind can put in `diagnostic.data`, and the code actions made
 * from it: replace the diagnostic's range, or remove another range. Option profiles add richer
 * fixes of their own (insert, move; optionProfile/quickFixes.ts) that need the parsed document.
 */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** `diagnostic.data` of a diagnostic with a simple fix. */
export type FixData = { readonly fix: 'replace'; readonly newText: string; readonly title: string } | { readonly fix: 'remove'; readonly range: Range; readonly title: string };

export function isFixData(data: unknown): data is FixData {
  const fix = (data as { fix?: unknown } | undefined)?.fix;
  return fix === 'replace' || fix === 'remove';
}

/** A replacement of the diagnostic's own range, titled by the new text. */
export function replaceFix(newText: string, title = newText ? `Change to '${newText}'` : 'Remove'): FixData {
  return { fix: 'replace', newText, title };
}

/** The quick fixes of the diagnostics in `context` that come from one of `sources` and carry `FixData`. */
export function fixActions(document: TextDocument, context: CodeActionContext, sources: readonly string[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of context.diagnostics) {
    if (!sources.includes(diagnostic.source ?? '') || !isFixData(diagnostic.data)) continue;
    const data = diagnostic.data;
    const edit: TextEdit = data.fix === 'replace' ? { range: diagnostic.range, newText: data.newText } : { range: data.range, newText: '' };
    actions.push({
      title: data.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic as Diagnostic],
      isPreferred: data.fix === 'replace',
      edit: { changes: { [document.uri]: [edit] } },
    });
  }
  return actions;
}
