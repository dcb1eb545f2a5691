/**
 * POLICY_LIST_OUTPUT (policy_list_output.dtd as quoted in seed 000): policies with their
 * included and excluded asset tags, named from GLOSSARY/ASSET_TAG_LIST.
 */
import { apiError } from '../errors';
import { fail, ok, type Result } from '../result';
import { child, childFlag, childText, children, parseXml, text } from '../xml';
import { compact } from './compact';
import { idSet } from './simpleReturn';

export interface PolicyTag {
  readonly id: string;
  /** From the glossary; undefined when the glossary does not name it. */
  readonly name?: string;
}

export interface PolicyControl {
  readonly id: string;
  readonly statement?: string;
  readonly criticality?: { readonly label?: string; readonly value?: number };
  readonly deprecated?: boolean;
  readonly technologies: readonly { readonly id?: string; readonly name?: string; readonly rationale?: string; readonly customized?: boolean }[];
}

export interface Policy {
  readonly id: string;
  readonly title?: string;
  readonly created?: { readonly datetime?: string; readonly by?: string };
  readonly lastModified?: { readonly datetime?: string; readonly by?: string };
  readonly lastEvaluated?: string;
  readonly status?: string;
  readonly isLocked?: boolean;
  readonly evaluateNow?: string;
  readonly assetGroupIds: readonly string[];
  readonly tagInclude: readonly PolicyTag[];
  /** ANY | ALL */
  readonly tagIncludeSelector?: string;
  readonly tagExclude: readonly PolicyTag[];
  readonly tagExcludeSelector?: string;
  readonly includeAgentIps?: boolean;
  readonly controls: readonly PolicyControl[];
}

export interface PolicyPage {
  readonly datetime?: string;
  readonly policies: readonly Policy[];
  readonly ids: readonly string[];
  readonly warning?: { readonly code?: string; readonly text?: string; readonly url?: string };
}

function stamp(node: unknown): { datetime?: string; by?: string } | undefined {
  return node === undefined ? undefined : compact({ datetime: childText(node, 'DATETIME'), by: childText(node, 'BY') });
}

function criticality(node: unknown): PolicyControl['criticality'] {
  if (node === undefined) return undefined;
  const value = Number(childText(node, 'VALUE'));
  return compact({ label: childText(node, 'LABEL'), value: Number.isFinite(value) ? value : undefined });
}

export function parseControl(node: unknown): PolicyControl {
  return compact({
    id: childText(node, 'ID') ?? '',
    statement: childText(node, 'STATEMENT'),
    criticality: criticality(child(node, 'CRITICALITY')),
    deprecated: childFlag(node, 'DEPRECATED'),
    technologies: children(child(node, 'TECHNOLOGY_LIST'), 'TECHNOLOGY').map((t) =>
      compact({ id: childText(t, 'ID'), name: childText(t, 'NAME'), rationale: childText(t, 'RATIONALE'), customized: childFlag(t, 'CUSTOMIZED') }),
    ),
  });
}

export function parsePolicyList(body: string): Result<PolicyPage> {
  const doc = parseXml(body);
  if (!doc.ok) return doc;
  if (doc.value.root !== 'POLICY_LIST_OUTPUT') return fail(apiError('malformed', `Expected POLICY_LIST_OUTPUT, got ${doc.value.root}.`));
  const response = child(doc.value.node, 'RESPONSE');
  const tagList = child(child(response, 'GLOSSARY'), 'ASSET_TAG_LIST');
  const names = new Map<string, string>();
  for (const list of ['ASSET_INCLUDE_TAG_LIST', 'ASSET_EXCLUDE_TAG_LIST']) {
    for (const tag of children(child(tagList, list), 'TAG')) {
      const id = childText(tag, 'TAG_ID');
      const name = childText(tag, 'TAG_NAME');
      if (id && name) names.set(id, name);
    }
  }
  const tags = (node: unknown): PolicyTag[] =>
    children(node, 'TAG_ID').map((n) => text(n)).filter((s): s is string => !!s).map((id) => compact({ id, name: names.get(id) }));
  const policies = children(child(response, 'POLICY_LIST'), 'POLICY').map((p) => {
    const groups = childText(p, 'ASSET_GROUP_IDS');
    return compact({
      id: childText(p, 'ID') ?? '',
      title: childText(p, 'TITLE'),
      created: stamp(child(p, 'CREATED')),
      lastModified: stamp(child(p, 'LAST_MODIFIED')),
      lastEvaluated: childText(child(p, 'LAST_EVALUATED'), 'DATETIME'),
      status: childText(p, 'STATUS'),
      isLocked: childFlag(p, 'IS_LOCKED'),
      evaluateNow: childText(p, 'EVALUATE_NOW'),
      assetGroupIds: groups ? groups.split(',').map((s) => s.trim()).filter(Boolean) : [],
      tagInclude: tags(child(p, 'TAG_SET_INCLUDE')),
      tagIncludeSelector: childText(p, 'TAG_INCLUDE_SELECTOR'),
      tagExclude: tags(child(p, 'TAG_SET_EXCLUDE')),
      tagExcludeSelector: childText(p, 'TAG_EXCLUDE_SELECTOR'),
      includeAgentIps: childFlag(p, 'INCLUDE_AGENT_IPS'),
      controls: children(child(p, 'CONTROL_LIST'), 'CONTROL').map(parseControl),
    });
  });
  const warningNode = child(child(response, 'WARNING_LIST'), 'WARNING') ?? child(response, 'WARNING');
  const warning = warningNode === undefined ? undefined : compact({ code: childText(warningNode, 'CODE'), text: childText(warningNode, 'TEXT'), url: childText(warningNode, 'URL') });
  return ok(compact({ datetime: childText(response, 'DATETIME'), policies, ids: idSet(child(response, 'ID_SET')), warning }));
}
