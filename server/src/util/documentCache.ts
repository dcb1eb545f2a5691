import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * Keeps one parsed model per open document, keyed by uri and version, so that diagnostics,
 * completion and hover on the same version parse the text once. A new version is parsed with the
 * model of the version before it (same uri and language), for parsers that reuse what did not change.
 */
export class DocumentCache<T> {
  private readonly entries = new Map<string, { version: number; languageId: string; model: T }>();

  constructor(private readonly parse: (document: TextDocument, previous: T | undefined) => T) {}

  get(document: TextDocument): T {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.languageId === document.languageId) {
      return entry.model;
    }
    const model = this.parse(document, entry && entry.languageId === document.languageId ? entry.model : undefined);
    this.entries.set(document.uri, { version: document.version, languageId: document.languageId, model });
    return model;
  }

  /** Whether a version of `document` is held: a new version would be parsed from it. */
  holds(document: TextDocument): boolean {
    return this.entries.get(document.uri)?.languageId === document.languageId;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
