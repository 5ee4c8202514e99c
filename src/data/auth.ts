import type { ApiModel, Diagnostic, OperationModel, SecuritySchemeModel } from '../model/index.js';
import { dataDiagnostic } from './diagnostics.js';

/** Scheme types a load test can supply credentials for. */
export function isSupportedScheme(scheme: SecuritySchemeModel | undefined): boolean {
  if (scheme === undefined) return false;
  switch (scheme.type) {
    case 'http':
      return ['basic', 'bearer'].includes(scheme.scheme.toLowerCase());
    case 'apiKey':
    case 'oauth2':
    case 'openIdConnect':
      return true;
    default:
      return false;
  }
}

/**
 * The security scheme names a request uses: the first alternative of the operation's
 * requirement (else the global one) whose schemes are all supported. `security: []` or an
 * empty alternative (`{}`) means no credentials.
 */
export function requestAuth(input: { model: ApiModel; operation: OperationModel; report: (d: Diagnostic) => void }): string[] {
  const { model, operation } = input;
  const alternatives = operation.security ?? model.security;
  if (alternatives.length === 0) return [];
  for (const alternative of alternatives) {
    const names = Object.keys(alternative);
    if (names.every((name) => isSupportedScheme(model.securitySchemes[name]))) return names;
  }
  input.report(
    dataDiagnostic('noSupportedAuth', {
      message: `Operation ${operation.id} accepts only security schemes perfplan cannot supply (${alternatives.map((alt) => Object.keys(alt).join(' + ')).join(' or ')})`,
      pointer: operation.security === undefined ? '#/security' : `${operation.pointer}/security`,
      file: model.sourceFile,
    }),
  );
  return [];
}
