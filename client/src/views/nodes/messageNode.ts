/** An informational row ("No hosts match the filter"), so a view is never an empty tree. */
import type { Row, RowAction } from './row';
import type { SidebarNode } from './sidebarNode';

export class MessageNode implements SidebarNode {
  readonly row: Row;

  constructor(id: string, label: string, tooltip?: string, action?: RowAction) {
    this.row = { id, kind: 'message', label, icon: { id: action ? 'warning' : 'info' }, collapsible: 'none', ...(tooltip ? { tooltip } : {}), ...(action ? { action } : {}) };
  }
}
