import { isObject, mergeSchemas, synthetic } from './schema-merge.js';
import { resolveShallow } from './synthesize.js';

const MAX_ALLOF_DEPTH = 8;

/**
 * The schema with `$ref`s followed and `allOf` branches merged into one, as a server that
 * flattens `allOf` before deserializing a request sees it (Prism does). Properties present
 * in several branches become an `allOf` of their own, which a further call flattens.
 */
export function schemaView(document: Record<string, unknown>, schema: unknown, depth = 0): Record<string, unknown> | undefined {
  const resolved = resolveShallow(document, schema);
  if (resolved === undefined || !Array.isArray(resolved.allOf) || depth > MAX_ALLOF_DEPTH) return resolved;
  let merged: Record<string, unknown> = synthetic(Object.fromEntries(Object.entries(resolved).filter(([key]) => key !== 'allOf')));
  for (const branch of resolved.allOf) {
    const view = schemaView(document, branch, depth + 1);
    if (view !== undefined) merged = mergeSchemas(merged, view);
  }
  return merged;
}

export function requiredNames(schema: Record<string, unknown>): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : [];
}

export function propertiesOf(schema: Record<string, unknown>): Record<string, unknown> {
  return isObject(schema.properties) ? schema.properties : {};
}

/** readOnly properties are not part of a request (Prism strips them before validating input). */
export function isReadOnly(document: Record<string, unknown>, schema: unknown): boolean {
  if (isObject(schema) && schema.readOnly === true) return true;
  return schemaView(document, schema)?.readOnly === true;
}
