import type { SchemaObject } from '../model/index.js';
import { followRef } from './schema-facts.js';

export type PointerCheck = 'resolves' | 'unknown' | 'missing';

function decode(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function isArraySchema(schema: SchemaObject): boolean {
  return schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array')) || schema.items !== undefined;
}

/** The subschema `segment` addresses; `visited` holds the combinator branches already searched (a cycle, or a branch shared by several). */
function child(document: Record<string, unknown>, schema: SchemaObject, segment: string, depth: number, visited: Set<object>): SchemaObject | 'unknown' | undefined {
  if (depth > 12) return 'unknown';
  visited.add(schema);
  if (/^(\d+|-)$/.test(segment) && isArraySchema(schema)) return (schema.items as SchemaObject | undefined) ?? 'unknown';
  const properties = schema.properties as Record<string, SchemaObject> | undefined;
  if (properties && typeof properties === 'object' && Object.prototype.hasOwnProperty.call(properties, segment)) return properties[segment];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const parts = schema[key];
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      const resolved = followRef(document, part as SchemaObject);
      if (!resolved) return 'unknown';
      if (visited.has(resolved)) continue;
      const found = child(document, resolved, segment, depth + 1, visited);
      if (found !== undefined) return found;
    }
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') return schema.additionalProperties as SchemaObject;
  const typed = schema.type !== undefined || properties !== undefined || schema.items !== undefined;
  return typed ? undefined : 'unknown';
}

/** Whether a JSON pointer can address something in instances of the schema (`unknown` when the schema does not say). */
export function checkSchemaPointer(document: Record<string, unknown>, schema: SchemaObject | undefined, pointer: string): PointerCheck {
  let current = followRef(document, schema);
  if (!current) return 'unknown';
  for (const raw of pointer.split('/').slice(1)) {
    const next = child(document, current, decode(raw), 0, new Set());
    if (next === 'unknown') return 'unknown';
    if (next === undefined) return 'missing';
    current = followRef(document, next);
    if (!current) return 'unknown';
  }
  return 'resolves';
}

/** True when the schema describes a JSON array at its top. */
export function isArrayResponse(document: Record<string, unknown>, schema: SchemaObject | undefined): boolean {
  const resolved = followRef(document, schema);
  return resolved !== undefined && isArraySchema(resolved);
}
