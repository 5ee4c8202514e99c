import type { SchemaObject } from '../model/index.js';

function decodePointerSegment(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}

function resolveLocalRef(document: Record<string, unknown>, ref: string): SchemaObject | undefined {
  let target: unknown = document;
  for (const segment of ref.slice(1).split('/').slice(1)) {
    if (target === null || typeof target !== 'object') return undefined;
    target = (target as Record<string, unknown>)[decodePointerSegment(segment)];
  }
  return target && typeof target === 'object' ? (target as SchemaObject) : undefined;
}

/** Resolved `$ref` targets per document: large specs point at the same few hundred schemas again and again. */
const refTargets = new WeakMap<object, Map<string, SchemaObject | undefined>>();

/** Follows local `#/...` `$ref`s (a bounded number of hops) into the document. */
export function followRef(document: Record<string, unknown>, schema: SchemaObject | undefined): SchemaObject | undefined {
  let targets = refTargets.get(document);
  if (targets === undefined) {
    targets = new Map();
    refTargets.set(document, targets);
  }
  let current = schema;
  for (let hops = 0; hops < 32 && current && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#')) return undefined;
    if (!targets.has(ref)) targets.set(ref, resolveLocalRef(document, ref));
    current = targets.get(ref);
  }
  return current;
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
