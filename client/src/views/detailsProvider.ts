/**
 * "Open Details": read-only Markdown documents on the `qualys-details:` scheme. A content provider's
 * documents cannot be edited or saved, and live only in memory (the last 100 opened).
 */
import * as vscode from 'vscode';
import type { DetailsDocument } from './nodes/sidebarNode';

export const DETAILS_SCHEME = 'qualys-details';
const KEEP = 100;

export class DetailsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly documents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.documents.get(uri.toString()) ?? '# Not available\n\nThis details document is no longer in memory. Open it again from the Qualys view.\n';
  }

  async open(doc: DetailsDocument): Promise<void> {
    const uri = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${doc.name.replace(/[^\w.-]+/g, '_')}.md` });
    const key = uri.toString();
    this.documents.delete(key);
    this.documents.set(key, doc.markdown);
    while (this.documents.size > KEEP) this.documents.delete(this.documents.keys().next().value!);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const shown = document.languageId === 'markdown' ? document : await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(shown, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
    this.documents.clear();
  }
}
