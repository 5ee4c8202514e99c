import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { routablePaths } from './prism-routes.js';

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

/**
 * YAML 1.2's core schema (as Prism reads YAML: `2017-07-21` stays a string, where js-yaml's
 * default would make it a Date and the JSON copy a date-time) with merge keys.
 */
// js-yaml exports its types at run time; @types/js-yaml does not list them.
const YAML_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [(yaml as unknown as { types: { merge: yaml.Type } }).types.merge] });

/** Reads a JSON or YAML spec file. */
export function readSpecDocument(file: string): JsonObject {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const parsed = (file.endsWith('.json') ? JSON.parse(text) : yaml.load(text, { schema: YAML_SCHEMA })) as Json;
  if (!isObject(parsed)) throw new Error(`${file} is not an OpenAPI document`);
  return parsed;
}

const OPERATION_KEYS = ['responses', 'operationId', 'requestBody', 'parameters'];

/**
 * `node` with every operation's `callbacks` removed (and `components.callbacks`): Prism performs
 * an operation's callbacks by itself after answering, towards URLs taken from the request or the
 * spec's examples, which may be any host. Callbacks play no part in how Prism validates requests.
 * An object counts as an operation when it holds `callbacks` and one of responses, operationId,
 * requestBody or parameters (a schema property named `callbacks` sits in `properties`, which has none).
 */
export function withoutCallbacks(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutCallbacks);
  if (!isObject(node)) return node;
  const copy: JsonObject = {};
  const operation = 'callbacks' in node && OPERATION_KEYS.some((key) => key in node);
  for (const [key, value] of Object.entries(node)) {
    if (operation && key === 'callbacks') continue;
    copy[key] = withoutCallbacks(value);
  }
  if (isObject(copy.components) && 'callbacks' in copy.components) {
    const { callbacks: _dropped, ...components } = copy.components;
    copy.components = components;
  }
  return copy;
}

/** A $ref to a file that is not a JSON or YAML document (a Markdown page in `x-topics`, say). */
function isNonDocumentRef(ref: string): boolean {
  return !/\.(?:json|ya?ml)$/i.test(ref.split('#')[0]!);
}

/**
 * `node` with every `$ref` to a non-document file replaced by a note: perfplan reads only JSON and
 * YAML documents, such refs sit in extensions and descriptions that play no part in request
 * validation, and Prism would otherwise read (and the copy would have to carry) arbitrary files.
 */
export function withoutNonDocumentRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(withoutNonDocumentRefs);
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string' && !node.$ref.startsWith('#') && !isRemoteRef(node.$ref) && isNonDocumentRef(node.$ref)) {
    return `(not copied for Prism: ${node.$ref})`;
  }
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) copy[key] = withoutNonDocumentRefs(value);
  return copy;
}

function externalRefs(node: Json, into: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) externalRefs(item, into);
  else if (isObject(node)) {
    if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) into.push(node.$ref);
    for (const value of Object.values(node)) externalRefs(value, into);
  }
  return into;
}

/** A $ref Prism would fetch over the network: an absolute URL other than a file:, or `//host/...`. */
function isRemoteRef(ref: string): boolean {
  return ref.startsWith('//') || (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^file:/i.test(ref));
}

/**
 * Writes under `dir` what Prism is to serve for `spec`: the document (given, e.g. lightened, or
 * read from `spec`), its path keys as perfplan sends them (prism-routes.ts), and every local file its $refs reach, each without callbacks (see
 * withoutCallbacks), as JSON under its own name so that relative $refs still resolve. Returns the
 * path of the root document. Throws on a $ref Prism would fetch from the network: the harness
 * reaches no host but loopback.
 */
export function writePrismSpec(input: { spec: string; dir: string; document?: JsonObject }): string {
  const root = path.resolve(input.spec);
  const read = (file: string) => withoutNonDocumentRefs(readSpecDocument(file)) as JsonObject;
  const documents = new Map<string, JsonObject>([[root, routablePaths(withoutNonDocumentRefs(input.document ?? readSpecDocument(root)) as JsonObject)]]);
  const queue = [root];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    for (const ref of externalRefs(documents.get(file)!)) {
      if (isRemoteRef(ref)) {
        throw new Error(`${file} has a $ref to ${JSON.stringify(ref.slice(0, 200))}, which Prism would fetch from the network; the conformance harness reaches no host but 127.0.0.1`);
      }
      const target = path.resolve(path.dirname(file), decodeURIComponent(ref.replace(/^file:\/\//i, '').split('#')[0]!));
      if (target === '' || documents.has(target)) continue;
      documents.set(target, read(target));
      queue.push(target);
    }
  }
  const files = [...documents.keys()];
  let base = path.dirname(root);
  while (!files.every((file) => file.startsWith(`${base}${path.sep}`))) base = path.dirname(base);
  for (const [file, document] of documents) {
    const copy = path.join(input.dir, path.relative(base, file));
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.writeFileSync(copy, JSON.stringify(withoutCallbacks(document)));
  }
  return path.join(input.dir, path.relative(base, root));
}
