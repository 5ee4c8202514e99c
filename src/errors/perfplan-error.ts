/** Exit codes the CLI promises. */
export const ExitCode = {
  ok: 0,
  /** Generation failed, or an evaluated verdict failed. */
  failed: 1,
  /** Usage or configuration error. */
  usage: 2,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface PerfplanErrorOptions {
  /** File the problem is in (spec, config, output path). */
  file?: string;
  /** JSON pointer into the file, or a config key path. */
  pointer?: string;
  /** What the user can do about it. */
  fix?: string;
  exitCode?: ExitCodeValue;
  cause?: unknown;
}

/**
 * An error meant for the user: a stable code, a message naming the thing that is wrong,
 * and a fix. The CLI prints it without a stack trace (unless PERFPLAN_DEBUG=1).
 */
export class PerfplanError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly pointer?: string;
  readonly fix?: string;
  readonly exitCode: ExitCodeValue;

  constructor(code: string, message: string, options: PerfplanErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PerfplanError';
    this.code = code;
    this.file = options.file;
    this.pointer = options.pointer;
    this.fix = options.fix;
    this.exitCode = options.exitCode ?? ExitCode.failed;
  }
}

export function isPerfplanError(value: unknown): value is PerfplanError {
  return value instanceof PerfplanError || (value instanceof Error && (value as { name?: string }).name === 'PerfplanError');
}
