import type { ApiModel, OperationModel } from '../../model/index.js';
import { BuildContext, extensionsOf, stringOrUndefined } from '../build-context.js';
import { collectOperations, countWebhookOperations, type PathOperation } from '../collect-operations.js';
import { childPointer } from '../json-pointer.js';
import { assignOperationIds } from '../operation-ids.js';
import { reportPathKeys } from '../path-key-diagnostics.js';
import { mergeParameterLists, resolveParameterList } from '../parameter-list.js';
import { parseSecurityRequirements } from '../security.js';
import { requestBodyOf } from './content.js';
import { parametersOf } from './parameters.js';
import { responsesOf } from './responses.js';
import { securitySchemesOf } from './security-schemes.js';
import { serversOf } from './servers.js';
import { infoOf, reportMissingPaths, type ModelHeader } from '../model-header.js';

type OperationBody = Omit<OperationModel, 'id' | 'idDerived'>;

function operationOf(ctx: BuildContext, found: PathOperation): OperationBody {
  const { operation, pointer, pathItem, pathItemPointer } = found;
  const parameters = mergeParameterLists(
    resolveParameterList(ctx, pathItem.parameters, childPointer(pathItemPointer, 'parameters')),
    resolveParameterList(ctx, operation.parameters, childPointer(pointer, 'parameters')),
  );
  const model: OperationBody = {
    method: found.method,
    path: found.path,
    tags: Array.isArray(operation.tags) ? operation.tags.filter((tag): tag is string => typeof tag === 'string') : [],
    deprecated: operation.deprecated === true,
    parameters: parametersOf(ctx, parameters),
    responses: responsesOf(ctx, operation.responses, childPointer(pointer, 'responses')),
    extensions: extensionsOf(operation),
    pointer,
  };
  const summary = stringOrUndefined(operation.summary) ?? stringOrUndefined(pathItem.summary);
  const description = stringOrUndefined(operation.description) ?? stringOrUndefined(pathItem.description);
  if (summary !== undefined) model.summary = summary;
  if (description !== undefined) model.description = description;
  const requestBody = requestBodyOf(ctx, operation.requestBody, childPointer(pointer, 'requestBody'));
  if (requestBody) model.requestBody = requestBody;
  const security = parseSecurityRequirements(ctx, operation.security, childPointer(pointer, 'security'));
  if (security) model.security = security;
  const operationServers = serversOf(ctx, operation.servers, childPointer(pointer, 'servers'));
  const pathServers = operationServers.length > 0 ? [] : serversOf(ctx, pathItem.servers, childPointer(pathItemPointer, 'servers'));
  if (operationServers.length > 0) model.servers = operationServers;
  else if (pathServers.length > 0) model.servers = pathServers;
  return model;
}

/** OpenAPI 3.0 / 3.1 → ApiModel. */
export function buildOas3Model(ctx: BuildContext, header: ModelHeader): ApiModel {
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
    servers: serversOf(ctx, document.servers, '#/servers'),
    operations,
    securitySchemes: securitySchemesOf(ctx, document.components),
    security: parseSecurityRequirements(ctx, document.security, '#/security') ?? [],
    webhookCount: countWebhookOperations(ctx),
    document,
  };
}

