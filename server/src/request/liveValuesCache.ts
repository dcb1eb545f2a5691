/**
 * The live values the client last sent (see protocol/liveValues.ts), per kind. Completion reads
 * it synchronously; it is filled only by notifications, never by a request of the server.
 */
import type { LiveValue, LiveValueKind, LiveValuesParams } from '../../../protocol';

export interface LiveEntry {
  readonly account: string;
  readonly fetchedAt: string;
  readonly values: readonly LiveValue[];
}

/** More than this many values of one kind are cut: completion lists stay fast and readable. */
export const MAX_LIVE_VALUES = 5000;

export class LiveValuesCache {
  private readonly entries = new Map<LiveValueKind, LiveEntry>();

  update(params: LiveValuesParams): void {
    if (params.values.length === 0) {
      this.entries.delete(params.kind);
      return;
    }
    this.entries.set(params.kind, {
      account: params.account,
      fetchedAt: params.fetchedAt,
      values: params.values.slice(0, MAX_LIVE_VALUES),
    });
  }

  get(kind: LiveValueKind): LiveEntry | undefined {
    return this.entries.get(kind);
  }

  clear(): void {
    this.entries.clear();
  }
}
