import type { JsonValue, MediaTypeModel } from '../model/index.js';
import { deepObjectValue, encodesToNothing } from './deep-object.js';
import { exampleForSchema } from './example-for-schema.js';
import { appendPointer, resolvePointer } from './json-pointer.js';
import { withSecondItem, writesRepeatedKeys } from './repeated-keys.js';
import { isObject } from './schema-merge.js';
import { isReadOnly, propertiesOf, requiredNames, schemaView } from './schema-view.js';
import { isFileMarker } from './types.js';
import { validatorFor } from './validator.js';

export interface FormFieldsInput {
  value: JsonValue;
  content: MediaTypeModel;
  document: Record<string, unknown>;
  kind: 'form' | 'multipart';
  /** The request body is required: it must not be empty on the wire. */
  required: boolean;
}

/**
 * The fields of a form (or multipart) body adjusted to how each is written: deepObject
 * fields of a urlencoded body as in deep-object.ts, arrays written as repeated keys with two items
 * (repeated-keys.ts), and a required body that would be empty given one field.
 * Falls back to the value as it was when the result would not validate.
 */
export function formFieldsAsWritten(input: FormFieldsInput): JsonValue {
  const { value, content, document, kind } = input;
  const view = schemaView(document, content.schema);
  if (!isObject(value) || view === undefined) return value;
  const required = requiredNames(view);
  const result: Record<string, JsonValue> = { ...value };
  for (const [name, property] of Object.entries(propertiesOf(view))) {
    const encoding = content.encoding[name];
    const pointer = appendPointer(content.pointer, 'schema', 'properties', name);
    if (isFileMarker(result[name])) continue;
    // OpenAPI applies an encoding's style to urlencoded bodies only (multipart ignores it).
    if (kind === 'form' && encoding?.style === 'deepObject') {
      const sent = deepObjectValue({ value: result[name], schema: property, document, required: required.includes(name), pointer });
      if (sent !== undefined) result[name] = sent;
    } else if (kind === 'form' && name in result && writesRepeatedKeys(encoding?.style, encoding?.explode)) {
      result[name] = withSecondItem({ value: result[name], schema: property, document, pointer });
    }
  }
  const filled = input.required && Object.values(result).every(encodesToNothing) ? withFirstField(input, result) : result;
  // Unchanged fields need no second check (and compiling a large body schema is the costly part).
  const changed = Object.keys(filled).length !== Object.keys(value).length || Object.entries(filled).some(([name, field]) => field !== value[name]);
  if (!changed) return value;
  // Every changed or added field was validated against its property schema above; when the body
  // schema constrains nothing but its properties, the body as a whole needs no second check.
  if (constrainsOnlyProperties(document, content.schema)) return filled;
  return validatorFor(document, 'request').validate(content.schema, filled).status === 'invalid' ? value : filled;
}

/** Keywords of an object schema that say nothing about which keys it may have beyond `properties` and `required`. */
const PROPERTY_LEVEL_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'title', 'description', 'example', 'examples', 'default',
  'deprecated', 'externalDocs', 'xml', 'readOnly', 'writeOnly', 'nullable', '$ref', '$id', '$schema', '$comment',
]);

/**
 * True when the schema (through its `$ref`s) is an object schema whose only constraints on a
 * value are its `properties`, `required` and an `additionalProperties` that the fields here,
 * all named in `properties`, never meet: no combinators, no counts, no key patterns, no dependencies.
 */
function constrainsOnlyProperties(document: Record<string, unknown>, schema: unknown): boolean {
  let current = schema;
  for (let hops = 0; hops < 16; hops++) {
    if (!isObject(current)) return false;
    for (const key of Object.keys(current)) if (!PROPERTY_LEVEL_KEYWORDS.has(key) && !key.startsWith('x-')) return false;
    if (typeof current.$ref !== 'string') return current.type === 'object' || current.type === undefined;
    current = current.$ref.startsWith('#') ? resolvePointer(document, current.$ref) : undefined;
  }
  return false;
}

/** A required body with no field to write gets its first field (document order) whose value is valid and writes something. */
function withFirstField(input: FormFieldsInput, fields: Record<string, JsonValue>): Record<string, JsonValue> {
  const { document, content } = input;
  const view = schemaView(document, content.schema);
  const validator = validatorFor(document, 'request');
  for (const [name, property] of Object.entries(view === undefined ? {} : propertiesOf(view))) {
    if (isReadOnly(document, property)) continue;
    const pointer = appendPointer(content.pointer, 'schema', 'properties', name);
    let field = exampleForSchema({ schema: property as Record<string, unknown>, document, pointer, report: () => {}, direction: 'request' });
    if (field !== undefined && input.kind === 'form' && content.encoding[name]?.style === 'deepObject') field = deepObjectValue({ value: field, schema: property, document, required: true, pointer });
    if (field === undefined || encodesToNothing(field) || validator.validate(property, field).status === 'invalid') continue;
    return { ...fields, [name]: field };
  }
  return fields;
}
