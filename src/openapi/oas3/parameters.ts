import type { ParameterLocation, ParameterModel } from '../../model/index.js';
import { BuildContext, isRecord, stringOrUndefined, type ResolvedObject } from '../build-context.js';
import { SpecDiagnosticCode } from '../diagnostics.js';
import { childPointer } from '../json-pointer.js';
import { examplesOf, schemaOf } from './content.js';

const LOCATIONS = new Set<ParameterLocation>(['path', 'query', 'header', 'cookie']);

export function parameterOf(ctx: BuildContext, resolved: ResolvedObject): ParameterModel | undefined {
  const { value, pointer } = resolved;
  if (typeof value.name !== 'string' || value.name === '') {
    ctx.report(SpecDiagnosticCode.invalidParameter, pointer, 'The parameter has no `name`; it is skipped.', 'Give the parameter a name.');
    return undefined;
  }
  if (typeof value.in !== 'string' || !LOCATIONS.has(value.in as ParameterLocation)) {
    ctx.report(SpecDiagnosticCode.invalidParameter, pointer, `The parameter "${value.name}" has \`in: ${String(value.in)}\`; expected path, query, header or cookie. It is skipped.`);
    return undefined;
  }
  const location = value.in as ParameterLocation;
  const model: ParameterModel = {
    name: value.name,
    in: location,
    // Path parameters are always required, whatever the spec says.
    required: location === 'path' ? true : value.required === true,
    deprecated: value.deprecated === true,
    examples: examplesOf(ctx, value, pointer),
    pointer,
  };
  const description = stringOrUndefined(value.description);
  if (description !== undefined) model.description = description;
  const schema = schemaOf(value.schema);
  if (schema) {
    model.schema = schema;
    model.schemaPointer = childPointer(pointer, 'schema');
  }
  if (isRecord(value.content)) {
    const [contentType] = Object.keys(value.content);
    const media = value.content[contentType];
    if (contentType !== undefined) model.contentType = contentType;
    if (isRecord(media)) {
      const mediaSchema = schemaOf(media.schema);
      if (mediaSchema && !model.schema) {
        model.schema = mediaSchema;
        model.schemaPointer = childPointer(pointer, 'content', contentType, 'schema');
      }
      if (model.examples.length === 0) model.examples = examplesOf(ctx, media, childPointer(pointer, 'content', contentType));
    }
  }
  if (typeof value.style === 'string') model.style = value.style;
  if (typeof value.explode === 'boolean') model.explode = value.explode;
  if (typeof value.allowReserved === 'boolean') model.allowReserved = value.allowReserved;
  return model;
}

export function parametersOf(ctx: BuildContext, list: ResolvedObject[]): ParameterModel[] {
  const models: ParameterModel[] = [];
  for (const resolved of list) {
    const model = parameterOf(ctx, resolved);
    if (model) models.push(model);
  }
  return models;
}
