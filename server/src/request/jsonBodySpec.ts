/**
 * The shapes of JSON request bodies (the PCRS postureInfo body), read from the `jsonBodies`
 * section of server/data/catalog/ and checked at load like the rest of the catalog.
 */

export type JsonScalarType = 'id' | 'string' | 'integer' | 'boolean';

export type JsonShape =
  | { readonly type: 'array'; readonly description: string; readonly items: JsonShape; readonly minItems?: number; readonly maxItems?: number }
  | { readonly type: 'object'; readonly description: string; readonly properties: ReadonlyMap<string, JsonProperty> }
  | { readonly type: JsonScalarType; readonly description: string };

export interface JsonProperty {
  readonly name: string;
  readonly required: boolean;
  readonly source: string;
  readonly shape: JsonShape;
}

export interface JsonBodySpec {
  readonly name: string;
  readonly description: string;
  readonly source: string;
  /** Documentation placeholders (`xxx`, `POLICY ID`): keys and values that match are not checked. */
  readonly placeholder?: RegExp;
  /** Keys written as placeholders (the seed's `"xxx":"xxx"`): not reported, and they may stand for a missing key. */
  readonly keyPlaceholder?: RegExp;
  readonly root: JsonShape;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const scalarTypes: readonly string[] = ['id', 'string', 'integer', 'boolean'];

/** Thrown with the place in the catalog; the loader turns it into its CatalogError. */
export class JsonSpecError extends Error {
  constructor(readonly where: string, message: string) {
    super(message);
  }
}

function parseShape(raw: unknown, where: string, sources: Json, defaultSource: string): JsonShape {
  if (!isObject(raw)) throw new JsonSpecError(where, 'expected a shape object');
  const description = typeof raw.description === 'string' ? raw.description : '';
  const type = raw.type;
  if (type === 'array') {
    const minItems = typeof raw.minItems === 'number' ? raw.minItems : undefined;
    const maxItems = typeof raw.maxItems === 'number' ? raw.maxItems : undefined;
    return {
      type,
      description,
      items: parseShape(raw.items, `${where}.items`, sources, defaultSource),
      ...(minItems !== undefined ? { minItems } : {}),
      ...(maxItems !== undefined ? { maxItems } : {}),
    };
  }
  if (type === 'object') {
    if (!isObject(raw.properties)) throw new JsonSpecError(where, 'an object needs properties');
    const properties = new Map<string, JsonProperty>();
    for (const [name, rawProperty] of Object.entries(raw.properties)) {
      const at = `${where}.properties.${name}`;
      if (!isObject(rawProperty)) throw new JsonSpecError(at, 'expected a shape object');
      const source = typeof rawProperty.source === 'string' ? rawProperty.source : defaultSource;
      if (!(source in sources)) throw new JsonSpecError(at, `unknown source '${source}'`);
      properties.set(name, { name, required: rawProperty.required === true, source, shape: parseShape(rawProperty, at, sources, source) });
    }
    return { type, description, properties };
  }
  if (typeof type !== 'string' || !scalarTypes.includes(type)) throw new JsonSpecError(where, `unknown JSON type '${String(type)}'`);
  return { type: type as JsonScalarType, description };
}

export function parseJsonBodySpec(name: string, raw: unknown, sources: Json): JsonBodySpec {
  const where = `jsonBodies.${name}`;
  if (!isObject(raw)) throw new JsonSpecError(where, 'expected an object');
  const source = raw.source;
  if (typeof source !== 'string' || !(source in sources)) throw new JsonSpecError(where, `unknown source '${String(source)}'`);
  const regex = (value: unknown, field: string): RegExp | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new JsonSpecError(where, `${field} must be a regular expression string`);
    return new RegExp(value);
  };
  const placeholder = regex(raw.placeholder, 'placeholder');
  const keyPlaceholder = regex(raw.keyPlaceholder, 'keyPlaceholder');
  return {
    name,
    description: typeof raw.description === 'string' ? raw.description : '',
    source,
    ...(placeholder ? { placeholder } : {}),
    ...(keyPlaceholder ? { keyPlaceholder } : {}),
    root: parseShape(raw.root, `${where}.root`, sources, source),
  };
}

/** The shape at a path of keys and indexes, or undefined where the spec says nothing. */
export function shapeAt(root: JsonShape, path: readonly (string | number)[]): JsonShape | undefined {
  let shape: JsonShape | undefined = root;
  for (const segment of path) {
    if (!shape) return undefined;
    if (shape.type === 'array' && typeof segment === 'number') shape = shape.items;
    else if (shape.type === 'object' && typeof segment === 'string') shape = shape.properties.get(segment)?.shape;
    else return undefined;
  }
  return shape;
}
