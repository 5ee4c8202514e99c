import type { JsonValue, MediaTypeModel } from '../model/index.js';
import { deepObjectValue, encodesToNothing } from './deep-object.js';
import { exampleForSchema } from './example-for-schema.js';
import { followRefChain } from '../openapi/schema-refs.js';
import { appendPointer } from './json-pointer.js';
import type { SynthesisLimits } from './limits.js';
import { ownValue, setOwn } from '../openapi/own-keys.js';
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
  /** Size limits for values generated for fields. */
  limits?: SynthesisLimits;
}

/**
 * The fields of a form (or multipart) body adjusted to how each is written: deepObject
 * fields of a urlencoded body as in deep-object.ts, arrays written as repeated keys with two items
 * (repeated-keys.ts), and a required body that would be empty given one field.
 * Falls back to the value as it was when the result would not validate.
 */
export function formFieldsAsWritten(input: FormFieldsInput): JsonValue {
  const { value, content, document, kind, limits } = input;
  const view = schemaView(document, content.schema);
  if (!isObject(value) || view === undefined) return value;
  const required = requiredNames(view);
  const result: Record<string, JsonValue> = { ...value };
  for (const [name, property] of Object.entries(propertiesOf(view))) {
    const encoding = ownValue(content.encoding, name);
    const pointer = appendPointer(content.pointer, 'schema', 'properties', name);
    const current = ownValue(result, name);
    if (isFileMarker(current)) continue;
    // OpenAPI applies an encoding's style to urlencoded bodies only (multipart ignores it).
    if (kind === 'form' && encoding?.style === 'deepObject') {
      const sent = deepObjectValue({ value: current, schema: property, document, required: required.includes(name), pointer, limits });
      if (sent !== undefined) setOwn(result, name, sent);
    } else if (kind === 'form' && current !== undefined && writesRepeatedKeys(encoding?.style, encoding?.explode)) {
      setOwn(result, name, withSecondItem({ value: current, schema: property, document, pointer, limits }));
    }
  }
  const filled = input.required && Object.values(result).every(encodesToNothing) ? withFirstField(input, result) : result;
  // Unchanged fields need no second check (and compiling a large body schema is the costly part).
  const changed = Object.keys(filled).length !== Object.keys(value).length || Object.entries(filled).some(([name, field]) => field !== ownValue(value, name));
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
  if (!isObject(schema) || !propertyLevel(schema)) return false;
  const chain = followRefChain(document, schema, { through: propertyLevel });
  if (!chain.ok || !isObject(chain.schema)) return false;
  const last = chain.schema;
  return propertyLevel(last) && typeof last.$ref !== 'string' && (last.type === 'object' || last.type === undefined);
}

function propertyLevel(node: Record<string, unknown>): boolean {
  return Object.keys(node).every((key) => PROPERTY_LEVEL_KEYWORDS.has(key) || key.startsWith('x-'));
}

/** A required body with no field to write gets its first field (document order) whose value is valid and writes something. */
function withFirstField(input: FormFieldsInput, fields: Record<string, JsonValue>): Record<string, JsonValue> {
  const { document, content } = input;
  const view = schemaView(document, content.schema);
  const validator = validatorFor(document, 'request');
  for (const [name, property] of Object.entries(view === undefined ? {} : propertiesOf(view))) {
    if (isReadOnly(document, property)) continue;
    const pointer = appendPointer(content.pointer, 'schema', 'properties', name);
    let field = exampleForSchema({ schema: property as Record<string, unknown>, document, pointer, report: () => {}, direction: 'request', limits: input.limits });
    if (field !== undefined && input.kind === 'form' && ownValue(content.encoding, name)?.style === 'deepObject') {
      field = deepObjectValue({ value: field, schema: property, document, required: true, pointer, limits: input.limits });
    }
    if (field === undefined || encodesToNothing(field) || validator.validate(property, field).status === 'invalid') continue;
    return { ...fields, [name]: field };
  }
  return fields;
}
