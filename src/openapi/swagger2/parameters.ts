import type { ParameterLocation, ParameterModel, JsonValue, SchemaObject } from '../../model/index.js';
import { BuildContext, stringOrUndefined, type ResolvedObject } from '../build-context.js';
import { SpecDiagnosticCode } from '../diagnostics.js';
import { schemaFromParameter, styleFromCollectionFormat } from './schema-from-parameter.js';

const SIMPLE_LOCATIONS = new Set(['path', 'query', 'header']);
const ALL_LOCATIONS = new Set(['path', 'query', 'header', 'body', 'formData']);

export interface SplitParameters {
  parameters: ParameterModel[];
  body?: ResolvedObject;
  formData: ResolvedObject[];
}

/** Sorts Swagger 2.0 parameters into plain parameters, the `in: body` one, and the `in: formData` ones. */
export function splitParameters(ctx: BuildContext, list: ResolvedObject[]): SplitParameters {
  const split: SplitParameters = { parameters: [], formData: [] };
  for (const resolved of list) {
    const { value, pointer } = resolved;
    if (typeof value.name !== 'string' || value.name === '') {
      ctx.report(SpecDiagnosticCode.invalidParameter, pointer, 'The parameter has no `name`; it is skipped.', 'Give the parameter a name.');
      continue;
    }
    if (typeof value.in !== 'string' || !ALL_LOCATIONS.has(value.in)) {
      ctx.report(SpecDiagnosticCode.invalidParameter, pointer, `The parameter "${value.name}" has \`in: ${String(value.in)}\`; expected path, query, header, body or formData. It is skipped.`);
      continue;
    }
    if (value.in === 'body') {
      if (split.body) ctx.report(SpecDiagnosticCode.invalidParameter, pointer, 'An operation can have only one `in: body` parameter; this one is skipped.');
      else split.body = resolved;
      continue;
    }
    if (value.in === 'formData') {
      split.formData.push(resolved);
      continue;
    }
    if (SIMPLE_LOCATIONS.has(value.in)) split.parameters.push(parameterOf(resolved));
  }
  return split;
}

function parameterOf({ value, pointer }: ResolvedObject): ParameterModel {
  const location = value.in as ParameterLocation;
  const model: ParameterModel = {
    name: value.name as string,
    in: location,
    required: location === 'path' ? true : value.required === true,
    deprecated: value.deprecated === true || value['x-deprecated'] === true,
    // Its x-example is checked as the parameter's example, at its own place, not again as the schema's.
    schema: withoutExample(schemaFromParameter(value)),
    examples: value['x-example'] === undefined ? [] : [{ value: value['x-example'] as JsonValue, pointer: `${pointer}/x-example` }],
    pointer,
    // The parameter's own keywords are its schema: diagnostics about the schema point at it.
    schemaPointer: pointer,
  };
  const description = stringOrUndefined(value.description);
  if (description !== undefined) model.description = description;
  const style = styleFromCollectionFormat(value, location);
  if (style) {
    model.style = style.style;
    model.explode = style.explode;
  }
  return model;
}

function withoutExample(schema: SchemaObject): SchemaObject {
  const { example: _example, ...rest } = schema;
  return rest;
}
