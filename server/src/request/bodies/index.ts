/**
 * The registry of request bodies: every kind of body the request file features understand, in the
 * order they are tried (the first that applies to a request handles its body). Diagnostics,
 * completion and hover of a body all go through here, so a new kind is one entry. This folder is the
 * request features' only door to qps/ and optionProfile/.
 */
import type { QpsCatalog } from '../../qps/qpsCatalog';
import type { BodyAt, BodyEntry } from './bodyEntry';
import { jsonBodies } from './json';
import { optionProfileBodies } from './optionProfiles';
import { qpsBodies } from './qps';

export type { BodyAt, BodyEntry } from './bodyEntry';
export type { QpsCatalog } from '../../qps/qpsCatalog';
export { qpsContext } from './qps';

export class RequestBodies {
  readonly entries: readonly BodyEntry[];
  /** The diagnostic sources of all entries (for the request file's quick fixes). */
  readonly sources: readonly string[];

  constructor(qps?: QpsCatalog) {
    this.entries = [jsonBodies, optionProfileBodies, qpsBodies(qps)];
    this.sources = [...new Set(this.entries.map((entry) => entry.source))];
  }

  /** The entry that handles this request's body, if any. */
  entryFor(at: BodyAt): BodyEntry | undefined {
    return this.entries.find((entry) => entry.appliesTo(at));
  }
}
