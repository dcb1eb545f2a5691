/**
 * "Open Details": read-only Markdown documents on the `qualys-details:` scheme, shown rendered in
 * VS Code's own Markdown preview (searchable with Ctrl+F, copyable, themed; "Open Source" shows the
 * Markdown). A content provider's documents cannot be edited or saved, and live only in memory (the
 * last 100 opened). Qualys text in them is escaped (views/nodes/row.ts md/mdText), so it renders as
 * text: no HTML, no links, no command links reach the preview from Qualys data.
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
    const markdown = document.languageId === 'markdown' ? document : await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    // The preview follows the last details opened (one tab, like a preview editor), unless the user
    // locked it. Without the built-in Markdown extension (disabled by the user), the source shows.
    const shown = await vscode.commands.executeCommand('markdown.showPreview', markdown.uri).then(
      () => true,
      () => false,
    );
    if (!shown) await vscode.window.showTextDocument(markdown, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
    this.documents.clear();
  }
}
