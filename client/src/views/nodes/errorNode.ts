/** A failed load, shown as a row with the Qualys CODE and TEXT; clicking it retries. */
import type { ApiError } from '../../api';
import type { Pager } from '../paging/pager';
import { md, type Row } from './row';
import type { SidebarNode } from './sidebarNode';

/** "CODE 1965: Rate limit exceeded..." when Qualys gave a code, else the client's sentence. */
export function errorLabel(error: ApiError): string {
  if (error.kind === 'cancelled') return 'Loading was cancelled';
  const text = error.text ?? error.message;
  return error.code ? `CODE ${error.code}: ${text}` : text;
}

export function errorTooltip(error: ApiError): string {
  const lines = [`**${md(errorLabel(error))}**`, ''];
  if (error.code) lines.push(`- CODE: ${md(error.code)}`);
  if (error.text) lines.push(`- TEXT: ${md(error.text)}`);
  lines.push(`- Kind: ${md(error.kind)}`);
  if (error.status !== undefined) lines.push(`- HTTP status: ${error.status}`);
  if (error.operation) lines.push(`- Operation: ${md(error.operation)}`);
  if (error.waitSec !== undefined) lines.push(`- Qualys asks to wait ${error.waitSec} s`);
  if (error.text && error.message !== error.text) lines.push('', md(error.message));
  lines.push('', 'Click to retry; "Qualys: Show Log" has the details.');
  return lines.join('\n');
}

export class ErrorNode implements SidebarNode {
  readonly row: Row;

  constructor(
    idPrefix: string,
    readonly error: ApiError,
    /** What Retry reloads. */
    readonly pager: Pager<unknown>,
    /** The node whose children this row is among (undefined = the view's root). */
    readonly owner: SidebarNode | undefined,
  ) {
    this.row = {
      id: `${idPrefix}/error`,
      kind: 'error',
      label: errorLabel(error),
      description: 'Retry',
      tooltip: errorTooltip(error),
      icon: { id: 'error', color: 'errorForeground' },
      collapsible: 'none',
      action: 'qualys.retry',
      ...(error.code ? { copyId: error.code } : {}),
    };
  }
}
