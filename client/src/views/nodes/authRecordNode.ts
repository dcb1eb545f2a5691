/** An authentication record: title, then user name, coverage and flags. */
import type { AuthRecord } from '../../api';
import { authDescription, authDetailsMarkdown, authRecordLabel, authTooltip } from '../authRecords/authText';
import type { Row } from './row';
import type { DetailsDocument, SidebarNode } from './sidebarNode';

export class AuthRecordNode implements SidebarNode {
  readonly row: Row;

  constructor(idPrefix: string, readonly record: AuthRecord) {
    const singleIp = record.ips.length === 1 && !record.ips[0]!.includes('-') ? record.ips[0] : undefined;
    this.row = {
      id: `${idPrefix}/record/${record.id}`,
      kind: 'authRecord',
      label: authRecordLabel(record),
      description: authDescription(record),
      tooltip: authTooltip(record),
      icon: record.isActive === false ? { id: 'circle-slash', color: 'disabledForeground' } : { id: 'key' },
      collapsible: 'none',
      action: 'qualys.openDetails',
      copyId: record.id,
      ...(record.ips.length ? { copyIp: singleIp ?? record.ips.join(',') } : {}),
      hasDetails: true,
    };
  }

  details(): DetailsDocument {
    return { name: `auth-${this.record.type}-${this.record.id}`, markdown: authDetailsMarkdown(this.record) };
  }
}
