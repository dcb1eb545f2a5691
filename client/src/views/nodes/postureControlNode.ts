/** A control under a host in the posture view: status icon, criticality, details on click. */
import { controlDetailsMarkdown, controlLabel, controlTooltip, criticalityText, statusIcon } from '../posture/postureText';
import type { ControlPosture } from '../posture/postureModel';
import type { Row } from './row';
import type { DetailsDocument, SidebarNode } from './sidebarNode';

export class PostureControlNode implements SidebarNode {
  readonly row: Row;

  constructor(idPrefix: string, readonly posture: ControlPosture, private readonly policyTitle?: string) {
    this.row = {
      id: `${idPrefix}/control/${posture.controlId}${posture.instance ? `/${encodeURIComponent(posture.instance)}` : ''}`,
      kind: 'postureControl',
      label: controlLabel(posture),
      description: [posture.status, criticalityText(posture.criticality)].filter(Boolean).join(' · '),
      tooltip: controlTooltip(posture),
      icon: statusIcon(posture.status),
      collapsible: 'none',
      action: 'qualys.openDetails',
      copyId: posture.controlId,
      hasDetails: true,
    };
  }

  details(): DetailsDocument {
    return { name: `control-${this.posture.controlId}-host-${this.posture.hostId}`, markdown: controlDetailsMarkdown(this.posture, this.policyTitle) };
  }
}
