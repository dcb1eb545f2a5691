/**
 * The content model: what the language features know of a schema. It is built from an XSD
 * (schema/xsdLoader.ts) and keeps features independent of the schema's format, as lemminx's
 * CMElementDeclaration does. Nothing here names a Qualys element: every element list comes from
 * the XSD file.
 */

/** Restrictions on a text value (an xs:simpleType, or the text of a simple-content element). */
export interface SimpleTypeModel {
  /** A readable name for messages: the XSD type name, or the base type for anonymous ones. */
  readonly name: string;
  /** The built-in XSD base: 'string', 'integer', 'nonNegativeInteger', 'boolean', 'dateTime', ... */
  readonly base: string;
  readonly enumeration?: readonly string[];
  /** xs:pattern values, as the XSD writes them (XSD regex syntax, anchored). */
  readonly patterns?: readonly string[];
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** 'preserve' | 'replace' | 'collapse' (XSD defaults: string preserves, the rest collapse). */
  readonly whiteSpace?: 'preserve' | 'replace' | 'collapse';
}

export interface ElementParticle {
  readonly kind: 'element';
  readonly element: ElementDecl;
  readonly minOccurs: number;
  /** Infinity for maxOccurs="unbounded". */
  readonly maxOccurs: number;
}

export interface GroupParticle {
  readonly kind: 'sequence' | 'choice' | 'all';
  readonly particles: readonly Particle[];
  readonly minOccurs: number;
  readonly maxOccurs: number;
}

export type Particle = ElementParticle | GroupParticle;

export type ElementContent =
  /** Text only (xs:simpleType, or a complex type with simple content). */
  | { readonly kind: 'simple'; readonly type: SimpleTypeModel }
  /** Child elements; `particle` undefined means the element must be empty. */
  | { readonly kind: 'complex'; readonly particle?: Particle; readonly mixed: boolean }
  /** xs:anyType or no type given: anything is allowed. */
  | { readonly kind: 'any' };

/** Structured facts from the element's xs:annotation, shown in hover and completion. */
export interface ElementDocs {
  /** The xs:documentation text (Markdown allowed). */
  readonly text: string;
  /** The matching Qualys API parameter(s), when the schema names one. */
  readonly apiParameter?: string;
  /** Where the rule comes from (a seed file, the DTD, the parameter reference). */
  readonly source?: string;
}

export interface ElementDecl {
  readonly name: string;
  /**
   * A unique id for this declaration: the element path from the root, e.g.
   * `OPTION_PROFILES/OPTION_PROFILE/SCAN/SYSTEM_AUTH_RECORD/ALLOW_AUTH_CREATION/...`. The same name
   * can carry different rules in different places (AUTHENTICATION_TYPE under DATABASES vs under
   * ALLOW_AUTH_CREATION), so features key on the declaration, never on the name alone.
   */
  readonly id: string;
  readonly content: ElementContent;
  readonly fixed?: string;
  readonly default?: string;
  readonly nillable?: boolean;
  readonly docs?: ElementDocs;
  /** Attributes the element accepts (the option profile schema declares none). */
  readonly attributes: readonly AttributeDecl[];
}

export interface AttributeDecl {
  readonly name: string;
  readonly required: boolean;
  readonly type: SimpleTypeModel;
  readonly fixed?: string;
  readonly default?: string;
  readonly docs?: ElementDocs;
}

export interface ContentModel {
  /** Global elements that may be a document's root. */
  readonly roots: readonly ElementDecl[];
  /** Where the model was read from (a path), for messages. */
  readonly source: string;
}
