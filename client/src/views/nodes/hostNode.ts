/**
 * A host in the Hosts view: labelled by DNS name or IP, described by OS. The row holds only what it
 * shows; its tooltip and details document are read from the full record when first hovered or
 * opened (the API worker kept its XML), so a page of hosts costs the extension host almost nothing.
 * Expanded, it lists the host's detections.
 */
import type { DetectionRow, Host, HostRow, Result } from '../../api';
import { HostDetections } from '../detections/detectionChildren';
import { hostDetailsMarkdown, hostLabel, hostTooltip } from '../hosts/hostText';
import type { PageOpener } from '../paging/pager';
import type { DetectionLoader, KbLookup } from './detectionNode';
import { md, type Row } from './row';
import type { DetailsDocument, SidebarNode } from './sidebarNode';

export type HostLoader = (id: string) => Promise<Result<Host>>;

/** Where a host's detections come from (expanding the host lists them). */
export interface HostDetectionSource {
  open(hostId: string): PageOpener<DetectionRow>;
  readonly details: DetectionLoader;
  readonly kb: KbLookup | undefined;
}

export class HostNode implements SidebarNode {
  readonly row: Row;
  private full: Promise<Result<Host>> | undefined;
  private detectionRows: HostDetections | undefined;

  constructor(private readonly idPrefix: string, readonly host: HostRow, private readonly load: HostLoader, private readonly detections?: HostDetectionSource) {
    this.row = {
      id: `${idPrefix}/host/${host.id}`,
      kind: 'host',
      label: hostLabel(host),
      ...(host.os ? { description: host.os } : {}),
      icon: { id: host.cloud ? 'cloud' : 'vm' },
      // Expanding a host lists its detections; clicking it opens its details.
      collapsible: detections ? 'collapsed' : 'none',
      action: 'qualys.openDetails',
      copyId: host.id,
      ...(host.ip ? { copyIp: host.ip } : {}),
      hasDetails: true,
    };
  }

  /** The host's detections (one detection list call for this host, paged like the hosts). */
  children(signal: AbortSignal): Promise<readonly SidebarNode[]> {
    if (!this.detections) return Promise.resolve([]);
    const source = this.detections;
    this.detectionRows ??= new HostDetections(`${this.idPrefix}/host/${this.host.id}`, source.open(this.host.id), source.kb, source.details, this);
    return this.detectionRows.children(signal);
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
