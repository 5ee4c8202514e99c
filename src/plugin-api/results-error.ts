import { ExitCode, PerfplanError } from '../errors/index.js';

/**
 * The error a result reader throws for a file it cannot read: `perfplan evaluate` prints it with
 * the file, the line (or other place) and the fix, and exits 2.
 */
export function resultsError(input: { file: string; message: string; fix: string; line?: number }): PerfplanError {
  return new PerfplanError('evaluate/bad-results', input.message, {
    file: input.file,
    ...(input.line === undefined ? {} : { pointer: `line ${input.line}` }),
    fix: input.fix,
    exitCode: ExitCode.usage,
  });
}
