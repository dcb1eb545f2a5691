/**
 * The option profiles of an export (OPTION_PROFILES, as `?action=export` answers it), read as it
 * streams: for each OPTION_PROFILE only BASIC_INFO's ID, GROUP_NAME and GROUP_TYPE (the picker's and
 * completion's rows); the rest of a profile is skipped without being decoded.
 */
import { ok, type Result } from '../result';
import { documentReader, mapReader, readWhole, type DocumentReader } from '../stream/documentReader';
import { group } from '../stream/pageRules';
import { listReader, texts, type ListSpec } from '../stream/recordList';

export interface ProfileSummary {
  readonly id: string;
  readonly title: string;
  /** user, compliance, pci... (BASIC_INFO/GROUP_TYPE). */
  readonly type?: string;
}

type Draft = { id?: string; title?: string; type?: string };

const PROFILES: ListSpec<Draft, ProfileSummary> = {
  roots: ['OPTION_PROFILES'],
  path: ['OPTION_PROFILE'],
  record: {
    create: () => ({}),
    fields: { BASIC_INFO: group(texts<Draft>({ ID: 'id', GROUP_NAME: 'title', GROUP_TYPE: 'type' })) },
    finish: (d) => (d.id ? { id: d.id, title: d.title ?? `Profile ${d.id}`, ...(d.type ? { type: d.type } : {}) } : undefined),
  },
};

export function profileSummaryReader(): DocumentReader<ProfileSummary[]> {
  return mapReader(listReader(PROFILES), (page) => ok([...page.records]));
}

/** Reads ID, GROUP_NAME and GROUP_TYPE of every OPTION_PROFILE/BASIC_INFO of an export. */
export function profileSummaries(exportXml: string | Buffer): Result<ProfileSummary[]> {
  return readWhole(profileSummaryReader(), exportXml);
}

/** Checks that a body is a well-formed OPTION_PROFILES document, without reading its profiles. */
export function checkOptionProfiles(body: string | Buffer): Result<void> {
  return readWhole(documentReader({ OPTION_PROFILES: {} }, undefined, () => ok(undefined)), body);
}
