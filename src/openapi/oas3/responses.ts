import type { JsonValue, LinkModel, ResponseModel } from '../../model/index.js';
import { BuildContext, isRecord, stringOrUndefined } from '../build-context.js';
import { SpecDiagnosticCode } from '../diagnostics.js';
import { childPointer } from '../json-pointer.js';
import { headersOf, mediaTypesOf } from './content.js';

function linksOf(ctx: BuildContext, links: unknown, pointer: string): LinkModel[] {
  const result: LinkModel[] = [];
  if (!isRecord(links)) return result;
  for (const name of Object.keys(links)) {
    const link = ctx.resolveObject(links[name], childPointer(pointer, name), 'link');
    if (!link) continue;
    const { value } = link;
    const model: LinkModel = { name, parameters: isRecord(value.parameters) ? (value.parameters as Record<string, JsonValue>) : {}, pointer: link.pointer };
    const operationId = stringOrUndefined(value.operationId);
    const operationRef = stringOrUndefined(value.operationRef);
    const description = stringOrUndefined(value.description);
    if (operationId !== undefined) model.operationId = operationId;
    if (operationRef !== undefined) model.operationRef = operationRef;
    if ('requestBody' in value) model.requestBody = value.requestBody as JsonValue;
    if (description !== undefined) model.description = description;
    result.push(model);
  }
  return result;
}

export function responsesOf(ctx: BuildContext, responses: unknown, pointer: string): ResponseModel[] {
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
    const model: ResponseModel = {
      status,
      contents: mediaTypesOf(ctx, value.content, childPointer(response.pointer, 'content')),
      headers: headersOf(ctx, value.headers, childPointer(response.pointer, 'headers')),
      links: linksOf(ctx, value.links, childPointer(response.pointer, 'links')),
      pointer: response.pointer,
    };
    const description = stringOrUndefined(value.description);
    if (description !== undefined) model.description = description;
    result.push(model);
  }
  return result;
}
