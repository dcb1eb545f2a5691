/**
 * A deterministic mutation generator for option profile documents: from the valid samples it makes
 * variants with one or two mistakes of the kinds users make (element dropped, duplicated, moved,
 * put under another parent, renamed, value changed to another allowed or a disallowed value,
 * whitespace or CDATA around a value). The same seed always gives the same documents, so any
 * disagreement between xmllint and our validator is reproducible by its name.
 */
import { XMLParser } from 'fast-xml-parser';
import type { ContentModel, ElementDecl, Particle } from '../../server/src/schema/contentModel';

export type MutationKind =
  | 'drop'
  | 'duplicate'
  | 'move'
  | 'reparent'
  | 'rename-known'
  | 'rename-typo'
  | 'value-allowed'
  | 'value-disallowed'
  | 'value-whitespace'
  | 'value-cdata'
  | 'insert-sibling'
  | 'malform';

export interface Mutation {
  /** Stable name: sample, index, kinds. */
  readonly name: string;
  readonly kinds: readonly MutationKind[];
  /** What was changed, for reports. */
  readonly description: string;
  readonly xml: string;
}

/** A parsed element: name, children (elements or raw text/CDATA), and its declaration if known. */
interface Node {
  name: string;
  children: Child[];
  decl?: ElementDecl;
}
type Child = Node | { text: string } | { cdata: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  processEntities: false,
  trimValues: false,
  parseTagValue: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** mulberry32: a small, fast, well-distributed seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function parseSample(xml: string, model: ContentModel): Node {
  const raw = parser.parse(xml) as Array<Record<string, unknown>>;
  const convert = (entry: Record<string, unknown>): Child | undefined => {
    if (typeof entry['#text'] === 'string') return { text: entry['#text'] };
    if (Array.isArray(entry['#cdata'])) return { cdata: String((entry['#cdata'] as Array<Record<string, unknown>>)[0]?.['#text'] ?? '') };
    const name = Object.keys(entry).find((k) => k !== ':@');
    if (name === undefined) return undefined;
    return { name, children: (entry[name] as Array<Record<string, unknown>>).map(convert).filter((c): c is Child => c !== undefined) };
  };
  const root = raw.map(convert).find((c): c is Node => c !== undefined && 'name' in c);
  if (!root) throw new Error('sample has no root element');
  attachDecls(root, model.roots.find((r) => r.name === root.name));
  return root;
}

function childDecls(decl: ElementDecl | undefined): ElementDecl[] {
  const out: ElementDecl[] = [];
  const visit = (p: Particle): void => {
    if (p.kind === 'element') out.push(p.element);
    else p.particles.forEach(visit);
  };
  if (decl?.content.kind === 'complex' && decl.content.particle) visit(decl.content.particle);
  return out;
}

function attachDecls(node: Node, decl: ElementDecl | undefined): void {
  node.decl = decl;
  const decls = childDecls(decl);
  for (const child of node.children) if ('name' in child) attachDecls(child, decls.find((d) => d.name === child.name));
}

export function serialize(node: Node, indent = ''): string {
  const elements = node.children.filter((c): c is Node => 'name' in c);
  if (elements.length === 0) {
    const text = node.children.map((c) => ('text' in c ? c.text : 'cdata' in c ? `<![CDATA[${c.cdata}]]>` : '')).join('');
    return `${indent}<${node.name}>${text}</${node.name}>`;
  }
  const inner = elements.map((c) => serialize(c, `${indent}  `)).join('\n');
  return `${indent}<${node.name}>\n${inner}\n${indent}</${node.name}>`;
}

function clone(node: Node): Node {
  return { name: node.name, decl: node.decl, children: node.children.map((c) => ('name' in c ? clone(c) : { ...c })) };
}

/** Every element below the root, with its parent. */
function elementsOf(root: Node): Array<{ node: Node; parent: Node }> {
  const out: Array<{ node: Node; parent: Node }> = [];
  const walk = (parent: Node): void => {
    for (const c of parent.children) {
      if ('name' in c) {
        out.push({ node: c, parent });
        walk(c);
      }
    }
  };
  walk(root);
  return out;
}

const isLeaf = (n: Node): boolean => !n.children.some((c) => 'name' in c);
const textOf = (n: Node): string => n.children.map((c) => ('text' in c ? c.text : 'cdata' in c ? c.cdata : '')).join('');

const BAD_VALUES = ['', '-1', '2', 'yes', 'N/A', '1.5', '99999999999999999999', 'Hgh', 'normal', 'true', '0x1F', ' '];

class Mutator {
  constructor(
    private readonly random: () => number,
    private readonly allNames: readonly string[],
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  /** Applies one mutation of `kind` to `root` in place; returns a description, or undefined if not applicable. */
  apply(root: Node, kind: MutationKind): string | undefined {
    const all = elementsOf(root);
    const leaves = all.filter((e) => isLeaf(e.node));
    if (all.length === 0) return undefined;
    const { node, parent } = this.pick(all);
    const index = parent.children.indexOf(node);
    switch (kind) {
      case 'drop':
        parent.children.splice(index, 1);
        return `drop ${node.name} from ${parent.name}`;
      case 'duplicate':
        parent.children.splice(index + 1, 0, clone(node));
        return `duplicate ${node.name} in ${parent.name}`;
      case 'move': {
        const siblings = parent.children.filter((c) => 'name' in c);
        if (siblings.length < 2) return undefined;
        parent.children.splice(index, 1);
        const target = this.pick(parent.children.filter((c) => 'name' in c));
        const at = parent.children.indexOf(target) + (this.random() < 0.5 ? 0 : 1);
        parent.children.splice(at, 0, node);
        return `move ${node.name} within ${parent.name} next to ${(target as Node).name}`;
      }
      case 'reparent': {
        const targets = all.filter((e) => !isLeaf(e.node) && e.node !== parent && !elementsOf(node).some((d) => d.node === e.node) && e.node !== node);
        if (targets.length === 0) return undefined;
        const target = this.pick(targets).node;
        parent.children.splice(index, 1);
        target.children.splice(Math.floor(this.random() * (target.children.length + 1)), 0, node);
        return `move ${node.name} from ${parent.name} into ${target.name}`;
      }
      case 'rename-known': {
        const name = this.pick(this.allNames.filter((n) => n !== node.name));
        const from = node.name;
        node.name = name;
        return `rename ${from} to ${name}`;
      }
      case 'rename-typo': {
        const from = node.name;
        const i = Math.floor(this.random() * from.length);
        node.name = this.random() < 0.5 ? from.slice(0, i) + from.slice(i + 1) || 'X' : from.toLowerCase();
        if (/^[^A-Za-z_]/.test(node.name)) node.name = `X${node.name}`;
        return `rename ${from} to ${node.name}`;
      }
      case 'value-allowed': {
        const candidates = leaves.filter((e) => e.node.decl?.content.kind === 'simple' && allowedValues(e.node.decl).length > 1);
        if (candidates.length === 0) return undefined;
        const leaf = this.pick(candidates).node;
        const current = textOf(leaf).trim();
        const value = this.pick(allowedValues(leaf.decl as ElementDecl).filter((v) => v !== current));
        leaf.children = [{ text: value }];
        return `set ${leaf.name} to allowed '${value}'`;
      }
      case 'value-disallowed': {
        const leaf = this.pick(leaves).node;
        const value = this.pick(BAD_VALUES);
        leaf.children = [{ text: value }];
        return `set ${leaf.name} to '${value}'`;
      }
      case 'value-whitespace': {
        const leaf = this.pick(leaves).node;
        leaf.children = [{ text: `\n    ${textOf(leaf)}  ` }];
        return `pad ${leaf.name} with whitespace`;
      }
      case 'value-cdata': {
        const leaf = this.pick(leaves).node;
        leaf.children = [{ cdata: textOf(leaf) }];
        return `wrap ${leaf.name} in CDATA`;
      }
      case 'insert-sibling': {
        const decls = childDecls(parent.decl);
        if (decls.length === 0) return undefined;
        const decl = this.pick(decls);
        const inserted = skeleton(decl, 0);
        parent.children.splice(Math.floor(this.random() * (parent.children.length + 1)), 0, inserted);
        return `insert ${decl.name} into ${parent.name}`;
      }
      case 'malform':
        // Applied to the serialised text (see malform()), not to the tree.
        return undefined;
    }
  }
}

/** The values a simple element allows, when they can be listed: enumerations, fixed, 0/1. */
export function allowedValues(decl: ElementDecl): string[] {
  if (decl.fixed !== undefined) return [decl.fixed];
  if (decl.content.kind !== 'simple') return [];
  const type = decl.content.type;
  if (type.enumeration) return [...type.enumeration];
  if (type.base === 'boolean') return ['0', '1', 'true', 'false'];
  if (/integer|int|long|short/i.test(type.base)) return ['0', '1', '15', '4096'];
  return [];
}

/** A minimal instance of a declaration: required children, first allowed value. */
function skeleton(decl: ElementDecl, depth: number): Node {
  const node: Node = { name: decl.name, decl, children: [] };
  if (decl.content.kind === 'simple') node.children.push({ text: allowedValues(decl)[0] ?? 'x' });
  else if (decl.content.kind === 'complex' && decl.content.particle && depth < 6) {
    const add = (p: Particle): void => {
      if (p.minOccurs === 0) return;
      if (p.kind === 'element') node.children.push(skeleton(p.element, depth + 1));
      else if (p.kind === 'choice') add(p.particles[0]);
      else p.particles.forEach(add);
    };
    add(decl.content.particle);
  }
  return node;
}

/** Breaks well-formedness the ways pasted documents do (seed 000's `<!CDATA[`, seed 001's `\>`). */
function malform(xml: string, random: () => number): { xml: string; description: string } {
  const closings = [...xml.matchAll(/<\/([A-Z_0-9]+)>/g)];
  const target = closings[Math.floor(random() * closings.length)];
  const at = target.index ?? 0;
  const name = target[1];
  const variants: Array<[string, string]> = [
    ['', `drop </${name}>`],
    [`</${name}\\>`, `write </${name}\\>`],
    [`<!CDATA[x]]></${name}>`, `put <!CDATA[ before </${name}>`],
    [` & </${name}>`, `put a bare & before </${name}>`],
    [`</${name.toLowerCase()}>`, `close ${name} as </${name.toLowerCase()}>`],
  ];
  const [replacement, description] = variants[Math.floor(random() * variants.length)];
  return { xml: xml.slice(0, at) + replacement + xml.slice(at + target[0].length), description };
}

const KINDS: readonly MutationKind[] = [
  'drop', 'duplicate', 'move', 'reparent', 'rename-known', 'rename-typo',
  'value-allowed', 'value-disallowed', 'value-whitespace', 'value-cdata', 'insert-sibling',
];

/**
 * `count` mutations of the samples (name -> valid XML text), one or two mistakes each, in a
 * deterministic order for a given seed.
 */
export function generateMutations(samples: ReadonlyMap<string, string>, model: ContentModel, count: number, seed = 20260101): Mutation[] {
  const random = prng(seed);
  const parsed = [...samples].map(([name, xml]) => ({ name, root: parseSample(xml, model) }));
  const allNames = [...new Set(parsed.flatMap((p) => elementsOf(p.root).map((e) => e.node.name)))].sort();
  const mutator = new Mutator(random, allNames);
  const out: Mutation[] = [];
  for (let i = 0; out.length < count && i < count * 20; i++) {
    const sample = parsed[i % parsed.length];
    const root = clone(sample.root);
    const steps = random() < 0.8 ? 1 : 2;
    const kinds: MutationKind[] = [];
    const descriptions: string[] = [];
    for (let s = 0; s < steps; s++) {
      const kind = KINDS[Math.floor(random() * KINDS.length)];
      const description = mutator.apply(root, kind);
      if (description !== undefined) {
        kinds.push(kind);
        descriptions.push(description);
      }
    }
    if (kinds.length === 0) continue;
    let xml = `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}\n`;
    if (random() < 0.05) {
      const broken = malform(xml, random);
      xml = broken.xml;
      kinds.push('malform');
      descriptions.push(broken.description);
    }
    const name = `${sample.name.replace(/\.xml$/, '')}.m${String(out.length).padStart(4, '0')}.${kinds.join('+')}`;
    out.push({ name, kinds, description: descriptions.join('; '), xml });
  }
  return out;
}
