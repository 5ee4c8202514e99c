import { ExitCode, isPerfplanError, type ExitCodeValue } from '../errors/index.js';

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

/** One clear message for the user, its exit code, and a stack only with PERFPLAN_DEBUG=1. */
export function formatError(error: unknown): { text: string; exitCode: ExitCodeValue } {
  const lines: string[] = [];
  let exitCode: ExitCodeValue = ExitCode.failed;
  if (isPerfplanError(error)) {
    lines.push(`Error: ${error.message}`);
    if (error.file) lines.push(`  file: ${error.file}`);
    if (error.pointer) lines.push(`  at:   ${error.pointer}`);
    if (error.fix) lines.push(`  fix:  ${error.fix}`);
    lines.push(`  code: ${error.code}`);
    exitCode = error.exitCode;
  } else {
    const oclifExit = (error as { oclif?: { exit?: number } } | undefined)?.oclif?.exit;
    const message = error instanceof Error ? error.message : String(error);
    if (typeof oclifExit === 'number') {
      // oclif's own usage errors (unknown flag, missing argument) exit 2.
      lines.push(`Error: ${message}`, '  fix:  see --help for the command\'s arguments and flags');
      exitCode = oclifExit === 0 ? ExitCode.ok : oclifExit === 2 ? ExitCode.usage : ExitCode.failed;
    } else {
      lines.push(`Error: ${message}`, '  This is a bug in perfplan or a plugin. Re-run with PERFPLAN_DEBUG=1 and report the output.');
    }
  }
  if (debugEnabled()) lines.push('', stackOf(error));
  return { text: lines.join('\n'), exitCode };
}
