/**
 * Checks one parsed request against the catalog: endpoint, method, action, every parameter's
 * name and value, then the endpoint's rules (required, conflicts, conditions, host selection).
 * Works on offsets; the service turns problems into LSP diagnostics.
 */
import { NearMissMemo } from '../common/nearMiss';
import type { ActionSpec, Condition, EndpointSpec, RequestCatalog, Rule, VersionSpec } from './catalogTypes';
import { matchEndpoint } from './endpointMatch';
import { pathVerdict } from './pathNearMiss';
import type { ParamToken, ParsedRequest, Token } from './requestParser';
import type { MessageId } from './requestMessages';
import { checkValue, isIdList, isSingleIp } from './valueCheck';
import { MAX_PROBLEMS, quote } from '../util/limits';

const suggestions = new NearMissMemo();

/** Every action and parameter name of the catalog: on a partial endpoint, a real name is no typo. */
interface CatalogNames {
  readonly actions: ReadonlySet<string>;
  readonly params: ReadonlySet<string>;
}
const namesCache = new WeakMap<RequestCatalog, CatalogNames>();

function namesOf(catalog: RequestCatalog): CatalogNames {
  let names = namesCache.get(catalog);
  if (!names) {
    names = {
      actions: new Set(catalog.endpoints.flatMap((e) => [...e.actions.keys()])),
      params: new Set(catalog.endpoints.flatMap((e) => [...e.params.keys()])),
    };
    namesCache.set(catalog, names);
  }
  return names;
}

/** Per action: the parameters it requires and the endpoint rules that apply to it. */
interface ActionPlan {
  readonly required: readonly string[];
  readonly rules: readonly Rule[];
  readonly actionList: string;
}
const plans = new WeakMap<ActionSpec, ActionPlan>();

function planOf(endpoint: EndpointSpec, action: ActionSpec): ActionPlan {
  let plan = plans.get(action);
  if (!plan) {
    plan = {
      required: [...action.params.values()].filter((spec) => spec.required || spec.requiredFor?.includes(action.name)).map((spec) => spec.name),
      rules: endpoint.rules.filter((rule) => !rule.actions || rule.actions.includes(action.name)),
      actionList: [...endpoint.actions.keys()].join(', '),
    };
    plans.set(action, plan);
  }
  return plan;
}

/** What a quick fix needs, carried in `diagnostic.data`. */
export type FixData =
  | { readonly fix: 'replace'; readonly newText: string; readonly title: string }
  | { readonly fix: 'remove'; readonly start: number; readonly end: number; readonly title: string };

export interface RequestProblem {
  readonly id: MessageId;
  readonly args: Record<string, string | number>;
  readonly start: number;
  readonly end: number;
  readonly fix?: FixData;
}

export interface RequestContext {
  readonly endpoint: EndpointSpec | undefined;
  readonly action: ActionSpec | undefined;
  readonly operation?: string;
  /** The other API version the path is written in, if it is one of the endpoint's `versions`. */
  readonly version?: VersionSpec;
  /** The catalog's knowledge of this request is partial (the endpoint, or the version it is called under). */
  readonly partial?: boolean;
}

/** The endpoint and action of a request, as far as they can be told. */
export function resolveRequest(catalog: RequestCatalog, request: ParsedRequest): RequestContext {
  if (!request.path) return { endpoint: undefined, action: undefined };
  const match = matchEndpoint(catalog, request.path.text);
  if (!match) return { endpoint: undefined, action: undefined };
  const { endpoint } = match;
  let action: ActionSpec | undefined;
  if (!endpoint.hasAction) action = endpoint.actions.get(match.operation ?? '') ?? endpoint.actions.get('');
  else {
    const given = lastParam(request.params, 'action');
    if (given) action = endpoint.actions.get(given.value);
  }
  const partial = endpoint.partial || match.version?.partial === true;
  return {
    endpoint,
    action,
    ...(match.operation ? { operation: match.operation } : {}),
    ...(match.version ? { version: match.version } : {}),
    ...(partial ? { partial } : {}),
  };
}

function lastParam(params: readonly ParamToken[], name: string): ParamToken | undefined {
  for (let i = params.length - 1; i >= 0; i--) if (params[i]!.name === name) return params[i];
  return undefined;
}

/** Removing a pair also removes one `&` next to it, so the rest stays well formed. */
function removalRange(token: ParamToken, text: string): { start: number; end: number } {
  let { pairStart: start, pairEnd: end } = token;
  if (text[end] === '&') end++;
  else if (text[start - 1] === '&') start--;
  return { start, end };
}

function describe(condition: Condition, endpoint: EndpointSpec): string {
  if (condition.present) return `${condition.param} is given`;
  const values = condition.in ?? [];
  const spec = endpoint.params.get(condition.param);
  const suffix = spec?.default !== undefined && values.includes(spec.default) ? ` (the default)` : '';
  return `${condition.param} is ${values.join(' or ')}${suffix}`;
}

function actionLabel(action: ActionSpec | undefined): string {
  return action && action.name ? ` action=${action.name}` : '';
}

export function validateRequest(catalog: RequestCatalog, request: ParsedRequest, text: string): RequestProblem[] {
  const problems: RequestProblem[] = [];
  if (!request.path || !request.url) return problems;
  const path = request.path;
  const match = matchEndpoint(catalog, path.text);
  if (!match) {
    // Nothing of a request the catalog does not know is checked: one note (or a did-you-mean).
    problems.push(pathProblem(catalog, path));
    return problems;
  }
  const endpoint = match.endpoint;
  const partial = endpoint.partial || match.version?.partial === true;
  const label = endpoint.path;
  if (endpoint.legacy?.replacedBy) {
    // A hint, never a warning: v1 calls still work.
    problems.push({ id: 'legacyReplaced', args: { path: endpoint.path, replacement: endpoint.legacy.replacedBy }, start: path.start, end: Math.max(path.end, path.start + 1) });
  }
  const hostVariable = /^\{\{\s*(baseUrl|gatewayUrl)\s*\}\}/.exec(request.url.text);
  if (hostVariable && (hostVariable[1] === 'gatewayUrl') !== (endpoint.host === 'gateway')) {
    const variable = endpoint.host === 'gateway' ? '{{gatewayUrl}}' : '{{baseUrl}}';
    problems.push({
      id: 'wrongHost',
      args: { endpoint: label, host: endpoint.host === 'gateway' ? 'API gateway' : 'API server', variable },
      start: request.url.start,
      end: request.url.start + hostVariable[0].length,
      fix: { fix: 'replace', newText: variable, title: `Change to ${variable}` },
    });
  }
  const method = request.method?.text.toUpperCase() ?? 'GET';
  if (request.method && !endpoint.methods.includes(method)) {
    problems.push({ id: 'methodNotAllowed', args: { endpoint: label, methods: endpoint.methods.join(' or '), method }, start: request.method.start, end: request.method.end });
  }

  const params = request.params;
  let action: ActionSpec | undefined;
  if (endpoint.hasAction) {
    const given = lastParam(params, 'action');
    const actions = (): string => [...endpoint.actions.keys()].join(', ');
    if (!given) {
      problems.push({ id: 'missingAction', args: { endpoint: label, actions: actions() }, start: request.url.start, end: request.url.end });
    } else if (!given.templated) {
      action = endpoint.actions.get(given.value);
      if (!action) {
        const suggestion = suggestions.nearMiss(endpoint.actions, given.value, () => endpoint.actions.keys(), partial ? namesOf(catalog).actions : undefined);
        // An action a partial catalog does not list: nothing of the request can be checked.
        if (partial && !suggestion) return problems;
        problems.push({
          id: partial ? 'unknownActionPartial' : 'unknownAction',
          args: { value: given.value, endpoint: label, actions: actions(), hint: suggestion ? ` Did you mean '${suggestion}'?` : '' },
          start: given.valueStart,
          end: Math.max(given.valueEnd, given.valueStart + 1),
          ...(suggestion ? { fix: { fix: 'replace', newText: suggestion, title: `Change to '${suggestion}'` } as FixData } : {}),
        });
      }
    }
  } else {
    action = endpoint.actions.get(match.operation ?? '') ?? endpoint.actions.get('');
    if (!action && match.operation) problems.push(unknownOperation(catalog, endpoint, match.operation, path));
  }

  const seen = new Map<string, ParamToken>();
  // Rules only see parameters valid for the action: one that is not is already reported.
  const valid = new Map<string, ParamToken>();
  for (const token of params) {
    if (!token.name) continue;
    const previous = seen.get(token.name);
    // The same value twice (action=list in the query and in the form body, as Qualys' Postman
    // collection sends it) changes nothing: only a different value loses one of them.
    if (previous && previous.value !== token.value) {
      const range = removalRange(previous, text);
      problems.push({
        id: 'duplicate',
        args: { param: token.name },
        start: previous.nameStart,
        end: previous.nameEnd,
        fix: { fix: 'remove', start: range.start, end: range.end, title: `Remove the earlier ${quote(token.name)}` },
      });
    }
    seen.set(token.name, token);
    if (action?.params.has(token.name)) valid.set(token.name, token);
    if (token.name === 'action' && endpoint.hasAction) continue;
    checkParam(endpoint, action, token, problems, partial ? namesOf(catalog) : undefined);
  }
  if (action) checkRules(endpoint, action, request, valid, text, problems);
  return problems;
}

/** The one problem of a request whose path the catalog has no endpoint for. */
function pathProblem(catalog: RequestCatalog, path: Token): RequestProblem {
  const verdict = pathVerdict(catalog, path.text);
  const at = { start: path.start, end: Math.max(path.end, path.start + 1) };
  switch (verdict.kind) {
    case 'nearMiss':
      return {
        id: 'unknownEndpoint',
        args: { path: path.text, suggestion: verdict.suggestion },
        ...at,
        fix: { fix: 'replace', newText: verdict.suggestion, title: `Change to '${verdict.suggestion}'` },
      };
    case 'known':
      return { id: 'notInCatalog', args: { path: path.text, title: ` (${verdict.known.title})`, hint: '' }, ...at };
    case 'otherVersion':
      return {
        id: 'notInCatalog',
        args: { path: path.text, title: '', hint: ` The catalog knows it as ${verdict.path} (API version ${verdict.versions.join(', ')}).` },
        ...at,
      };
    case 'unknown':
      return { id: 'notInCatalog', args: { path: path.text, title: '', hint: verdict.templated ? ' A {{variable}} the file does not define hides part of it.' : '' }, ...at };
  }
}

/** A QPS operation the catalog does not list: a near miss of one it does is a warning, anything else an information. */
function unknownOperation(catalog: RequestCatalog, endpoint: EndpointSpec, operation: string, path: { text: string; start: number }): RequestProblem {
  const index = path.text.indexOf(`/${operation}/`);
  const start = path.start + (index < 0 ? 0 : index + 1);
  const at = { start, end: start + operation.length };
  const actions = [...endpoint.actions.keys()].join(', ');
  // An operation of another QPS object is real: not a typo of one this object has.
  const suggestion = suggestions.nearMiss(endpoint.actions, operation, () => endpoint.actions.keys(), namesOf(catalog).actions);
  if (!suggestion) return { id: 'unknownOperationInfo', args: { value: operation, endpoint: endpoint.path, actions }, ...at };
  return { id: 'unknownOperation', args: { value: operation, endpoint: endpoint.path, actions, suggestion }, ...at, fix: { fix: 'replace', newText: suggestion, title: `Change to '${suggestion}'` } };
}

/** `partial` (the catalog's names) when the catalog of this request is partial. */
function checkParam(endpoint: EndpointSpec, action: ActionSpec | undefined, token: ParamToken, problems: RequestProblem[], partial: CatalogNames | undefined): void {
  const known = action ? action.params : endpoint.params;
  const spec = known.get(token.name);
  if (!spec) {
    // A name the catalog knows for another action of the endpoint is known, partial catalog or not;
    // only a complete entry may say this action does not take it (a partial one may lack the name here).
    const elsewhere = action ? endpoint.params.get(token.name) : undefined;
    if (elsewhere && action) {
      const others = [...endpoint.actions.values()].filter((a) => a.params.has(token.name)).map((a) => a.name);
      problems.push({ id: partial ? 'parameterNotForActionPartial' : 'parameterNotForAction', args: { param: token.name, action: action.name, others: others.join(', action=') }, start: token.nameStart, end: token.nameEnd });
      return;
    }
    // Past the cap a problem is only counted (blockDiagnostics.ts): its did-you-mean would never
    // be shown, and on a hostile request it was most of the work. A partial catalog needs the
    // suggestion to know whether there is a problem at all.
    const counted = !partial && problems.length >= MAX_PROBLEMS;
    const suggestion = counted ? undefined : suggestions.nearMiss(known, token.name, () => (endpoint.hasAction ? ['action', ...known.keys()] : [...known.keys()]), partial?.params);
    // A name a partial catalog does not list is not a mistake unless it is a near miss of one it lists.
    if (partial && !suggestion) return;
    problems.push({
      id: partial ? 'unknownParameterPartial' : 'unknownParameter',
      args: { param: token.name, endpoint: endpoint.path, action: actionLabel(action), hint: suggestion ? ` Did you mean '${suggestion}'?` : '' },
      start: token.nameStart,
      end: token.nameEnd,
      ...(suggestion ? { fix: { fix: 'replace', newText: suggestion, title: `Change to '${suggestion}'` } as FixData } : {}),
    });
    return;
  }
  if (token.templated) return;
  const problem = checkValue(spec, token.value);
  if (!problem) return;
  // A value with percent-escapes or a substituted variable has no one-to-one offsets: mark it whole.
  const exact = token.valueEnd - token.valueStart === token.value.length;
  const start = exact && problem.from !== undefined ? token.valueStart + problem.from : token.valueStart;
  const end = exact && problem.to !== undefined ? token.valueStart + problem.to : Math.max(token.valueEnd, token.valueStart + 1);
  const suggestion = problem.suggestion;
  problems.push({
    id: problem.id,
    args: problem.args,
    start: token.hasEquals ? start : token.nameStart,
    end: token.hasEquals ? end : token.nameEnd,
    ...(suggestion && token.hasEquals ? { fix: { fix: 'replace', newText: suggestion, title: `Change to '${suggestion}'` } as FixData } : {}),
  });
}

function checkRules(
  endpoint: EndpointSpec,
  action: ActionSpec,
  request: ParsedRequest,
  given: ReadonlyMap<string, ParamToken>,
  text: string,
  problems: RequestProblem[],
): void {
  const url = request.url!;
  const whole = { start: url.start, end: url.end };
  /** true / false, or undefined when a variable hides the value. */
  const holds = (condition: Condition): boolean | undefined => {
    const token = given.get(condition.param);
    if (condition.present) return token !== undefined;
    if (token?.templated) return undefined;
    const spec = endpoint.params.get(condition.param);
    // A bad value is reported on its own; conditions that depend on it are not guessed.
    if (token && spec && checkValue(spec, token.value)) return undefined;
    const value = token ? token.value : spec?.default;
    return value !== undefined && (condition.in ?? []).includes(value);
  };

  const plan = planOf(endpoint, action);
  for (const name of plan.required) {
    if (!given.has(name)) problems.push({ id: 'missingRequired', args: { param: name, when: action.name ? ` for action=${action.name}` : '' }, ...whole });
  }

  for (const rule of plan.rules) {
    switch (rule.kind) {
      case 'requiredWhen': {
        if (!action.params.has(rule.param) || given.has(rule.param) || holds(rule.when) !== true) break;
        const cause = given.get(rule.when.param);
        const at = cause ? { start: cause.nameStart, end: cause.valueEnd } : whole;
        problems.push({ id: 'missingRequired', args: { param: rule.param, when: ` when ${describe(rule.when, endpoint)}` }, ...at });
        break;
      }
      case 'onlyWhen': {
        const token = given.get(rule.param);
        if (!token || holds(rule.when) !== false) break;
        problems.push({ id: 'onlyWhen', args: { param: rule.param, condition: describe(rule.when, endpoint) }, start: token.nameStart, end: token.nameEnd });
        break;
      }
      case 'conflicts': {
        const present = rule.params.map((p) => given.get(p)).filter((t): t is ParamToken => t !== undefined);
        if (present.length < 2) break;
        const [first, second] = present.sort((a, b) => a.nameStart - b.nameStart) as [ParamToken, ParamToken];
        const range = removalRange(second, text);
        problems.push({
          id: 'conflict',
          args: { param: second.name, other: first.name },
          start: second.nameStart,
          end: second.nameEnd,
          fix: { fix: 'remove', start: range.start, end: range.end, title: `Remove ${second.name}` },
        });
        break;
      }
      case 'together': {
        const present = rule.params.filter((p) => given.has(p));
        if (present.length === 0 || present.length === rule.params.length) break;
        for (const name of present) {
          const token = given.get(name)!;
          const missing = rule.params.filter((p) => !given.has(p)).join(', ');
          problems.push({ id: 'together', args: { param: name, other: missing }, start: token.nameStart, end: token.nameEnd });
        }
        break;
      }
      case 'oneOf':
        checkOneOf(rule, given, whole, text, problems);
        break;
      case 'singleValue': {
        const token = given.get(rule.param);
        if (!token || token.templated || holds(rule.when) !== true || isSingleIp(token.value)) break;
        problems.push({ id: 'singleValue', args: { param: rule.param, condition: describe(rule.when, endpoint) }, start: token.valueStart, end: Math.max(token.valueEnd, token.valueStart + 1) });
        break;
      }
      case 'formatWhen': {
        if (holds(rule.when) !== true) break;
        for (const name of rule.params) {
          const token = given.get(name);
          if (!token || token.templated || token.value === '' || isIdList(token.value)) continue;
          problems.push({ id: 'idsExpected', args: { param: name, value: token.value, condition: describe(rule.when, endpoint) }, start: token.valueStart, end: token.valueEnd });
        }
        break;
      }
    }
  }
}

const companionFilters = new WeakMap<Rule, ReadonlySet<string>>();

/** Every filter parameter a oneOf rule names, computed once per rule. */
function filtersOf(rule: Rule, companions: Readonly<Record<string, readonly string[]>>): ReadonlySet<string> {
  let filters = companionFilters.get(rule);
  if (!filters) companionFilters.set(rule, (filters = new Set(Object.values(companions).flat())));
  return filters;
}

function checkOneOf(
  rule: Extract<Rule, { kind: 'oneOf' }>,
  given: ReadonlyMap<string, ParamToken>,
  whole: { start: number; end: number },
  text: string,
  problems: RequestProblem[],
): void {
  const present = rule.params.map((p) => given.get(p)).filter((t): t is ParamToken => t !== undefined).sort((a, b) => a.nameStart - b.nameStart);
  if (present.length === 0) {
    if (rule.required) problems.push({ id: 'missingOneOf', args: { params: rule.params.join(', '), when: rule.actions ? ` for action=${rule.actions.join('/')}` : '' }, ...whole });
    return;
  }
  const selector = present[0]!;
  for (const extra of present.slice(1)) {
    const range = removalRange(extra, text);
    problems.push({
      id: 'conflict',
      args: { param: extra.name, other: selector.name },
      start: extra.nameStart,
      end: extra.nameEnd,
      fix: { fix: 'remove', start: range.start, end: range.end, title: `Remove ${extra.name}` },
    });
  }
  if (!rule.companions) return;
  const allowed = new Set(rule.companions[selector.name] ?? []);
  for (const name of filtersOf(rule, rule.companions)) {
    const token = given.get(name);
    if (!token || allowed.has(name)) continue;
    problems.push({
      id: 'notCompanion',
      args: { param: name, selector: selector.name, allowed: allowed.size ? ` (with ${selector.name} only ${[...allowed].join(', ')} may be given)` : ` (${selector.name} takes no filters)` },
      start: token.nameStart,
      end: token.nameEnd,
    });
  }
}

