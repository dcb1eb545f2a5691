/**
 * Turns xs:simpleType definitions (named or anonymous, restriction chains of any depth) into the
 * content model's SimpleTypeModel, merging facets along the chain.
 */
import type { SimpleTypeModel } from './contentModel';
import { builtinType } from './xsdBuiltins';
import { XSD_NAMESPACE, XsdLoadError, type XsdNode } from './xsdDom';
import { xsdRegex } from './xsdRegex';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface TypeLookup {
  /** Resolves a QName attribute value of `node` to a named xs:simpleType node, or a built-in name. */
  resolveSimple(qname: string, node: XsdNode): { builtin: string } | { node: XsdNode } | { complex: XsdNode };
}

const UNSUPPORTED_FACETS = new Set(['totalDigits', 'fractionDigits', 'assertion', 'explicitTimezone']);

export function isXs(node: XsdNode, name: string): boolean {
  return node.ns === XSD_NAMESPACE && node.name === name;
}

export function builtinModel(name: string, node: XsdNode): SimpleTypeModel {
  const builtin = builtinType(name);
  if (!builtin) throw new XsdLoadError(`The built-in type xs:${name} is not supported`, node.line);
  return { name, base: name };
}

/** The model of an xs:simpleType node. `stack` guards against derivation cycles. */
export function simpleTypeModel(typeNode: XsdNode, lookup: TypeLookup, stack: Set<XsdNode> = new Set()): SimpleTypeModel {
  if (stack.has(typeNode)) throw new XsdLoadError(`The simple type ${typeNode.attrs.name ?? ''} derives from itself`, typeNode.line);
  stack.add(typeNode);
  try {
    const body = typeNode.children.find((c) => c.ns === XSD_NAMESPACE && c.name !== 'annotation');
    if (!body) throw new XsdLoadError('xs:simpleType has no restriction', typeNode.line);
    if (!isXs(body, 'restriction')) {
      throw new XsdLoadError(`xs:${body.name} in a simple type is not supported (only xs:restriction)`, body.line);
    }
    let base: SimpleTypeModel;
    if (body.attrs.base !== undefined) {
      base = resolveSimpleRef(body.attrs.base, body, lookup, stack);
    } else {
      const inner = body.children.find((c) => isXs(c, 'simpleType'));
      if (!inner) throw new XsdLoadError('xs:restriction has neither a base nor a simple type', body.line);
      base = simpleTypeModel(inner, lookup, stack);
    }
    const model = applyFacets(base, body);
    return { ...model, name: typeNode.attrs.name ?? base.name };
  } finally {
    stack.delete(typeNode);
  }
}

/** Resolves a type QName used as a simple type (a built-in or a named xs:simpleType). */
export function resolveSimpleRef(qname: string, node: XsdNode, lookup: TypeLookup, stack: Set<XsdNode> = new Set()): SimpleTypeModel {
  const found = lookup.resolveSimple(qname, node);
  if ('builtin' in found) return builtinModel(found.builtin, node);
  if ('node' in found) return simpleTypeModel(found.node, lookup, stack);
  throw new XsdLoadError(`${qname} is a complex type where a simple type is needed`, node.line);
}

/** Applies the facets of one xs:restriction (or simpleContent restriction) to its base. */
export function applyFacets(base: SimpleTypeModel, restriction: XsdNode): SimpleTypeModel {
  const model: Mutable<SimpleTypeModel> = { ...base };
  const enumeration: string[] = [];
  const patterns: string[] = [];
  const kind = builtinType(base.base)?.kind;
  for (const facet of restriction.children) {
    if (facet.ns !== XSD_NAMESPACE || facet.name === 'annotation' || facet.name === 'simpleType') continue;
    if (facet.name === 'attribute' || facet.name === 'attributeGroup') continue;
    const value = facet.attrs.value;
    if (UNSUPPORTED_FACETS.has(facet.name)) throw new XsdLoadError(`The facet xs:${facet.name} is not supported`, facet.line);
    if (value === undefined) throw new XsdLoadError(`xs:${facet.name} has no value`, facet.line);
    switch (facet.name) {
      case 'enumeration':
        enumeration.push(value);
        break;
      case 'pattern':
        // Translate now so a pattern we cannot run fails the load, not a later validation.
        try {
          xsdRegex(value);
        } catch (e) {
          throw new XsdLoadError(`xs:pattern '${value}' cannot be used: ${(e as Error).message}`, facet.line);
        }
        patterns.push(value);
        break;
      case 'whiteSpace':
        if (value !== 'preserve' && value !== 'replace' && value !== 'collapse') {
          throw new XsdLoadError(`xs:whiteSpace value '${value}' is not preserve, replace or collapse`, facet.line);
        }
        model.whiteSpace = value;
        break;
      case 'length':
        model.minLength = model.maxLength = count(value, facet);
        break;
      case 'minLength':
        model.minLength = count(value, facet);
        break;
      case 'maxLength':
        model.maxLength = count(value, facet);
        break;
      case 'minInclusive':
      case 'maxInclusive':
      case 'minExclusive':
      case 'maxExclusive': {
        if (kind !== 'integer') {
          throw new XsdLoadError(`xs:${facet.name} is supported on integer types only (the base here is xs:${base.base})`, facet.line);
        }
        // The model keeps inclusive bounds; on integers an exclusive bound is the next integer in.
        const n = number(value, facet);
        if (facet.name === 'minInclusive') model.minInclusive = n;
        else if (facet.name === 'maxInclusive') model.maxInclusive = n;
        else if (facet.name === 'minExclusive') model.minInclusive = n + 1;
        else model.maxInclusive = n - 1;
        break;
      }
      default:
        throw new XsdLoadError(`xs:${facet.name} is not supported in a restriction`, facet.line);
    }
  }
  // A derived enumeration replaces the base's (it can only be a subset of it).
  if (enumeration.length > 0) model.enumeration = enumeration;
  // Patterns of one derivation step are alternatives; patterns of different steps must all match.
  if (patterns.length > 0) {
    const step = patterns.length === 1 ? patterns[0] : patterns.map((p) => `(${p})`).join('|');
    model.patterns = [...(base.patterns ?? []), step];
  }
  return model;
}

function count(value: string, facet: XsdNode): number {
  if (!/^\s*\d+\s*$/.test(value)) throw new XsdLoadError(`xs:${facet.name} value '${value}' is not a non-negative integer`, facet.line);
  return Number(value);
}

function number(value: string, facet: XsdNode): number {
  if (!/^\s*[+-]?\d+\s*$/.test(value)) throw new XsdLoadError(`xs:${facet.name} value '${value}' is not an integer`, facet.line);
  return Number(value);
}
