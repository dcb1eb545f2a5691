/** A host under a policy, with its pass ratio; its controls were fetched with it (no further call). */
import type { PostureHostEntry } from '../posture/postureModel';
import { hostPostureTooltip, passRatioText } from '../posture/postureText';
import { PostureControlNode } from './postureControlNode';
import type { Row } from './row';
import type { SidebarNode } from './sidebarNode';

export class PostureHostNode implements SidebarNode {
  readonly row: Row;
  private readonly idPrefix: string;

  constructor(policyPrefix: string, readonly host: PostureHostEntry, private readonly policyTitle?: string) {
    this.idPrefix = `${policyPrefix}/host/${host.hostId}`;
    const failing = host.controls.some((c) => c.status === 'Failed');
    const erring = host.controls.some((c) => c.status === 'Error');
    this.row = {
      id: this.idPrefix,
      kind: 'postureHost',
      label: host.label,
      description: passRatioText(host),
      tooltip: hostPostureTooltip(host),
      icon: failing ? { id: 'vm', color: 'testing.iconFailed' } : erring ? { id: 'vm', color: 'testing.iconErrored' } : { id: 'vm', color: 'testing.iconPassed' },
      collapsible: 'collapsed',
      copyId: host.hostId,
      ...(host.ip ? { copyIp: host.ip } : {}),
    };
  }

  children(): Promise<SidebarNode[]> {
    // Failed first, then errors, then passed: what needs attention leads.
    const order = (s: string | undefined): number => (s === 'Failed' ? 0 : s === 'Error' ? 1 : 2);
    const controls = [...this.host.controls].sort((a, b) => order(a.status) - order(b.status) || Number(a.controlId) - Number(b.controlId));
    return Promise.resolve(controls.map((c) => new PostureControlNode(this.idPrefix, c, this.policyTitle)));
  }
}
