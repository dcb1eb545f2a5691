/**
 * Compiles a content model particle (sequence / choice / all with min/maxOccurs) into an automaton
 * over child element names. The NFA is built once per declaration (Thompson construction, bounded
 * repetitions unrolled) and determinised lazily, so validating a child is one Map lookup. Because
 * the DFA accepts exactly the language of the particle, the valid/invalid verdict matches an XSD
 * validator's; the diagnosis of *why* a child does not fit is done separately (validator.ts).
 */
import type { ElementDecl, GroupParticle, Particle } from '../schema/contentModel';

/** Repetitions above this bound are treated as unbounded (documented limitation; XSD authors rarely write them). */
const MAX_UNROLL = 64;
/** xs:all groups larger than this are not expanded into their 2^n subsets. */
const MAX_ALL = 10;

interface Edge {
  readonly name: string;
  readonly decl: ElementDecl;
  readonly to: number;
}

class Nfa {
  readonly edges: Edge[][] = [];
  readonly epsilon: number[][] = [];
  newState(): number {
    this.edges.push([]);
    this.epsilon.push([]);
    return this.edges.length - 1;
  }
}

export interface DfaState {
  readonly accepting: boolean;
  /** Allowed child names here, in schema order, with the declaration each maps to. */
  readonly allowed: ReadonlyMap<string, ElementDecl>;
  readonly nfaStates: readonly number[];
  /** Transitions computed so far (null: the name is not allowed here). */
  readonly row: Map<string, DfaState | null>;
}

/** Where an element name sits in the content model: for ordering and messages. */
export interface ParticleInfo {
  /** Position in a depth-first walk of the particle (schema order). */
  readonly order: number;
  readonly decl: ElementDecl;
  readonly minOccurs: number;
  readonly maxOccurs: number;
  /** Effective repetition: the product of the enclosing groups' maxOccurs and its own. */
  readonly effectiveMax: number;
  /** The other names of the innermost choice that holds this element (empty when none). */
  readonly choiceSiblings: readonly string[];
  /** Whether every enclosing group and the element itself are required (minOccurs >= 1, no choice). */
  readonly required: boolean;
}

export class ContentAutomaton {
  private readonly nfa = new Nfa();
  private readonly start: number;
  private readonly accept: number;
  private readonly states = new Map<string, DfaState>();
  /** Every element name of the model with its first particle, in schema order. */
  readonly particles = new Map<string, ParticleInfo>();
  readonly initial: DfaState;

  constructor(particle: Particle | undefined) {
    this.start = this.nfa.newState();
    this.accept = particle ? this.build(particle, this.start) : this.start;
    if (particle) this.index(particle, 1, [], true);
    this.initial = this.dfaState([this.start]);
  }

  /** The state after `name`, or null when the name is not allowed here. */
  next(state: DfaState, name: string): DfaState | null {
    const row = state.row;
    const cached = row.get(name);
    if (cached !== undefined) return cached;
    const targets: number[] = [];
    for (const s of state.nfaStates) for (const edge of this.nfa.edges[s]!) if (edge.name === name) targets.push(edge.to);
    const result = targets.length === 0 ? null : this.dfaState(targets);
    row.set(name, result);
    return result;
  }

  /**
   * The shortest run of child names that leads from `state` to one where `goal` holds (breadth
   * first, at most `limit` steps). Used to name missing required elements.
   */
  shortestPath(state: DfaState, goal: (s: DfaState) => boolean, limit = 8): string[] | undefined {
    if (goal(state)) return [];
    const seen = new Set<DfaState>([state]);
    let frontier: Array<{ state: DfaState; path: string[] }> = [{ state, path: [] }];
    for (let depth = 0; depth < limit && frontier.length > 0; depth++) {
      const next: Array<{ state: DfaState; path: string[] }> = [];
      for (const item of frontier) {
        for (const name of item.state.allowed.keys()) {
          const target = this.next(item.state, name);
          if (!target || seen.has(target)) continue;
          const path = [...item.path, name];
          if (goal(target)) return path;
          seen.add(target);
          next.push({ state: target, path });
        }
      }
      frontier = next;
    }
    return undefined;
  }

  /** The names that start a shortest path to acceptance (the alternatives of a missing choice). */
  firstSteps(state: DfaState, goal: (s: DfaState) => boolean): string[] {
    const best = this.shortestPath(state, goal);
    if (!best || best.length === 0) return [];
    const result: string[] = [];
    for (const name of state.allowed.keys()) {
      const target = this.next(state, name)!;
      const rest = this.shortestPath(target, goal, best.length - 1);
      if (rest && rest.length === best.length - 1) result.push(name);
    }
    return result;
  }

  private dfaState(seeds: number[]): DfaState {
    const closure = this.closure(seeds);
    const key = closure.join(',');
    const existing = this.states.get(key);
    if (existing) return existing;
    const allowed = new Map<string, ElementDecl>();
    const edges: Edge[] = [];
    for (const s of closure) for (const edge of this.nfa.edges[s]!) edges.push(edge);
    edges.sort((a, b) => (this.particles.get(a.name)?.order ?? 0) - (this.particles.get(b.name)?.order ?? 0));
    for (const edge of edges) if (!allowed.has(edge.name)) allowed.set(edge.name, edge.decl);
    const state: DfaState = { accepting: closure.includes(this.accept), allowed, nfaStates: closure, row: new Map() };
    this.states.set(key, state);
    return state;
  }

  private closure(seeds: number[]): number[] {
    const seen = new Set<number>(seeds);
    const work = [...seeds];
    while (work.length > 0) {
      const s = work.pop()!;
      for (const t of this.nfa.epsilon[s]!) {
        if (!seen.has(t)) {
          seen.add(t);
          work.push(t);
        }
      }
    }
    return [...seen].sort((a, b) => a - b);
  }

  /** Adds `particle` (with its occurrence bounds) after state `from`; returns its end state. */
  private build(particle: Particle, from: number): number {
    const min = Math.min(particle.minOccurs, MAX_UNROLL);
    const max = particle.maxOccurs > MAX_UNROLL ? Infinity : particle.maxOccurs;
    let current = from;
    for (let i = 0; i < min; i++) current = this.buildOnce(particle, current);
    if (max === Infinity) {
      const loop = this.nfa.newState();
      this.nfa.epsilon[current]!.push(loop);
      const bodyEnd = this.buildOnce(particle, loop);
      this.nfa.epsilon[bodyEnd]!.push(loop);
      return loop;
    }
    const end = this.nfa.newState();
    this.nfa.epsilon[current]!.push(end);
    for (let i = min; i < max; i++) {
      current = this.buildOnce(particle, current);
      this.nfa.epsilon[current]!.push(end);
    }
    return end;
  }

  private buildOnce(particle: Particle, from: number): number {
    if (particle.kind === 'element') {
      const to = this.nfa.newState();
      this.nfa.edges[from]!.push({ name: particle.element.name, decl: particle.element, to });
      return to;
    }
    if (particle.kind === 'sequence') {
      let current = from;
      for (const child of particle.particles) current = this.build(child, current);
      return current;
    }
    if (particle.kind === 'choice') {
      const end = this.nfa.newState();
      for (const child of particle.particles) {
        const branch = this.nfa.newState();
        this.nfa.epsilon[from]!.push(branch);
        this.nfa.epsilon[this.build(child, branch)]!.push(end);
      }
      if (particle.particles.length === 0) this.nfa.epsilon[from]!.push(end);
      return end;
    }
    return this.buildAll(particle, from);
  }

  /** xs:all: each member at most once, in any order; one NFA state per subset of members seen. */
  private buildAll(group: GroupParticle, from: number): number {
    const members = group.particles.slice(0, MAX_ALL);
    const end = this.nfa.newState();
    const subsetState = new Map<number, number>([[0, from]]);
    const stateOf = (mask: number): number => {
      let s = subsetState.get(mask);
      if (s === undefined) {
        s = this.nfa.newState();
        subsetState.set(mask, s);
      }
      return s;
    };
    const full = (1 << members.length) - 1;
    for (let mask = 0; mask <= full; mask++) {
      const s = stateOf(mask);
      let complete = true;
      members.forEach((member, i) => {
        const bit = 1 << i;
        if (mask & bit) return;
        if (member.minOccurs > 0) complete = false;
        const after = this.buildOnce(member, s);
        this.nfa.epsilon[after]!.push(stateOf(mask | bit));
      });
      if (complete) this.nfa.epsilon[s]!.push(end);
    }
    return end;
  }

  private index(particle: Particle, outerMax: number, choice: readonly string[], required: boolean): void {
    if (particle.kind === 'element') {
      const name = particle.element.name;
      if (!this.particles.has(name)) {
        this.particles.set(name, {
          order: this.particles.size,
          decl: particle.element,
          minOccurs: particle.minOccurs,
          maxOccurs: particle.maxOccurs,
          effectiveMax: outerMax * particle.maxOccurs,
          choiceSiblings: choice.filter((n) => n !== name),
          required: required && particle.minOccurs > 0,
        });
      }
      return;
    }
    const max = outerMax * particle.maxOccurs;
    const nowRequired = required && particle.minOccurs > 0;
    if (particle.kind === 'choice') {
      const names = particle.particles.flatMap((p) => namesOf(p));
      for (const child of particle.particles) this.index(child, max, names, nowRequired && particle.particles.length === 1);
    } else {
      for (const child of particle.particles) this.index(child, max, choice, nowRequired);
    }
  }
}

function namesOf(particle: Particle): string[] {
  return particle.kind === 'element' ? [particle.element.name] : particle.particles.flatMap(namesOf);
}

const automata = new WeakMap<ElementDecl, ContentAutomaton>();

/** The automaton of an element with complex content (cached per declaration). */
export function automatonFor(decl: ElementDecl): ContentAutomaton {
  let automaton = automata.get(decl);
  if (!automaton) {
    automaton = new ContentAutomaton(decl.content.kind === 'complex' ? decl.content.particle : undefined);
    automata.set(decl, automaton);
  }
  return automaton;
}
