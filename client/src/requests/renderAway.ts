/**
 * Where an answer's document is rendered (formatted and redacted): here for a small body, in the
 * API worker for a large one, which would block the extension host's thread (formatting 2 MB of
 * XML takes hundreds of milliseconds). Send Request, Send Again and the request history all render
 * through here, so the same answer reads the same wherever it is shown.
 */
import type { QualysClient } from '../api';
import { renderResponse, type RenderedResponse, type ResponseView } from './renderResponse';

/** Bodies longer than this (characters) are rendered in the API worker. */
export const RENDER_HERE_MAX = 64 * 1024;

/**
 * `own` are the values to mask besides the account's credentials (the request's and the
 * environment's secrets); `all` adds the account's (for rendering here). The worker masks the
 * account's credentials from its own client, so they never cross to it again.
 */
export async function renderAnswer(client: QualysClient, view: ResponseView, own: readonly string[], all: readonly string[]): Promise<RenderedResponse> {
  const large = view.outcome.ok && view.outcome.value.body.length > RENDER_HERE_MAX;
  // The API bundle loads with the first send; it is loaded by the time there is an answer.
  const there = large ? await (await import('../api')).renderOffThread(client, view, own) : undefined;
  // Undefined when the worker failed: rendered here then, slower but the same.
  return there ?? renderResponse(view, all);
}
