import pluralize from 'pluralize';
import { defineAnalyzer } from '../plugin-api/index.js';
import type { ApiModel, DependencyBinding, DependencyEdge, Diagnostic, OperationModel, SchemaObject } from '../model/index.js';
import { followRef } from './schema-facts.js';
import { checkSchemaPointer, isArrayResponse } from './schema-pointer.js';

type Report = (diagnostic: Diagnostic) => void;

function successResponses(operation: OperationModel) {
  return operation.responses.filter((response) => /^2/.test(response.status));
}

/** Top-level property names of an object schema, through `$ref` and `allOf` (each schema once: allOf cycles end). */
function propertyNames(document: Record<string, unknown>, schema: SchemaObject | undefined, depth = 0, names = new Set<string>(), visited = new Set<object>()): Set<string> {
  const resolved = followRef(document, schema);
  if (!resolved || depth > 6 || visited.has(resolved)) return names;
  visited.add(resolved);
  const properties = resolved.properties;
  if (properties && typeof properties === 'object') for (const name of Object.keys(properties)) names.add(name);
  if (Array.isArray(resolved.allOf)) for (const part of resolved.allOf) propertyNames(document, part as SchemaObject, depth + 1, names, visited);
  return names;
}

function jsonBodySchema(operation: OperationModel): { schema: SchemaObject | undefined; status: string } | undefined {
  for (const response of successResponses(operation)) {
    const json = response.contents.find((content) => /json/i.test(content.mediaType));
    if (json) return { schema: json.schema, status: response.status };
  }
  return undefined;
}

/** A runtime expression's target in the consumer: `path.petId`, `query.limit`, `header.X-Id`, `body#/ptr`. */
function linkTarget(consumer: OperationModel | undefined, parameterName: string): string {
  const dotted = /^(path|query|header|cookie)\.(.+)$/.exec(parameterName);
  if (dotted) return `${dotted[1]}.${dotted[2]}`;
  const parameter = consumer?.parameters.find((candidate) => candidate.name === parameterName);
  return `${parameter?.in ?? 'path'}.${parameterName}`;
}

function operationFromRef(model: ApiModel, ref: string): OperationModel | undefined {
  const hash = ref.indexOf('#');
  const pointer = hash >= 0 ? ref.slice(hash) : ref;
  return model.operations.find((operation) => operation.pointer === pointer || decodeURIComponent(operation.pointer) === decodeURIComponent(pointer));
}

function linkEdges(model: ApiModel, report: Report): DependencyEdge[] {
  const byId = new Map(model.operations.map((operation) => [operation.id, operation]));
  const edges: DependencyEdge[] = [];
  for (const producer of model.operations) {
    for (const response of producer.responses) {
      for (const link of response.links) {
        const consumer = link.operationId !== undefined ? byId.get(link.operationId) : link.operationRef !== undefined ? operationFromRef(model, link.operationRef) : undefined;
        if (!consumer) {
          report({
            code: 'analysis/link-unknown-operation',
            severity: 'warning',
            message: `Link "${link.name}" points to ${link.operationId !== undefined ? `operationId "${link.operationId}"` : `operationRef "${link.operationRef ?? ''}"`}, which is not an operation of this spec.`,
            pointer: link.pointer,
            fix: 'The link is ignored; workflows are built from the other dependencies.',
          });
          continue;
        }
        const responseSchema = response.contents.find((content) => /json/i.test(content.mediaType))?.schema;
        const bindings: DependencyBinding[] = Object.entries(link.parameters)
          .filter(([, expression]) => typeof expression === 'string')
          .map(([name, expression]) => ({ from: expression as string, to: linkTarget(consumer, name) }))
          .flatMap((binding) => checkedBinding({ model, binding, schema: responseSchema, link, report }));
        if (typeof link.requestBody === 'string') bindings.push({ from: link.requestBody, to: 'body#' });
        edges.push({
          from: producer.id,
          to: consumer.id,
          source: 'link',
          bindings,
          reason: `link "${link.name}" on ${producer.id} response ${response.status}`,
        });
      }
    }
  }
  return edges;
}

/**
 * A link's `$response.body#/...` expression must address something in the response. Specs get
 * this wrong (the OpenAPI link example reads `#/slug` from an array of repositories): an
 * expression that fits the first item of an array response is read from it; one that fits
 * nothing is dropped, and the consumer keeps its own example value.
 */
function checkedBinding(input: {
  model: ApiModel;
  binding: DependencyBinding;
  schema: SchemaObject | undefined;
  link: { name: string; pointer: string };
  report: Report;
}): DependencyBinding[] {
  const { binding, model, link } = input;
  const match = /^\$response\.body#(\/.*)?$/.exec(binding.from);
  if (!match) return [binding];
  const pointer = match[1] ?? '';
  if (checkSchemaPointer(model.document, input.schema, pointer) !== 'missing') return [binding];
  if (isArrayResponse(model.document, input.schema) && checkSchemaPointer(model.document, input.schema, `/0${pointer}`) !== 'missing') {
    input.report({
      code: 'analysis/link-pointer-adjusted',
      severity: 'info',
      message: `Link "${link.name}" reads ${binding.from}, but the response is an array; the value is read from its first item ($response.body#/0${pointer}).`,
      pointer: link.pointer,
    });
    return [{ ...binding, from: `$response.body#/0${pointer}` }];
  }
  input.report({
    code: 'analysis/link-pointer-missing',
    severity: 'warning',
    message: `Link "${link.name}" reads ${binding.from}, which the response schema does not have.`,
    pointer: link.pointer,
    fix: `The value is not carried; ${binding.to} keeps the request's own example value.`,
  });
  return [];
}

function isItemParameter(name: string, singular: string): boolean {
  const lower = name.toLowerCase();
  const resource = singular.toLowerCase().replace(/[^a-z0-9]/g, '');
  return lower === 'id' || lower === `${resource}id` || lower === `${resource}_id` || lower === `${resource}-id` || lower === `${resource}key`;
}

/** The producer property that feeds a path parameter: the parameter's own name if the body has it, else `id`. */
function sourceProperty(parameter: string, properties: Set<string>): string | undefined {
  if (properties.has(parameter)) return parameter;
  if (properties.has('id')) return 'id';
  const snake = [...properties].find((name) => /(_id|Id|ID)$/.test(name) && parameter.toLowerCase().startsWith(name.replace(/(_id|Id|ID)$/, '').toLowerCase()));
  return snake;
}

/**
 * Operations by every path prefix that a `{param}` segment follows (`/pets` for
 * `/pets/{petId}/photos`), in model order, with that segment: finding the consumers of a
 * collection is then one lookup instead of a pass over every operation.
 */
function consumersByCollection(model: ApiModel): Map<string, Array<{ consumer: OperationModel; next: string }>> {
  const index = new Map<string, Array<{ consumer: OperationModel; next: string }>>();
  for (const consumer of model.operations) {
    for (let slash = consumer.path.indexOf('/', 1); slash !== -1; slash = consumer.path.indexOf('/', slash + 1)) {
      const next = consumer.path.slice(slash + 1).split('/')[0]!;
      if (!next.startsWith('{')) continue;
      const collection = consumer.path.slice(0, slash);
      let list = index.get(collection);
      if (list === undefined) index.set(collection, (list = []));
      list.push({ consumer, next });
    }
  }
  return index;
}

function namingEdges(model: ApiModel, taken: Set<string>): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  const byCollection = consumersByCollection(model);
  for (const producer of model.operations) {
    if (producer.method !== 'post' && producer.method !== 'put' && producer.method !== 'get') continue;
    if (/\{[^}]+\}$/.test(producer.path) && producer.method !== 'put') continue;
    const body = jsonBodySchema(producer);
    if (!body) continue;
    const resolved = followRef(model.document, body.schema);
    const isList = producer.method === 'get' && (resolved?.type === 'array' || Array.isArray((resolved as { items?: unknown } | undefined)?.items));
    if (producer.method === 'get' && !isList) continue;
    const properties = propertyNames(model.document, isList ? ((resolved as { items?: SchemaObject }).items ?? undefined) : body.schema);
    if (properties.size === 0) continue;
    const collection = producer.path.replace(/\/+$/, '');
    const lastSegment = collection.split('/').filter(Boolean).pop() ?? '';
    if (!lastSegment || lastSegment.startsWith('{')) continue;
    const singular = pluralize.singular(lastSegment.replace(/\.json$/, ''));
    for (const { consumer, next } of byCollection.get(collection) ?? []) {
      if (consumer === producer) continue;
      const param = /^\{([^}]+)\}(\.json)?$/.exec(next)?.[1];
      if (!param || !consumer.parameters.some((parameter) => parameter.in === 'path' && parameter.name === param)) continue;
      if (!isItemParameter(param, singular) && !properties.has(param)) continue;
      const property = sourceProperty(param, properties);
      if (!property) continue;
      const key = `${producer.id}->${consumer.id}`;
      if (taken.has(key)) continue;
      taken.add(key);
      const pointer = isList ? `/0/${property}` : `/${property}`;
      edges.push({
        from: producer.id,
        to: consumer.id,
        source: 'naming',
        bindings: [{ from: `$response.body#${pointer}`, to: `path.${param}` }],
        reason: `${producer.method.toUpperCase()} ${producer.path} returns "${property}"${isList ? ' in each item' : ''}, which ${consumer.method.toUpperCase()} ${consumer.path} takes as {${param}}`,
      });
    }
  }
  return edges;
}

function locationEdges(model: ApiModel, taken: Set<string>): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  for (const producer of model.operations) {
    const created = successResponses(producer).find((response) => Object.keys(response.headers).some((name) => name.toLowerCase() === 'location'));
    if (!created) continue;
    const collection = producer.path.replace(/\/+$/, '');
    const item = new RegExp(`^${collection.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\{[^}/]+\\}$`);
    for (const consumer of model.operations) {
      if (consumer.method !== 'get' || !item.test(consumer.path)) continue;
      const key = `${producer.id}->${consumer.id}`;
      if (taken.has(key)) continue;
      taken.add(key);
      edges.push({
        from: producer.id,
        to: consumer.id,
        source: 'location-header',
        bindings: [{ from: '$response.header.Location', to: 'url' }],
        reason: `${producer.method.toUpperCase()} ${producer.path} answers ${created.status} with a Location header for ${consumer.path}`,
      });
    }
  }
  return edges;
}

/** Which operation's output another needs: OpenAPI links first, then Location headers, then naming. */
export function dependencyEdges(model: ApiModel, report: Report): DependencyEdge[] {
  const links = linkEdges(model, report);
  const taken = new Set(links.map((edge) => `${edge.from}->${edge.to}`));
  return [...links, ...locationEdges(model, taken), ...namingEdges(model, taken)];
}

export const dependencyAnalyzer = defineAnalyzer({
  name: 'dependencies',
  description: 'Builds the dependency graph from OpenAPI links, Location headers and producer→consumer naming.',
  analyze({ model, analysis, report }) {
    return { ...analysis, dependencies: dependencyEdges(model, report) };
  },
});
