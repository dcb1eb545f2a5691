/**
 * A detection: under a host in the Hosts view (labelled by the QID's title), or under a QID in the
 * Vulnerabilities view (labelled by its host). The row holds only what it shows; the tooltip and the
 * details document (result text and KnowledgeBase entry) are read when hovered or opened.
 */
import type { Result } from '../../api';
import type { Detection, DetectionHost, DetectionRow } from '../../api/parse/detectionList';
import type { KbEntry } from '../../api/parse/knowledgeBase';
import type { KbAnswer } from '../../knowledge/knowledgeBase';
import { unavailableText } from '../../knowledge/kbText';
import { detectionDescription, detectionDetailsMarkdown, detectionLabel, detectionTooltip, hostName, portText, severityIcon } from '../detections/detectionText';
import { md, type Row } from './row';
import type { DetailsDocument, SidebarNode } from './sidebarNode';

/** What detection rows read the KnowledgeBase through (the active account's; absent when signed out). */
export interface KbLookup {
  peek(qid: string): KbEntry | undefined;
  lookup(qids: readonly string[]): Promise<KbAnswer>;
}

/** Reads a detection's details (its result text) when the row is opened. */
export type DetectionLoader = (row: DetectionRow) => Promise<Result<Detection>>;

export class DetectionNode implements SidebarNode {
  readonly row: Row;

  constructor(
    idPrefix: string,
    readonly detection: DetectionRow,
    private readonly kb: KbLookup | undefined,
    private readonly load: DetectionLoader,
    /** The host, when the row stands under a QID (it is then labelled by its host). */
    readonly host?: DetectionHost,
  ) {
    const d = detection;
    const entry = kb?.peek(d.qid);
    const key = `${d.hostId}/${d.qid}/${d.uniqueId ?? `${d.port ?? ''}${d.protocol ?? ''}`}`;
    this.row = {
      id: `${idPrefix}/detection/${key}`,
      kind: 'detection',
      label: host ? hostName(host) : detectionLabel(d, entry),
      description: host ? [d.status, portText(d), d.lastFound ? `last found ${d.lastFound.slice(0, 10)}` : undefined].filter(Boolean).join(' · ') : detectionDescription(d, entry?.title !== undefined),
      icon: severityIcon(d.severity, d.type),
      collapsible: 'none',
      action: 'qualys.openDetails',
      copyQid: d.qid,
      ...(host ? { copyId: host.id, ...(host.ip ? { copyIp: host.ip } : {}) } : {}),
      hasDetails: true,
    };
  }

  async tooltip(): Promise<string> {
    const answer = this.kb ? await this.kb.lookup([this.detection.qid]) : undefined;
    return detectionTooltip(this.detection, answer?.entries.get(this.detection.qid), this.host);
  }

  async details(): Promise<DetailsDocument> {
    const [full, answer] = await Promise.all([this.load(this.detection), this.kb ? this.kb.lookup([this.detection.qid]) : Promise.resolve(undefined)]);
    const entry = answer?.entries.get(this.detection.qid);
    const note = answer?.unavailable ? unavailableText(answer.unavailable) : answer?.failed ? `The KnowledgeBase could not be read: ${answer.failed.message}` : this.kb ? undefined : 'Sign in to see the KnowledgeBase entry.';
    const name = `detection-${this.detection.hostId}-${this.detection.qid}`;
    if (full.ok) return { name, markdown: detectionDetailsMarkdown(full.value, this.host, entry, note) };
    const error = full.error;
    const reason = `${md(error.message)}${error.code ? ` (CODE ${md(error.code)}${error.text ? `: ${md(error.text)}` : ''})` : ''}`;
    return { name, markdown: detectionDetailsMarkdown(this.detection, this.host, entry, note, `The result text could not be read: ${reason}`) };
  }
}
