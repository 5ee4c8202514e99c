import type { EncodingModel, ExampleValue, JsonValue, MediaTypeModel, RequestBodyModel, SchemaObject } from '../../model/index.js';
import { isRecord, stringOrUndefined, type ResolvedObject } from '../build-context.js';
import { emptyRecord, ownValue } from '../own-keys.js';
import { schemaFromParameter, styleFromCollectionFormat } from './schema-from-parameter.js';

const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

/** `in: body` → a request body with the same schema under every `consumes` type. */
export function bodyFromBodyParameter(body: ResolvedObject, consumes: string[]): RequestBodyModel {
  const { value, pointer } = body;
  const schema = isRecord(value.schema) ? value.schema : undefined;
  const namedExamples = isRecord(value['x-examples']) ? value['x-examples'] : {};
  const contents = consumes.map((mediaType): MediaTypeModel => {
    const examples: ExampleValue[] = [];
    if (value['x-example'] !== undefined) examples.push({ value: value['x-example'] as JsonValue });
    if (ownValue(namedExamples, mediaType) !== undefined) examples.push({ name: mediaType, value: namedExamples[mediaType] as JsonValue });
    const model: MediaTypeModel = { mediaType, examples, encoding: {}, pointer };
    if (schema) model.schema = schema;
    return model;
  });
  const model: RequestBodyModel = { required: value.required === true, contents, pointer };
  const description = stringOrUndefined(value.description);
  if (description !== undefined) model.description = description;
  return model;
}

/**
 * `in: formData` parameters → one object schema, under `multipart/form-data` when a file is sent
 * or `consumes` says so, else `application/x-www-form-urlencoded`.
 */
export function bodyFromFormData(fields: ResolvedObject[], consumes: string[]): RequestBodyModel {
  // Field names are the spec's: `__proto__` and `constructor` must stay ordinary keys.
  const properties: Record<string, SchemaObject> = emptyRecord();
  const required: string[] = [];
  const encoding: Record<string, EncodingModel> = emptyRecord();
  let hasFile = false;
  for (const { value } of fields) {
    const name = value.name as string;
    properties[name] = schemaFromParameter(value);
    if (value.required === true) required.push(name);
    if (value.type === 'file') hasFile = true;
    const style = styleFromCollectionFormat(value, 'formData');
    if (style) encoding[name] = style;
  }
  const schema: SchemaObject = { type: 'object', properties: { ...properties } };
  if (required.length > 0) schema.required = required;

  let mediaTypes = consumes.filter((type) => type === URLENCODED || type === MULTIPART);
  if (hasFile) mediaTypes = mediaTypes.filter((type) => type !== URLENCODED);
  if (mediaTypes.length === 0) mediaTypes = [hasFile ? MULTIPART : URLENCODED];

  const pointer = fields[0].pointer;
  const examples: ExampleValue[] = [];
  const example = new Map<string, JsonValue>();
  for (const { value } of fields) if (value['x-example'] !== undefined) example.set(value.name as string, value['x-example'] as JsonValue);
  if (example.size > 0) examples.push({ value: Object.fromEntries(example) });
  return {
    required: required.length > 0,
    contents: mediaTypes.map((mediaType) => ({ mediaType, schema, examples, encoding, pointer })),
    pointer,
  };
}
