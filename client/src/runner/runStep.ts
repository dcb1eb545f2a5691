/**
 * One request of a run, start to end: plan (can it be sent, does it change data) → may it change
 * data? → send → evaluate its assertions. "Run All Requests" in VS Code and the command line both
 * run a file as a loop over `runStep`; what differs between them comes in through `StepContext`
 * (whether a change may be sent, where assertions are evaluated, what is recorded). The request
 * comes in resolved (protocol/resolveFile.ts). A step sends through the exchange Send Request uses
 * (requests/exchange/exchange.ts): a request that reads `{{launch.response…}}` takes the answer an
 * earlier step of the run kept, and a named request not answered yet in this run is sent first,
 * as Send Request would, each of them heard by `StepContext.sent` (the history's one hook).
 */
import type { Assertion, ResolvedRequest, RunnableRequest } from '../../../protocol';
import type { ApiError, QualysClient, Result, SendResponse } from '../api';
import type { AnswerScope } from '../requests/exchange/answers';
import type { RequestSource, Step, VariableLookup } from '../requests/exchange/exchange';
import type { SendPlan } from '../requests/sendPlan';
import type { AssertionTally } from '../requests/sendFlow';
import type { BodyFileReader } from '../requests/bodyFile';
import type { Answer, AssertionResult } from './evaluate';

export type StepOutcome = 'passed' | 'failed' | 'skipped' | 'errored';

export interface StepResult {
  readonly request: RunnableRequest;
  readonly outcome: StepOutcome;
  /** Why the step failed, errored or was skipped, in one sentence. */
  readonly message?: string;
  readonly assertions: readonly AssertionResult[];
  /** The answer, when one came. */
  readonly answer?: Answer;
  /** The API error, when the call failed without an answer or with an auth failure. */
  readonly error?: ApiError;
  /** The run cannot go on: credentials refused, the account blocked, or the network gone. */
  readonly stopsRun?: boolean;
  readonly durationMs: number;
}

export interface StepContext {
  readonly client: QualysClient;
  readonly signal?: AbortSignal;
  /** The run's answers (one scope per run: a reference reads what this run received) and where a named request is read. */
  readonly answers: AnswerScope;
  readonly source: RequestSource;
  /** The active environment's variables (VS Code). */
  readonly variables?: VariableLookup;
  /** Reads a `< path` body (requests/bodyFile.ts); without it such a request errors. */
  readonly readBodyFile?: BodyFileReader;
  /** Adjusts a request before it is planned; identity by default. */
  prepare?(request: RunnableRequest): Promise<RunnableRequest | { readonly problem: string }>;
  /**
   * Whether a request that changes data may be sent: the command line's --allow-writes, VS Code's
   * question. `neededBy` names the request whose reference made a dependency part of the step.
   */
  allowChange(plan: SendPlan, request: ResolvedRequest, neededBy?: string): Promise<boolean>;
  /** Evaluates assertions on an answer (inline on the command line, in a worker in VS Code). */
  evaluate(assertions: readonly Assertion[], answer: Answer): Promise<AssertionResult[]>;
  /** Hears every call that was sent, a dependency's too, with its outcome (history). Never fails the run. */
  sent?(plan: SendPlan, request: ResolvedRequest, outcome: Result<SendResponse>, sentAt: Date, checks?: Promise<AssertionTally | undefined>): Promise<void> | void;
}

/** Kinds of failure after which no later request can succeed. */
const STOPS_RUN = new Set(['auth', 'account', 'network', 'timeout', 'config']);

/** The CODE and TEXT an answer carries: the API client's decoded error, else a QPS responseCode. */
export function answerOf(response: SendResponse): Answer {
  const size = Buffer.byteLength(response.body);
  const qpsCode = response.qualysError ? undefined : /<responseCode>\s*([A-Z_]+)\s*<\/responseCode>/.exec(response.body.slice(0, 4096))?.[1];
  const code = response.qualysError?.code ?? qpsCode;
  const text = response.qualysError?.text;
  return { status: response.status, headers: response.headers, body: response.body, durationMs: response.durationMs, size, ...(code ? { code } : {}), ...(text ? { text } : {}) };
}

function badAssertionResults(request: RunnableRequest): AssertionResult[] {
  return (request.badAssertions ?? []).map((bad) => ({
    assertion: { field: '', operator: '', source: bad.source, line: bad.line },
    outcome: 'failed',
    message: `${bad.source}: ${bad.problem}`,
  }));
}

function verdict(results: readonly AssertionResult[], answer: Answer, response: SendResponse): { outcome: StepOutcome; message?: string } {
  const failed = results.filter((r) => r.outcome === 'failed');
  if (failed.length > 0) return { outcome: 'failed', message: failed.map((r) => r.message).join('; ') };
  if (results.some((r) => r.outcome === 'passed')) return { outcome: 'passed' };
  // Without assertions (or only skipped ones) a request passes when its answer is no error.
  if (response.qualysError || answer.status >= 400) {
    const error = response.qualysError;
    const what = error?.code !== undefined ? `Qualys CODE ${error.code}${error.text ? `: ${error.text}` : ''}` : error?.message ?? 'an error status';
    return { outcome: 'failed', message: `HTTP ${answer.status}, ${what} (add assertions such as '?? status == ${answer.status}' when this answer is expected).` };
  }
  return { outcome: 'passed' };
}

export async function runStep(original: RunnableRequest, context: StepContext): Promise<StepResult> {
  // The request's own call is recorded with its assertions' verdict, known only after the answer is
  // checked: the history waits for this promise, settled on every way out.
  let settle: (tally: AssertionTally | undefined) => void = () => undefined;
  const checks = new Promise<AssertionTally | undefined>((resolve) => (settle = resolve));
  try {
    const step = await runStepChecked(original, context, checks);
    const counted = step.assertions.filter((r) => r.outcome !== 'skipped');
    settle(counted.length > 0 ? { passed: counted.filter((r) => r.outcome === 'passed').length, failed: counted.filter((r) => r.outcome === 'failed').length } : undefined);
    return step;
  } finally {
    settle(undefined);
  }
}

async function runStepChecked(original: RunnableRequest, context: StepContext, checks: Promise<AssertionTally | undefined>): Promise<StepResult> {
  const started = Date.now();
  const result = (fields: Omit<StepResult, 'durationMs' | 'request' | 'assertions'> & { assertions?: readonly AssertionResult[] }): StepResult => ({
    request: original,
    assertions: [],
    ...fields,
    durationMs: Date.now() - started,
  });
  const prepared = context.prepare ? await context.prepare(original) : original;
  if ('problem' in prepared) return result({ outcome: 'errored', message: prepared.problem });
  const request = prepared;
  const { planChain, sendSteps } = await import('../requests/sendModules');
  const variables = { ...(context.variables ? { variables: context.variables } : {}), ...(context.readBodyFile ? { readBodyFile: context.readBodyFile } : {}) };
  // The request and, first, every named request it reads that this run has no answer of yet.
  const planned = await planChain({ source: context.source, answers: context.answers, ...variables }, request);
  if (!planned.ok) return result({ outcome: 'errored', message: planned.message });
  for (const step of planned.steps) {
    if (step.plan.mutating && !(await context.allowChange(step.plan, step.resolved, step.neededBy))) {
      const what = `${step.plan.endpoint}${step.plan.action ? ` (action=${step.plan.action})` : ''} changes data and was not sent`;
      return result({ outcome: 'skipped', message: step.neededBy ? `"${step.plan.name}" ${what}; this request reads its answer and was not sent either.` : `${what}.` });
    }
  }
  let last: { plan: SendPlan; outcome: Result<SendResponse> } | undefined;
  const sent = await sendSteps(
    {
      client: context.client,
      answers: context.answers,
      ...variables,
      ...(context.signal ? { signal: context.signal } : {}),
      onExchange: async ({ step, plan, outcome, sentAt }: { step: Step; plan: SendPlan; outcome: Result<SendResponse>; sentAt: Date }) => {
        const own = step === planned.steps[planned.steps.length - 1];
        if (own) last = { plan, outcome };
        // A call the user cancelled is not recorded (Send Request does not record one either).
        if (!outcome.ok && outcome.error.kind === 'cancelled') return;
        try {
          await context.sent?.(plan, step.resolved, outcome, sentAt, own ? checks : undefined);
        } catch {
          // Recording is best effort: a full disk never fails a test.
        }
      },
    },
    planned.steps,
  );
  if (!last) {
    // A dependency failed (or left a reference empty): the request itself was not sent.
    const cancelled = !sent.ok && sent.reason === 'cancelled';
    return result({ outcome: cancelled ? 'skipped' : 'errored', message: sent.ok ? 'The request was not sent.' : sent.message, ...(cancelled ? { stopsRun: true } : {}) });
  }
  const { outcome } = last;
  if (!outcome.ok) {
    const error = outcome.error;
    if (error.kind === 'cancelled') return result({ outcome: 'skipped', message: 'The run was cancelled.', error, stopsRun: true });
    return result({ outcome: 'errored', message: `No answer: ${error.message}`, error, stopsRun: STOPS_RUN.has(error.kind) });
  }
  const response = outcome.value;
  const answer = answerOf(response);
  const authFailure = response.qualysError && (response.qualysError.kind === 'auth' || response.qualysError.kind === 'account');
  if (authFailure) {
    const error = response.qualysError!;
    return result({ outcome: 'errored', message: `HTTP ${response.status}: ${error.code ? `CODE ${error.code} ` : ''}${error.text ?? error.message}`, answer, error, stopsRun: true });
  }
  const evaluated = request.assertions?.length ? await context.evaluate(request.assertions, answer) : [];
  const results = [...evaluated, ...badAssertionResults(request)].sort((a, b) => a.assertion.line - b.assertion.line);
  return result({ ...verdict(results, answer, response), assertions: results, answer });
}

export interface RunSummary {
  readonly results: readonly StepResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly errored: number;
  /** A step stopped the run (auth, account, network); the requests after it were not run. */
  readonly stopped?: StepResult;
}

/**
 * Runs the requests in order; after a step that stops the run, the rest are reported as skipped.
 * `onResult` hears each result as it comes (the Test Explorer shows them one by one).
 */
export async function runRequests(requests: readonly RunnableRequest[], context: StepContext, onStart?: (request: RunnableRequest) => void, onResult?: (result: StepResult) => void): Promise<RunSummary> {
  const results: StepResult[] = [];
  let stopped: StepResult | undefined;
  for (const request of requests) {
    let step: StepResult;
    if (stopped || context.signal?.aborted) {
      const why = stopped ? `Not run: the run stopped at "${stopped.request.name}" (${stopped.message ?? stopped.outcome}).` : 'Not run: the run was cancelled.';
      step = { request, outcome: 'skipped', message: why, assertions: [], durationMs: 0 };
    } else {
      onStart?.(request);
      step = await runStep(request, context);
      if (step.stopsRun) stopped = step;
    }
    results.push(step);
    onResult?.(step);
  }
  const count = (outcome: StepOutcome): number => results.filter((r) => r.outcome === outcome).length;
  return { results, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), errored: count('errored'), ...(stopped ? { stopped } : {}) };
}
