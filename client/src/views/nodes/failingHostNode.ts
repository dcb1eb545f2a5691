/** A host failing a control, under the control when the posture view is grouped by control. */
import { controlDetailsMarkdown, controlTooltip, statusIcon } from '../posture/postureText';
import type { ControlPosture } from '../posture/postureModel';
import type { Row } from './row';
import type { DetailsDocument, SidebarNode } from './sidebarNode';

export class FailingHostNode implements SidebarNode {
  readonly row: Row;

  constructor(controlPrefix: string, readonly posture: ControlPosture, private readonly policyTitle?: string) {
    this.row = {
      id: `${controlPrefix}/host/${posture.hostId}${posture.instance ? `/${encodeURIComponent(posture.instance)}` : ''}`,
      kind: 'failingHost',
      label: posture.hostLabel,
      description: [posture.status, posture.instance && posture.instance !== 'os' ? posture.instance : undefined, posture.lastFailDate && `last failed ${posture.lastFailDate}`].filter(Boolean).join(' · '),
      tooltip: controlTooltip(posture),
      icon: statusIcon(posture.status),
      collapsible: 'none',
      action: 'qualys.openDetails',
      copyId: posture.hostId,
      ...(posture.hostIp ? { copyIp: posture.hostIp } : {}),
      hasDetails: true,
    };
  }

  details(): DetailsDocument {
    return { name: `control-${this.posture.controlId}-host-${this.posture.hostId}`, markdown: controlDetailsMarkdown(this.posture, this.policyTitle) };
  }
}
