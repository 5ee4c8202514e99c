import { HTTP_METHODS, type HttpMethod } from '../model/index.js';
import { BuildContext, isRecord, type JsonRecord } from './build-context.js';
import { SpecDiagnosticCode } from './diagnostics.js';
import { childPointer } from './json-pointer.js';

export interface PathOperation {
  path: string;
  method: HttpMethod;
  operation: JsonRecord;
  pointer: string;
  pathItem: JsonRecord;
  pathItemPointer: string;
}

/** Path items and their operations in document order, methods in HTTP_METHODS order; path-item `$ref`s followed. */
export function collectOperations(ctx: BuildContext, paths: unknown, pathsPointer: string): PathOperation[] {
  const operations: PathOperation[] = [];
  if (!isRecord(paths)) return operations;
  for (const path of Object.keys(paths)) {
    if (path.startsWith('x-')) continue;
    const item = ctx.resolveObject(paths[path], childPointer(pathsPointer, path), 'path item');
    if (!item) continue;
    for (const method of HTTP_METHODS) {
      const operation = item.value[method];
      if (operation === undefined) continue;
      const pointer = childPointer(item.pointer, method);
      if (!isRecord(operation)) {
        ctx.report(SpecDiagnosticCode.invalidObject, pointer, `The ${method.toUpperCase()} ${path} operation is not an object; it is skipped.`);
        continue;
      }
      operations.push({ path, method, operation, pointer, pathItem: item.value, pathItemPointer: item.pointer });
    }
  }
  return operations;
}

/** Operations under 3.1 `webhooks` and the `x-webhooks` extension (counted, not planned). */
export function countWebhookOperations(ctx: BuildContext): number {
  let count = 0;
  for (const key of ['webhooks', 'x-webhooks']) {
    const hooks = ctx.document[key];
    if (!isRecord(hooks)) continue;
    for (const name of Object.keys(hooks)) {
      // `x-` keys are extensions of the webhooks object, not webhooks.
      if (name.startsWith('x-')) continue;
      const item = ctx.resolveObject(hooks[name], childPointer(`#/${key}`, name), 'webhook');
      if (!item) continue;
      for (const method of HTTP_METHODS) if (isRecord(item.value[method])) count++;
    }
  }
  return count;
}
