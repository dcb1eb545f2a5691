/** One helper per feature: an inline document, the cursor marked with `|`. */
import type { CodeAction, CompletionItem, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { QpsService } from '../../../server/src/qps/qpsService';
import { RequestService } from '../../../server/src/request/requestService';

export const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

let version = 0;

// An unsaved document by default: what is checked is the text, not the disk (a `< path` body's file is
// looked for beside saved files only; bodyFileCheck.test.ts passes a file: URI).
export function makeDocument(text: string, languageId = 'qualys-request', uri = 'untitled:test.qualys'): TextDocument {
  return TextDocument.create(uri, languageId, ++version, text);
}

/** Splits `text` at the `|` cursor mark. */
export function withCursor(marked: string, languageId = 'qualys-request'): { document: TextDocument; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | cursor in the test document');
  const document = makeDocument(marked.slice(0, offset) + marked.slice(offset + 1), languageId);
  return { document, offset };
}

/** Diagnostics with their messages as plain text (the services never send markup messages). */
export type PlainDiagnostic = Diagnostic & { message: string };

export function diagnosticsOf(text: string, languageId = 'qualys-request', service = new RequestService(), uri?: string): PlainDiagnostic[] {
  return service.diagnostics(makeDocument(text, languageId, uri), token).map((d) => ({ ...d, message: String(d.message) }));
}

export function codes(text: string, languageId = 'qualys-request'): string[] {
  return diagnosticsOf(text, languageId).map((d) => String(d.code));
}

/** `[code, the text the diagnostic covers]` pairs. */
export function marked(text: string, languageId = 'qualys-request'): Array<[string, string]> {
  const document = makeDocument(text, languageId);
  return new RequestService().diagnostics(document, token).map((d) => [String(d.code), document.getText(d.range)]);
}

export function completionItems(markedText: string, service = new RequestService(), languageId = 'qualys-request'): CompletionItem[] {
  const { document, offset } = withCursor(markedText, languageId);
  return service.completion(document, document.positionAt(offset), token)?.items ?? [];
}

export function completionLabels(markedText: string, service = new RequestService(), languageId = 'qualys-request'): string[] {
  return completionItems(markedText, service, languageId).map((i) => i.label);
}

export function hoverText(markedText: string, languageId = 'qualys-request'): string {
  const { document, offset } = withCursor(markedText, languageId);
  const service = languageId === 'xml' ? new QpsService() : new RequestService();
  const hover = service.hover?.(document, document.positionAt(offset), token);
  const contents = hover?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

/** Applies the quick fix titled `title` for the first diagnostic with `code`; returns the new text. */
export function applyFix(text: string, code: string, title?: string): string {
  const document = makeDocument(text);
  const service = new RequestService();
  const diagnostics = service.diagnostics(document, token).filter((d) => d.code === code);
  if (!diagnostics.length) throw new Error(`no ${code} diagnostic`);
  const actions: CodeAction[] = service.codeActions(document, diagnostics[0]!.range, { diagnostics }, token);
  const action = title ? actions.find((a) => a.title === title) : actions[0];
  if (!action) throw new Error(`no quick fix for ${code}: ${actions.map((a) => a.title).join(', ')}`);
  const edits = action.edit!.changes![document.uri]!;
  return TextDocument.applyEdits(document, edits);
}

/** A one-request file: the form body is `body`. */
export function post(path: string, body: string): string {
  return `POST {{baseUrl}}${path}\nX-Requested-With: vscode\nContent-Type: application/x-www-form-urlencoded\n\n${body}\n`;
}
