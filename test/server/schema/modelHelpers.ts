// Small readers over a ContentModel, shared by the schema tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentModel, ElementDecl, Particle } from '../../../server/src/schema/contentModel';
import { loadContentModel } from '../../../server/src/schema/xsdLoader';

export const bundledXsdPath = join(__dirname, '..', '..', '..', 'server', 'data', 'option_profiles.xsd');

export function loadBundled(): ContentModel {
  return loadContentModel(readFileSync(bundledXsdPath, 'utf8'), bundledXsdPath);
}

/** Every element declaration reachable from the roots, each once (recursion-safe). */
export function allDecls(model: ContentModel): ElementDecl[] {
  const seen = new Set<ElementDecl>();
  const visit = (decl: ElementDecl): void => {
    if (seen.has(decl)) return;
    seen.add(decl);
    if (decl.content.kind === 'complex' && decl.content.particle) visitParticle(decl.content.particle);
  };
  const visitParticle = (p: Particle): void => {
    if (p.kind === 'element') visit(p.element);
    else p.particles.forEach(visitParticle);
  };
  model.roots.forEach(visit);
  return [...seen];
}

export function declById(model: ContentModel, id: string): ElementDecl {
  const found = allDecls(model).find((d) => d.id === id);
  if (!found) throw new Error(`no declaration ${id}`);
  return found;
}

/** The content particle of a complex element. */
export function particleOf(decl: ElementDecl): Particle {
  if (decl.content.kind !== 'complex' || !decl.content.particle) throw new Error(`${decl.id} has no particle`);
  return decl.content.particle;
}

/** A compact picture of a particle: "seq(A,B?,choice(C|D)*)". */
export function shape(p: Particle): string {
  const occ = (min: number, max: number): string =>
    min === 1 && max === 1 ? '' : min === 0 && max === 1 ? '?' : min === 0 && max === Infinity ? '*' : min === 1 && max === Infinity ? '+' : `{${min},${max}}`;
  if (p.kind === 'element') return `${p.element.name}${occ(p.minOccurs, p.maxOccurs)}`;
  const sep = p.kind === 'choice' ? '|' : ',';
  return `${p.kind === 'sequence' ? 'seq' : p.kind}(${p.particles.map(shape).join(sep)})${occ(p.minOccurs, p.maxOccurs)}`;
}

export const P = 'OPTION_PROFILES/OPTION_PROFILE';
