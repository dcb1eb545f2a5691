/**
 * curl commands pasted into a request file: where one is, what it converts to, and the diagnostic
 * it gets (an information note offering the conversion, or an error on the word the reader
 * stopped at). A block whose first request line starts with `curl` is a curl command: the other
 * request features leave it alone until it is converted.
 */
import type { RequestCatalog } from '../catalogTypes';
import { readCurl, type CurlCall } from './curlCommand';
import { curlToRequest, hostVariable, type AccountHosts } from './curlToRequest';
import { CURL_LINE } from './curlWords';

/** The bound on a command's length: anything longer is not a pasted command. */
const MAX_COMMAND = 256 * 1024;

export type CurlConversion =
  | { readonly ok: true; readonly start: number; readonly end: number; readonly text: string; readonly dropped: readonly string[]; readonly call: CurlCall }
  | { readonly ok: false; readonly start: number; readonly end: number; readonly message: string; readonly commandStart: number };

/** Whether the text of a request line (what the parser took for the URL) is a curl command. */
export function isCurlLine(line: string): boolean {
  return CURL_LINE.test(line);
}

/** A line naming what the conversion left out, so the user knows the account's credentials are used. */
function droppedNote(dropped: readonly string[]): string | undefined {
  if (dropped.length === 0) return undefined;
  return `# Left out of curl's command: ${dropped.join(', ')}. Send Request signs in with the account.`;
}

/** Whether the converted request goes to Qualys (a REST Client file's other requests are not ours). */
export function isQualysCall(call: CurlCall, catalog: RequestCatalog | undefined, account: AccountHosts = {}): boolean {
  return hostVariable(call.url, catalog, account) !== undefined;
}

/**
 * Converts the curl command that starts at `commandStart` (the `curl` word's line) and ends at
 * the reader's end (a blank line, prose, another command) or `limit`.
 */
export function convertCurlAt(text: string, commandStart: number, limit: number, catalog: RequestCatalog | undefined, account: AccountHosts = {}): CurlConversion {
  const to = Math.min(limit, commandStart + MAX_COMMAND);
  const reading = readCurl(text, commandStart, to);
  let end = reading.end;
  while (end > commandStart && /\s/.test(text[end - 1]!)) end--;
  if (!reading.ok) return { ok: false, start: reading.problem.start, end: Math.max(reading.problem.end, reading.problem.start + 1), message: reading.problem.message, commandStart };
  const note = droppedNote(reading.call.dropped);
  const request = curlToRequest(reading.call, catalog, account);
  return { ok: true, start: commandStart, end, text: note ? `${note}\n${request}` : request, dropped: reading.call.dropped, call: reading.call };
}

/** Converts a whole pasted text (the clipboard): the first curl command in it. */
export function convertCurlText(text: string, catalog: RequestCatalog | undefined, account: AccountHosts = {}): CurlConversion {
  const lines = text.split('\n');
  let offset = 0;
  for (const line of lines) {
    if (isCurlLine(line)) return convertCurlAt(text, offset + (line.length - line.trimStart().length), text.length, catalog, account);
    offset += line.length + 1;
  }
  return { ok: false, start: 0, end: Math.min(text.length, 1), message: 'There is no curl command here: a curl command starts with the word curl.', commandStart: 0 };
}
