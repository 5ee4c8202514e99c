import type { HeaderModel, JsonValue, MediaTypeModel, ResponseModel } from '../../model/index.js';
import { BuildContext, isRecord, stringOrUndefined } from '../build-context.js';
import { SpecDiagnosticCode } from '../diagnostics.js';
import { childPointer } from '../json-pointer.js';
import { emptyRecord, ownValue } from '../own-keys.js';
import { schemaFromParameter } from './schema-from-parameter.js';

function headersOf(headers: unknown): Record<string, HeaderModel> {
  const result: Record<string, HeaderModel> = emptyRecord();
  if (!isRecord(headers)) return result;
  for (const [name, raw] of Object.entries(headers)) {
    if (!isRecord(raw)) continue;
    const model: HeaderModel = { required: false, schema: schemaFromParameter(raw) };
    const description = stringOrUndefined(raw.description);
    if (description !== undefined) model.description = description;
    result[name] = model;
  }
  return result;
}

/** Responses; a `schema` becomes content under every `produces` type, `examples` attach by media type. */
export function responsesOf(ctx: BuildContext, responses: unknown, pointer: string, produces: string[]): ResponseModel[] {
  const result: ResponseModel[] = [];
  if (responses === undefined) return result;
  if (!isRecord(responses)) {
    ctx.report(SpecDiagnosticCode.invalidObject, pointer, '`responses` must be an object; it is ignored.');
    return result;
  }
  for (const status of Object.keys(responses)) {
    if (status.startsWith('x-')) continue;
    const response = ctx.resolveObject(responses[status], childPointer(pointer, status), 'response');
    if (!response) continue;
    const { value } = response;
    const examples = isRecord(value.examples) ? value.examples : {};
    const contents: MediaTypeModel[] = [];
    if (isRecord(value.schema)) {
      for (const mediaType of produces) {
        contents.push({
          mediaType,
          schema: value.schema,
          examples: ownValue(examples, mediaType) === undefined ? [] : [{ value: examples[mediaType] as JsonValue }],
          encoding: {},
          pointer: childPointer(response.pointer, 'schema'),
        });
      }
    }
    const model: ResponseModel = { status, contents, headers: headersOf(value.headers), links: [], pointer: response.pointer };
    const description = stringOrUndefined(value.description);
    if (description !== undefined) model.description = description;
    result.push(model);
  }
  return result;
}
