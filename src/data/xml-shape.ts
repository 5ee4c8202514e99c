import type { JsonValue, XmlNode } from '../model/index.js';
import { ownValue } from '../openapi/own-keys.js';
import { isObject } from './schema-merge.js';
import { propertiesOf, schemaView } from './schema-view.js';

const MAX_DEPTH = 32;

export interface XmlShapeInput {
  value: JsonValue;
  schema: unknown;
  document: Record<string, unknown>;
}

/**
 * How an XML request body is written, from the schema's `xml` objects (OpenAPI XML Object):
 * the root element is the schema's `xml.name`, else the name of the component it references,
 * else `root`; a property is an element named after `xml.name` or the property, or an
 * attribute when `xml.attribute`; an array's items are elements named after the items'
 * `xml.name` (else the property), inside a wrapper element only when `xml.wrapped`.
 * An `xml` object on a `$ref`'s target applies when the referring schema has none.
 */
export function xmlShape(input: XmlShapeInput): XmlNode {
  const rootName = xmlOf(input.document, input.schema).name ?? refName(input.schema) ?? 'root';
  return node({ document: input.document, value: input.value, schema: input.schema, name: rootName, depth: 0 });
}

interface NodeInput {
  document: Record<string, unknown>;
  value: JsonValue | undefined;
  schema: unknown;
  /** The name the element has when the schema's `xml.name` does not say. */
  name: string;
  depth: number;
}

function node(input: NodeInput): XmlNode {
  const { document, value, schema } = input;
  const xml = xmlOf(document, schema);
  const result: XmlNode = { name: xml.name ?? input.name };
  if (xml.namespace !== undefined) result.namespace = xml.namespace;
  if (xml.prefix !== undefined) result.prefix = xml.prefix;
  if (xml.attribute === true) result.attribute = true;
  if (input.depth > MAX_DEPTH) return result;
  const view = schemaView(document, schema);
  if (Array.isArray(value)) {
    if (xml.wrapped === true) result.wrapped = true;
    const items = view !== undefined && !Array.isArray(view.items) ? view.items : undefined;
    // Items are named by their own xml.name, else after the property (OpenAPI's XML examples).
    result.items = node({ document, value: value[0], schema: items, name: input.name, depth: input.depth + 1 });
  } else if (isObject(value)) {
    const properties = view === undefined ? {} : propertiesOf(view);
    result.properties = Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, node({ document, value: item as JsonValue, schema: ownValue(properties, name), name, depth: input.depth + 1 })]),
    );
  }
  return result;
}

interface XmlHints {
  name?: string;
  namespace?: string;
  prefix?: string;
  attribute?: boolean;
  wrapped?: boolean;
}

/** The schema's own `xml` object, else the one of the schema its `$ref` (or allOf wrapper) leads to. */
function xmlOf(document: Record<string, unknown>, schema: unknown): XmlHints {
  const own = isObject(schema) && isObject(schema.xml) ? schema.xml : undefined;
  const xml = own ?? schemaView(document, schema)?.xml;
  if (!isObject(xml)) return {};
  const hints: XmlHints = {};
  if (typeof xml.name === 'string' && xml.name !== '') hints.name = xml.name;
  if (typeof xml.namespace === 'string') hints.namespace = xml.namespace;
  if (typeof xml.prefix === 'string') hints.prefix = xml.prefix;
  if (typeof xml.attribute === 'boolean') hints.attribute = xml.attribute;
  if (typeof xml.wrapped === 'boolean') hints.wrapped = xml.wrapped;
  return hints;
}

function refName(schema: unknown): string | undefined {
  if (!isObject(schema) || typeof schema.$ref !== 'string') return undefined;
  const token = schema.$ref.slice(schema.$ref.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
  return token === '' ? undefined : token;
}
