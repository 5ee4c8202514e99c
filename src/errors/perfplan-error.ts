/** Exit codes the CLI promises. */
export const ExitCode = {
  ok: 0,
  /** Generation failed, or an evaluated verdict failed. */
  failed: 1,
  /** Usage or configuration error. */
  usage: 2,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** One of several problems an error reports together (a config with three wrong keys). */
export interface ErrorProblem {
  code: string;
  message: string;
  file?: string;
  pointer?: string;
  fix?: string;
}

export interface PerfplanErrorOptions {
  /** File the problem is in (spec, config, output path). */
  file?: string;
  /** JSON pointer into the file, or a config key path. */
  pointer?: string;
  /** What the user can do about it. */
  fix?: string;
  exitCode?: ExitCodeValue;
  cause?: unknown;
  /** Every problem, when the error reports several (the message lists them too). */
  problems?: readonly ErrorProblem[];
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
  readonly problems?: readonly ErrorProblem[];

  constructor(code: string, message: string, options: PerfplanErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PerfplanError';
    this.code = code;
    this.file = options.file;
    this.pointer = options.pointer;
    this.fix = options.fix;
    this.exitCode = options.exitCode ?? ExitCode.failed;
    if (options.problems !== undefined) this.problems = options.problems;
  }
}

export function isPerfplanError(value: unknown): value is PerfplanError {
  return value instanceof PerfplanError || (value instanceof Error && (value as { name?: string }).name === 'PerfplanError');
}
