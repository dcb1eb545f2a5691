/**
 * The read-only calls the worker makes for the extension host when their answer is small but their
 * document is not: completion values (a page of 1,000 hosts for their tags, the option profile
 * export for its IDs...), the option profile picker's list, and KnowledgeBase entries (a batch of QIDs). The document is read here; only the
 * values cross back.
 */
import type { QualysClient } from '../api/client';
import { apiError } from '../api/errors';
import { listOptionProfiles } from '../api/ops/optionProfiles';
import { fetchKnowledgeBase } from '../api/ops/vulnerabilities';
import { fail, type Result } from '../api/result';
import { LIVE_FETCHERS } from '../requests/liveValues';
import type { WorkerCall } from './protocol';

export function runCall(client: QualysClient, call: WorkerCall, signal: AbortSignal): Promise<Result<unknown>> {
  switch (call.name) {
    case 'liveValues': {
      const fetcher = LIVE_FETCHERS.find(([kind]) => kind === call.kind)?.[1];
      return fetcher ? fetcher(client, signal) : Promise.resolve(fail(apiError('config', `No completion values of the kind '${call.kind}'.`)));
    }
    case 'optionProfiles':
      return listOptionProfiles(client, { signal });
    case 'knowledgeBase':
      return fetchKnowledgeBase(client, call.qids, { signal, ...(call.modifiedAfter ? { modifiedAfter: call.modifiedAfter } : {}) });
  }
}
