/** Option profile export (read-only, XML text) and import (mutating: POST of the whole document). */
import type { CallOptions, QualysClient } from '../client';
import { OPERATIONS } from '../operations';
import { ok, type Result } from '../result';
import { checkOptionProfiles, profileSummaryReader, type ProfileSummary } from '../parse/optionProfileList';
import { parseSimpleReturn, type SimpleReturn } from '../parse/simpleReturn';

const PATH = '/api/2.0/fo/subscription/option_profile/';

export interface ExportOptions extends CallOptions {
  readonly optionProfileId?: string;
  readonly optionProfileTitle?: string;
  readonly optionProfileType?: 'user' | 'compliance' | 'pci';
  readonly includeSystemOptionProfiles?: boolean;
}

/**
 * GET ?action=export&output_format=xml. Answers the OPTION_PROFILES document as text (for the editor),
 * after checking it is one.
 */
export function exportOptionProfiles(client: QualysClient, options: ExportOptions = {}): Promise<Result<string>> {
  return client.execute(
    {
      operation: OPERATIONS.optionProfileExport,
      method: 'GET',
      path: PATH,
      query: {
        action: 'export',
        output_format: 'xml',
        option_profile_id: options.optionProfileId,
        option_profile_title: options.optionProfileTitle,
        option_profile_type: options.optionProfileType,
        include_system_option_profiles: options.includeSystemOptionProfiles ? 1 : undefined,
      },
      auth: 'basic',
    },
    (raw) => {
      const checked = checkOptionProfiles(raw.body);
      return checked.ok ? ok(raw.body.toString('utf8')) : checked;
    },
    options,
  );
}

/**
 * The account's option profiles as a list (ID, title, type), read from the export as it streams:
 * a large export is never held whole nor parsed in one go on the calling thread.
 */
export function listOptionProfiles(client: QualysClient, options: CallOptions = {}): Promise<Result<ProfileSummary[]>> {
  return client.execute(
    { operation: OPERATIONS.optionProfileExport, method: 'GET', path: PATH, query: { action: 'export', output_format: 'xml' }, auth: 'basic' },
    { stream: () => profileSummaryReader() },
    options,
  );
}

/** POST ?action=import with the OPTION_PROFILES document as a text/xml body. */
export function importOptionProfiles(client: QualysClient, xml: string, options: CallOptions = {}): Promise<Result<SimpleReturn>> {
  return client.execute(
    { operation: OPERATIONS.optionProfileImport, method: 'POST', path: PATH, query: { action: 'import' }, body: xml, contentType: 'text/xml', auth: 'basic' },
    (raw) => parseSimpleReturn(raw.body),
    options,
  );
}
