/**
 * The one convention for the server's diagnostic tables (request files, QPS bodies, option
 * profiles): each document kind has a `source` (the `source` of its LSP diagnostics) and one table
 * of messages, each with a stable code (the diagnostic's `code`: users and tests key on it, so it is
 * never renamed), a severity and a text whose `{name}` holes are filled from the problem's
 * arguments. Several messages may share a code (the same mistake, said for different cases). A
 * checker reports message ids with arguments and offsets; the table turns them into diagnostics.
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import { fillTemplate } from '../util/messageTemplate';

export const E = DiagnosticSeverity.Error;
export const W = DiagnosticSeverity.Warning;
export const I = DiagnosticSeverity.Information;

export interface MessageSpec<Code extends string = string> {
  readonly code: Code;
  readonly severity: DiagnosticSeverity;
  readonly text: string;
}

export type MessageArgs = Readonly<Record<string, string | number>>;

export class DiagnosticTable<Id extends string, Code extends string = string> {
  constructor(
    readonly source: string,
    readonly messages: Readonly<Record<Id, MessageSpec<Code>>>,
  ) {}

  format(id: Id, args: MessageArgs = {}): string {
    return fillTemplate(this.messages[id].text, args);
  }

  /** The LSP diagnostic of message `id` at `range`; `data` is what its quick fix reads. */
  diagnostic(id: Id, range: Range, args: MessageArgs = {}, data?: unknown): Diagnostic {
    const spec = this.messages[id];
    const diagnostic: Diagnostic = { range, severity: spec.severity, code: spec.code, source: this.source, message: this.format(id, args) };
    if (data !== undefined) diagnostic.data = data;
    return diagnostic;
  }
}
