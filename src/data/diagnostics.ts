import type { Diagnostic } from '../model/index.js';

/** Diagnostic codes of the request-data module, with what perfplan does about each. */
export const DATA_DIAGNOSTICS = {
  exampleInvalid: {
    code: 'data/example-invalid',
    severity: 'info',
    fix: 'perfplan ignores this example and synthesizes a value from the schema; correct the example so it matches its schema.',
  },
  unresolvedRef: {
    code: 'data/unresolved-ref',
    severity: 'warning',
    fix: 'perfplan sends `{}` here; make the $ref a local JSON pointer (#/components/schemas/Name) that exists.',
  },
  unsatisfiable: {
    code: 'data/unsatisfiable-schema',
    severity: 'warning',
    fix: 'perfplan found no value for this schema. An optional value is left out; a required one is sent as the closest value it found (parts it cannot build left out), or a placeholder when it found none, and a request body without a valid value is planned as known-unsupported (sent, but expected to be refused; the reason says what is sent). Correct the schema or add a valid `example` to it.',
  },
  noFiniteInstance: {
    code: 'data/no-finite-instance',
    severity: 'warning',
    fix: 'every value of this schema nests itself forever (a required recursive property); make the recursion optional or add an example.',
  },
  refCycle: {
    code: 'data/ref-cycle',
    severity: 'warning',
    fix: 'perfplan sends `{}` here; make the $ref chain end at a schema (a chain of $refs that only point at each other describes nothing).',
  },
  sizeLimit: {
    code: 'data/size-limit',
    severity: 'warning',
    fix: 'perfplan leaves an optional value out; a required one makes the request known-unsupported (sent, but expected to be refused). Lower the constraint, add an `example`, or raise the limit named in the message.',
  },
  tooComplex: {
    code: 'data/schema-too-complex',
    severity: 'warning',
    fix: 'perfplan stopped trying combinations of oneOf/anyOf/allOf branches for this value; add an `example` to the schema.',
  },
  oneOfAmbiguous: {
    code: 'data/one-of-ambiguous',
    severity: 'warning',
    fix: 'perfplan found no value that matches exactly one `oneOf` branch (or any `anyOf` branch) and sends the first value it built; add an example or make the branches distinguishable.',
  },
  hiddenInChoice: {
    code: 'data/hidden-property-in-choice',
    severity: 'warning',
    fix: 'perfplan sends a value OpenAPI accepts (readOnly properties are not required in requests, writeOnly ones not in responses), which a validator that keeps those requirements inside oneOf/anyOf branches (Prism 5 does) refuses; declare readOnly/writeOnly properties outside the branches, or add a valid request example.',
  },
  bodyFormat: {
    code: 'data/body-format',
    severity: 'info',
    fix: 'perfplan sends a value of the media type\'s own format instead (a JSON Patch, a JWT, text, ...); give the media type an example of that format that matches the schema.',
  },
  unsafeValue: {
    code: 'data/unsafe-parameter-value',
    severity: 'warning',
    fix: 'perfplan replaced characters a URL segment or HTTP header cannot carry; add a suitable example to the parameter.',
  },
  noSupportedAuth: {
    code: 'data/no-supported-auth',
    severity: 'warning',
    fix: 'perfplan sends this request without credentials; add a security alternative using http basic/bearer, apiKey, oauth2 or openIdConnect.',
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
