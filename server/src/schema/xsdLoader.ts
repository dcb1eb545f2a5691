/**
 * Loads an XSD into the content model (contentModel.ts). It reads what the bundled option profile
 * schema uses and what an official Qualys XSD plausibly uses: global and local elements, `ref`,
 * named and anonymous complex/simple types, sequence/choice/all and model groups with occurrence
 * bounds, simple content, complex content extension, attributes, restriction facets, fixed/default.
 * Anything else (imports, wildcards, substitution groups, lists, unions...) is rejected with an
 * XsdLoadError naming the construct and its line, rather than silently giving a wrong model.
 */
import type { AttributeDecl, ContentModel, ElementContent, ElementDecl, ElementDocs, ElementParticle, Particle, SimpleTypeModel } from './contentModel';
import { parseXsdDocument, XSD_NAMESPACE, XsdLoadError, type XsdNode } from './xsdDom';
import { applyFacets, builtinModel, isXs, resolveSimpleRef, simpleTypeModel, type TypeLookup } from './xsdSimpleType';

export { XsdLoadError } from './xsdDom';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Parses an XSD (never fetching anything) into the content model of server/src/schema/contentModel.ts. */
export function loadContentModel(xsdText: string, source: string): ContentModel {
  const root = parseXsdDocument(xsdText);
  if (!isXs(root, 'schema')) throw new XsdLoadError(`The root element is <${root.name}>, not xs:schema`, root.line);
  const loader = new Loader(root);
  return { roots: loader.roots(), source };
}

// Top-level constructs that would need another file or change meaning we cannot model.
const REJECTED_TOP = new Set(['import', 'include', 'redefine', 'override', 'defaultOpenContent']);
// Identity constraints restrict values across the document, not the content model: safe to skip.
const IDENTITY = new Set(['key', 'keyref', 'unique']);

class Loader implements TypeLookup {
  private readonly elements = new Map<string, XsdNode>();
  private readonly complexTypes = new Map<string, XsdNode>();
  private readonly simpleTypes = new Map<string, XsdNode>();
  private readonly groups = new Map<string, XsdNode>();
  private readonly attributeGroups = new Map<string, XsdNode>();
  private readonly attributes = new Map<string, XsdNode>();
  /** Declarations being built, by XSD node: a recursive reference reuses the ancestor's object. */
  private readonly building = new Map<XsdNode, ElementDecl>();
  /** Ids given so far: a name declared twice in one content model gets `NAME[2]` for the second. */
  private readonly ids = new Set<string>();
  /** Guards model group and type extension cycles. */
  private readonly expanding = new Set<XsdNode>();

  constructor(schema: XsdNode) {
    for (const child of schema.children) {
      if (child.ns !== XSD_NAMESPACE) continue;
      if (REJECTED_TOP.has(child.name)) throw new XsdLoadError(`xs:${child.name} is not supported: the schema must be one self-contained file`, child.line);
      const table = this.tableFor(child.name);
      if (table === undefined) continue;
      const name = child.attrs.name;
      if (name === undefined) throw new XsdLoadError(`A global xs:${child.name} has no name`, child.line);
      if (table.has(name)) throw new XsdLoadError(`Two global xs:${child.name} declarations are named ${name}`, child.line);
      table.set(name, child);
    }
  }

  private tableFor(kind: string): Map<string, XsdNode> | undefined {
    switch (kind) {
      case 'element': return this.elements;
      case 'complexType': return this.complexTypes;
      case 'simpleType': return this.simpleTypes;
      case 'group': return this.groups;
      case 'attributeGroup': return this.attributeGroups;
      case 'attribute': return this.attributes;
      default: return undefined;
    }
  }

  roots(): ElementDecl[] {
    return [...this.elements.values()].map((node) => this.element(node, node, '', 1, 1).element);
  }

  /** Splits a QName attribute value into namespace URI and local name, using the node's bindings. */
  private qname(value: string, node: XsdNode): { ns: string | undefined; local: string } {
    const colon = value.indexOf(':');
    const prefix = colon < 0 ? '' : value.slice(0, colon);
    const ns = node.scope.get(prefix);
    if (colon >= 0 && ns === undefined) throw new XsdLoadError(`The prefix '${prefix}' in '${value}' is not declared`, node.line);
    return { ns, local: colon < 0 ? value : value.slice(colon + 1) };
  }

  private lookup(table: Map<string, XsdNode>, kind: string, value: string, node: XsdNode): XsdNode {
    const { local } = this.qname(value, node);
    const found = table.get(local);
    if (!found) throw new XsdLoadError(`${kind} '${value}' is not declared in this schema`, node.line);
    return found;
  }

  resolveSimple(value: string, node: XsdNode): { builtin: string } | { node: XsdNode } | { complex: XsdNode } {
    const { ns, local } = this.qname(value, node);
    if (ns === XSD_NAMESPACE) {
      if (local === 'anyType') throw new XsdLoadError('xs:anyType is not a simple type', node.line);
      return { builtin: local };
    }
    const simple = this.simpleTypes.get(local);
    if (simple) return { node: simple };
    const complex = this.complexTypes.get(local);
    if (complex) return { complex };
    throw new XsdLoadError(`The type '${value}' is not declared in this schema`, node.line);
  }

  /** Builds the particle of an xs:element (global, local or ref) at `path`. */
  private element(occursNode: XsdNode, declNode: XsdNode, path: string, minOccurs: number, maxOccurs: number): ElementParticle {
    let decl = declNode;
    if (declNode.attrs.ref !== undefined) decl = this.lookup(this.elements, 'The element', declNode.attrs.ref, declNode);
    const name = decl.attrs.name;
    if (name === undefined) throw new XsdLoadError('xs:element has neither name nor ref', decl.line);
    for (const attr of ['substitutionGroup', 'abstract'] as const) {
      if (decl.attrs[attr] !== undefined && decl.attrs[attr] !== 'false') {
        throw new XsdLoadError(`xs:element ${attr} is not supported (element ${name})`, decl.line);
      }
    }
    const existing = this.building.get(decl);
    if (existing) return { kind: 'element', element: existing, minOccurs, maxOccurs };
    const result: Mutable<ElementDecl> = { name, id: this.uniqueId(path === '' ? name : `${path}/${name}`), content: { kind: 'any' }, attributes: [] };
    if (decl.attrs.fixed !== undefined) result.fixed = decl.attrs.fixed;
    if (decl.attrs.default !== undefined) result.default = decl.attrs.default;
    if (decl.attrs.nillable === 'true' || decl.attrs.nillable === '1') result.nillable = true;
    const docs = readDocs(occursNode) ?? readDocs(decl);
    if (docs) result.docs = docs;
    this.building.set(decl, result);
    try {
      this.fillElement(result, decl);
    } finally {
      this.building.delete(decl);
    }
    return { kind: 'element', element: result, minOccurs, maxOccurs };
  }

  private uniqueId(id: string): string {
    let unique = id;
    for (let n = 2; this.ids.has(unique); n++) unique = `${id}[${n}]`;
    this.ids.add(unique);
    return unique;
  }

  private fillElement(result: Mutable<ElementDecl>, decl: XsdNode): void {
    for (const child of decl.children) {
      if (child.ns !== XSD_NAMESPACE || child.name === 'annotation' || IDENTITY.has(child.name)) continue;
      if (child.name === 'simpleType') result.content = { kind: 'simple', type: simpleTypeModel(child, this) };
      else if (child.name === 'complexType') this.fillComplex(result, child);
      else throw new XsdLoadError(`xs:${child.name} inside xs:element is not supported`, child.line);
    }
    const type = decl.attrs.type;
    if (type === undefined) return;
    const { ns, local } = this.qname(type, decl);
    if (ns === XSD_NAMESPACE && local === 'anyType') return;
    const found = this.resolveSimple(type, decl);
    if ('complex' in found) this.fillComplex(result, found.complex);
    else result.content = { kind: 'simple', type: resolveSimpleRef(type, decl, this) };
  }

  /** Fills content and attributes from an xs:complexType node. */
  private fillComplex(result: Mutable<ElementDecl>, typeNode: XsdNode): void {
    const { content, attributes } = this.complexContent(typeNode, result.id);
    result.content = content;
    result.attributes = attributes;
  }

  private complexContent(typeNode: XsdNode, path: string): { content: ElementContent; attributes: AttributeDecl[] } {
    if (typeNode.attrs.abstract === 'true') throw new XsdLoadError(`Abstract complex types are not supported`, typeNode.line);
    const mixed = typeNode.attrs.mixed === 'true' || typeNode.attrs.mixed === '1';
    let particle: Particle | undefined;
    const attributes: AttributeDecl[] = [];
    for (const child of typeNode.children) {
      if (child.ns !== XSD_NAMESPACE || child.name === 'annotation') continue;
      switch (child.name) {
        case 'simpleContent':
          return { content: { kind: 'simple', type: this.simpleContent(child) }, attributes: this.attributesOf(child.children.find((c) => c.ns === XSD_NAMESPACE && c.name !== 'annotation') ?? child) };
        case 'complexContent':
          return this.complexContentDerivation(child, path, mixed);
        case 'sequence':
        case 'choice':
        case 'all':
        case 'group':
          particle = this.particle(child, path);
          break;
        case 'attribute':
        case 'attributeGroup':
          attributes.push(...this.attributesOf({ ...typeNode, children: [child] }));
          break;
        default:
          throw new XsdLoadError(`xs:${child.name} inside xs:complexType is not supported`, child.line);
      }
    }
    return { content: { kind: 'complex', particle, mixed }, attributes };
  }

  /** The text type of xs:simpleContent (extension or restriction of a simple or simple-content type). */
  private simpleContent(node: XsdNode): SimpleTypeModel {
    const derivation = node.children.find((c) => isXs(c, 'extension') || isXs(c, 'restriction'));
    if (!derivation || derivation.attrs.base === undefined) throw new XsdLoadError('xs:simpleContent needs an extension or restriction with a base', node.line);
    const base = this.textTypeOf(derivation.attrs.base, derivation);
    if (isXs(derivation, 'extension')) {
      for (const c of derivation.children) {
        if (c.ns === XSD_NAMESPACE && !['annotation', 'attribute', 'attributeGroup'].includes(c.name)) {
          throw new XsdLoadError(`xs:${c.name} inside a simple content extension is not supported`, c.line);
        }
      }
      return base;
    }
    return applyFacets(base, derivation);
  }

  private textTypeOf(qname: string, node: XsdNode): SimpleTypeModel {
    const found = this.resolveSimple(qname, node);
    if ('builtin' in found) return builtinModel(found.builtin, node);
    if ('node' in found) return simpleTypeModel(found.node, this);
    if (this.expanding.has(found.complex)) throw new XsdLoadError(`The type ${qname} derives from itself`, node.line);
    this.expanding.add(found.complex);
    try {
      const sc = found.complex.children.find((c) => isXs(c, 'simpleContent'));
      if (!sc) throw new XsdLoadError(`${qname} has no simple content to derive text from`, node.line);
      return this.simpleContent(sc);
    } finally {
      this.expanding.delete(found.complex);
    }
  }

  /** xs:complexContent: extension appends to the base's particle; restriction only of xs:anyType. */
  private complexContentDerivation(node: XsdNode, path: string, mixedType: boolean): { content: ElementContent; attributes: AttributeDecl[] } {
    const derivation = node.children.find((c) => isXs(c, 'extension') || isXs(c, 'restriction'));
    if (!derivation || derivation.attrs.base === undefined) throw new XsdLoadError('xs:complexContent needs an extension or restriction with a base', node.line);
    const mixed = mixedType || node.attrs.mixed === 'true';
    const own = this.complexContent({ ...derivation, attrs: { mixed: String(mixed) } }, path);
    const { ns, local } = this.qname(derivation.attrs.base, derivation);
    if (ns === XSD_NAMESPACE && local === 'anyType') return own;
    if (isXs(derivation, 'restriction')) {
      throw new XsdLoadError('xs:complexContent restriction is supported only of xs:anyType', derivation.line);
    }
    const baseNode = this.lookup(this.complexTypes, 'The complex type', derivation.attrs.base, derivation);
    if (this.expanding.has(baseNode)) throw new XsdLoadError(`The complex type ${derivation.attrs.base} extends itself`, derivation.line);
    this.expanding.add(baseNode);
    try {
      const base = this.complexContent(baseNode, path);
      if (base.content.kind !== 'complex' || own.content.kind !== 'complex') {
        throw new XsdLoadError(`Only element content can be extended by xs:complexContent (base ${derivation.attrs.base})`, derivation.line);
      }
      const parts = [base.content.particle, own.content.particle].filter((p): p is Particle => p !== undefined);
      const particle: Particle | undefined = parts.length === 2 ? { kind: 'sequence', particles: parts, minOccurs: 1, maxOccurs: 1 } : parts[0];
      return { content: { kind: 'complex', particle, mixed }, attributes: [...base.attributes, ...own.attributes] };
    } finally {
      this.expanding.delete(baseNode);
    }
  }

  /** A model group (sequence/choice/all), a group reference, or an element, at `path`. */
  private particle(node: XsdNode, path: string): Particle {
    const minOccurs = occurs(node, 'minOccurs');
    const maxOccurs = occurs(node, 'maxOccurs');
    if (isXs(node, 'element')) return this.element(node, node, path, minOccurs, maxOccurs);
    if (isXs(node, 'group')) {
      if (node.attrs.ref === undefined) throw new XsdLoadError('A local xs:group needs a ref', node.line);
      const def = this.lookup(this.groups, 'The group', node.attrs.ref, node);
      if (this.expanding.has(def)) throw new XsdLoadError(`The group ${node.attrs.ref} contains itself`, node.line);
      const body = def.children.find((c) => isXs(c, 'sequence') || isXs(c, 'choice') || isXs(c, 'all'));
      if (!body) throw new XsdLoadError(`The group ${node.attrs.ref} has no sequence, choice or all`, def.line);
      this.expanding.add(def);
      try {
        const inner = this.particle(body, path);
        return { ...inner, minOccurs: minOccurs * inner.minOccurs, maxOccurs: maxOccurs * inner.maxOccurs };
      } finally {
        this.expanding.delete(def);
      }
    }
    if (isXs(node, 'sequence') || isXs(node, 'choice') || isXs(node, 'all')) {
      const particles: Particle[] = [];
      for (const child of node.children) {
        if (child.ns !== XSD_NAMESPACE || child.name === 'annotation') continue;
        if (!['element', 'group', 'sequence', 'choice'].includes(child.name)) {
          throw new XsdLoadError(`xs:${child.name} inside xs:${node.name} is not supported`, child.line);
        }
        particles.push(this.particle(child, path));
      }
      return { kind: node.name as 'sequence' | 'choice' | 'all', particles, minOccurs, maxOccurs };
    }
    throw new XsdLoadError(`xs:${node.name} is not supported here`, node.line);
  }

  /** The attributes declared directly in `owner` (xs:attribute and xs:attributeGroup refs). */
  private attributesOf(owner: XsdNode): AttributeDecl[] {
    const out: AttributeDecl[] = [];
    for (const child of owner.children) {
      if (isXs(child, 'attribute')) out.push(this.attribute(child));
      else if (isXs(child, 'attributeGroup')) {
        if (child.attrs.ref === undefined) throw new XsdLoadError('A local xs:attributeGroup needs a ref', child.line);
        const def = this.lookup(this.attributeGroups, 'The attribute group', child.attrs.ref, child);
        if (this.expanding.has(def)) throw new XsdLoadError(`The attribute group ${child.attrs.ref} contains itself`, child.line);
        this.expanding.add(def);
        try {
          out.push(...this.attributesOf(def));
        } finally {
          this.expanding.delete(def);
        }
      } else if (isXs(child, 'anyAttribute')) {
        throw new XsdLoadError('xs:anyAttribute is not supported', child.line);
      }
    }
    return out;
  }

  private attribute(node: XsdNode): AttributeDecl {
    const decl = node.attrs.ref !== undefined ? this.lookup(this.attributes, 'The attribute', node.attrs.ref, node) : node;
    const name = decl.attrs.name;
    if (name === undefined) throw new XsdLoadError('xs:attribute has neither name nor ref', node.line);
    const inline = decl.children.find((c) => isXs(c, 'simpleType'));
    let type: SimpleTypeModel = { name: 'anySimpleType', base: 'anySimpleType' };
    if (inline) type = simpleTypeModel(inline, this);
    else if (decl.attrs.type !== undefined) type = resolveSimpleRef(decl.attrs.type, decl, this);
    const result: Mutable<AttributeDecl> = { name, required: node.attrs.use === 'required', type };
    const fixed = node.attrs.fixed ?? decl.attrs.fixed;
    const dflt = node.attrs.default ?? decl.attrs.default;
    if (fixed !== undefined) result.fixed = fixed;
    if (dflt !== undefined) result.default = dflt;
    const docs = readDocs(node) ?? readDocs(decl);
    if (docs) result.docs = docs;
    return result;
  }
}

function occurs(node: XsdNode, attr: 'minOccurs' | 'maxOccurs'): number {
  const value = node.attrs[attr];
  if (value === undefined) return 1;
  if (attr === 'maxOccurs' && value.trim() === 'unbounded') return Infinity;
  if (!/^\s*\d+\s*$/.test(value)) throw new XsdLoadError(`${attr}="${value}" is not a non-negative integer${attr === 'maxOccurs' ? ' or unbounded' : ''}`, node.line);
  return Number(value);
}

const API_PREFIX = 'API parameter:';
const SOURCE_PREFIX = 'Source:';

/**
 * Reads xs:annotation/xs:documentation. Lines starting "API parameter:" and "Source:" become the
 * structured fields (the convention of server/data/option_profiles.xsd, see
 * docs/option-profile-schema.md); the rest is the description. Plain documentation (an official
 * XSD) becomes text only.
 */
export function readDocs(node: XsdNode): ElementDocs | undefined {
  const annotation = node.children.find((c) => isXs(c, 'annotation'));
  if (!annotation) return undefined;
  const texts = annotation.children.filter((c) => isXs(c, 'documentation')).map((c) => c.text);
  if (texts.length === 0) return undefined;
  const textLines: string[] = [];
  let apiParameter: string | undefined;
  let source: string | undefined;
  for (const line of texts.join('\n\n').split('\n').map((l) => l.trim())) {
    if (line.startsWith(API_PREFIX)) apiParameter = line.slice(API_PREFIX.length).trim();
    else if (line.startsWith(SOURCE_PREFIX)) source = line.slice(SOURCE_PREFIX.length).trim();
    else textLines.push(line);
  }
  const text = textLines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  const docs: Mutable<ElementDocs> = { text };
  if (apiParameter) docs.apiParameter = apiParameter;
  if (source) docs.source = source;
  return docs;
}
