/**
 * curl commands in and the account's hosts.
 *
 * `qualys/convertCurl` — sent by: the extension, for "Qualys: Paste curl as Request" (the clipboard's
 * text). Answered by: the language server, with the same converter as the code action "Convert curl
 * command to request": the request text (credentials never in it) or the problem and where in the
 * text the reader stopped.
 *
 * `qualys/accountHosts` — sent by: the extension, at start and whenever the active account changes.
 * The origins of the account's API and gateway (never a credential), so that a curl command to the
 * account's own host (a private platform, the simulator) converts to `{{baseUrl}}`/`{{gatewayUrl}}`.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export interface AccountHostsParams {
  /** `https://qualysapi.qualys.com`: the API origin of the signed-in account, if any. */
  readonly api?: string;
  readonly gateway?: string;
}

export interface ConvertCurlParams {
  readonly text: string;
}

export type ConvertCurlResult =
  | { readonly ok: true; readonly request: string; readonly dropped: readonly string[] }
  | {
      readonly ok: false;
      readonly message: string;
      /** The word of `text` the reader stopped at (offsets into `text`). */
      readonly start: number;
      readonly end: number;
    };

// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace ConvertCurlRequest {
  export const method = 'qualys/convertCurl';
  export const type = new RequestType<ConvertCurlParams, ConvertCurlResult, void>(method);
}

// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace AccountHostsNotification {
  export const method = 'qualys/accountHosts';
  export const type = new NotificationType<AccountHostsParams>(method);
}
