import { isPlainPathKey, parsePathKey } from '../../src/openapi/path-key.js';

// Prism routes a request by its path segments against the keys under `paths`, as written: a key
// `/files/{id}#add_shared_link` only matches a request whose last segment ends in
// `%23add_shared_link`, `/responses?beta=true` only `/responses%3Fbeta=true`, and `/users/:id`
// only the literal text `:id`. No real server sees such requests, and perfplan does not send
// them (src/openapi/path-key.ts). So Prism gets a copy whose keys are what perfplan sends: the
// path without its fragment and query, placeholders of declared path parameters as `{name}`, the
// key's query as required query parameters fixed to the key's values. Operations that end up on
// the same key and method (the point of fragments: several operations on one URL) become one
// operation that accepts a request valid for any of them: each parameter required only when all
// require it and of any of their schemas (any value when some do not declare it), the body of any
// of their schemas, the security of any of them. Keys that are plain templates stay as they are.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A local `#/...` $ref's target (one level), or the value itself. */
function resolved(doc: JsonObject, value: Json | undefined): Json | undefined {
  if (!isObject(value) || typeof value.$ref !== 'string' || !value.$ref.startsWith('#/')) return value;
  let node: Json | undefined = doc;
  for (const raw of value.$ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
  }
  return node;
}

interface Parameter {
  name: string;
  in: string;
  value: Json;
}

/** Path-item parameters overridden by the operation's, each resolved when a local $ref. */
function parametersOf(doc: JsonObject, item: JsonObject, operation: JsonObject): Parameter[] {
  const out: Parameter[] = [];
  const add = (list: Json | undefined) => {
    if (!Array.isArray(list)) return;
    for (const entry of list) {
      const parameter = resolved(doc, entry);
      if (!isObject(parameter) || typeof parameter.name !== 'string' || typeof parameter.in !== 'string') continue;
      const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
      const index = out.findIndex((known) => known.in === parameter.in && known.name === name);
      const value = entry;
      if (index >= 0) out[index] = { name, in: parameter.in, value };
      else out.push({ name, in: parameter.in, value });
    }
  };
  add(item.parameters);
  add(operation.parameters);
  return out;
}

function declaredPathNames(parameters: readonly Parameter[]): Set<string> {
  return new Set(parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name));
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The key's query as required query parameters, each fixed to the key's value (a name without `=`: any value). */
function queryParameters(query: string | undefined): Parameter[] {
  if (query === undefined) return [];
  const values = new Map<string, string[]>();
  for (const pair of query.split('&').filter((part) => part !== '')) {
    const [name, ...rest] = pair.split('=');
    const key = decoded(name!);
    values.set(key, [...(values.get(key) ?? []), ...(rest.length > 0 ? [decoded(rest.join('='))] : [])]);
  }
  return [...values.entries()].map(([name, fixed]) => {
    const schema: JsonObject = fixed.length === 0 ? {} : fixed.length === 1 ? { type: 'string', enum: fixed } : { type: 'array', items: { type: 'string', enum: fixed } };
    return { name, in: 'query', value: { name, in: 'query', required: true, schema } };
  });
}

interface Placed {
  key: string;
  method: string;
  operation: JsonObject;
  parameters: Parameter[];
}

function schemaOf(doc: JsonObject, parameter: Json): Json | undefined {
  const value = resolved(doc, parameter);
  return isObject(value) ? value.schema : undefined;
}

function requiredOf(doc: JsonObject, parameter: Json): boolean {
  const value = resolved(doc, parameter);
  return isObject(value) && value.required === true;
}

/** One parameter accepting what any of `group` accepts (see the file comment). */
function mergedParameter(doc: JsonObject, name: string, location: string, entries: Array<Json | undefined>): Json {
  const declared = entries.filter((entry): entry is Json => entry !== undefined);
  const first = resolved(doc, declared[0]!);
  const base: JsonObject = isObject(first) ? { ...first } : { name, in: location };
  delete base.content;
  delete base.example;
  delete base.examples;
  if (location === 'path') base.required = true;
  else base.required = declared.length === entries.length && declared.every((entry) => requiredOf(doc, entry));
  const schemas = declared.map((entry) => schemaOf(doc, entry) ?? {});
  const distinct = [...new Map(schemas.map((schema) => [JSON.stringify(schema), schema])).values()];
  base.schema = declared.length < entries.length || distinct.some((schema) => isObject(schema) && Object.keys(schema).length === 0) ? {} : distinct.length === 1 ? distinct[0]! : { anyOf: distinct };
  return base;
}

function securityOf(doc: JsonObject, operation: JsonObject): Json[] {
  const security = operation.security ?? doc.security;
  return Array.isArray(security) && security.length > 0 ? security : [{}];
}

/** One request body accepting what any of `bodies` accepts: per media type, any of their schemas. */
function mergedBody(bodies: ReadonlyArray<Json | undefined>): JsonObject {
  const schemas = new Map<string, Json[]>();
  for (const body of bodies) {
    if (!isObject(body) || !isObject(body.content)) continue;
    for (const [mediaType, media] of Object.entries(body.content)) schemas.set(mediaType, [...(schemas.get(mediaType) ?? []), isObject(media) ? (media.schema ?? {}) : {}]);
  }
  const content: JsonObject = {};
  for (const [mediaType, list] of schemas) content[mediaType] = { schema: list.length === 1 ? list[0]! : { anyOf: list } };
  return { required: bodies.every((body) => isObject(body) && body.required === true), content };
}

/** The operations of one key and method as one (see the file comment). */
function merged(doc: JsonObject, group: readonly Placed[]): JsonObject {
  if (group.length === 1) {
    const [only] = group;
    return { ...only!.operation, parameters: only!.parameters.map((parameter) => parameter.value) };
  }
  const result: JsonObject = { ...group[0]!.operation };
  const keys: Array<[string, string]> = [];
  for (const placed of group) {
    for (const parameter of placed.parameters) if (!keys.some(([location, name]) => location === parameter.in && name === parameter.name)) keys.push([parameter.in, parameter.name]);
  }
  result.parameters = keys.map(([location, name]) =>
    mergedParameter(doc, name, location, group.map((placed) => placed.parameters.find((parameter) => parameter.in === location && parameter.name === name)?.value)),
  );
  const bodies = group.map((placed) => resolved(doc, placed.operation.requestBody));
  if (bodies.some(isObject)) result.requestBody = mergedBody(bodies);
  else delete result.requestBody;
  result.security = group.flatMap((placed) => securityOf(doc, placed.operation));
  const responses: JsonObject = {};
  for (const placed of group) {
    if (!isObject(placed.operation.responses)) continue;
    for (const [status, response] of Object.entries(placed.operation.responses)) if (!(status in responses)) responses[status] = response;
  }
  result.responses = responses;
  delete result.operationId;
  return result;
}

function isExternalRef(value: Json | undefined): boolean {
  return isObject(value) && typeof value.$ref === 'string' && !value.$ref.startsWith('#/');
}

/**
 * `doc` (OpenAPI 3) with its `paths` keys as perfplan sends them (see the file comment); `doc`
 * itself when every key is a plain template. Path items behind an external $ref stay as they are.
 */
export function routablePaths(doc: JsonObject): JsonObject {
  // Swagger 2.0 keeps parameter schemas in another shape: its keys are left as they are.
  if (typeof doc.openapi !== 'string' || !isObject(doc.paths) || Object.keys(doc.paths).every((key) => key.startsWith('x-') || isPlainPathKey(key))) return doc;
  const placed: Placed[] = [];
  const paths: JsonObject = {};
  for (const [key, raw] of Object.entries(doc.paths)) {
    const item = resolved(doc, raw);
    if (key.startsWith('x-') || isExternalRef(raw) || !isObject(item)) {
      paths[key] = raw;
      continue;
    }
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const parameters = parametersOf(doc, item, operation);
      const parsed = parsePathKey(key, declaredPathNames(parameters));
      const fixed = queryParameters(parsed.query);
      const all = [...parameters.filter((parameter) => !(parameter.in === 'query' && fixed.some((entry) => entry.name === parameter.name))), ...fixed];
      placed.push({ key: parsed.path, method, operation, parameters: all });
    }
  }
  const groups = new Map<string, Placed[]>();
  for (const entry of placed) groups.set(`${entry.method} ${entry.key}`, [...(groups.get(`${entry.method} ${entry.key}`) ?? []), entry]);
  for (const group of groups.values()) {
    const { key, method } = group[0]!;
    const item = isObject(paths[key]) ? { ...(paths[key] as JsonObject) } : {};
    item[method] = merged(doc, group);
    paths[key] = item;
  }
  return { ...doc, paths };
}
