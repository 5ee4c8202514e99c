import type { Diagnostic, FieldEncoding, JsonValue, MediaTypeModel, RequestBody, RequestBodyModel, SchemaObject } from '../model/index.js';
import { bodyFormatOf, type BodyFormat, type FormatContext } from './body-formats.js';
import { dataDiagnostic } from './diagnostics.js';
import { exampleForSchema } from './example-for-schema.js';
import { formFieldsAsWritten } from './form-fields.js';
import { bodyKindOf, concreteMediaType, contentsByPreference, suffixReadContent } from './media-types.js';
import type { PatchTarget } from './json-patch.js';
import type { SynthesisLimits } from './limits.js';
import { ownValue } from '../openapi/own-keys.js';
import { isObject, synthetic } from './schema-merge.js';
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
  /** A member of the resource the operation changes, for a JSON Patch the spec does not shape. */
  patchTarget?: () => PatchTarget | undefined;
}

/** The body a request sends, the media type it was built from, and why a server may refuse it. */
export interface PlannedBody {
  body: RequestBody;
  content: MediaTypeModel;
  /** Why a validating server is expected to refuse the request, size limits aside (those go to `input.unsupported`). */
  unsupported: string[];
}

/**
 * The body sent with a request, in the media type that can be sent best: the first in order of
 * preference (media-types.ts) whose body is valid, else the first. JSON and XML bodies are the
 * JSON value (renderers serialize XML, with the element names and hints in `xml`); form and
 * multipart bodies are an object of fields whose binary fields are {@link FileMarker}s, adjusted
 * to how each field is written (form-fields.ts); a binary body is one FileMarker; a body with a
 * grammar or encoding of its own (JSON Patch, JWT, text, NDJSON, CBOR, protobuf: body-formats.ts)
 * is built to it. A body the spec declares is always sent, required or not: that is what clients do.
 * Only the diagnostics of the body that is sent are reported.
 */
export function planRequestBody(input: RequestBodyInput): PlannedBody | undefined {
  let first: { planned: PlannedBody; diagnostics: Diagnostic[]; tooLarge: string[] } | undefined;
  for (const content of contentsByPreference(input.requestBody?.contents ?? [])) {
    // Built aside: only the body that is sent reports its diagnostics and size problems.
    const diagnostics: Diagnostic[] = [];
    const tooLarge: string[] = [];
    const planned = bodyFor(content, { ...input, report: (diagnostic) => diagnostics.push(diagnostic), unsupported: (reason) => tooLarge.push(reason) });
    const attempt = { planned, diagnostics, tooLarge };
    if (planned.unsupported.length === 0 && tooLarge.length === 0) return sent(input, attempt);
    first ??= attempt;
  }
  return first === undefined ? undefined : sent(input, first);
}

function sent(input: RequestBodyInput, attempt: { planned: PlannedBody; diagnostics: Diagnostic[]; tooLarge: string[] }): PlannedBody {
  for (const diagnostic of attempt.diagnostics) input.report(diagnostic);
  for (const reason of attempt.tooLarge) input.unsupported?.(reason);
  return attempt.planned;
}

/** The body of {@link planRequestBody} (why it may be refused beyond size limits is dropped: see planRequestBody). */
export function requestBodyFor(input: RequestBodyInput): RequestBody | undefined {
  return planRequestBody(input)?.body;
}

function bodyFor(content: MediaTypeModel, input: RequestBodyInput): PlannedBody {
  const unsupported: string[] = [];
  const context: BuildContext = { ...input, content, problem: (reason) => unsupported.push(reason) };
  const schema = resolveShallow(input.document, content.schema);
  const kind = bodyKindOf(content.mediaType);
  const mediaType = concreteMediaType(content.mediaType, isBinarySchema(schema));
  const resolvedKind = kind === 'other' && content.mediaType.includes('*') ? bodyKindOf(mediaType) : kind;
  const planned = (body: RequestBody): PlannedBody => ({ body, content, unsupported });

  const format = bodyFormatOf(mediaType);
  if (format !== undefined) return planned(formattedBody({ format, mediaType, schema, context }));
  if (resolvedKind === 'binary' || (resolvedKind === 'other' && (schema === undefined || isBinarySchema(schema)))) {
    return planned({ mediaType, value: fileMarker(mediaType.split(';')[0].trim()) });
  }
  const unsatisfied: string[] = [];
  const built = examplesValue(context) ?? schemaValue(context, content.schema, (reason) => unsatisfied.push(reason));
  let value = built ?? emptyBodyFor(resolvedKind, schema);
  // Said with what is sent instead, when perfplan found no value close to the schema.
  for (const reason of unsatisfied) context.problem(`${reason}${built === undefined ? `; perfplan sends ${preview(value)} instead` : ''}, which a validating server will likely refuse.`);
  if (resolvedKind === 'multipart' || resolvedKind === 'form') {
    value = withFileMarkers({ value, content, document: input.document });
    value = formFieldsAsWritten({ value, content, document: input.document, kind: resolvedKind, required: input.requestBody?.required === true, limits: input.limits });
    const encoding = fieldEncodings(content);
    if (encoding) return planned({ mediaType, value, encoding });
  }
  if (resolvedKind === 'xml') return planned({ mediaType, value, xml: xmlShape({ value, schema: content.schema, document: input.document }) });
  return planned(readAlike({ mediaType, value }, context));
}

/**
 * A JSON body a server that matches media types by suffix (Prism 5) validates against another
 * media type's schema (the first `*+json` the operation lists) must match that one too.
 */
function readAlike(body: RequestBody, context: BuildContext): RequestBody {
  if (bodyKindOf(body.mediaType) !== 'json') return body;
  const reader = suffixReadContent(context.requestBody?.contents ?? [], body.mediaType);
  if (reader === undefined || reader === context.content || reader.schema === context.content.schema) return body;
  const check = validatorFor(context.document, 'request').validate(reader.schema, body.value);
  if (check.status === 'invalid') {
    context.problem(
      `A validating server that matches media types by their suffix (Prism 5) reads the ${body.mediaType} body as ${reader.mediaType}, which the operation lists first, ` +
        `and refuses it: ${check.message}.`,
    );
  }
  return body;
}

interface BuildContext extends RequestBodyInput {
  content: MediaTypeModel;
  /** Why a server is expected to refuse the body. */
  problem: (reason: string) => void;
}

/** The first of the media type's examples that matches its schema (and `fits`); the others are reported. */
function examplesValue(context: BuildContext, fits?: (value: JsonValue) => string | undefined): JsonValue | undefined {
  const { content } = context;
  const validator = validatorFor(context.document, 'request');
  for (const [index, example] of content.examples.entries()) {
    const check = validator.validate(content.schema, example.value);
    const misfit = check.status === 'invalid' ? `does not match its schema: ${check.message}` : fits?.(example.value);
    if (misfit === undefined) return example.value;
    context.report(
      dataDiagnostic('exampleInvalid', {
        message: `Example ${example.name ?? index + 1} of the ${content.mediaType} request body ${misfit}`,
        pointer: example.name === undefined ? `${content.pointer}/example` : `${content.pointer}/examples/${example.name}`,
        file: context.file,
      }),
    );
  }
  return undefined;
}

/** A value of `schema` (the spec's, or one combined with a format's); problems building it go to `problems`. */
function schemaValue(context: BuildContext, schema: SchemaObject | undefined, problems: (reason: string) => void = context.problem): JsonValue | undefined {
  const { content } = context;
  return exampleForSchema({
    schema,
    document: context.document,
    pointer: `${content.pointer}/schema`,
    report: context.report,
    direction: 'request',
    file: context.file,
    limits: context.limits,
    tooLarge: (reason) => context.unsupported?.(`the ${content.mediaType} request body: ${reason}`),
    unsatisfied: (reason) => problems(`the ${content.mediaType} request body: ${reason}`),
  });
}

/**
 * A body of a media type with a grammar or an encoding of its own. Its value matches both the
 * spec's schema and the format, tried in order: the media type's examples, the schema's own
 * value, the format's fallbacks, a value built from both schemas at once. When none matches both,
 * the format wins (a body the media type forbids is never sent) and the request is known-unsupported.
 */
function formattedBody(input: { format: BodyFormat; mediaType: string; schema: Record<string, unknown> | undefined; context: BuildContext }): RequestBody {
  const { format, mediaType, context } = input;
  const { content } = context;
  const validator = validatorFor(context.document, 'request');
  const formatContext: FormatContext = { textSchema: input.schema?.type === 'string', target: context.patchTarget };
  const misfit = (value: JsonValue | undefined): string | undefined => {
    if (value === undefined) return 'there is no value';
    const check = validator.validate(content.schema, value);
    return check.status === 'invalid' ? `it does not match the schema: ${check.message}` : format.problem(value, formatContext);
  };
  const candidates: JsonValue[] = [];
  const builtProblems: string[] = [];
  let value = examplesValue(context, (example) => {
    const problem = format.problem(example, formatContext);
    return problem === undefined ? undefined : `is not a ${format.label}: ${problem}`;
  });
  if (value === undefined) {
    const own = schemaValue({ ...context, unsupported: (reason) => builtProblems.push(reason) }, content.schema, (reason) => builtProblems.push(reason));
    if (own !== undefined) candidates.push(own);
    const problem = own === undefined ? undefined : format.problem(own, formatContext);
    if (own !== undefined && misfit(own) === undefined && builtProblems.length === 0) value = own;
    else if (problem !== undefined && hasOwnSample(input.schema)) {
      context.report(
        dataDiagnostic('bodyFormat', {
          message: `The example or default of the schema of the ${content.mediaType} request body is not a ${format.label}: ${problem}`,
          pointer: `${content.pointer}/schema`,
          file: context.file,
        }),
      );
    }
  }
  if (value === undefined) {
    const fallbacks = format.fallbacks(formatContext);
    candidates.push(...fallbacks);
    value = fallbacks.find((fallback) => misfit(fallback) === undefined);
  }
  if (value === undefined && format.schema !== undefined && content.schema !== undefined) {
    // Diagnostics about the combined schema (which perfplan made up) are only worth reading when its value is sent.
    const diagnostics: Diagnostic[] = [];
    const combined = schemaValue({ ...context, report: (diagnostic) => diagnostics.push(diagnostic), unsupported: () => {} }, synthetic({ allOf: [content.schema, format.schema] }) as SchemaObject, () => {});
    if (combined !== undefined && misfit(combined) === undefined) {
      value = combined;
      for (const diagnostic of diagnostics) context.report(diagnostic);
    }
  }
  if (value === undefined) {
    // No value fits both: one of the format's own, so the request still says what the media type means.
    value = candidates.find((candidate) => format.problem(candidate, formatContext) === undefined) ?? format.fallbacks(formatContext)[0];
    const why = misfit(candidates[0]) ?? builtProblems[0] ?? 'no value perfplan built fits both';
    context.problem(
      `No ${format.label} perfplan can build matches the schema of the ${content.mediaType} request body (${why}); it sends ${preview(value)}, which a validating server will likely refuse.`,
    );
  }
  const wire = format.wire(value, { ...formatContext, mediaType });
  if (wire.rawText === undefined) readAlike({ mediaType, value: wire.value }, context);
  if (format.unsupported !== undefined) context.problem(format.unsupported);
  else if (wire.rawText !== undefined && validator.validate(content.schema, wire.rawText).status === 'invalid') {
    context.problem(
      `perfplan sends the ${content.mediaType} body as ${format.label}, encoding a value that matches the schema; a validating server that checks the raw body as text against the schema ` +
        '(Prism 5 does so for every media type but JSON and forms) refuses it.',
    );
  }
  return { mediaType, value: wire.value };
}

/** The schema shows a value of its own (a value built from it is then the spec's). */
function hasOwnSample(schema: Record<string, unknown> | undefined): boolean {
  return schema !== undefined && (schema.example !== undefined || schema.default !== undefined || (Array.isArray(schema.examples) && schema.examples.length > 0));
}

function preview(value: JsonValue): string {
  const text = JSON.stringify(value) ?? '';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
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
