/**
 * POLICY_LIST_OUTPUT (policy_list_output.dtd as quoted in seed 000), read as it streams: policies
 * with their controls and their included and excluded asset tags, named from GLOSSARY/ASSET_TAG_LIST
 * (which follows the policies, so names are filled in when the page ends).
 */
import { ok, type Result } from '../result';
import { compact } from './compact';
import { documentReader, readWhole, type DocumentReader } from '../stream/documentReader';
import type { Rule, Rules } from '../stream/recordReader';
import { field, flag, group, idList, int, responseRules, type PageHead, type PageWarning } from '../stream/pageRules';

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

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
type PolicyDraft = Omit<Mutable<Policy>, 'tagInclude' | 'tagExclude'> & { tagInclude: Mutable<PolicyTag>[]; tagExclude: Mutable<PolicyTag>[] };
type ControlDraft = Mutable<PolicyControl>;
type StampDraft = { datetime?: string; by?: string };
type CriticalityDraft = { label?: string; value?: number };
type TechnologyDraft = { id?: string; name?: string; rationale?: string; customized?: boolean };

function stampRule(key: 'created' | 'lastModified'): Rule<PolicyDraft, StampDraft> {
  return {
    create: () => ({}),
    children: { DATETIME: field((t: StampDraft, v) => (t.datetime = v)), BY: field((t: StampDraft, v) => (t.by = v)) },
    done: (p, stamp) => (p[key] = stamp),
  };
}

/** CRITICALITY/LABEL and VALUE, for a target with a `criticality` field. */
export function criticalityRule<T extends { criticality?: { label?: string; value?: number } }>(): Rule<T, CriticalityDraft> {
  return {
    create: () => ({}),
    children: { LABEL: field((c: CriticalityDraft, v) => (c.label = v)), VALUE: field((c: CriticalityDraft, v) => { const n = int(v); if (n !== undefined) c.value = n; }) },
    done: (target, c) => (target.criticality = c),
  };
}

const technologyRule: Rule<ControlDraft, TechnologyDraft> = {
  create: () => ({}),
  children: {
    ID: field((t: TechnologyDraft, v) => (t.id = v)),
    NAME: field((t: TechnologyDraft, v) => (t.name = v)),
    RATIONALE: field((t: TechnologyDraft, v) => (t.rationale = v)),
    CUSTOMIZED: field((t: TechnologyDraft, v) => (t.customized = flag(v))),
  },
  done: (c, t) => c.technologies.push(t),
};

const controlRule: Rule<PolicyDraft, ControlDraft> = {
  create: () => ({ id: '', technologies: [] }),
  children: {
    ID: field((c: ControlDraft, v) => (c.id = v)),
    STATEMENT: field((c: ControlDraft, v) => (c.statement = v)),
    CRITICALITY: criticalityRule<ControlDraft>(),
    DEPRECATED: field((c: ControlDraft, v) => (c.deprecated = flag(v))),
    TECHNOLOGY_LIST: group<ControlDraft>({ TECHNOLOGY: technologyRule }),
  },
  done: (p, c) => p.controls.push(c),
};

function tagIds(key: 'tagInclude' | 'tagExclude'): Rule<PolicyDraft> {
  return group<PolicyDraft>({ TAG_ID: field<PolicyDraft>((p, v) => p[key].push({ id: v })) });
}

function policyText(set: (p: PolicyDraft, value: string) => void): Rule<PolicyDraft> {
  return field<PolicyDraft>(set);
}

const POLICY: Rules<PolicyDraft> = {
  ID: policyText((p, v) => (p.id = v)),
  TITLE: policyText((p, v) => (p.title = v)),
  CREATED: stampRule('created'),
  LAST_MODIFIED: stampRule('lastModified'),
  LAST_EVALUATED: group<PolicyDraft>({ DATETIME: policyText((p, v) => (p.lastEvaluated = v)) }),
  STATUS: policyText((p, v) => (p.status = v)),
  IS_LOCKED: policyText((p, v) => (p.isLocked = flag(v))),
  EVALUATE_NOW: policyText((p, v) => (p.evaluateNow = v)),
  ASSET_GROUP_IDS: policyText((p, v) => (p.assetGroupIds = idList(v))),
  TAG_SET_INCLUDE: tagIds('tagInclude'),
  TAG_INCLUDE_SELECTOR: policyText((p, v) => (p.tagIncludeSelector = v)),
  TAG_SET_EXCLUDE: tagIds('tagExclude'),
  TAG_EXCLUDE_SELECTOR: policyText((p, v) => (p.tagExcludeSelector = v)),
  INCLUDE_AGENT_IPS: policyText((p, v) => (p.includeAgentIps = flag(v))),
  CONTROL_LIST: group<PolicyDraft>({ CONTROL: controlRule }),
};

interface PolicyHead extends PageHead {
  readonly policies: PolicyDraft[];
  readonly tagNames: Map<string, string>;
}

type GlossaryTag = { id?: string; name?: string };

const glossaryTag: Rule<PolicyHead, GlossaryTag> = {
  create: () => ({}),
  children: { TAG_ID: field((t: GlossaryTag, v) => (t.id = v)), TAG_NAME: field((t: GlossaryTag, v) => (t.name = v)) },
  done: (head, t) => {
    if (t.id && t.name) head.tagNames.set(t.id, t.name);
  },
};

const RULES: Rules<PolicyHead> = {
  POLICY_LIST_OUTPUT: group<PolicyHead>({
    RESPONSE: responseRules<PolicyHead>({
      POLICY_LIST: group<PolicyHead>({
        POLICY: {
          create: () => ({ id: '', assetGroupIds: [], tagInclude: [], tagExclude: [], controls: [] }),
          children: POLICY,
          done: (head, p) => head.policies.push(p),
        } as Rule<PolicyHead, PolicyDraft>,
      }),
      GLOSSARY: group<PolicyHead>({
        ASSET_TAG_LIST: group<PolicyHead>({ ASSET_INCLUDE_TAG_LIST: group<PolicyHead>({ TAG: glossaryTag }), ASSET_EXCLUDE_TAG_LIST: group<PolicyHead>({ TAG: glossaryTag }) }),
      }),
    }),
  }),
};

/** Reads a policy list page; `onWarning` hears of the next page as soon as it is known. */
export function policyListReader(onWarning?: (warning: PageWarning) => void): DocumentReader<PolicyPage> {
  const head: PolicyHead = { ids: [], policies: [], tagNames: new Map(), ...(onWarning ? { onWarning } : {}) };
  return documentReader(RULES, head, (h) => {
    for (const policy of h.policies) {
      for (const tag of [...policy.tagInclude, ...policy.tagExclude]) {
        const name = h.tagNames.get(tag.id);
        if (name !== undefined) tag.name = name;
      }
    }
    return ok(compact({ datetime: h.datetime, policies: h.policies, ids: h.ids, warning: h.warning }));
  });
}

export function parsePolicyList(body: string): Result<PolicyPage> {
  return readWhole(policyListReader(), body);
}
