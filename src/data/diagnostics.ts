import { ERROR_CATALOG } from '../errors/index.js';
import type { Diagnostic } from '../model/index.js';

/** Diagnostic codes of the request-data module; what perfplan does about each is the catalog's fix. */
export const DATA_DIAGNOSTICS = {
  exampleInvalid: {
    code: 'data/example-invalid',
    severity: 'info',
    fix: ERROR_CATALOG['data/example-invalid'].fix,
  },
  unresolvedRef: {
    code: 'data/unresolved-ref',
    severity: 'warning',
    fix: ERROR_CATALOG['data/unresolved-ref'].fix,
  },
  unsatisfiable: {
    code: 'data/unsatisfiable-schema',
    severity: 'warning',
    fix: ERROR_CATALOG['data/unsatisfiable-schema'].fix,
  },
  patternUnchecked: {
    code: 'data/pattern-unchecked',
    severity: 'info',
    fix: ERROR_CATALOG['data/pattern-unchecked'].fix,
  },
  noFiniteInstance: {
    code: 'data/no-finite-instance',
    severity: 'warning',
    fix: ERROR_CATALOG['data/no-finite-instance'].fix,
  },
  refCycle: {
    code: 'data/ref-cycle',
    severity: 'warning',
    fix: ERROR_CATALOG['data/ref-cycle'].fix,
  },
  sizeLimit: {
    code: 'data/size-limit',
    severity: 'warning',
    fix: ERROR_CATALOG['data/size-limit'].fix,
  },
  tooComplex: {
    code: 'data/schema-too-complex',
    severity: 'warning',
    fix: ERROR_CATALOG['data/schema-too-complex'].fix,
  },
  oneOfAmbiguous: {
    code: 'data/one-of-ambiguous',
    severity: 'warning',
    fix: ERROR_CATALOG['data/one-of-ambiguous'].fix,
  },
  hiddenInChoice: {
    code: 'data/hidden-property-in-choice',
    severity: 'warning',
    fix: ERROR_CATALOG['data/hidden-property-in-choice'].fix,
  },
  bodyFormat: {
    code: 'data/body-format',
    severity: 'info',
    fix: ERROR_CATALOG['data/body-format'].fix,
  },
  unsafeValue: {
    code: 'data/unsafe-parameter-value',
    severity: 'warning',
    fix: ERROR_CATALOG['data/unsafe-parameter-value'].fix,
  },
  noSupportedAuth: {
    code: 'data/no-supported-auth',
    severity: 'warning',
    fix: ERROR_CATALOG['data/no-supported-auth'].fix,
  },
} as const satisfies Record<string, Pick<Diagnostic, 'code' | 'severity' | 'fix'>>;

export type DataDiagnosticKind = keyof typeof DATA_DIAGNOSTICS;

/** Codes that explain why a produced value may not validate against its schema. */
export const EXPLAINING_CODES: ReadonlySet<string> = new Set([
  DATA_DIAGNOSTICS.unresolvedRef.code,
  DATA_DIAGNOSTICS.refCycle.code,
  DATA_DIAGNOSTICS.sizeLimit.code,
  DATA_DIAGNOSTICS.tooComplex.code,
  DATA_DIAGNOSTICS.unsatisfiable.code,
  DATA_DIAGNOSTICS.noFiniteInstance.code,
  DATA_DIAGNOSTICS.oneOfAmbiguous.code,
  DATA_DIAGNOSTICS.unsafeValue.code,
]);

export function dataDiagnostic(kind: DataDiagnosticKind, details: { message: string; pointer?: string; file?: string }): Diagnostic {
  const entry = DATA_DIAGNOSTICS[kind];
  return { code: entry.code, severity: entry.severity, message: details.message, file: details.file, pointer: details.pointer, fix: entry.fix };
}

/** Wraps a report sink so one call reports each (code, pointer, message) once. */
export function dedupedReporter(report: (diagnostic: Diagnostic) => void): (diagnostic: Diagnostic) => void {
  const seen = new Set<string>();
  return (diagnostic) => {
    const key = `${diagnostic.code}\u0000${diagnostic.pointer ?? ''}\u0000${diagnostic.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(diagnostic);
  };
}
