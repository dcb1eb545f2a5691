/**
 * A failed load, shown as a row with the Qualys CODE and TEXT; clicking it retries when the pager
 * can go on from there. A listing that stopped for good (its next page was refused) offers no Retry
 * that would do nothing: the row says that Refresh starts it again.
 */
import type { ApiError } from '../../api';
import type { Pager } from '../paging/pager';
import { md, type Row } from './row';
import type { SidebarNode } from './sidebarNode';

/** "CODE 1965: Rate limit exceeded..." when Qualys gave a code, else the client's sentence. */
export function errorLabel(error: ApiError): string {
  const text = error.text ?? error.message;
  return error.code ? `CODE ${error.code}: ${text}` : text;
}

export function errorTooltip(error: ApiError, retryable = true): string {
  const lines = [`**${md(errorLabel(error))}**`, ''];
  if (error.code) lines.push(`- CODE: ${md(error.code)}`);
  if (error.text) lines.push(`- TEXT: ${md(error.text)}`);
  lines.push(`- Kind: ${md(error.kind)}`);
  if (error.status !== undefined) lines.push(`- HTTP status: ${error.status}`);
  if (error.operation) lines.push(`- Operation: ${md(error.operation)}`);
  if (error.waitSec !== undefined) lines.push(`- Qualys asks to wait ${error.waitSec} s`);
  if (error.text && error.message !== error.text) lines.push('', md(error.message));
  lines.push('', retryable ? 'Click to retry; "Qualys: Show Log" has the details.' : 'The listing cannot go on from here: Refresh the view to start it again. "Qualys: Show Log" has the details.');
  return lines.join('\n');
}

export class ErrorNode implements SidebarNode {
  readonly row: Row;
  /** Whether Retry can load anything (see Pager.canRetry). */
  readonly retryable: boolean;

  constructor(
    idPrefix: string,
    readonly error: ApiError,
    /** What Retry reloads. */
    readonly pager: Pager<unknown>,
    /** The node whose children this row is among (undefined = the view's root). */
    readonly owner: SidebarNode | undefined,
  ) {
    this.retryable = pager.canRetry;
    this.row = {
      id: `${idPrefix}/error`,
      kind: 'error',
      label: errorLabel(error),
      description: this.retryable ? 'Retry' : 'Refresh to start again',
      tooltip: errorTooltip(error, this.retryable),
      icon: { id: 'error', color: 'errorForeground' },
      collapsible: 'none',
      ...(this.retryable ? { action: 'qualys.retry' as const } : {}),
      ...(error.code ? { copyId: error.code } : {}),
    };
  }
}
