/** Hover in request files: what an endpoint, action or parameter does, its values, conditions and source. */
import type { Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EndpointSpec, ParamSpec, RequestCatalog, Rule, VersionSpec } from './catalogTypes';
import { pathVerdict } from './pathNearMiss';
import { withVersion } from './pathForms';
import { parseRequestAt, type ParsedRequest } from './requestParser';
import { resolveRequest } from './requestValidator';
import { plural } from '../../../common/plural';

const PARTIAL_NOTE = '_The catalog of this endpoint is partial: parameters and actions it does not list are not checked._';

function sourceOf(catalog: RequestCatalog, key: string): string {
  return catalog.sources[key] ?? key;
}

/** What the catalog can say of a request whose path it has no endpoint for. */
function notInCatalog(catalog: RequestCatalog, path: string): string {
  const lines = [`**Not in the catalog**: \`${path}\``, '', 'Its actions and parameters are not checked.'];
  const verdict = pathVerdict(catalog, path);
  if (verdict.kind === 'known') lines.push('', `A Qualys endpoint (${verdict.known.title}) the catalog does not describe yet.`, '', `_Source: ${sourceOf(catalog, verdict.known.source)}_`);
  else if (verdict.kind === 'nearMiss') lines.push('', `Did you mean \`${verdict.suggestion}\`?`);
  else if (verdict.kind === 'otherVersion') lines.push('', `The catalog knows \`${verdict.path}\` under API version ${verdict.versions.join(', ')}.`);
  return lines.join('\n');
}

/** Notes on how the path is written: the version it is called under, a form that differs from the documented one. */
function pathNotes(catalog: RequestCatalog, endpoint: EndpointSpec, written: string, version: VersionSpec | undefined): string[] {
  const notes: string[] = [];
  if (version) {
    notes.push('', `**API version ${version.version}**: ${version.description}`, '', `_Source: ${sourceOf(catalog, version.source)}_`);
    if (version.partial && !endpoint.partial) notes.push('', '_The catalog of this version is partial: parameters it does not list are not checked._');
  }
  if (endpoint.versions?.size && !version) {
    notes.push('', `Also served under API version ${[...endpoint.versions.keys()].join(', ')}.`);
  }
  const documented = version ? withVersion(endpoint.path, version.version) : endpoint.path;
  const slashMatters = !documented.endsWith('}');
  const doubled = /\/\//.test(written);
  const slash = slashMatters && written.endsWith('/') !== documented.endsWith('/');
  if (doubled || slash) notes.push('', `Written \`${written}\`; Qualys documents \`${documented}\`${doubled ? ' (doubled slashes read as one)' : ''}.`);
  return notes;
}

function paramOutsideCatalog(request: ParsedRequest, name: string, partial: boolean | undefined): string | null {
  if (!partial) return null;
  return `**${name}**: not in the catalog of \`${request.path?.text ?? ''}\` (the catalog of this endpoint is partial), so its value is not checked.`;
}

function conditionText(rule: Rule): string | undefined {
  const when = 'when' in rule ? (rule.when.present ? `${rule.when.param} is given` : `${rule.when.param} is ${(rule.when.in ?? []).join(' or ')}`) : '';
  const scope = rule.actions ? ` (action=${rule.actions.join('/')})` : '';
  switch (rule.kind) {
    case 'requiredWhen':
      return `required when ${when}${scope}`;
    case 'onlyWhen':
      return `only when ${when}${scope}`;
    case 'conflicts':
      return `not together with ${rule.params.join(', ')}${scope}`;
    case 'together':
      return `give ${rule.params.join(' and ')} together${scope}`;
    case 'oneOf':
      return `exactly one of ${rule.params.join(', ')}${rule.required ? ' is required' : ''}${scope}`;
    case 'singleValue':
      return `a single IP when ${when}${scope}`;
    case 'formatWhen':
      return `IDs when ${when}${scope}`;
  }
}

function mentions(rule: Rule, name: string): boolean {
  if ('param' in rule && rule.param === name) return true;
  if ('params' in rule && rule.params.includes(name)) return true;
  return rule.kind === 'oneOf' && Object.values(rule.companions ?? {}).some((list) => list.includes(name));
}

export function paramMarkdown(catalog: RequestCatalog, endpoint: EndpointSpec, spec: ParamSpec): string {
  const lines = [`**${spec.name}** (${spec.type}${spec.multiple ? ', comma separated' : ''})`, '', spec.description];
  if (spec.values) lines.push('', `Values: ${spec.values.map((v) => `\`${v}\``).join(', ')}`);
  if (spec.aliases) lines.push('', `Also accepted: ${Object.entries(spec.aliases).map(([a, v]) => `\`${a}\` (= ${v})`).join(', ')}`);
  if (spec.default !== undefined) lines.push('', `Default: \`${spec.default}\``);
  const limits: string[] = [];
  if (spec.min !== undefined) limits.push(`min ${spec.min}`);
  if (spec.max !== undefined) limits.push(`max ${spec.max}`);
  if (spec.maxLength !== undefined) limits.push(`at most ${plural(spec.maxLength, 'character')}`);
  if (spec.ascii) limits.push('ASCII only');
  if (spec.type === 'date') limits.push('YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ');
  if (limits.length) lines.push('', `Limits: ${limits.join(', ')}`);
  if (spec.required) lines.push('', 'Required.');
  if (spec.requiredFor) lines.push('', `Required for action=${spec.requiredFor.join(', action=')}.`);
  const conditions = endpoint.rules.filter((r) => mentions(r, spec.name)).map(conditionText);
  if (conditions.length) lines.push('', `Conditions: ${conditions.join('; ')}.`);
  lines.push('', `_Source: ${catalog.sources[spec.source] ?? spec.source}_`);
  return lines.join('\n');
}

/** A v1 call: still served, and its v2 replacement where Qualys has one. */
function legacyLines(catalog: RequestCatalog, endpoint: EndpointSpec): string[] {
  const legacy = endpoint.legacy;
  if (!legacy) return [];
  const replacement = legacy.replacedBy ? ` The v2 call \`${legacy.replacedBy}\` replaces it.` : ' No v2 call replaces it.';
  return ['', `Qualys API v1 (a legacy \`/msp/\` call): still served.${replacement} _(${catalog.sources[legacy.source] ?? legacy.source})_`];
}

/** `parsed`: the request block at `position`, when the caller parsed it already. */
export function requestHover(catalog: RequestCatalog, document: TextDocument, position: Position, qualysOnly = false, parsed?: ParsedRequest): Hover | null {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const request = parsed ?? parseRequestAt(text, offset, new Map());
  if (!request || (qualysOnly && !request.isQualys)) return null;
  const { endpoint, action, version, partial } = resolveRequest(catalog, request);
  const at = (start: number, end: number) => ({ start: document.positionAt(start), end: document.positionAt(end) });
  const onPath = request.path && offset >= request.path.start && offset <= request.path.end;
  const token = request.params.find((p) => offset >= p.nameStart && offset <= p.valueEnd);
  if (!endpoint) {
    // The path and every parameter of a request the catalog does not know say so.
    if (!request.path || (!onPath && !token)) return null;
    const range = onPath ? at(request.path.start, request.path.end) : at(token!.nameStart, token!.valueEnd);
    return { contents: { kind: 'markdown', value: notInCatalog(catalog, request.path.text) }, range };
  }
  if (request.path && onPath) {
    const label = (name: string): string => (!name ? endpoint.methods.join('/') : endpoint.hasAction ? `\`action=${name}\`` : `\`${name}\``);
    const actions = [...endpoint.actions.values()].map((a) => `- ${label(a.name)}: ${a.description}${a.changesData ? ' _(changes data)_' : ''}`);
    const lines = [`**${endpoint.title}** \`${endpoint.path}\``, '', ...actions, ...legacyLines(catalog, endpoint), '', `_Source: ${sourceOf(catalog, endpoint.source)}_`];
    if (endpoint.partial) lines.push('', PARTIAL_NOTE);
    lines.push(...pathNotes(catalog, endpoint, request.path.text, version));
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: at(request.path.start, request.path.end) };
  }
  if (!token) return null;
  if (token.name === 'action' && endpoint.hasAction) {
    const described = endpoint.actions.get(token.value);
    let value = described ? `**action=${described.name}**${described.changesData ? ' _(changes data)_' : ''}\n\n${described.description}` : `Actions: ${[...endpoint.actions.keys()].join(', ')}`;
    if (!described && partial && !token.templated) value = `**action=${token.value}**: not in the catalog of \`${endpoint.path}\` (the catalog of this endpoint is partial), so the request is not checked.\n\n${value}`;
    return { contents: { kind: 'markdown', value }, range: at(token.nameStart, token.valueEnd) };
  }
  const spec = action?.params.get(token.name) ?? endpoint.params.get(token.name);
  if (!spec) {
    const value = paramOutsideCatalog(request, token.name, partial);
    return value ? { contents: { kind: 'markdown', value }, range: at(token.nameStart, token.valueEnd) } : null;
  }
  return { contents: { kind: 'markdown', value: paramMarkdown(catalog, endpoint, spec) }, range: at(token.nameStart, token.valueEnd) };
}
