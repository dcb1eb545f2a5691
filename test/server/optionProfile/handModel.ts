/**
 * A hand-made content model for the language-service tests: a slice of the option profile schema's
 * shape (sequence, optional, repeated, choice, enumerations, booleans, ranges, a fixed value), built
 * with small constructors so the tests do not depend on the bundled XSD's exact contents.
 */
import type { ContentModel, ElementDecl, ElementDocs, Particle, SimpleTypeModel } from '../../../server/src/schema/contentModel';
import type { ValueChecker } from '../../../server/src/optionProfile/validator';

type Spec = { name: string; make: (parentId: string) => ElementDecl; min: number; max: number };

function decl(name: string, parentId: string, content: ElementDecl['content'], extra: Partial<ElementDecl> = {}): ElementDecl {
  return { name, id: parentId ? `${parentId}/${name}` : name, content, attributes: [], ...extra };
}

export function text(name: string, type: SimpleTypeModel = { name: 'string', base: 'string' }, extra: Partial<ElementDecl> = {}, min = 1, max = 1): Spec {
  return { name, min, max, make: (p) => decl(name, p, { kind: 'simple', type }, extra) };
}

export function opt(spec: Spec): Spec {
  return { ...spec, min: 0 };
}

export function many(spec: Spec, min = 1): Spec {
  return { ...spec, min, max: Infinity };
}

type Group = { kind: 'sequence' | 'choice' | 'all'; items: Array<Spec | Group>; min: number; max: number };
export const seq = (...items: Array<Spec | Group>): Group => ({ kind: 'sequence', items, min: 1, max: 1 });
export const choice = (...items: Array<Spec | Group>): Group => ({ kind: 'choice', items, min: 1, max: 1 });
export const optGroup = (group: Group): Group => ({ ...group, min: 0 });

export function complex(name: string, group: Group | undefined, docs?: ElementDocs): Spec {
  return {
    name,
    min: 1,
    max: 1,
    make: (p) => {
      const id = p ? `${p}/${name}` : name;
      return decl(name, p, group ? { kind: 'complex', particle: build(group, id), mixed: false } : { kind: 'complex', mixed: false }, docs ? { docs } : {});
    },
  };
}

export function withDocs(spec: Spec, docs: ElementDocs): Spec {
  return { ...spec, make: (p) => ({ ...spec.make(p), docs }) };
}

function build(item: Spec | Group, parentId: string): Particle {
  if ('make' in item) return { kind: 'element', element: item.make(parentId), minOccurs: item.min, maxOccurs: item.max };
  return { kind: item.kind, particles: item.items.map((i) => build(i, parentId)), minOccurs: item.min, maxOccurs: item.max };
}

export function model(root: Spec): ContentModel {
  return { roots: [root.make('')], source: 'hand-made test model' };
}

export const bool: SimpleTypeModel = { name: 'boolean', base: 'boolean' };
export const performance: SimpleTypeModel = { name: 'OVERALL_PERFORMANCEType', base: 'string', enumeration: ['Low', 'Normal', 'High'] };
export const authType: SimpleTypeModel = { name: 'AUTHENTICATION_TYPEType', base: 'string', enumeration: ['Apache Web Server', 'Oracle', 'MongoDB'] };
export const processes: SimpleTypeModel = { name: 'processesType', base: 'integer', minInclusive: 1, maxInclusive: 15 };

/** The option-profile-shaped model used by the service tests. */
export const handModel: ContentModel = model(
  complex(
    'OPTION_PROFILES',
    seq(
      many(
        complex(
          'OPTION_PROFILE',
          seq(
            complex('BASIC_INFO', seq(text('ID', { name: 'integer', base: 'integer' }), text('GROUP_NAME'), opt(text('IS_GLOBAL', bool)))),
            complex(
              'SCAN',
              seq(
                opt(
                  complex(
                    'PERFORMANCE',
                    seq(
                      opt(text('PARALLEL_SCALING', bool)),
                      withDocs(text('OVERALL_PERFORMANCE', performance), {
                        text: 'How hard the scan pushes the targets.',
                        apiParameter: 'performance',
                        source: 'option_profile_info.dtd; params reference',
                      }),
                      text('TOTAL_PROCESSES', processes),
                    ),
                  ),
                ),
                opt(
                  complex(
                    'SYSTEM_AUTH_RECORD',
                    choice(
                      complex('ALLOW_AUTH_CREATION', seq(complex('AUTHENTICATION_TYPE_LIST', seq(many(text('AUTHENTICATION_TYPE', authType)))))),
                      complex(
                        'INCLUDE_SYSTEM_AUTH',
                        choice(text('ON_DUPLICATE_USE_USER_AUTH', bool, { fixed: '1' }), text('ON_DUPLICATE_USE_SYSTEM_AUTH', bool, { fixed: '1' })),
                      ),
                    ),
                  ),
                ),
                opt(complex('CONTROL_TYPES', seq(opt(text('FIM_CONTROLS_ENABLED', bool))))),
                opt(complex('TEST_AUTHENTICATION', undefined)),
              ),
            ),
            complex('ADDITIONAL', seq(opt(text('ICMP', bool)))),
          ),
        ),
        0,
      ),
    ),
  ),
);

/**
 * A test double of schema/simpleValue.ts checkSimpleValue for the hand-made model (enumerations,
 * booleans, integers, ranges, fixed values, whitespace collapse). The real checker is exercised by
 * the tests against the bundled schema.
 */
export const testCheckValue: ValueChecker = (type, raw, elementName, fixed) => {
  const value = type.base === 'string' && !type.enumeration ? raw : raw.replace(/\s+/g, ' ').trim();
  if (fixed !== undefined && value !== fixed) {
    return { kind: 'fixed', message: `The value of ${elementName} must be ${fixed}`, allowed: [fixed] };
  }
  if (type.enumeration && !type.enumeration.includes(value)) {
    return { kind: 'enumeration', message: `'${value}' is not an allowed value of ${elementName}: ${type.enumeration.join(', ')}`, allowed: type.enumeration };
  }
  if (type.base === 'boolean' && !['0', '1', 'true', 'false'].includes(value)) {
    return { kind: 'type', message: `'${value}' is not a boolean value of ${elementName}: 0 or 1`, allowed: ['0', '1'] };
  }
  if (type.base === 'integer') {
    if (!/^[+-]?\d+$/.test(value)) return { kind: 'type', message: `'${value}' is not an integer (${elementName})` };
    const n = Number(value);
    if ((type.minInclusive !== undefined && n < type.minInclusive) || (type.maxInclusive !== undefined && n > type.maxInclusive)) {
      return { kind: 'range', message: `${value} is out of range for ${elementName}: ${type.minInclusive}..${type.maxInclusive}` };
    }
  }
  return undefined;
};
