import { ownValue, setOwn } from '../openapi/own-keys.js';

/** Marks schema objects perfplan built (merges, wrappers): they are never cached or validated by identity. */
export const syntheticSchemas = new WeakSet<object>();

export function synthetic<T extends object>(schema: T): T {
  syntheticSchemas.add(schema);
  return schema;
}

const LOWER_BOUNDS = ['minimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'maxLength', 'maxItems', 'maxProperties'];
/** Keywords describing one branch's sample data, not the merged schema. */
const BRANCH_ONLY = new Set(['example', 'examples', 'default', 'title', 'description', '$id', '$anchor', 'xml', 'externalDocs']);

/**
 * Merges `b` into `a` as `allOf: [a, b]` would constrain an instance: properties are
 * combined (a property in both becomes an allOf of the two), required lists unite, types
 * intersect, numeric bounds take the tighter value, enums intersect. Keywords that cannot be
 * merged keep `a`'s value; the generated value is validated against the real schema anyway.
 */
export function mergeSchemas(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (BRANCH_ONLY.has(key)) continue;
    const current = ownValue(merged, key);
    if (current === undefined) {
      setOwn(merged, key, value);
      continue;
    }
    if (key === 'properties' && isObject(current) && isObject(value)) {
      // Property names are the spec's: `constructor` and `__proto__` are ordinary names here.
      const properties = new Map(Object.entries(current));
      for (const [name, schema] of Object.entries(value)) {
        const existing = properties.get(name);
        properties.set(name, existing === undefined ? schema : synthetic({ allOf: [existing, schema] }));
      }
      merged.properties = Object.fromEntries(properties);
    } else if (key === 'required' && Array.isArray(current) && Array.isArray(value)) {
      merged.required = [...new Set([...current, ...value])];
    } else if (key === 'type') {
      merged.type = intersectTypes(current, value);
    } else if (LOWER_BOUNDS.includes(key) && typeof current === 'number' && typeof value === 'number') {
      merged[key] = Math.max(current, value);
    } else if (UPPER_BOUNDS.includes(key) && typeof current === 'number' && typeof value === 'number') {
      merged[key] = Math.min(current, value);
    } else if (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') {
      if (typeof current === 'boolean' || typeof value === 'boolean') merged[key] = current === true || value === true;
      else if (typeof current === 'number' && typeof value === 'number') merged[key] = key === 'exclusiveMinimum' ? Math.max(current, value) : Math.min(current, value);
    } else if (key === 'enum' && Array.isArray(current) && Array.isArray(value)) {
      const allowed = new Set(value.map((item) => JSON.stringify(item)));
      merged.enum = current.filter((item) => allowed.has(JSON.stringify(item)));
    } else if (key === 'nullable') {
      merged.nullable = current === true && value === true;
    } else if ((key === 'items' || key === 'additionalProperties') && isObject(current) && isObject(value)) {
      merged[key] = synthetic({ allOf: [current, value] });
    } else if (key === 'additionalProperties' && (current === false || value === false)) {
      merged[key] = false;
    } else if ((key === 'readOnly' || key === 'writeOnly' || key === 'uniqueItems') && value === true) {
      merged[key] = true;
    }
  }
  return synthetic(merged);
}

function intersectTypes(a: unknown, b: unknown): unknown {
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);
  const left = list(a);
  const right = list(b);
  const common: string[] = [];
  for (const type of left) {
    if (right.includes(type)) common.push(type);
    else if (type === 'number' && right.includes('integer')) common.push('integer');
    else if (type === 'integer' && right.includes('number')) common.push('integer');
  }
  if (common.length === 0) return a;
  return common.length === 1 ? common[0] : common;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
