import type { ApiModel, OperationModel } from '../../model/index.js';
import { BuildContext, extensionsOf, stringOrUndefined } from '../build-context.js';
import { collectOperations, countWebhookOperations, type PathOperation } from '../collect-operations.js';
import { childPointer } from '../json-pointer.js';
import { infoOf, reportMissingPaths, type ModelHeader } from '../model-header.js';
import { assignOperationIds } from '../operation-ids.js';
import { reportPathKeys } from '../path-key-diagnostics.js';
import { mergeParameterLists, resolveParameterList } from '../parameter-list.js';
import { parseSecurityRequirements } from '../security.js';
import { splitParameters } from './parameters.js';
import { bodyFromBodyParameter, bodyFromFormData } from './request-body.js';
import { responsesOf } from './responses.js';
import { securitySchemesOf } from './security-definitions.js';
import { serversOf } from './servers.js';

type OperationBody = Omit<OperationModel, 'id' | 'idDerived'>;

const DEFAULT_MEDIA_TYPES = ['application/json'];

function mediaTypeList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((type): type is string => typeof type === 'string') : undefined;
}

function operationOf(ctx: BuildContext, found: PathOperation): OperationBody {
  const { operation, pointer, pathItem, pathItemPointer } = found;
  const { document } = ctx;
  const consumes = mediaTypeList(operation.consumes) ?? mediaTypeList(document.consumes) ?? [];
  const produces = mediaTypeList(operation.produces) ?? mediaTypeList(document.produces) ?? [];
  const split = splitParameters(
    ctx,
    mergeParameterLists(
      resolveParameterList(ctx, pathItem.parameters, childPointer(pathItemPointer, 'parameters')),
      resolveParameterList(ctx, operation.parameters, childPointer(pointer, 'parameters')),
    ),
  );
  const model: OperationBody = {
    method: found.method,
    path: found.path,
    tags: Array.isArray(operation.tags) ? operation.tags.filter((tag): tag is string => typeof tag === 'string') : [],
    deprecated: operation.deprecated === true,
    parameters: split.parameters,
    responses: responsesOf(ctx, operation.responses, childPointer(pointer, 'responses'), produces.length > 0 ? produces : DEFAULT_MEDIA_TYPES),
    extensions: extensionsOf(operation),
    pointer,
  };
  const summary = stringOrUndefined(operation.summary);
  const description = stringOrUndefined(operation.description);
  if (summary !== undefined) model.summary = summary;
  if (description !== undefined) model.description = description;
  if (split.body) model.requestBody = bodyFromBodyParameter(split.body, consumes.length > 0 ? consumes : DEFAULT_MEDIA_TYPES);
  else if (split.formData.length > 0) model.requestBody = bodyFromFormData(split.formData, consumes);
  const security = parseSecurityRequirements(ctx, operation.security, childPointer(pointer, 'security'));
  if (security) model.security = security;
  if (operation.schemes !== undefined) {
    const servers = serversOf(ctx, operation.schemes, childPointer(pointer, 'schemes'));
    if (servers.length > 0) model.servers = servers;
  }
  return model;
}

/** Swagger 2.0 → ApiModel; `document` stays the Swagger document, so `#/definitions/X` refs still resolve. */
export function buildSwagger2Model(ctx: BuildContext, header: ModelHeader): ApiModel {
  const { document } = ctx;
  reportMissingPaths(ctx);
  const found = collectOperations(ctx, document.paths, '#/paths');
  const bodies = found.map((entry) => operationOf(ctx, entry));
  const ids = assignOperationIds(
    found.map((entry) => ({ operationId: entry.operation.operationId, method: entry.method, path: entry.path, pointer: entry.pointer })),
    ctx.sink,
  );
  const operations = bodies.map((body, index) => ({ ...ids[index]!, ...body }));
  reportPathKeys(ctx, operations);
  return {
    kind: ctx.kind,
    specVersion: header.specVersion,
    sourceFile: header.sourceFile,
    ...infoOf(ctx),
    servers: serversOf(ctx, document.schemes, '#/schemes'),
    operations,
    securitySchemes: securitySchemesOf(ctx),
    security: parseSecurityRequirements(ctx, document.security, '#/security') ?? [],
    webhookCount: countWebhookOperations(ctx),
    document,
  };
}
