/**
 * "Download all pages" of a request in a request file (its CodeLens): the language server resolves
 * the request as for Send Request, and the download flow follows its pages into a file. Only calls
 * to the account's API server ({{baseUrl}}) that list something are downloaded; one that could
 * change data never is, whatever the CodeLens said. No `vscode` import.
 */
import type { ResolvedRequest } from '../../../protocol';
import type { DownloadRequest } from '../download/downloadFlow';
import type { Position } from './sendFlow';

/**
 * What the command needs: a way to say why nothing is downloaded, and the sidebar's download flow
 * (run through the `qualys.downloadPages` command: the flow lives in the extension's bundle).
 */
export interface DownloadRequestUi {
  error(message: string): void;
  run(request: DownloadRequest, mutating: boolean): Promise<unknown>;
}

const DETECTION_LIST = /\/fo\/asset\/host\/vm\/detection\/?$/;

export async function downloadRequestAt(ui: DownloadRequestUi, resolve: (uri: string, position: Position) => Promise<ResolvedRequest | null>, uri: string, position: Position): Promise<'started' | 'refused' | 'no-request'> {
  let resolved: ResolvedRequest | null;
  try {
    resolved = await resolve(uri, position);
  } catch (error) {
    ui.error(`The Qualys language server could not read the request: ${error instanceof Error ? error.message : String(error)}`);
    return 'no-request';
  }
  if (!resolved) {
    ui.error('There is no request here to download.');
    return 'no-request';
  }
  const { planSend } = await import('./sendModules');
  const planned = planSend(resolved, false);
  if (!planned.ok) {
    ui.error(planned.message);
    return 'refused';
  }
  if (resolved.target !== 'api' || resolved.body !== undefined) {
    ui.error(`${resolved.name}: only calls to {{baseUrl}} with their parameters in the query or a form are downloaded.`);
    return 'refused';
  }
  const method = resolved.method.toUpperCase() === 'POST' ? 'POST' : 'GET';
  const params = Object.fromEntries([...resolved.query, ...(resolved.form ?? [])]);
  const kind = DETECTION_LIST.test(resolved.url) ? 'detections' : 'records';
  await ui.run({ name: resolved.name, method, path: resolved.url, params, kind }, planned.plan.mutating);
  return 'started';
}
