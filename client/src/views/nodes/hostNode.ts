/** A host in the Hosts view: labelled by DNS name or IP, described by OS. */
import type { Host } from '../../api';
import { hostDetailsMarkdown, hostLabel, hostTooltip } from '../hosts/hostText';
import type { Row } from './row';
import type { DetailsDocument, SidebarNode } from './sidebarNode';

export class HostNode implements SidebarNode {
  readonly row: Row;

  constructor(idPrefix: string, readonly host: Host) {
    this.row = {
      id: `${idPrefix}/host/${host.id}`,
      kind: 'host',
      label: hostLabel(host),
      ...(host.os ? { description: host.os } : {}),
      tooltip: hostTooltip(host),
      icon: { id: host.cloudProvider || host.ec2InstanceId ? 'cloud' : 'vm' },
      collapsible: 'none',
      action: 'qualys.openDetails',
      copyId: host.id,
      ...(host.ip ? { copyIp: host.ip } : {}),
      hasDetails: true,
    };
  }

  details(): DetailsDocument {
    return { name: `host-${this.host.id}`, markdown: hostDetailsMarkdown(this.host) };
  }
}
