/**
 * Completion in request files: methods, endpoint paths, actions, the parameters of the endpoint
 * and action that are not used yet, and values (enumerations, then live values from the account
 * cache). Parses only the request around the cursor, so it stays fast in a large file.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParamSpec, RequestCatalog } from './catalogTypes';
import { displayPaths } from './endpointMatch';
import type { LiveValuesCache } from './liveValuesCache';
import { parseRequestAt, parseVariables, type ParsedRequest } from './requestParser';
import { resolveRequest } from './requestValidator';
import { MAX_QUOTED, quote } from '../util/limits';

const RETRIGGER = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

interface Segment {
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly equals: number | undefined;
  readonly valueEnd: number;
}

/** The `name=value` pair around `offset`, bounded by `&`, `?` and the line. */
function segmentAt(text: string, offset: number, floor: number): Segment {
  let start = offset;
  while (start > floor && !'&?\n'.includes(text[start - 1]!)) start--;
  let end = offset;
  while (end < text.length && !'&\r\n'.includes(text[end]!)) end++;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  const eq = text.indexOf('=', start);
  const equals = eq >= 0 && eq < end ? eq : undefined;
  return { nameStart: start, nameEnd: equals ?? end, equals, valueEnd: end };
}

function range(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

function paramDetail(spec: ParamSpec): string {
  if (spec.values) return spec.multiple ? `${spec.values.join(' | ')} (comma separated)` : spec.values.join(' | ');
  return spec.type;
}

/** Where the cursor is, as far as completion cares. */
type Place = { kind: 'method' } | { kind: 'url'; start: number } | { kind: 'path'; start: number; end: number } | { kind: 'param'; segment: Segment } | { kind: 'none' };

function placeOf(text: string, request: ParsedRequest, offset: number): Place {
  const { method, url } = request;
  if (method && offset >= method.start && offset <= method.end && (!url || offset < url.start)) return { kind: 'method' };
  if (method && !url && offset > method.end && !text.slice(method.end, offset).includes('\n')) return { kind: 'url', start: offset };
  if (url && request.path && offset >= request.path.start && offset <= request.path.end && (request.queryStart === undefined || offset <= request.queryStart)) {
    return { kind: 'path', start: request.path.start, end: request.path.end };
  }
  if (url && request.queryStart !== undefined && offset > request.queryStart && offset <= url.end) {
    return { kind: 'param', segment: segmentAt(text, offset, request.queryStart + 1) };
  }
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  if (url && offset > url.end && offset <= request.urlEnd + line.length && /^\s*(?:\?(?!\?)|&)/.test(line)) {
    return { kind: 'param', segment: segmentAt(text, offset, lineStart) };
  }
  const body = request.body;
  if (body && offset >= body.start && offset <= body.end && (body.kind === 'form' || body.kind === 'text')) {
    return { kind: 'param', segment: segmentAt(text, offset, lineStart) };
  }
  return { kind: 'none' };
}

/** After `{{`: the account hosts, the file's own `@variables`, then the environments' variables. */
function variableCompletion(document: TextDocument, text: string, offset: number, environment?: ReadonlyMap<string, string>): CompletionList | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /\{\{\s*([\w.-]*)$/.exec(text.slice(lineStart, offset));
  if (!m) return null;
  const start = offset - m[1]!.length;
  const close = text.startsWith('}}', offset) ? '' : '}}';
  const names = new Map<string, string>([
    ['baseUrl', 'API server of the active account'],
    ['gatewayUrl', 'API gateway of the active account (PCRS, JWT)'],
  ]);
  for (const [name, value] of parseVariables(text)) if (!names.has(name)) names.set(name, value);
  for (const [name, detail] of environment ?? []) if (!names.has(name)) names.set(name, detail);
  return {
    isIncomplete: false,
    items: [...names].map(([name, detail]) => ({
      label: quote(name),
      ...(name.length > MAX_QUOTED ? { filterText: name } : {}),
      kind: CompletionItemKind.Variable,
      detail: quote(detail),
      textEdit: { range: range(document, start, offset), newText: `${name}${close}` },
    })),
  };
}

export function requestCompletion(
  catalog: RequestCatalog,
  live: LiveValuesCache,
  document: TextDocument,
  position: Position,
  qualysOnly = false,
  environment?: ReadonlyMap<string, string>,
  /** The request block at `position`, when the caller parsed it already. */
  parsed?: ParsedRequest,
): CompletionList | null {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const request = parsed ?? parseRequestAt(text, offset, new Map());
  if (!request) return null;
  // In REST Client files only requests that are already Qualys ones get our completion: the
  // rest of the file (its variables, hosts and other APIs) belongs to REST Client.
  if (qualysOnly && !request.isQualys) return null;
  const variables = qualysOnly ? null : variableCompletion(document, text, offset, environment);
  if (variables) return variables;
  const place = placeOf(text, request, offset);
  switch (place.kind) {
    case 'method':
      return {
        isIncomplete: false,
        items: ['GET', 'POST'].map((m) => ({ label: m, kind: CompletionItemKind.Keyword, textEdit: { range: range(document, request.method!.start, request.method!.end), newText: m } })),
      };
    case 'url':
      return {
        isIncomplete: false,
        items: catalog.endpoints.flatMap((endpoint) => {
          const host = endpoint.host === 'gateway' ? '{{gatewayUrl}}' : '{{baseUrl}}';
          return displayPaths({ ...catalog, endpoints: [endpoint] }).map((path) => ({
            label: `${host}${path}`,
            kind: CompletionItemKind.Module,
            detail: endpoint.title,
            textEdit: { range: range(document, place.start, offset), newText: `${host}${path}` },
          }));
        }),
      };
    case 'path':
      return {
        isIncomplete: false,
        items: displayPaths(catalog).map((path) => ({
          label: path,
          kind: CompletionItemKind.Module,
          textEdit: { range: range(document, place.start, place.end), newText: path },
        })),
      };
    case 'param':
      return paramCompletion(catalog, live, document, text, request, place.segment, offset);
    default:
      return null;
  }
}

function paramCompletion(
  catalog: RequestCatalog,
  live: LiveValuesCache,
  document: TextDocument,
  text: string,
  request: ParsedRequest,
  segment: Segment,
  offset: number,
): CompletionList | null {
  const { endpoint, action } = resolveRequest(catalog, request);
  if (!endpoint) return null;
  const used = new Set(request.params.filter((p) => !(p.nameStart <= offset && offset <= p.valueEnd)).map((p) => p.name));

  if (segment.equals === undefined || offset <= segment.equals) {
    const replace = range(document, segment.nameStart, segment.equals !== undefined ? segment.equals + 1 : segment.nameEnd);
    const items: CompletionItem[] = [];
    if (endpoint.hasAction && !used.has('action')) {
      for (const a of endpoint.actions.values()) {
        items.push({
          label: `action=${a.name}`,
          kind: CompletionItemKind.Function,
          detail: a.changesData ? 'changes data' : 'read only',
          documentation: a.description,
          sortText: `0${a.name}`,
          textEdit: { range: replace, newText: `action=${a.name}` },
        });
      }
    }
    const params = action?.params ?? (endpoint.hasAction ? new Map<string, ParamSpec>() : endpoint.params);
    for (const spec of params.values()) {
      if (used.has(spec.name)) continue;
      const required = spec.required || (action && spec.requiredFor?.includes(action.name));
      items.push({
        label: spec.name,
        kind: CompletionItemKind.Property,
        detail: paramDetail(spec),
        documentation: { kind: 'markdown', value: `${spec.description}\n\n_Source: ${spec.source}_` },
        sortText: `${required ? '1' : '2'}${spec.name}`,
        insertTextFormat: InsertTextFormat.PlainText,
        textEdit: { range: replace, newText: `${spec.name}=` },
        ...(spec.values || spec.live ? { command: RETRIGGER } : {}),
      });
    }
    return { isIncomplete: false, items };
  }

  const name = text.slice(segment.nameStart, segment.nameEnd).trim();
  const valueStart = segment.equals + 1;
  if (name === 'action' && endpoint.hasAction) {
    return {
      isIncomplete: false,
      items: [...endpoint.actions.values()].map((a) => ({
        label: a.name,
        kind: CompletionItemKind.EnumMember,
        detail: a.changesData ? 'changes data' : 'read only',
        documentation: a.description,
        textEdit: { range: range(document, valueStart, segment.valueEnd), newText: a.name },
      })),
    };
  }
  const spec = (action?.params ?? endpoint.params).get(name) ?? endpoint.params.get(name);
  if (!spec) return null;
  // In a comma separated value only the item under the cursor is replaced.
  let itemStart = valueStart;
  let itemEnd = segment.valueEnd;
  if (spec.multiple || spec.live) {
    const before = text.lastIndexOf(',', offset - 1);
    if (before >= valueStart) itemStart = before + 1;
    const after = text.indexOf(',', offset);
    if (after >= 0 && after < segment.valueEnd) itemEnd = after;
  }
  const replace = range(document, itemStart, itemEnd);
  const items: CompletionItem[] = [];
  for (const value of spec.values ?? []) {
    items.push({
      label: value,
      kind: CompletionItemKind.EnumMember,
      ...(value === spec.default ? { detail: 'default', preselect: true } : {}),
      textEdit: { range: replace, newText: value },
    });
  }
  if (spec.live) {
    const entry = live.get(spec.live);
    const byName = spec.live === 'tags' && request.params.some((p) => p.name === 'tag_set_by' && p.value === 'name');
    // Auth record IDs of the endpoint's own record type only (/api/2.0/fo/auth/<type>/).
    const group = spec.liveGroup ?? (spec.live === 'authRecordIds' ? /\/api\/2\.0\/fo\/auth\/([a-z_]+)\/?$/i.exec(request.path?.text ?? '')?.[1]?.toLowerCase() : undefined);
    const values = (entry?.values ?? []).filter((item) => group === undefined || item.group === undefined || item.group === group);
    for (const [i, item] of values.entries()) {
      const value = byName ? (item.name ?? item.label ?? item.value) : item.value;
      const described = item.label ?? item.name ?? '';
      // Account data can be long (a policy or tag title): the list shows at most MAX_QUOTED
      // characters of each; the whole value is inserted, matched while typing and documented.
      const label = quote(value);
      const shortDescription = quote(described);
      const cut = label !== value || shortDescription !== described;
      items.push({
        label,
        kind: CompletionItemKind.Value,
        detail: `${shortDescription} (${entry!.account}, ${entry!.fetchedAt})`.trim(),
        ...(cut ? { filterText: value, documentation: described && described !== value ? `${value}\n\n${described}` : value } : {}),
        sortText: `9${String(i).padStart(5, '0')}`,
        textEdit: { range: replace, newText: value },
      });
    }
  }
  return items.length ? { isIncomplete: false, items } : null;
}
