import type { JsonValue, SchemaObject } from '../../model/index.js';
import type { JsonRecord } from '../build-context.js';

/** Swagger 2.0 keywords a non-body parameter (or header, or items) shares with JSON Schema. */
const SCHEMA_KEYWORDS = [
  'type', 'format', 'items', 'enum', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'multipleOf',
] as const;

/** The schema a Swagger 2.0 parameter describes inline; `type: file` becomes a binary string. */
export function schemaFromParameter(parameter: JsonRecord): SchemaObject {
  if (parameter.type === 'file') return { type: 'string', format: 'binary' };
  const schema: SchemaObject = {};
  for (const keyword of SCHEMA_KEYWORDS) if (parameter[keyword] !== undefined) schema[keyword] = parameter[keyword];
  if (typeof parameter.description === 'string') schema.description = parameter.description;
  if (parameter['x-example'] !== undefined) schema.example = parameter['x-example'] as JsonValue;
  return schema;
}

export interface SerializationStyle {
  style: string;
  explode: boolean;
}

/**
 * `collectionFormat` as an OpenAPI 3 style. `tsv` has no OpenAPI 3 equivalent and is kept as
 * `tabDelimited` (renderers join with a tab).
 */
export function styleFromCollectionFormat(parameter: JsonRecord, location: string): SerializationStyle | undefined {
  if (parameter.type !== 'array') return undefined;
  const format = typeof parameter.collectionFormat === 'string' ? parameter.collectionFormat : 'csv';
  switch (format) {
    case 'multi':
      return { style: 'form', explode: true };
    case 'ssv':
      return { style: 'spaceDelimited', explode: false };
    case 'pipes':
      return { style: 'pipeDelimited', explode: false };
    case 'tsv':
      return { style: 'tabDelimited', explode: false };
    default:
      return { style: location === 'query' || location === 'formData' ? 'form' : 'simple', explode: false };
  }
}
