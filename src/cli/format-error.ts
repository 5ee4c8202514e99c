import { ExitCode, isPerfplanError, type ErrorProblem, type ExitCodeValue } from '../errors/index.js';

function debugEnabled(): boolean {
  return process.env.PERFPLAN_DEBUG === '1' || process.env.PERFPLAN_DEBUG === 'true';
}

function stackOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    parts.push(depth === 0 ? String(current.stack) : `Caused by: ${String(current.stack)}`);
    current = current.cause;
  }
  return parts.join('\n');
}

/** An error as `--json` prints it on stdout: the same fields the text shows. */
export interface ErrorJson {
  code: string;
  message: string;
  file?: string;
  pointer?: string;
  fix?: string;
  exitCode: ExitCodeValue;
  /** Every problem, when the error reports several. */
  problems?: readonly ErrorProblem[];
}

const BUG_FIX = 'This is a bug in perfplan or a plugin. Re-run with PERFPLAN_DEBUG=1 and report the output.';

/** The fields of any error: a PerfplanError's own, oclif's usage errors as exit 2, anything else as a bug (exit 1). */
export function describeError(error: unknown): ErrorJson {
  if (isPerfplanError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.file === undefined ? {} : { file: error.file }),
      ...(error.pointer === undefined ? {} : { pointer: error.pointer }),
      ...(error.fix === undefined ? {} : { fix: error.fix }),
      exitCode: error.exitCode,
      ...(error.problems === undefined || error.problems.length < 2 ? {} : { problems: error.problems }),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const oclifExit = (error as { oclif?: { exit?: number } } | undefined)?.oclif?.exit;
  if (typeof oclifExit === 'number') {
    // oclif's own usage errors (missing argument, a value not among a flag's options) exit 2.
    const exitCode = oclifExit === 0 ? ExitCode.ok : oclifExit === 2 ? ExitCode.usage : ExitCode.failed;
    return { code: 'usage/invalid-arguments', message, fix: "see --help for the command's arguments and flags", exitCode };
  }
  return { code: 'internal/unexpected', message, fix: BUG_FIX, exitCode: ExitCode.failed };
}

/** One clear message for the user, its exit code, and a stack only with PERFPLAN_DEBUG=1. */
export function formatError(error: unknown): { text: string; exitCode: ExitCodeValue } {
  const described = describeError(error);
  const lines: string[] = [`Error: ${described.message}`];
  if (described.code === 'internal/unexpected') {
    lines.push(`  ${BUG_FIX}`);
  } else {
    if (described.file) lines.push(`  file: ${described.file}`);
    if (described.pointer) lines.push(`  at:   ${described.pointer}`);
    if (described.fix) lines.push(`  fix:  ${described.fix}`);
    if (isPerfplanError(error)) lines.push(`  code: ${described.code}`);
  }
  if (debugEnabled()) lines.push('', stackOf(error));
  return { text: lines.join('\n'), exitCode: described.exitCode };
}
