import fs from 'node:fs';
import yaml from 'js-yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function resolvePointer(doc: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
  }
  return node;
}

/** A copy of `schema` with local $refs inlined up to `depth` levels; deeper ones become `{}` (any value). */
function inlineRefs(doc: JsonObject, schema: Json, depth: number): Json {
  if (Array.isArray(schema)) return schema.map((item) => inlineRefs(doc, item, depth));
  if (!isObject(schema)) return schema;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    if (depth <= 0) return {};
    const target = resolvePointer(doc, ref);
    return target === undefined ? schema : inlineRefs(doc, target, depth - 1);
  }
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    // Examples are data, not schemas: kept as they are so Prism mocks the same bodies.
    copy[key] = key === 'example' || key === 'examples' || key === 'default' || key === 'enum' ? value : inlineRefs(doc, value, depth);
  }
  return copy;
}

function hasExternalRef(node: Json): boolean {
  if (Array.isArray(node)) return node.some(hasExternalRef);
  if (!isObject(node)) return false;
  if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) return true;
  return Object.values(node).some(hasExternalRef);
}

function collectRefs(node: Json, into: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, into);
  else if (isObject(node)) {
    if (typeof node.$ref === 'string') into.add(node.$ref);
    for (const value of Object.values(node)) collectRefs(value, into);
  }
  return into;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * A copy of an OpenAPI 3 document that Prism can load quickly: every RESPONSE schema has its
 * `$ref`s inlined `depth` levels deep and anything deeper accepted as any value; component
 * schemas no longer referenced are dropped. Parameters, request bodies and security stay as
 * they are, so Prism judges requests exactly as with the original. Needed for specs like
 * Stripe's, whose densely cross-referenced schemas keep Prism's dereferencing busy for tens of minutes.
 * Returns undefined for documents it cannot safely rewrite (Swagger 2, external $refs).
 */
export function lightenResponseSchemas(doc: JsonObject, depth: number): JsonObject | undefined {
  if (typeof doc.openapi !== 'string' || hasExternalRef(doc) || !isObject(doc.paths)) return undefined;
  const paths: JsonObject = {};
  for (const [pathKey, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) {
      paths[pathKey] = item;
      continue;
    }
    const pathItem: JsonObject = { ...item };
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation) || !isObject(operation.responses)) continue;
      const responses: JsonObject = {};
      for (const [status, declared] of Object.entries(operation.responses)) {
        const response = isObject(declared) && typeof declared.$ref === 'string' ? resolvePointer(doc, declared.$ref) : declared;
        if (!isObject(response)) {
          responses[status] = declared;
          continue;
        }
        const lightened: JsonObject = { ...response };
        if (isObject(response.content)) {
          const content: JsonObject = {};
          for (const [mediaType, media] of Object.entries(response.content)) {
            content[mediaType] = isObject(media) && media.schema !== undefined ? { ...media, schema: inlineRefs(doc, media.schema, depth) } : media;
          }
          lightened.content = content;
        }
        if (isObject(response.headers)) lightened.headers = inlineRefs(doc, response.headers, depth);
        responses[status] = lightened;
      }
      pathItem[method] = { ...operation, responses };
    }
    paths[pathKey] = pathItem;
  }
  const result: JsonObject = { ...doc, paths };
  if (isObject(doc.components) && isObject(doc.components.schemas)) {
    // Keep the component schemas still reachable from what remains, transitively.
    const reachable = new Set<string>();
    const queue = [...collectRefs({ ...result, components: { ...doc.components, schemas: {} } }, new Set())];
    while (queue.length > 0) {
      const ref = queue.pop() as string;
      if (reachable.has(ref)) continue;
      reachable.add(ref);
      const target = resolvePointer(doc, ref);
      if (target !== undefined) queue.push(...collectRefs(target, new Set()));
    }
    const schemas: JsonObject = {};
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      if (reachable.has(`#/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`)) schemas[name] = schema;
    }
    result.components = { ...doc.components, schemas };
  }
  return result;
}

/** Reads a JSON or YAML spec file. */
export function readSpecDocument(file: string): JsonObject {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const parsed = (file.endsWith('.json') ? JSON.parse(text) : yaml.load(text)) as Json;
  if (!isObject(parsed)) throw new Error(`${file} is not an OpenAPI document`);
  return parsed;
}
