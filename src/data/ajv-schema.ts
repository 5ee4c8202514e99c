import type { SpecKind } from '../model/index.js';
import { followRefChain, resolveSchemaRef } from '../openapi/schema-refs.js';
import type { Direction } from './types.js';

/** The id under which a whole spec document is registered in ajv; local `$ref`s resolve against it. */
export const DOCUMENT_ID = 'perfplan:document';

interface NormalizeOptions {
  kind: SpecKind;
  direction: Direction;
  /** The document, to look through property `$ref`s for readOnly/writeOnly. */
  document: Record<string, unknown>;
  /** Rewrite `#/...` refs to `perfplan:document#/...` (for schemas compiled on their own). */
  rewriteRefs: boolean;
  /**
   * `openapi` (the default): a required readOnly property (writeOnly in responses) is not
   * required, as OpenAPI specifies. `literal`: the schema as plain JSON Schema reads it, which is
   * how some validators read a readOnly property inside oneOf/anyOf branches (Prism 5 only
   * strips readOnly properties it reaches through `properties` and `allOf`).
   */
  reading?: ValidatorReading;
  /** Told when a required name is dropped because its property is hidden. */
  onHiddenRequired?: () => void;
}

/** How readOnly/writeOnly properties that are required are read (see NormalizeOptions.reading). */
export type ValidatorReading = 'openapi' | 'literal';

/**
 * Copies a schema (or the whole document) into what ajv validates the way a validating
 * server does for this spec version and direction:
 * - boolean `exclusiveMinimum`/`exclusiveMaximum` (OpenAPI 3.0 / Swagger 2.0) become the numeric form;
 * - `nullable` without `type` is dropped (it means nothing there, and ajv refuses it); in a 3.1
 *   document, where `nullable` is not a keyword but some specs still write it, `nullable: true`
 *   adds `null` to the type;
 * - a `$ref` that is not a string (an unquoted `#` in YAML makes it null) is dropped;
 * - Swagger 2.0 `type: file` loses its type;
 * - nested `$schema` dialect markers are dropped (ajv would try to load them);
 * - a property that is `readOnly` is not required in a request (`writeOnly`: in a response),
 *   as OpenAPI specifies, whether the schema that requires it declares it or one of its allOf
 *   parts does (reading `openapi` only);
 * - a `$ref` to a schema that is only a `$ref` points straight at the end of the chain: ajv
 *   compiles a chain of refs recursively, and a chain of thousands would overflow its stack.
 * Shared sub-objects stay shared and cycles are kept, so the copy is linear in the input.
 * Keys are copied as own properties, so a property named `__proto__` stays a property.
 */
export function toAjvSchema(value: unknown, options: NormalizeOptions): unknown {
  const memo = new Map<object, unknown>();
  const hiddenFlag = options.direction === 'request' ? 'readOnly' : 'writeOnly';

  const isHidden = (schema: unknown): boolean => {
    let current = schema;
    const seen = new Set<string>();
    while (isObject(current)) {
      if (current[hiddenFlag] === true) return true;
      if (typeof current.$ref !== 'string' || seen.has(current.$ref)) return false;
      seen.add(current.$ref);
      current = resolveSchemaRef(options.document, current.$ref);
    }
    return false;
  };

  const visit = (node: unknown, key: string | undefined, parentKey?: string): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    const cached = memo.get(node);
    if (cached !== undefined) return cached;
    if (Array.isArray(node)) {
      const copy: unknown[] = [];
      memo.set(node, copy);
      for (const item of node) copy.push(visit(item, undefined, key));
      return copy;
    }
    const source = node as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    memo.set(node, copy);
    // Example payloads are data, not schemas: copy them untouched.
    const isDataContainer =
      key === 'example' || key === 'examples' || key === 'enum' || key === 'const' || (key === 'default' && parentKey !== 'responses');
    for (const [name, child] of Object.entries(source)) {
      setOwn(copy, name, isDataContainer ? child : visit(child, name, key));
    }
    if (isDataContainer) return copy;
    if (typeof copy.$ref === 'string' && copy.$ref.startsWith('#')) copy.$ref = endOfBareChain(options.document, copy.$ref);
    if (options.rewriteRefs && typeof copy.$ref === 'string' && copy.$ref.startsWith('#')) {
      copy.$ref = `${DOCUMENT_ID}${copy.$ref}`;
    }
    if (key !== undefined && typeof copy.$schema === 'string') delete copy.$schema;
    // Boolean exclusive bounds are the 3.0 / Swagger form; specs labelled 3.1 still use them.
    fixLegacyExclusive(copy, 'exclusiveMinimum', 'minimum');
    fixLegacyExclusive(copy, 'exclusiveMaximum', 'maximum');
    if ('$ref' in copy && typeof copy.$ref !== 'string') delete copy.$ref;
    fixNullable(copy, options.kind);
    if (copy.type === 'file') delete copy.type;
    if (options.reading !== 'literal' && Array.isArray(copy.required)) {
      const kept = (copy.required as unknown[]).filter((name) => typeof name !== 'string' || !isHidden(declaredProperty(options.document, source, name)));
      if (kept.length !== (copy.required as unknown[]).length) {
        copy.required = kept;
        options.onHiddenRequired?.();
      }
    }
    return copy;
  };
  return visit(value, undefined);
}

/** How deep `declaredProperty` looks through allOf parts (and their `$ref`s). */
const MAX_ALLOF_LOOKUP = 8;

/**
 * The schema of property `name` as the schema that requires it sees it: its own `properties`,
 * else those of its allOf parts (a base schema that requires what a part declares).
 */
function declaredProperty(document: Record<string, unknown>, schema: Record<string, unknown>, name: string, depth = 0): unknown {
  if (isObject(schema.properties) && Object.prototype.hasOwnProperty.call(schema.properties, name)) return schema.properties[name];
  if (!Array.isArray(schema.allOf) || depth >= MAX_ALLOF_LOOKUP) return undefined;
  for (const part of schema.allOf) {
    const resolved = isObject(part) && typeof part.$ref === 'string' ? followRefChain(document, part) : undefined;
    const target = resolved === undefined ? part : resolved.ok ? resolved.schema : undefined;
    if (!isObject(target)) continue;
    const found = declaredProperty(document, target, name, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function fixNullable(schema: Record<string, unknown>, kind: SpecKind): void {
  if (!('nullable' in schema)) return;
  if (schema.type === undefined || typeof schema.nullable !== 'boolean') {
    delete schema.nullable;
  } else if (kind === 'openapi-3.1') {
    if (schema.nullable && typeof schema.type === 'string') schema.type = [schema.type, 'null'];
    else if (schema.nullable && Array.isArray(schema.type) && !schema.type.includes('null')) schema.type = [...schema.type, 'null'];
    delete schema.nullable;
  }
}

function fixLegacyExclusive(schema: Record<string, unknown>, exclusiveKey: string, boundKey: string): void {
  const flag = schema[exclusiveKey];
  if (typeof flag !== 'boolean') return;
  if (flag && typeof schema[boundKey] === 'number') {
    schema[exclusiveKey] = schema[boundKey];
    delete schema[boundKey];
  } else {
    delete schema[exclusiveKey];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys that do not change what a `$ref` object validates. */
const REF_ANNOTATIONS = new Set(['$ref', 'description', 'summary', 'title', '$comment']);

/**
 * Where a chain of bare refs (`A: {$ref: B}`, `B: {$ref: C}`, ...) that starts at `ref` ends:
 * the last ref whose target is a real schema. Unchanged for a dangling or circular chain.
 */
function endOfBareChain(document: Record<string, unknown>, ref: string): string {
  const chain = followRefChain(document, { $ref: ref }, { through: isBareRef });
  return chain.ok && chain.lastRef !== undefined ? chain.lastRef : ref;
}

function isBareRef(node: Record<string, unknown>): boolean {
  return Object.keys(node).every((key) => REF_ANNOTATIONS.has(key) || key.startsWith('x-'));
}

/** `target[key] = value` that makes `__proto__` an own property instead of changing the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
