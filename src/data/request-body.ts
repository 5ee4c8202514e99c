import type { Diagnostic, FieldEncoding, JsonValue, MediaTypeModel, RequestBody, RequestBodyModel } from '../model/index.js';
import { dataDiagnostic } from './diagnostics.js';
import { exampleForSchema } from './example-for-schema.js';
import { formFieldsAsWritten } from './form-fields.js';
import { bodyKindOf, concreteMediaType, preferredContent } from './media-types.js';
import type { SynthesisLimits } from './limits.js';
import { ownValue } from '../openapi/own-keys.js';
import { isObject } from './schema-merge.js';
import { resolveShallow } from './synthesize.js';
import { fileMarker, isFileMarker } from './types.js';
import { validatorFor } from './validator.js';
import { xmlShape } from './xml-shape.js';

export interface RequestBodyInput {
  requestBody: RequestBodyModel | undefined;
  document: Record<string, unknown>;
  report: (diagnostic: Diagnostic) => void;
  file?: string;
  /** Size limits of synthesized values. */
  limits?: SynthesisLimits;
  /** Told why, when the body has no value within the size limits. */
  unsupported?: (reason: string) => void;
}

/**
 * The body sent with a request, in the preferred media type. JSON and XML bodies are the
 * JSON value (renderers serialize XML, with the element names and hints in `xml`); form and
 * multipart bodies are an object of fields whose binary fields are {@link FileMarker}s, adjusted
 * to how each field is written (form-fields.ts); a binary body is one FileMarker.
 * A body the spec declares is always sent, required or not: that is what clients do.
 */
export function requestBodyFor(input: RequestBodyInput): RequestBody | undefined {
  const content = input.requestBody === undefined ? undefined : preferredContent(input.requestBody.contents);
  if (content === undefined) return undefined;
  const schema = resolveShallow(input.document, content.schema);
  const kind = bodyKindOf(content.mediaType);
  const mediaType = concreteMediaType(content.mediaType, isBinarySchema(schema));
  const resolvedKind = kind === 'other' && content.mediaType.includes('*') ? bodyKindOf(mediaType) : kind;

  if (resolvedKind === 'binary' || (resolvedKind === 'other' && (schema === undefined || isBinarySchema(schema)))) {
    return { mediaType, value: fileMarker(mediaType.split(';')[0].trim()) };
  }
  let value = mediaTypeValue(content, input) ?? emptyBodyFor(resolvedKind, schema);
  if (resolvedKind === 'multipart' || resolvedKind === 'form') {
    value = withFileMarkers({ value, content, document: input.document });
    value = formFieldsAsWritten({ value, content, document: input.document, kind: resolvedKind, required: input.requestBody?.required === true, limits: input.limits });
    const encoding = fieldEncodings(content);
    if (encoding) return { mediaType, value, encoding };
  }
  if (resolvedKind === 'xml') return { mediaType, value, xml: xmlShape({ value, schema: content.schema, document: input.document }) };
  return { mediaType, value };
}

function mediaTypeValue(content: MediaTypeModel, input: RequestBodyInput): JsonValue | undefined {
  const validator = validatorFor(input.document, 'request');
  for (const [index, example] of content.examples.entries()) {
    const check = validator.validate(content.schema, example.value);
    if (check.status !== 'invalid') return example.value;
    input.report(
      dataDiagnostic('exampleInvalid', {
        message: `Example ${example.name ?? index + 1} of the ${content.mediaType} request body does not match its schema: ${check.message}`,
        pointer: example.name === undefined ? `${content.pointer}/example` : `${content.pointer}/examples/${example.name}`,
        file: input.file,
      }),
    );
  }
  return exampleForSchema({
    schema: content.schema,
    document: input.document,
    pointer: `${content.pointer}/schema`,
    report: input.report,
    direction: 'request',
    file: input.file,
    limits: input.limits,
    tooLarge: (reason) => input.unsupported?.(`the ${content.mediaType} request body: ${reason}`),
  });
}

function emptyBodyFor(kind: string, schema: Record<string, unknown> | undefined): JsonValue {
  if (kind === 'text' || schema?.type === 'string') return 'example';
  return {};
}

/** Form fields that carry files (binary strings) become file markers; optional file fields are added. */
function withFileMarkers(input: { value: JsonValue; content: MediaTypeModel; document: Record<string, unknown> }): JsonValue {
  const { value, content, document } = input;
  const schema = resolveShallow(document, content.schema);
  if (!isObject(value) || schema === undefined || !isObject(schema.properties)) return value;
  const properties = schema.properties;
  // Entries, not assignments: a field may be named `__proto__`.
  const fields = new Map<string, JsonValue>(Object.entries(value));
  // The file is the point of an upload: a binary field is sent even when optional.
  for (const [name, property] of Object.entries(properties)) {
    if (!fields.has(name) && isBinarySchema(resolveShallow(document, property)) && resolveShallow(document, property)?.readOnly !== true) fields.set(name, '');
  }
  const result = new Map<string, JsonValue>();
  for (const [name, field] of fields) {
    const fieldSchema = resolveShallow(document, ownValue(properties, name));
    const encodingType = ownValue(content.encoding, name)?.contentType?.split(',')[0].trim();
    const fileType = encodingType !== undefined && bodyKindOf(encodingType) === 'binary' ? encodingType : 'application/octet-stream';
    if (isFileMarker(field)) result.set(name, field);
    else if (isBinarySchema(fieldSchema)) result.set(name, fileMarker(fileType));
    else if (fieldSchema?.type === 'array' && isBinarySchema(resolveShallow(document, fieldSchema.items)) && Array.isArray(field)) result.set(name, field.map(() => fileMarker(fileType)));
    else result.set(name, field);
  }
  return Object.fromEntries(result);
}

function isBinarySchema(schema: Record<string, unknown> | undefined): boolean {
  if (schema === undefined) return false;
  return schema.type === 'file' || schema.format === 'binary' || (typeof schema.contentMediaType === 'string' && schema.contentEncoding === undefined);
}

/** The spec's per-field encoding (style, explode, content type) of a form or multipart body. */
function fieldEncodings(content: MediaTypeModel): Record<string, FieldEncoding> | undefined {
  const entries = Object.entries(content.encoding)
    .map(([field, encoding]): [string, FieldEncoding] => {
      const out: FieldEncoding = {};
      if (encoding.contentType !== undefined) out.contentType = encoding.contentType;
      if (encoding.style !== undefined) out.style = encoding.style;
      if (encoding.explode !== undefined) out.explode = encoding.explode;
      return [field, out];
    })
    .filter(([, encoding]) => Object.keys(encoding).length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
