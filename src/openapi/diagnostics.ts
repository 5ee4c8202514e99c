import type { ErrorCode } from '../errors/index.js';
import type { Diagnostic, DiagnosticSeverity } from '../model/index.js';

/** Stable codes of the problems the loader reports about a spec (collected, never thrown). */
export const SpecDiagnosticCode = {
  refOutsideFolder: 'spec/ref-outside-folder',
  refRemoteRefused: 'spec/ref-remote-refused',
  refFileNotFound: 'spec/ref-file-not-found',
  refUnresolved: 'spec/ref-unresolved',
  refSchemaId: 'spec/ref-schema-id-unsupported',
  refUnsupportedScheme: 'spec/ref-unsupported-scheme',
  refCycle: 'spec/ref-cycle',
  /** A `$ref` inside an example, default, enum or const value: not followed, the value dropped. */
  refInLiteral: 'spec/ref-in-literal-value',
  /** A `$ref` to a dot-file or into a dot-folder. */
  refHiddenPath: 'spec/ref-hidden-path',
  /** A `$ref` to a file that is not .json, .yaml or .yml. */
  refNotSpecDocument: 'spec/ref-not-spec-document',
  /** A `$ref` to a folder, FIFO, device or socket. */
  refNotRegularFile: 'spec/ref-not-regular-file',
  externalFileError: 'spec/external-file-error',
  /** Info: an external file the loader read (every one is listed). */
  externalFileRead: 'spec/external-file-read',
  missingPaths: 'spec/missing-paths',
  missingInfo: 'spec/missing-info',
  invalidObject: 'spec/invalid-object',
  invalidParameter: 'spec/invalid-parameter',
  invalidServer: 'spec/invalid-server',
  serverSchemeAssumed: 'spec/server-scheme-assumed',
  invalidSecurityScheme: 'spec/invalid-security-scheme',
  invalidSecurityRequirement: 'spec/invalid-security-requirement',
  duplicateOperationId: 'spec/duplicate-operation-id',
  invalidOperationId: 'spec/invalid-operation-id',
  /** Info: a path key with a `#fragment`, which is not sent (src/openapi/path-key.ts). */
  pathKeyFragment: 'spec/path-key-fragment',
  /** Info: a path key with a literal `?query`, sent as the request's query. */
  pathKeyQuery: 'spec/path-key-query',
  /** A `:name` or `<name>` placeholder: info when a declared path parameter fills it, a warning when it is sent as literal text. */
  pathKeyPlaceholder: 'spec/path-key-placeholder',
  /** What a path key leaves open: a literal query repeating a declared parameter, operations sharing one URL once fragments are dropped. */
  pathKeyAmbiguous: 'spec/path-key-ambiguous',
} as const satisfies Record<string, ErrorCode>;

export interface ReportInput {
  code: string;
  message: string;
  pointer?: string;
  fix?: string;
  severity?: DiagnosticSeverity;
  /** Defaults to the root spec file. */
  file?: string;
}

/** Collects diagnostics in the order they are found; every one names the file. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly rootFile: string) {}

  report(input: ReportInput): void {
    const diagnostic: Diagnostic = {
      code: input.code,
      severity: input.severity ?? 'warning',
      message: input.message,
      file: input.file ?? this.rootFile,
    };
    if (input.pointer !== undefined) diagnostic.pointer = input.pointer;
    if (input.fix !== undefined) diagnostic.fix = input.fix;
    this.diagnostics.push(diagnostic);
  }
}
