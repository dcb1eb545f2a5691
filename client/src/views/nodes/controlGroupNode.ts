/** A control of a policy, when grouped by control: the hosts failing it, paged. */
import type { Policy, PolicyControl } from '../../api';
import { pagedChildren } from '../paging/pagedChildren';
import { flatMapOpener, Pager } from '../paging/pager';
import type { ControlPosture } from '../posture/postureModel';
import type { PostureSource } from '../posture/postureSource';
import { controlLabel, criticalityText } from '../posture/postureText';
import { md, type Row } from './row';
import { FailingHostNode } from './failingHostNode';
import type { SidebarNode } from './sidebarNode';

export class ControlGroupNode implements SidebarNode {
  readonly row: Row;
  readonly pager: Pager<ControlPosture>;
  private readonly idPrefix: string;

  constructor(policyPrefix: string, private readonly policy: Policy, readonly control: PolicyControl, source: PostureSource) {
    this.idPrefix = `${policyPrefix}/byControl/${control.id}`;
    const crit = criticalityText(control.criticality);
    this.row = {
      id: this.idPrefix,
      kind: 'controlGroup',
      label: controlLabel({ controlId: control.id, ...(control.statement ? { statement: control.statement } : {}) }),
      ...(crit ? { description: crit } : {}),
      tooltip: `**${md(controlLabel({ controlId: control.id, ...(control.statement ? { statement: control.statement } : {}) }))}**\n\nExpand for the hosts failing this control.`,
      icon: { id: 'checklist' },
      collapsible: 'collapsed',
      copyId: control.id,
    };
    // PCRS has no control filter: empty batches are skipped, a few per click.
    this.pager = new Pager<ControlPosture>(flatMapOpener(source.failingHosts(policy, control.id), (host) => host.controls), { maxPagesPerLoad: source.kind === 'pcrs' ? 5 : 1 });
  }

  children(signal: AbortSignal): Promise<SidebarNode[]> {
    return pagedChildren(
      {
        pager: this.pager,
        owner: this,
        idPrefix: this.idPrefix,
        toNode: (posture) => new FailingHostNode(this.idPrefix, posture, this.policy.title),
        what: 'failing hosts',
        empty: 'No host fails this control',
      },
      signal,
    );
  }
}
