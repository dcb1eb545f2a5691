/**
 * Sending one request of a request file, with its chain: the one place that resolves and sends.
 * "Send Request" in VS Code and the command-line runner both call `sendWithChain`; they differ only
 * in their `RequestSource` (the language server, or the parser on the file's text), their answer
 * store and how they confirm a change.
 *
 * The order: every request the chosen one references (`{{launch.response…}}`) that has no answer
 * yet is sent first, depth first, each once; a cycle or a missing name stops before anything is sent.
 * Every request in the chain that changes data is confirmed before the first one is sent (declining
 * one sends nothing). Then each is sent in order, its references filled from the answers before it;
 * a dependency that fails, answers with a Qualys error, or leaves a reference empty stops the chain
 * there. Each answer with a `# @name` is kept for the requests that read it.
 */
import { send, type QualysClient, type Result, type SendResponse } from '../../api';
import type { ResolvedRequest } from '../../../../protocol';
import type { ChainReference } from '../../../../protocol';
import { chainValues } from './chainValues';
import { planSend, type SendPlan } from '../sendPlan';
import type { AnswerScope } from './answers';
import { fillTemplates } from './fill';

/** How requests of the file are read: by position (the one the user chose) or by `# @name`. */
export interface RequestSource {
  named(name: string): Promise<ResolvedRequest | null>;
}

/** Environment variables (environments/): a value, or undefined when the active environment has none. */
export type VariableLookup = (name: string) => Promise<string | undefined>;

export interface Step {
  readonly resolved: ResolvedRequest;
  /** The plan before references are filled: endpoint, action, whether it changes data. */
  readonly plan: SendPlan;
  /** The request whose reference made this one part of the chain; undefined for the chosen request. */
  readonly neededBy?: string;
}

export interface Exchange {
  readonly step: Step;
  /** The plan as sent (references filled). */
  readonly plan: SendPlan;
  readonly sentAt: Date;
  readonly outcome: Result<SendResponse>;
}

export interface ExchangeDeps {
  readonly source: RequestSource;
  readonly client: QualysClient;
  readonly answers: AnswerScope;
  readonly variables?: VariableLookup;
  /** Asked once for each request of the chain that changes data, before anything is sent; true sends it. */
  confirm(step: Step): Promise<boolean>;
  readonly signal?: AbortSignal;
  /** Told after each exchange, the chain's first. */
  onExchange?(exchange: Exchange): void | Promise<void>;
  readonly now?: () => Date;
}

export type ExchangeResult =
  | { readonly ok: true; readonly exchanges: readonly Exchange[] }
  | { readonly ok: false; readonly reason: 'not-sendable' | 'declined' | 'cancelled' | 'chain-failed'; readonly message: string; readonly exchanges: readonly Exchange[]; readonly declined?: Step };

/** A chain longer than this is refused before anything is sent. */
export const MAX_CHAIN = 16;

export interface Filled {
  readonly resolved: ResolvedRequest;
  /** Names referenced whose answer is not there yet. */
  readonly pending: readonly string[];
  /** References whose answer is there but yields no value, with the reason. */
  readonly problems: readonly string[];
}

/**
 * Fills environment variables and the references whose answers are kept; says what is still
 * missing. The references of one answer are evaluated together, in the chain worker (chainValues.ts).
 */
export async function fillKnown(resolved: ResolvedRequest, answers: AnswerScope, variables?: VariableLookup, signal?: AbortSignal): Promise<Filled> {
  const values = new Map<string, string>();
  if (variables) {
    for (const name of resolved.unresolved) {
      const value = await variables(name);
      if (value !== undefined) values.set(name, value);
    }
  }
  const pending = new Set<string>();
  const problems: string[] = [];
  const byAnswer = new Map<string, ChainReference[]>();
  for (const reference of resolved.references ?? []) {
    if (!answers.get(reference.name)) pending.add(reference.name);
    else byAnswer.set(reference.name, [...(byAnswer.get(reference.name) ?? []), reference]);
  }
  for (const [name, references] of byAnswer) {
    const found = await chainValues().values(answers.get(name)!, references, signal);
    references.forEach((reference, i) => {
      const value = found[i]!;
      if (value.ok) values.set(reference.text, value.value);
      else problems.push(`{{${reference.text}}}: ${value.message}`);
    });
  }
  return { resolved: fillTemplates(resolved, values), pending: [...pending], problems };
}

function label(resolved: ResolvedRequest): string {
  return resolved.requestName ?? resolved.name;
}

export type ChainPlan = { readonly ok: true; readonly steps: readonly Step[] } | { readonly ok: false; readonly message: string };

type PlanDeps = Pick<ExchangeDeps, 'source' | 'answers' | 'variables'>;

/** The requests to send, dependencies first; nothing may be sent when it fails (a cycle, a missing name, a request that cannot be sent). */
export async function planChain(deps: PlanDeps, chosen: ResolvedRequest): Promise<ChainPlan> {
  const order: Step[] = [];
  const visiting: string[] = [];
  const placed = new Set<string>();
  const visit = async (resolved: ResolvedRequest, neededBy?: string): Promise<string | undefined> => {
    const name = resolved.requestName;
    if (name) visiting.push(name);
    const filled = await fillKnown(resolved, deps.answers, deps.variables);
    for (const dependency of filled.pending) {
      if (placed.has(dependency)) continue;
      if (visiting.includes(dependency)) return `${[...visiting, dependency].join(' → ')} is a cycle: no request of it can be sent first.`;
      if (order.length >= MAX_CHAIN) return `The chain is longer than ${MAX_CHAIN} requests.`;
      const next = await deps.source.named(dependency);
      if (!next) return `${label(resolved)} reads the answer of '${dependency}', but no request of the file is named '${dependency}'.`;
      const problem = await visit(next, resolved.name);
      if (problem) return problem;
    }
    const planned = planSend(filled.resolved, resolved.changesData ?? false);
    if (!planned.ok) return planned.message;
    if (name) {
      visiting.pop();
      placed.add(name);
    }
    order.push({ resolved, plan: planned.plan, ...(neededBy ? { neededBy } : {}) });
    return undefined;
  };
  const problem = await visit(chosen);
  return problem ? { ok: false, message: problem } : { ok: true, steps: order };
}

type SendDeps = Pick<ExchangeDeps, 'client' | 'answers' | 'variables' | 'signal' | 'onExchange' | 'now'>;

/** Sends planned (and confirmed) steps in order, each with the answers before it. */
export async function sendSteps(deps: SendDeps, steps: readonly Step[]): Promise<ExchangeResult> {
  const exchanges: Exchange[] = [];
  const fail = (reason: 'not-sendable' | 'cancelled' | 'chain-failed', message: string): ExchangeResult => ({ ok: false, reason, message, exchanges });
  for (const step of steps) {
    const last = step === steps[steps.length - 1];
    const filled = await fillKnown(step.resolved, deps.answers, deps.variables, deps.signal);
    if (filled.pending.length > 0 || filled.problems.length > 0) {
      const why = filled.problems.length > 0 ? filled.problems.join(' ') : `no answer of ${filled.pending.join(', ')} is kept.`;
      return fail('chain-failed', `${step.plan.name} was not sent: ${why}`);
    }
    const planned = planSend(filled.resolved, step.resolved.changesData ?? false);
    if (!planned.ok) return fail('not-sendable', planned.message);
    const sentAt = (deps.now ?? (() => new Date()))();
    const outcome = await send(deps.client, planned.plan.request, deps.signal ? { signal: deps.signal } : {});
    const exchange: Exchange = { step, plan: planned.plan, sentAt, outcome };
    exchanges.push(exchange);
    await deps.onExchange?.(exchange);
    if (!outcome.ok && outcome.error.kind === 'cancelled') return fail('cancelled', `${step.plan.name} was cancelled.`);
    const answered = outcome.ok && !outcome.value.qualysError && outcome.value.status < 400;
    const name = step.resolved.requestName;
    if (answered && name) {
      const { status, headers, body } = outcome.value;
      deps.answers.set(name, { status, headers, body: planned.plan.answerIsCredential ? '' : body, receivedAt: sentAt });
    }
    if (!answered && !last) {
      const error = outcome.ok ? outcome.value.qualysError : outcome.error;
      const why = error ? `${error.code ? `CODE ${error.code}: ` : ''}${error.text ?? error.message}` : `HTTP ${outcome.ok ? outcome.value.status : ''}`;
      const target = steps[steps.length - 1]!.plan.name;
      return fail('chain-failed', `${step.plan.name} answered ${why}; ${target} was not sent.`);
    }
  }
  return { ok: true, exchanges };
}

/** Plan, confirm every change, send: the whole of "send this request" for callers without a UI of their own (the runner). */
export async function sendWithChain(deps: ExchangeDeps, chosen: ResolvedRequest): Promise<ExchangeResult> {
  const planned = await planChain(deps, chosen);
  if (!planned.ok) return { ok: false, reason: 'not-sendable', message: planned.message, exchanges: [] };
  for (const step of planned.steps) {
    if (step.plan.mutating && !(await deps.confirm(step))) {
      return { ok: false, reason: 'declined', message: `${step.plan.name} changes data and was not confirmed: nothing was sent.`, exchanges: [], declined: step };
    }
  }
  return sendSteps(deps, planned.steps);
}
