/**
 * HOST_LIST_VM_DETECTION_OUTPUT (/api/2.0/fo/asset/host/vm/detection/?action=list): hosts, each with
 * its DETECTION_LIST. The record kinds the UI uses: a detection's row (what a tree row shows), its
 * details (the row plus the result text and dates), and the host a detection belongs to.
 */

/** What a detection's row shows. */
export interface DetectionRow {
  readonly hostId: string;
  readonly qid: string;
  readonly uniqueId?: string;
  /** Confirmed, Potential or Info (information gathered). */
  readonly type?: string;
  readonly severity?: number;
  /** New, Active, Re-Opened or Fixed. */
  readonly status?: string;
  readonly port?: string;
  readonly protocol?: string;
  readonly ssl?: boolean;
  readonly firstFound?: string;
  readonly lastFound?: string;
  readonly timesFound?: number;
  readonly lastFixed?: string;
  readonly qds?: number;
  readonly ignored?: boolean;
  readonly disabled?: boolean;
}

/** A detection as its details document shows it. */
export interface Detection extends DetectionRow {
  /** RESULTS: what the scanner found (often several lines, tab separated). */
  readonly results?: string;
  readonly lastTest?: string;
  readonly lastUpdate?: string;
  readonly lastProcessed?: string;
  readonly firstReopened?: string;
  readonly lastReopened?: string;
  readonly timesReopened?: number;
  /** QDS@severity: LOW, MEDIUM, HIGH or CRITICAL. */
  readonly qdsSeverity?: string;
  readonly affectRunningKernel?: boolean;
}

/** The host of a detection, as a row under a QID shows it. */
export interface DetectionHost {
  readonly id: string;
  readonly ip?: string;
  readonly ipv6?: string;
  readonly dns?: string;
  readonly netbios?: string;
  readonly os?: string;
  readonly trackingMethod?: string;
  readonly networkId?: string;
}

/** A host under a QID in the Vulnerabilities view: the host and its detection of that QID. */
export interface QidHostRow {
  readonly host: DetectionHost;
  readonly detection: DetectionRow;
}
