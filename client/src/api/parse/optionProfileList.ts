/**
 * The option profiles of an export (OPTION_PROFILES, as `?action=export` answers it), read as it
 * streams: for each OPTION_PROFILE only BASIC_INFO's ID, GROUP_NAME and GROUP_TYPE (the picker's and
 * completion's rows); the rest of a profile is skipped without being decoded.
 */
import { ok, type Result } from '../result';
import { documentReader, readWhole, type DocumentReader } from '../stream/documentReader';
import type { Rule, Rules } from '../stream/recordReader';
import { field, group } from '../stream/pageRules';

export interface ProfileSummary {
  readonly id: string;
  readonly title: string;
  /** user, compliance, pci... (BASIC_INFO/GROUP_TYPE). */
  readonly type?: string;
}

type Draft = { id?: string; title?: string; type?: string };

const profileRule: Rule<ProfileSummary[], Draft> = {
  create: () => ({}),
  children: {
    BASIC_INFO: group<Draft>({
      ID: field<Draft>((d, v) => (d.id = v)),
      GROUP_NAME: field<Draft>((d, v) => (d.title = v)),
      GROUP_TYPE: field<Draft>((d, v) => (d.type = v)),
    }),
  },
  done: (list, d) => {
    if (d.id) list.push({ id: d.id, title: d.title ?? `Profile ${d.id}`, ...(d.type ? { type: d.type } : {}) });
  },
};

const RULES: Rules<ProfileSummary[]> = { OPTION_PROFILES: group<ProfileSummary[]>({ OPTION_PROFILE: profileRule }) };

export function profileSummaryReader(): DocumentReader<ProfileSummary[]> {
  return documentReader(RULES, [] as ProfileSummary[], (list) => ok(list));
}

/** Reads ID, GROUP_NAME and GROUP_TYPE of every OPTION_PROFILE/BASIC_INFO of an export. */
export function profileSummaries(exportXml: string | Buffer): Result<ProfileSummary[]> {
  return readWhole(profileSummaryReader(), exportXml);
}

/** Checks that a body is a well-formed OPTION_PROFILES document, without reading its profiles. */
export function checkOptionProfiles(body: string | Buffer): Result<void> {
  return readWhole(documentReader({ OPTION_PROFILES: {} }, undefined, () => ok(undefined)), body);
}
