/**
 * The document service for `.xml` files whose root element is ServiceRequest (QPS request
 * bodies kept in their own files): diagnostics, hover, completion and quick fixes.
 */
import type { CancellationToken, CodeAction, CodeActionContext, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentService } from '../documentService';
import { fixActions } from '../common/quickFix';
import type { Steps } from '../common/steps';
import { firstElementName } from '../xml/xmlParser';
import { loadQpsCatalog, type QpsCatalog } from './qpsCatalog';
import { qpsCompletion, qpsDiagnostics, qpsHover } from './qpsFeatures';
import { qpsTable } from './qpsMessages';

export class QpsService implements DocumentService {
  readonly id = 'qualys-qps';

  constructor(private readonly catalog: QpsCatalog = loadQpsCatalog()) {}

  accepts(document: TextDocument): boolean {
    return document.languageId === 'xml' && firstElementName(document.getText()) === this.catalog.root;
  }

  /** A QPS body file is small: one step. */
  // eslint-disable-next-line require-yield
  *diagnosticSteps(document: TextDocument): Steps<Diagnostic[]> {
    return this.diagnostics(document);
  }

  diagnostics(document: TextDocument, _token?: CancellationToken): Diagnostic[] {
    const text = document.getText();
    return qpsDiagnostics(this.catalog, document, text, 0, text.length);
  }

  hover(document: TextDocument, position: Position): Hover | null {
    const text = document.getText();
    return qpsHover(this.catalog, text, 0, text.length, document.offsetAt(position));
  }

  completion(document: TextDocument, position: Position): CompletionList | null {
    const text = document.getText();
    return qpsCompletion(this.catalog, document, text, 0, text.length, document.offsetAt(position));
  }

  codeActions(document: TextDocument, _range: Range, context: CodeActionContext): CodeAction[] {
    return fixActions(document, context, [qpsTable.source]);
  }
}
