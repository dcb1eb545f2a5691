/**
 * KNOWLEDGE_BASE_VULN_LIST_OUTPUT (/api/2.0/fo/knowledge_base/vuln/?action=list, details=All): one
 * entry per QID, with what a lookup shows. Texts (diagnosis, consequence, solution) are HTML as
 * Qualys writes them; each is cut at TEXT_LIMIT characters so one entry stays small in the cache.
 */

export interface KbCvss {
  readonly base?: number;
  readonly temporal?: number;
  readonly vector?: string;
}

export interface KbReference {
  readonly id: string;
  readonly url?: string;
}

export interface KbEntry {
  readonly qid: string;
  /** Vulnerability, Potential Vulnerability or Information Gathered. */
  readonly type?: string;
  /** 1-5; the subscription's own severity when it customised the QID. */
  readonly severity?: number;
  readonly title?: string;
  readonly category?: string;
  readonly published?: string;
  /** LAST_SERVICE_MODIFICATION_DATETIME. */
  readonly modified?: string;
  /** LAST_CUSTOMIZATION/DATETIME, when the subscription edited the QID. */
  readonly customized?: string;
  readonly patchable?: boolean;
  readonly cves: readonly string[];
  readonly vendorRefs: readonly KbReference[];
  readonly software: readonly string[];
  readonly cvss?: KbCvss;
  readonly cvss3?: KbCvss;
  readonly diagnosis?: string;
  readonly consequence?: string;
  readonly solution?: string;
  readonly pci?: boolean;
  /** THREAT_INTELLIGENCE/THREAT_INTEL texts (Exploit_Public, Active_Attacks...). */
  readonly threats: readonly string[];
  /** Public exploit references (CORRELATION/EXPLOITS). */
  readonly exploits: number;
  readonly disabled?: boolean;
}

/** Characters kept of each HTML text of an entry (a few KnowledgeBase texts run to tens of KB). */
export const TEXT_LIMIT = 8000;

export interface KbPage {
  /** RESPONSE/DATETIME: the time of Qualys' answer (the next refresh asks for changes after it). */
  readonly datetime?: string;
  readonly entries: readonly KbEntry[];
}
