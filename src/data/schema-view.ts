import { isObject, mergeSchemas, synthetic } from './schema-merge.js';
import { resolveShallow } from './synthesize.js';

const MAX_ALLOF_DEPTH = 8;

/**
 * The schema with `$ref`s followed and `allOf` branches merged into one, as a server that
 * flattens `allOf` before deserializing a request sees it (Prism does). Properties present
 * in several branches become an `allOf` of their own, which a further call flattens.
 * A branch met twice (a cycle, or one schema reached by two paths) is merged once.
 */
export function schemaView(document: Record<string, unknown>, schema: unknown): Record<string, unknown> | undefined {
  return viewOf(document, schema, 0, new Set());
}

function viewOf(document: Record<string, unknown>, schema: unknown, depth: number, merged: Set<object>): Record<string, unknown> | undefined {
  const resolved = resolveShallow(document, schema);
  if (resolved === undefined) return undefined;
  merged.add(resolved);
  if (!Array.isArray(resolved.allOf) || depth > MAX_ALLOF_DEPTH) return resolved;
  let view: Record<string, unknown> = synthetic(Object.fromEntries(Object.entries(resolved).filter(([key]) => key !== 'allOf')));
  for (const branch of resolved.allOf) {
    const target = resolveShallow(document, branch);
    if (target === undefined || merged.has(target)) continue;
    const sub = viewOf(document, branch, depth + 1, merged);
    if (sub !== undefined) view = mergeSchemas(view, sub);
  }
  return view;
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
