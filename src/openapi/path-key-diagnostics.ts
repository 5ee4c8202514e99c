import type { OperationModel } from '../model/index.js';
import type { BuildContext } from './build-context.js';
import { SpecDiagnosticCode } from './diagnostics.js';
import { parsePathKey, pathKeyOf } from './path-key.js';

/** Where a path item is: the operation's pointer without its method. */
function pathItemPointer(operation: OperationModel): string {
  return operation.pointer.slice(0, operation.pointer.lastIndexOf('/'));
}

/**
 * Reports, once per path key, what perfplan sends for a key that is not a plain path template,
 * and, as ambiguities, what the spec leaves open: a placeholder no parameter is declared for, a
 * literal query that repeats a declared query parameter, and operations the same method and URL
 * reach once fragments are dropped.
 */
export function reportPathKeys(ctx: BuildContext, operations: readonly OperationModel[]): void {
  const reported = new Set<string>();
  const byUrl = new Map<string, OperationModel[]>();
  for (const operation of operations) {
    const key = pathKeyOf(operation);
    const url = `${operation.method.toUpperCase()} ${key.path}${key.query === undefined ? '' : `?${key.query}`}`;
    byUrl.set(url, [...(byUrl.get(url) ?? []), operation]);
    const item = pathItemPointer(operation);
    const once = (code: string, text: string): boolean => {
      const id = `${code} ${item} ${text}`;
      if (reported.has(id)) return false;
      reported.add(id);
      return true;
    };
    const shown = JSON.stringify(operation.path);
    if (key.fragment !== undefined && once(SpecDiagnosticCode.pathKeyFragment, '')) {
      ctx.sink.report({
        code: SpecDiagnosticCode.pathKeyFragment,
        severity: 'info',
        pointer: item,
        message: `Path ${shown} has a fragment (#${key.fragment}), which is not part of any URL: requests go to ${key.path}${key.query === undefined ? '' : `?${key.query}`}.`,
        fix: 'The fragment only tells operations apart in the spec; nothing to do unless the server expects something else.',
      });
    }
    if (key.query !== undefined && once(SpecDiagnosticCode.pathKeyQuery, '')) {
      ctx.sink.report({
        code: SpecDiagnosticCode.pathKeyQuery,
        severity: 'info',
        pointer: item,
        message: `Path ${shown} carries a query (?${key.query}): requests go to ${key.path} with it as their query, before the operation's query parameters.`,
        fix: 'OpenAPI path keys hold no query; declare it as a required query parameter with an enum if the server needs it.',
      });
    }
    for (const placeholder of key.placeholders) {
      if (!once(SpecDiagnosticCode.pathKeyPlaceholder, `${placeholder.written} ${placeholder.declared}`)) continue;
      ctx.sink.report(
        placeholder.declared
          ? {
              code: SpecDiagnosticCode.pathKeyPlaceholder,
              severity: 'info',
              pointer: item,
              message: `Path ${shown} writes path parameter "${placeholder.name}" as ${placeholder.written}: its value is sent there, as for {${placeholder.name}}.`,
              fix: `Write it {${placeholder.name}}, as OpenAPI does.`,
            }
          : {
              code: SpecDiagnosticCode.pathKeyPlaceholder,
              severity: 'warning',
              pointer: item,
              message: `Path ${shown} holds ${placeholder.written}, which looks like a path parameter, but ${operation.method.toUpperCase()} declares no path parameter "${placeholder.name}": it is sent as the literal text ${placeholder.written}.`,
              fix: `If it is a parameter, write it {${placeholder.name}} and declare it with in: path.`,
            },
      );
    }
    const repeated = operation.parameters.filter((parameter) => parameter.in === 'query' && key.queryNames.includes(parameter.name));
    for (const parameter of repeated) {
      ctx.sink.report({
        code: SpecDiagnosticCode.pathKeyAmbiguous,
        severity: 'warning',
        pointer: parameter.pointer,
        message: `Query parameter "${parameter.name}" of ${operation.method.toUpperCase()} ${operation.path} is also in the path's own query (?${key.query}): the path's value is sent, the parameter is not sent again.`,
        fix: 'Keep the value in one place: the parameter (with an enum) or the path.',
      });
    }
  }
  for (const [url, sharing] of byUrl) {
    if (sharing.length < 2 || sharing.every((operation) => parsePathKey(operation.path, new Set()).fragment === undefined)) continue;
    ctx.sink.report({
      code: SpecDiagnosticCode.pathKeyAmbiguous,
      severity: 'warning',
      pointer: pathItemPointer(sharing[0]!),
      message: `${sharing.length} operations are sent as ${url} once their fragments are dropped (${sharing.map((operation) => `${operation.id}: ${JSON.stringify(operation.path)}`).join(', ')}): a server tells them apart only by their parameters or body.`,
      fix: 'Each is planned and sent with its own parameters and body; check that the server routes them as the spec intends.',
    });
  }
}
