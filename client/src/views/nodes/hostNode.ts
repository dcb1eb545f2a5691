/**
 * A host in the Hosts view: labelled by DNS name or IP, described by OS. The row holds only what it
 * shows; its tooltip and details document are read from the full record when first hovered or
 * opened (the API worker kept its XML), so a page of hosts costs the extension host almost nothing.
 */
import type { Host, HostRow, Result } from '../../api';
import { hostDetailsMarkdown, hostLabel, hostTooltip } from '../hosts/hostText';
import { md, type Row } from './row';
import type { DetailsDocument, SidebarNode } from './sidebarNode';

export type HostLoader = (id: string) => Promise<Result<Host>>;

export class HostNode implements SidebarNode {
  readonly row: Row;
  private full: Promise<Result<Host>> | undefined;

  constructor(idPrefix: string, readonly host: HostRow, private readonly load: HostLoader) {
    this.row = {
      id: `${idPrefix}/host/${host.id}`,
      kind: 'host',
      label: hostLabel(host),
      ...(host.os ? { description: host.os } : {}),
      icon: { id: host.cloud ? 'cloud' : 'vm' },
      collapsible: 'none',
      action: 'qualys.openDetails',
      copyId: host.id,
      ...(host.ip ? { copyIp: host.ip } : {}),
      hasDetails: true,
    };
  }

  /** The host's full record (read once; a failure is read again next time). */
  record(): Promise<Result<Host>> {
    const loading = (this.full ??= this.load(this.host.id));
    void loading.then((result) => {
      if (!result.ok && this.full === loading) this.full = undefined;
    });
    return loading;
  }

  async tooltip(): Promise<string> {
    const full = await this.record();
    return full.ok ? hostTooltip(full.value) : `**${md(hostLabel(this.host))}**\n\nDetails could not be read: ${md(full.error.message)}`;
  }

  async details(): Promise<DetailsDocument> {
    const full = await this.record();
    const markdown = full.ok
      ? hostDetailsMarkdown(full.value)
      : `# ${md(hostLabel(this.host))}\n\nThe host's details could not be read: ${md(full.error.message)}${full.error.code ? ` (CODE ${md(full.error.code)}${full.error.text ? `: ${md(full.error.text)}` : ''})` : ''}\n`;
    return { name: `host-${this.host.id}`, markdown };
  }
}
