import { defineAnalyzer } from '../plugin-api/index.js';
import type { ApiModel, OperationAnalysis, OperationAuth, OperationModel, SecurityRequirement } from '../model/index.js';

function schemeType(model: ApiModel, name: string): string {
  const scheme = model.securitySchemes[name];
  if (!scheme) return 'unknown';
  if (scheme.type === 'http') return `http:${scheme.scheme.toLowerCase()}`;
  if (scheme.type === 'apiKey') return `apiKey:${scheme.in}`;
  return scheme.type;
}

export function operationAuth(model: ApiModel, operation: OperationModel): OperationAuth {
  const requirements: SecurityRequirement[] = operation.security ?? model.security;
  const alternatives = requirements.map((requirement) => Object.keys(requirement).sort());
  const required = alternatives.length > 0 && alternatives.every((alternative) => alternative.length > 0);
  const schemeTypes = [...new Set(alternatives.flat().map((name) => schemeType(model, name)))].sort();
  return { required, alternatives, schemeTypes };
}

/** Read/write and auth per operation; the base every other analyzer refines. */
export const operationsAnalyzer = defineAnalyzer({
  name: 'operations',
  description: 'Read or write, and the authentication each operation needs.',
  analyze({ model, analysis }) {
    const operations: OperationAnalysis[] = model.operations.map((operation) => ({
      operationId: operation.id,
      method: operation.method,
      path: operation.path,
      kind: ['get', 'head', 'options', 'trace'].includes(operation.method) ? 'read' : 'write',
      auth: operationAuth(model, operation),
      category: 'standard',
    }));
    const read = operations.filter((operation) => operation.kind === 'read').length;
    return {
      ...analysis,
      operations,
      totals: {
        operations: operations.length,
        read,
        write: operations.length - read,
        deprecated: model.operations.filter((operation) => operation.deprecated).length,
      },
      authenticationRequired: operations.some((operation) => operation.auth.required),
    };
  },
});
