/**
 * The request catalog as the language features see it, after `catalogLoader` has validated
 * server/data/catalog/ and resolved its shared parameter and rule sets.
 * The file format is described in docs/request-catalog.md.
 */
import type { LiveValueKind } from '../../../protocol';
import type { JsonBodySpec } from './jsonBodySpec';

export type ParamType = 'string' | 'integer' | 'enum' | 'date' | 'idList' | 'ipList';

export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly description: string;
  readonly source: string;
  readonly values?: readonly string[];
  /** Other spellings accepted as the same value (e.g. the seed's 'MS SQL' for MSSQL). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** A comma separated list of enumeration values. */
  readonly multiple?: boolean;
  readonly caseInsensitive?: boolean;
  readonly default?: string;
  /** Required for every action of the endpoint. */
  readonly required?: boolean;
  /** Required only for these actions. */
  readonly requiredFor?: readonly string[];
  /** Valid only for these actions (on top of the action's parameter list). */
  readonly actions?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly ascii?: boolean;
  readonly pattern?: RegExp;
  readonly patternText?: string;
  readonly live?: LiveValueKind;
  /**
   * Only live values of this group are offered (a value's `group`, e.g. `compliance` scan
   * references on the compliance scan endpoint); values without a group are always offered.
   */
  readonly liveGroup?: string;
}

export interface Condition {
  readonly param: string;
  /** The condition holds when the parameter's value (or its default when absent) is one of these. */
  readonly in?: readonly string[];
  /** The condition holds when the parameter is present. */
  readonly present?: boolean;
}

interface RuleBase {
  readonly source: string;
  /** Applies only to these actions; every action when absent. */
  readonly actions?: readonly string[];
}

export type Rule =
  | (RuleBase & { readonly kind: 'requiredWhen' | 'onlyWhen'; readonly param: string; readonly when: Condition })
  | (RuleBase & { readonly kind: 'conflicts' | 'together'; readonly params: readonly string[] })
  | (RuleBase & {
      readonly kind: 'oneOf';
      readonly params: readonly string[];
      readonly required: boolean;
      /** For each selector, the filter parameters it may be combined with. */
      readonly companions?: Readonly<Record<string, readonly string[]>>;
    })
  | (RuleBase & { readonly kind: 'singleValue'; readonly param: string; readonly when: Condition })
  | (RuleBase & { readonly kind: 'formatWhen'; readonly params: readonly string[]; readonly format: 'idList'; readonly when: Condition });

export type XmlBodyKind = 'optionProfiles';
export const xmlBodyKinds: readonly XmlBodyKind[] = ['optionProfiles'];

export interface ActionSpec {
  /** '' for endpoints without an `action` parameter (gateway calls); the operation of a QPS `{operation}` path. */
  readonly name: string;
  readonly description: string;
  readonly changesData: boolean;
  readonly body?: 'xml' | 'json';
  /** The shape a JSON body must have (catalog `jsonBodies`). */
  readonly jsonBody?: JsonBodySpec;
  /** The checker of an XML body that is not QPS: `optionProfiles` (OPTION_PROFILES, server/src/optionProfile/). */
  readonly xmlBody?: XmlBodyKind;
  /** What a QPS operation does with a ServiceRequest body (the action of a `{operation}` path). */
  readonly qps?: QpsOperationSpec;
  readonly params: ReadonlyMap<string, ParamSpec>;
}

/** Another API version under which Qualys serves an endpoint (catalog `versions`). */
export interface VersionSpec {
  /** The version segment of the path, e.g. `3.0` in /api/3.0/fo/asset/host/. */
  readonly version: string;
  /** What differs from the catalog's path, shown on hover. */
  readonly description: string;
  readonly source: string;
  /** Parameters the catalog does not list are not reported under this version (as for a partial endpoint). */
  readonly partial: boolean;
}

/**
 * A documented Qualys path the catalog has no entry for yet (catalog `knownPaths`): requests to it
 * are "not in the catalog", never a typo of a catalogued path.
 */
export interface KnownPath {
  readonly path: string;
  readonly title: string;
  readonly source: string;
  /** Values of `{operation}` (QPS); any word when absent. */
  readonly operations?: readonly string[];
}

/** A call of an older API generation that Qualys still serves (catalog `legacy`). */
export interface LegacySpec {
  readonly api: 'v1';
  /** The v2 call that replaces it, e.g. /api/2.0/fo/asset/group/?action=list. */
  readonly replacedBy?: string;
  readonly source: string;
}

export const qpsBodyParts = ['data', 'filters', 'preferences'] as const;

export interface QpsOperationSpec {
  /** The parts of a ServiceRequest the operation uses; another part is a warning. */
  readonly parts?: readonly (typeof qpsBodyParts)[number][];
  /** Criteria operators Qualys refuses in this operation. */
  readonly forbiddenOperators?: readonly string[];
}

export interface EndpointSpec {
  /** The path as written in the catalog, e.g. /api/2.0/fo/auth/windows/ or /qps/rest/1.0/{operation}/ca/agentconfig/{id}. */
  readonly path: string;
  /** Other spellings of the path that Qualys samples use (e.g. the seed's QPS path without /am/). */
  readonly pathAliases: readonly string[];
  readonly family: string;
  readonly title: string;
  readonly host: 'api' | 'gateway';
  readonly methods: readonly string[];
  readonly source: string;
  /** Parameters not in the catalog are warnings, not errors, where the catalog is known to be partial. */
  readonly partial: boolean;
  readonly hasAction: boolean;
  readonly actions: ReadonlyMap<string, ActionSpec>;
  /** Every parameter of any action, for hover and did-you-mean. */
  readonly params: ReadonlyMap<string, ParamSpec>;
  readonly rules: readonly Rule[];
  readonly operations?: readonly string[];
  /** Values of `{type}` in the path (auth record types). */
  readonly types?: readonly string[];
  readonly qpsObject?: string;
  /** Other API versions of the path, keyed by version segment (e.g. `5.0`). */
  readonly versions?: ReadonlyMap<string, VersionSpec>;
  /** A v1 call (/msp/*.php): still served; hover names it and, where there is one, its v2 replacement. */
  readonly legacy?: LegacySpec;
}

export interface RequestCatalog {
  readonly sources: Readonly<Record<string, string>>;
  readonly endpoints: readonly EndpointSpec[];
  readonly knownPaths: readonly KnownPath[];
}
