/**
 * Option profiles as the export API lists them, for the "Export Option Profile to Editor" picker,
 * and Qualys' answer to an import as one sentence. No `vscode` import.
 */
import { exportOptionProfiles, optionProfilesInWorker, profileSummaries, type ApiError, type CallOptions, type ProfileSummary, type QualysClient, type Result, type SimpleReturn } from '../api';

export { profileSummaries, type ProfileSummary };

/** The account's option profiles (one export call, user and compliance profiles), read in the API worker. */
export function listProfiles(client: QualysClient, options: CallOptions = {}): Promise<Result<ProfileSummary[]>> {
  return optionProfilesInWorker(client, options.signal);
}

/** One profile's XML, as Qualys exports it, for the editor. */
export function exportProfile(client: QualysClient, id: string, options: CallOptions = {}): Promise<Result<string>> {
  return exportOptionProfiles(client, { ...options, optionProfileId: id });
}

/** What the user is told after an import: the new profile's id, or Qualys' CODE and TEXT. */
export function importOutcome(result: Result<SimpleReturn>): { readonly ok: boolean; readonly message: string } {
  if (!result.ok) return { ok: false, message: importFailure(result.error) };
  const answer = result.value;
  const ids = answer.items.filter((i) => i.key).map((i) => (i.values[0] ? `${i.key} (${i.values[0]})` : i.key));
  const said = answer.text ? ` Qualys: ${answer.text}` : '';
  if (ids.length === 1) return { ok: true, message: `Option profile imported: new profile ID ${ids[0]}.${said}` };
  if (ids.length > 1) return { ok: true, message: `Option profiles imported: new profile IDs ${ids.join(', ')}.${said}` };
  return { ok: true, message: `Option profile imported.${said || ' Qualys returned no profile ID.'}` };
}

export function importFailure(error: ApiError): string {
  if (error.code) return `Qualys refused the import: CODE ${error.code}: ${error.text ?? error.message}`;
  return `The import failed: ${error.message}`;
}
