/**
 * The read-only response documents (`qualys-response:` URIs, served by a TextDocumentContentProvider,
 * which VS Code never lets the user edit). One document per request name and body format: sending
 * the same request again refreshes its tab instead of opening another. Responses live in memory only
 * and at most MAX_RESPONSES of them.
 */
import * as vscode from 'vscode';
import type { RenderedResponse } from './renderResponse';

export const RESPONSE_SCHEME = 'qualys-response';
const MAX_RESPONSES = 30;

function slug(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'response';
}

export class ResponseDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This response is no longer kept. Send the request again to see it.';
  }

  async show(response: RenderedResponse, name: string): Promise<void> {
    const extension = { text: 'txt', xml: 'xml', json: 'jsonc' }[response.format];
    const uri = vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/Response ${slug(name)}.${extension}` });
    const key = uri.toString();
    this.texts.delete(key);
    this.texts.set(key, response.text);
    while (this.texts.size > MAX_RESPONSES) this.texts.delete(this.texts.keys().next().value!);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
