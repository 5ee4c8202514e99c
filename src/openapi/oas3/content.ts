import type { EncodingModel, ExampleValue, HeaderModel, JsonValue, MediaTypeModel, RequestBodyModel, SchemaObject } from '../../model/index.js';
import { BuildContext, isRecord, stringOrUndefined, type JsonRecord } from '../build-context.js';
import { childPointer } from '../json-pointer.js';
import { emptyRecord } from '../own-keys.js';

/** `example` first, then the entries of `examples` (Example Objects, `$ref`s resolved; `externalValue`-only ones skipped). */
export function examplesOf(ctx: BuildContext, owner: JsonRecord, pointer: string): ExampleValue[] {
  const examples: ExampleValue[] = [];
  if ('example' in owner) examples.push({ value: owner.example as JsonValue });
  if (isRecord(owner.examples)) {
    for (const name of Object.keys(owner.examples)) {
      const example = ctx.resolveObject(owner.examples[name], childPointer(pointer, 'examples', name), 'example');
      if (example && 'value' in example.value) examples.push({ name, value: example.value.value as JsonValue });
    }
  }
  return examples;
}

export function schemaOf(value: unknown): SchemaObject | undefined {
  return isRecord(value) ? value : undefined;
}

export function headersOf(ctx: BuildContext, headers: unknown, pointer: string): Record<string, HeaderModel> {
  const result: Record<string, HeaderModel> = emptyRecord();
  if (!isRecord(headers)) return result;
  for (const name of Object.keys(headers)) {
    const header = ctx.resolveObject(headers[name], childPointer(pointer, name), 'header');
    if (!header) continue;
    const { value } = header;
    let schema = schemaOf(value.schema);
    if (!schema && isRecord(value.content)) {
      const first = Object.values(value.content)[0];
      if (isRecord(first)) schema = schemaOf(first.schema);
    }
    const model: HeaderModel = { required: value.required === true };
    const description = stringOrUndefined(value.description);
    if (description !== undefined) model.description = description;
    if (schema) model.schema = schema;
    result[name] = model;
  }
  return result;
}

function encodingOf(ctx: BuildContext, encoding: unknown, pointer: string): Record<string, EncodingModel> {
  const result: Record<string, EncodingModel> = emptyRecord();
  if (!isRecord(encoding)) return result;
  for (const [property, raw] of Object.entries(encoding)) {
    if (!isRecord(raw)) continue;
    const model: EncodingModel = {};
    if (typeof raw.contentType === 'string') model.contentType = raw.contentType;
    if (typeof raw.style === 'string') model.style = raw.style;
    if (typeof raw.explode === 'boolean') model.explode = raw.explode;
    if (typeof raw.allowReserved === 'boolean') model.allowReserved = raw.allowReserved;
    if (raw.headers !== undefined) model.headers = headersOf(ctx, raw.headers, childPointer(pointer, property, 'headers'));
    result[property] = model;
  }
  return result;
}

/** A `content` map in document order. */
export function mediaTypesOf(ctx: BuildContext, content: unknown, pointer: string): MediaTypeModel[] {
  const result: MediaTypeModel[] = [];
  if (!isRecord(content)) return result;
  for (const mediaType of Object.keys(content)) {
    const raw = content[mediaType];
    const mediaPointer = childPointer(pointer, mediaType);
    if (!isRecord(raw)) {
      result.push({ mediaType, examples: [], encoding: {}, pointer: mediaPointer });
      continue;
    }
    const model: MediaTypeModel = {
      mediaType,
      examples: examplesOf(ctx, raw, mediaPointer),
      encoding: encodingOf(ctx, raw.encoding, childPointer(mediaPointer, 'encoding')),
      pointer: mediaPointer,
    };
    const schema = schemaOf(raw.schema);
    if (schema) model.schema = schema;
    result.push(model);
  }
  return result;
}

export function requestBodyOf(ctx: BuildContext, value: unknown, pointer: string): RequestBodyModel | undefined {
  if (value === undefined) return undefined;
  const body = ctx.resolveObject(value, pointer, 'request body');
  if (!body) return undefined;
  const model: RequestBodyModel = {
    required: body.value.required === true,
    contents: mediaTypesOf(ctx, body.value.content, childPointer(body.pointer, 'content')),
    pointer: body.pointer,
  };
  const description = stringOrUndefined(body.value.description);
  if (description !== undefined) model.description = description;
  return model;
}
