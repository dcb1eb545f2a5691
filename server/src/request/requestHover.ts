/** Hover in request files: what an endpoint, action or parameter does, its values, conditions and source. */
import type { Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EndpointSpec, ParamSpec, RequestCatalog, Rule } from './catalogTypes';
import { parseRequestAt } from './requestParser';
import { resolveRequest } from './requestValidator';
import { plural } from '../../../common/plural';

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

export function requestHover(catalog: RequestCatalog, document: TextDocument, position: Position, qualysOnly = false): Hover | null {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const request = parseRequestAt(text, offset, new Map());
  if (!request || (qualysOnly && !request.isQualys)) return null;
  const { endpoint, action } = resolveRequest(catalog, request);
  if (!endpoint) return null;
  const at = (start: number, end: number) => ({ start: document.positionAt(start), end: document.positionAt(end) });
  if (request.path && offset >= request.path.start && offset <= request.path.end) {
    const label = (name: string): string => (!name ? endpoint.methods.join('/') : endpoint.hasAction ? `\`action=${name}\`` : `\`${name}\``);
    const actions = [...endpoint.actions.values()].map((a) => `- ${label(a.name)}: ${a.description}${a.changesData ? ' _(changes data)_' : ''}`);
    return {
      contents: { kind: 'markdown', value: [`**${endpoint.title}** \`${endpoint.path}\``, '', ...actions, '', `_Source: ${catalog.sources[endpoint.source] ?? endpoint.source}_`].join('\n') },
      range: at(request.path.start, request.path.end),
    };
  }
  const token = request.params.find((p) => offset >= p.nameStart && offset <= p.valueEnd);
  if (!token) return null;
  if (token.name === 'action' && endpoint.hasAction) {
    const described = endpoint.actions.get(token.value);
    const value = described ? `**action=${described.name}**${described.changesData ? ' _(changes data)_' : ''}\n\n${described.description}` : `Actions: ${[...endpoint.actions.keys()].join(', ')}`;
    return { contents: { kind: 'markdown', value }, range: at(token.nameStart, token.valueEnd) };
  }
  const spec = action?.params.get(token.name) ?? endpoint.params.get(token.name);
  if (!spec) return null;
  return { contents: { kind: 'markdown', value: paramMarkdown(catalog, endpoint, spec) }, range: at(token.nameStart, token.valueEnd) };
}
