/**
 * An authentication record: title, then user name, coverage and flags. The row holds what it shows;
 * the details document is the full record the API worker read with it (secrets already dropped).
 */
import type { AuthRecord, AuthRecordRow, Result } from '../../api';
import { authDescription, authDetailsMarkdown, authRecordLabel, authTooltip } from '../authRecords/authText';
import { md, type Row } from './row';
import type { DetailsDocument, SidebarNode } from './sidebarNode';

export type AuthRecordLoader = (type: string, id: string) => Promise<Result<AuthRecord>>;

export class AuthRecordNode implements SidebarNode {
  readonly row: Row;

  constructor(idPrefix: string, readonly record: AuthRecordRow, private readonly load: AuthRecordLoader) {
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

  async details(): Promise<DetailsDocument> {
    const full = await this.load(this.record.type, this.record.id);
    const markdown = full.ok
      ? authDetailsMarkdown(full.value)
      : `# ${md(authRecordLabel(this.record))}\n\nThe record's details could not be read: ${md(full.error.message)}\n`;
    return { name: `auth-${this.record.type}-${this.record.id}`, markdown };
  }
}
