import { pointerOf } from './json-pointer.js';

export interface FoundRef {
  /** The object that holds the `$ref` key (mutated when the ref is neutralised). */
  holder: Record<string, unknown>;
  ref: string;
  /** Where the holder is, in the scanned file. */
  pointer: string;
  /** True under an `x-` extension, where refs are the vendor's business, not OpenAPI's. */
  inExtension: boolean;
}

/** A literal value (an example, default, enum...) with a `$ref` somewhere inside it. */
export interface LiteralWithRef {
  /** The object whose `key` holds the literal. */
  holder: Record<string, unknown>;
  key: string;
  /** Where the literal (`holder[key]`) is, in the scanned file. */
  pointer: string;
  /** The first `$ref` string found inside. */
  ref: string;
  inExtension: boolean;
}

export interface RefScan {
  refs: FoundRef[];
  /** Literal values that hold a `$ref` (which the bundler would follow and inline if left). */
  literalsWithRefs: LiteralWithRef[];
  /** Every `$id` string (3.1 schemas may be referenced by it). */
  schemaIds: Set<string>;
}

export interface ScanOptions {
  /** Swagger 2.0: an `examples` map is media type → literal value (there are no Example Objects). */
  swagger2?: boolean;
}

/** Keys whose value is data, not OpenAPI structure: a `$ref` inside is a literal. */
export const LITERAL_KEYS = new Set(['example', 'default', 'enum', 'const', 'x-example', 'x-examples']);
/**
 * Keys whose value maps user-chosen names (or status codes, media types) to objects: a child named
 * `default` or `example` is a name, not the keyword (`responses: { default: ... }`).
 */
const NAME_MAP_KEYS = new Set([
  'properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'schemas', 'paths', 'webhooks', 'x-webhooks',
  'responses', 'requestBodies', 'headers', 'securitySchemes', 'securityDefinitions', 'links', 'callbacks', 'pathItems',
  'parameters', 'encoding', 'variables', 'content', 'scopes', 'mapping',
]);
/** The fields of an OpenAPI 3 Example Object. */
const EXAMPLE_OBJECT_KEYS = new Set(['summary', 'description', 'value', 'externalValue']);

type Mode = 'normal' | 'names' | 'exampleMap' | 'exampleObject';

/** The first string `$ref` anywhere inside `value` (shared YAML nodes are visited once). */
export function firstRefInside(value: unknown, seen: Set<object> = new Set()): string | undefined {
  if (value === null || typeof value !== 'object' || seen.has(value)) return undefined;
  seen.add(value);
  const record = value as Record<string, unknown>;
  if (!Array.isArray(value) && typeof record.$ref === 'string') return record.$ref;
  for (const child of Array.isArray(value) ? value : Object.values(record)) {
    const found = firstRefInside(child, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * An object with a `value` and only Example Object fields besides (and `x-` keys). An Example
 * Object in a file of its own (`examples: { a: { $ref: 'ex.yaml' } }`) is found by its shape,
 * since nothing in that file says where it is used.
 */
function looksLikeExampleObject(object: Record<string, unknown>): boolean {
  if (!('value' in object)) return false;
  for (const key of Object.keys(object)) if (!EXAMPLE_OBJECT_KEYS.has(key) && !key.startsWith('x-')) return false;
  return true;
}

/** Finds every `$ref` (and `$id`) in a parsed document, and the literal example data that holds one. */
export function scanRefs(root: unknown, options: ScanOptions = {}): RefScan {
  const scan: RefScan = { refs: [], literalsWithRefs: [], schemaIds: new Set() };
  const stack: (string | number)[] = [];

  const literal = (holder: Record<string, unknown>, key: string, inExtension: boolean): void => {
    const ref = firstRefInside(holder[key]);
    if (ref === undefined) return;
    stack.push(key);
    scan.literalsWithRefs.push({ holder, key, pointer: pointerOf(stack), ref, inExtension });
    stack.pop();
  };

  const visit = (node: unknown, mode: Mode, inExtension: boolean): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        stack.push(i);
        visit(node[i], 'normal', inExtension);
        stack.pop();
      }
      return;
    }
    const object = node as Record<string, unknown>;
    // Even where `$ref` would be a name (`properties: { $ref: ... }`), a string there is followed by
    // the bundler: the policy must see it. (A schema named "$ref" is an object, not a string.)
    if (typeof object.$ref === 'string') scan.refs.push({ holder: object, ref: object.$ref, pointer: pointerOf(stack), inExtension });
    if (mode !== 'names' && mode !== 'exampleMap' && typeof object.$id === 'string') scan.schemaIds.add(object.$id);
    const exampleObject = mode === 'exampleObject' || (mode === 'normal' && looksLikeExampleObject(object));
    for (const key in object) {
      const value = object[key];
      if (value === null || typeof value !== 'object') continue;
      let childMode: Mode = 'normal';
      let childInExtension = inExtension;
      if (mode === 'names') {
        childMode = 'normal';
      } else if (mode === 'exampleMap') {
        childMode = 'exampleObject';
      } else {
        if (LITERAL_KEYS.has(key) || (exampleObject && key === 'value')) {
          literal(object, key, inExtension);
          continue;
        }
        if (key === 'examples') {
          // A schema's `examples` list (JSON Schema) and Swagger 2's media type → value map are data.
          if (Array.isArray(value) || options.swagger2) {
            literal(object, key, inExtension);
            continue;
          }
          childMode = 'exampleMap';
        } else if (NAME_MAP_KEYS.has(key)) {
          childMode = 'names';
        }
        if (key.startsWith('x-')) childInExtension = true;
      }
      stack.push(key);
      visit(value, childMode, childInExtension);
      stack.pop();
    }
  };

  visit(root, 'normal', false);
  return scan;
}
