export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * A problem found in an input, collected instead of thrown. `pointer` is a JSON pointer
 * (RFC 6901, as a URI fragment `#/paths/~1pets/get`) into `file`, or a config key path.
 */
export interface Diagnostic {
  code: string;
  severity: DiagnosticSeverity;
  message: string;
  /** The file (spec, referenced file or config); in plan.json relative to the spec's folder (the config: its file name), never an absolute path. */
  file?: string;
  pointer?: string;
  /** What perfplan did instead (the fallback), or what the user can do. */
  fix?: string;
}
