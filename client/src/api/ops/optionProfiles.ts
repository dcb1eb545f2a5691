/** Option profile export (read-only, XML text) and import (mutating: POST of the whole document). */
import type { CallOptions, QualysClient } from '../client';
import { apiError } from '../errors';
import { OPERATIONS } from '../operations';
import { fail, ok, type Result } from '../result';
import { parseSimpleReturn, type SimpleReturn } from '../parse/simpleReturn';
import { parseXml } from '../xml';

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
      const body = raw.body.toString('utf8');
      const doc = parseXml(body);
      if (!doc.ok) return doc;
      if (doc.value.root !== 'OPTION_PROFILES') return fail(apiError('malformed', `Expected OPTION_PROFILES, got ${doc.value.root}.`));
      return ok(body);
    },
    options,
  );
}

/** POST ?action=import with the OPTION_PROFILES document as a text/xml body. */
export function importOptionProfiles(client: QualysClient, xml: string, options: CallOptions = {}): Promise<Result<SimpleReturn>> {
  return client.execute(
    { operation: OPERATIONS.optionProfileImport, method: 'POST', path: PATH, query: { action: 'import' }, body: xml, contentType: 'text/xml', auth: 'basic' },
    (raw) => parseSimpleReturn(raw.body.toString('utf8')),
    options,
  );
}
