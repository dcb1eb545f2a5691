/**
 * "Send Request" from start to end: resolve (the language server reads the request) → plan (can it
 * be sent, does it change data) → account → confirm when it changes data → send with the API client,
 * cancellable → render the response document. The VS Code parts (the LSP request, the modal, the
 * progress notification, the editor) come in through `SendUi`, so the flow is tested without VS Code.
 */
import type { ResolvedRequest } from '../../../protocol';
import type { QualysClient, Result, SendResponse } from '../api';
import type { AccountLike, AccountSource, RequestLog } from './accountSource';
import type { RenderedResponse } from './renderResponse';
import { renderAnswer } from './renderAway';
import type { BodyFileReader } from './bodyFile';
import type { SendPlan } from './sendPlan';
import { AnswerStore } from './exchange/answers';
import type { VariableLookup } from './exchange/exchange';

/** Bodies up to this many characters are formatted on this thread (a few milliseconds); larger ones in the API worker. */
export { RENDER_HERE_MAX } from './renderAway';

export interface Position {
  readonly line: number;
  readonly character: number;
}

/** What the command was invoked on: the CodeLens's arguments, or the cursor. */
export interface SendTarget {
  readonly uri: string;
  readonly position: Position;
  /** The catalog's verdict carried by the CodeLens. */
  readonly changesData?: boolean;
}

export interface SendUi {
  resolve(uri: string, position: Position): Promise<ResolvedRequest | null>;
  /** The request of the file named `# @name name` (a chained request's dependency). */
  resolveNamed?(uri: string, name: string): Promise<ResolvedRequest | null>;
  /** A modal question; true only when the user chose to send. */
  confirm(question: { readonly message: string; readonly detail: string }): Promise<boolean>;
  /** Signed out: a message with a Sign In button. */
  signInNeeded(message: string): Promise<void>;
  error(message: string): void;
  /** Runs the work under a cancellable progress notification; cancelling aborts the signal. */
  withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  show(response: RenderedResponse, name: string): Promise<void>;
}

export type SendOutcome = 'shown' | 'no-request' | 'not-sendable' | 'signed-out' | 'declined' | 'cancelled';

/** How many of a request's assertions held and failed on its answer (Run All). */
export interface AssertionTally {
  readonly passed: number;
  readonly failed: number;
}

export interface SentExchange {
  readonly plan: SendPlan;
  readonly outcome: Result<SendResponse>;
  readonly sentAt: Date;
  readonly client: QualysClient;
  readonly account: AccountLike;
  readonly source: { readonly uri: string; readonly line: number };
  readonly origin?: 'send' | 'run' | 'again';
  /** Values to mask besides the account's and the request's own (the environment's secrets). */
  readonly secrets?: readonly string[];
  /** The answer's document as Send Request renders it to show (with `secrets` masked): the history stores it instead of rendering it again. */
  readonly rendered?: Promise<RenderedResponse>;
  /** Run All's verdict on the request's assertions, settled once they are evaluated (undefined: none). */
  readonly checks?: Promise<AssertionTally | undefined>;
}

/** Hears every request that was sent, with its outcome (the request history records it). */
export type SentListener = (sent: SentExchange) => void;

export interface SendDeps {
  readonly ui: SendUi;
  readonly accounts: AccountSource;
  readonly log: RequestLog;
  readonly now?: () => Date;
  /** The answers chained requests read (per file); a fresh store when not given. */
  readonly answers?: AnswerStore;
  /** The active environment's variables. */
  readonly variables?: VariableLookup;
  /** Values to mask besides the account's (the environment's secrets used so far). */
  readonly extraSecrets?: () => readonly string[];
  /** Reads the `< path` bodies of a request file (bodyFile.ts); without it such a request is not sent. */
  readonly bodyFiles?: (uri: string) => BodyFileReader;
  /** Hears every exchange, a chain's dependencies included (the request history). */
  readonly sent?: SentListener;
}

export const SIGN_IN_MESSAGE = 'Sign in to a Qualys account to send requests.';

export async function sendRequestAt(deps: SendDeps, target: SendTarget): Promise<SendOutcome> {
  const { ui, accounts, log } = deps;
  let resolved: ResolvedRequest | null;
  try {
    resolved = await ui.resolve(target.uri, target.position);
  } catch (error) {
    // The language server is starting, restarting or gone: say so instead of failing silently.
    ui.error(`The Qualys language server could not read the request: ${error instanceof Error ? error.message : String(error)}`);
    return 'no-request';
  }
  if (!resolved) {
    ui.error('There is no request here to send.');
    return 'no-request';
  }
  // The exchange, the plan and the API client load with the first send (dist/api.js), not with the language client.
  const { confirmationMessage, planChain, secretsOf, sendSteps } = await import('./sendModules');
  const answers = (deps.answers ?? new AnswerStore()).for(target.uri);
  const source = { named: async (name: string) => (ui.resolveNamed ? await ui.resolveNamed(target.uri, name) : null) };
  const chosen = target.changesData ? { ...resolved, changesData: true } : resolved;
  const readBodyFile = deps.bodyFiles ? { readBodyFile: deps.bodyFiles(target.uri) } : {};
  let planned;
  try {
    planned = await planChain({ source, answers, ...readBodyFile, ...(deps.variables ? { variables: deps.variables } : {}) }, chosen);
  } catch (error) {
    ui.error(`The Qualys language server could not read the request: ${error instanceof Error ? error.message : String(error)}`);
    return 'no-request';
  }
  if (!planned.ok) {
    ui.error(planned.message);
    return 'not-sendable';
  }
  const client = await accounts.getActiveClient();
  const account = accounts.activeAccount();
  if (!client || !account) {
    await ui.signInNeeded(SIGN_IN_MESSAGE);
    return 'signed-out';
  }
  for (const step of planned.steps) {
    if (!step.plan.mutating) continue;
    if (!(await ui.confirm(confirmationMessage(step.plan, account.label, step.neededBy)))) {
      log.info(`Send Request: ${step.plan.endpoint} not sent (the user declined a request that changes data).`);
      return 'declined';
    }
  }
  const shown: { rendered: Promise<RenderedResponse>; plan: SendPlan }[] = [];
  const title = planned.steps.length > 1 ? `Sending ${planned.steps.map((s) => s.plan.name).join(' → ')}` : `Sending ${planned.steps[0]!.plan.name}`;
  const result = await ui.withProgress(title, (signal) =>
    sendSteps(
      {
        client,
        answers,
        signal,
        ...readBodyFile,
        ...(deps.variables ? { variables: deps.variables } : {}),
        ...(deps.now ? { now: deps.now } : {}),
        onExchange: ({ step, plan, outcome, sentAt }) => {
          if (!outcome.ok && outcome.error.kind === 'cancelled') return;
          const extra = deps.extraSecrets?.() ?? [];
          const view = { name: plan.name, endpoint: plan.endpoint, account: account.label, sentAt, outcome, hideBody: plan.answerIsCredential };
          // Rendered once, for the document shown and the history's record; a large answer in the API worker (it would block this thread).
          const rendered = renderAnswer(client, view, [...plan.secrets, ...extra], [...secretsOf(plan, client), ...extra]);
          // Awaited below; this keeps a failed render from being reported unhandled meanwhile.
          rendered.catch(() => undefined);
          deps.sent?.({ plan, outcome, sentAt, client, account, source: { uri: target.uri, line: step.resolved.line }, secrets: extra, rendered });
          if (!outcome.ok) log.apiError(`Send Request ${plan.endpoint}`, outcome.error);
          else if (outcome.value.qualysError) log.apiError(`Send Request ${plan.endpoint}`, outcome.value.qualysError);
          else log.info(`Send Request: ${plan.endpoint} answered HTTP ${outcome.value.status} in ${outcome.value.durationMs} ms.`);
          shown.push({ rendered, plan });
        },
      },
      planned.steps,
    ),
  );
  for (const { rendered, plan } of shown) await ui.show(await rendered, plan.name);
  if (!result.ok && result.reason === 'cancelled') {
    log.info(`Send Request: ${result.message}`);
    return shown.length > 0 ? 'shown' : 'cancelled';
  }
  if (!result.ok) ui.error(result.message);
  return shown.length > 0 ? 'shown' : 'not-sendable';
}
