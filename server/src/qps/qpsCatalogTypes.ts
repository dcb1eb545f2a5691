/**
 * The QPS catalog as the language features see it, after `qpsCatalog.ts` has merged and checked
 * server/data/qps/*.json. The file format is described in docs/request-catalog.md.
 */

export interface QpsValueType {
  readonly type: 'string' | 'integer' | 'enum' | 'date';
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** A documented limit Qualys may not enforce: outside it is a warning, not an error. */
  readonly softMax?: number;
  readonly allowEmpty?: boolean;
  /** false: a value outside `values` is a warning, not an error. */
  readonly strict: boolean;
}

export interface QpsElementSpec {
  readonly name: string;
  readonly description: string;
  /** Key of `sources`; inherited from the enclosing element or object when the entry names none. */
  readonly source: string;
  readonly value?: QpsValueType;
  readonly children?: ReadonlyMap<string, QpsElementSpec>;
  readonly repeat: boolean;
  /** Unknown children are not reported (nothing is known about them). */
  readonly open: boolean;
  /** The children listed are some of the documented ones: an unknown child is reported only as a near miss, as a warning. */
  readonly partial: boolean;
  /** The element is a key/value pair checked against this table of keys. */
  readonly keyValue?: string;
  /** `criteria`: a `filters/Criteria` element, checked against the object's criteria fields. */
  readonly role?: 'criteria';
}

export type QpsCriteriaType = 'integer' | 'text' | 'date' | 'keyword' | 'boolean';

export interface QpsCriteriaField {
  readonly name: string;
  readonly type: QpsCriteriaType;
  /** The operators the field accepts: its own list where the documentation gives one, else its type's. */
  readonly operators: readonly string[];
  /** The documentation lists the operators of this very field (not only of its type). */
  readonly ownOperators: boolean;
  /** Documented values of a keyword field (a value outside them is a warning: the lists are partial). */
  readonly values?: readonly string[];
  readonly description: string;
  readonly source: string;
}

export interface QpsObjectSpec extends QpsElementSpec {
  /** The fields `filters/Criteria` may name for this object. */
  readonly criteria: ReadonlyMap<string, QpsCriteriaField>;
  /** The criteria fields listed are all of them: an unknown field is an error, not a near-miss warning. */
  readonly criteriaComplete: boolean;
}

export interface QpsKeySpec extends QpsValueType {
  readonly key: string;
  readonly label: string;
  readonly description: string;
}

export interface QpsRule {
  readonly kind: 'excludes';
  readonly object: string;
  readonly if: { readonly element: string; readonly equals: string };
  readonly then: { readonly element: string; readonly equals: string };
  readonly source: string;
}

export interface QpsOperatorSpec {
  readonly name: string;
  readonly description: string;
  readonly source: string;
}

export interface QpsCriteriaTypeSpec {
  readonly operators: readonly string[];
  readonly description: string;
  readonly source: string;
}

export interface QpsCatalog {
  readonly root: string;
  readonly sources: Readonly<Record<string, string>>;
  readonly rootChildren: ReadonlyMap<string, QpsElementSpec>;
  readonly objects: ReadonlyMap<string, QpsObjectSpec>;
  readonly keyValues: ReadonlyMap<string, ReadonlyMap<string, QpsKeySpec>>;
  readonly rules: readonly QpsRule[];
  /** Every operator Qualys documents for `Criteria`; one outside them is a near miss or unknown. */
  readonly operators: ReadonlyMap<string, QpsOperatorSpec>;
  readonly criteriaTypes: ReadonlyMap<QpsCriteriaType, QpsCriteriaTypeSpec>;
  /** Values that stand for something filled in later (`{{x}}`, `${x}`, `%s`): never checked. */
  readonly placeholder: RegExp;
}

/** What the request around a body says about it (request files only; a bare `.xml` file has none). */
export interface QpsRequestContext {
  /** The object the endpoint takes in `<data>` (catalog `qpsObject`). */
  readonly object?: string;
  /** The QPS operation of the path (search, create, ...). */
  readonly operation?: string;
  /** The parts of a ServiceRequest the operation uses (`data`, `filters`, `preferences`); all when absent. */
  readonly parts?: readonly string[];
  /** Operators Qualys refuses for this operation (uninstall refuses NOT EQUALS). */
  readonly forbiddenOperators?: readonly string[];
  /** Source of the operation's body rules, for messages. */
  readonly source?: string;
}
