import type { SchemaObject } from '../model/index.js';
import { refTarget } from '../openapi/schema-refs.js';

/** Follows local `#/...` `$ref`s into the document (any chain length; undefined for a cycle or a dangling ref). */
export function followRef(document: Record<string, unknown>, schema: SchemaObject | undefined): SchemaObject | undefined {
  const target = refTarget(document, schema);
  return target !== null && typeof target === 'object' && !Array.isArray(target) ? (target as SchemaObject) : undefined;
}

export interface SchemaSizeFacts {
  isArray: boolean;
  hasBinary: boolean;
  maxItems: number;
  maxLength: number;
}

const factsCache = new WeakMap<object, SchemaSizeFacts>();

/** Walks a schema (bounded, cycle-safe) for facts that make a payload large; memoized per schema object. */
export function schemaSizeFacts(document: Record<string, unknown>, root: SchemaObject | undefined): SchemaSizeFacts {
  if (!root) return { isArray: false, hasBinary: false, maxItems: 0, maxLength: 0 };
  // Keyed by what the root resolves to: the walk starts there, and many roots are `$ref`s to one schema.
  const key = followRef(document, root) ?? root;
  const cached = factsCache.get(key);
  if (cached) return cached;
  const facts = computeSizeFacts(document, root);
  factsCache.set(key, facts);
  return facts;
}

function computeSizeFacts(document: Record<string, unknown>, root: SchemaObject): SchemaSizeFacts {
  const facts: SchemaSizeFacts = { isArray: false, hasBinary: false, maxItems: 0, maxLength: 0 };
  const top = followRef(document, root);
  facts.isArray = top?.type === 'array' || (Array.isArray(top?.type) && (top!.type as unknown[]).includes('array'));
  const seen = new Set<unknown>();
  const visit = (node: SchemaObject | undefined, depth: number): void => {
    const schema = followRef(document, node);
    if (!schema || seen.has(schema) || depth > 8 || seen.size > 500) return;
    seen.add(schema);
    if (schema.format === 'binary' || schema.contentMediaType !== undefined || schema.type === 'file') facts.hasBinary = true;
    if (typeof schema.maxItems === 'number') facts.maxItems = Math.max(facts.maxItems, schema.maxItems);
    if (typeof schema.maxLength === 'number') facts.maxLength = Math.max(facts.maxLength, schema.maxLength);
    for (const key of ['items', 'additionalProperties', 'not']) {
      const child = schema[key];
      if (child && typeof child === 'object') visit(child as SchemaObject, depth + 1);
    }
    for (const key of ['allOf', 'oneOf', 'anyOf']) {
      const list = schema[key];
      if (Array.isArray(list)) for (const child of list) visit(child as SchemaObject, depth + 1);
    }
    const properties = schema.properties;
    if (properties && typeof properties === 'object') {
      for (const child of Object.values(properties as Record<string, SchemaObject>)) visit(child, depth + 1);
    }
  };
  visit(root, 0);
  return facts;
}
