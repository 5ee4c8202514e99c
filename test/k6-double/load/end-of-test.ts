// End of a load run of the k6 TEST DOUBLE: where the summary outputs go, and the exit code with
// the messages k6 would print for it.
import fs from 'node:fs';
import path from 'node:path';
import { EXIT } from '../exit-codes.js';
import type { ThresholdOutcome } from '../metrics/metric-store.js';
import type { AbortReason } from './run-context.js';

/** handleSummary's result: `stdout`/`stderr` to those streams, any other key a file relative to the current directory. */
export function writeSummaryFiles(files: Record<string, string | Uint8Array>, log: (line: string) => void): void {
  for (const [target, content] of Object.entries(files)) {
    try {
      if (target === 'stdout') process.stdout.write(content);
      else if (target === 'stderr') process.stderr.write(content);
      else fs.writeFileSync(path.resolve(target), content);
    } catch (error) {
      log(`could not save the summary to '${target}': ${(error as Error).message}`);
    }
  }
}

/** k6's exit code for the run; prints each failed threshold and why the run failed. */
export function endOfTestExitCode(
  input: { abortReason: AbortReason | undefined; scriptException: boolean; markedFailed: boolean; outcomes: ThresholdOutcome[] },
  log: (line: string) => void,
): number {
  const failed = input.outcomes.filter((outcome) => !outcome.ok);
  for (const outcome of failed) log(`threshold failed: ${outcome.key}: '${outcome.source}'${outcome.measured === undefined ? '' : ` (${outcome.method}=${outcome.measured})`}`);
  if (input.abortReason?.kind === 'script') {
    log(`test aborted: ${input.abortReason.message}`);
    return EXIT.scriptAborted;
  }
  if (input.abortReason?.kind === 'thresholds') {
    log(input.abortReason.message);
    return EXIT.thresholdsFailed;
  }
  if (input.scriptException) return EXIT.scriptException;
  if (input.markedFailed) return EXIT.markedAsFailed;
  if (failed.length > 0) {
    log(`thresholds on metrics '${[...new Set(failed.map((outcome) => outcome.key))].sort().join(', ')}' have been crossed`);
    return EXIT.thresholdsFailed;
  }
  return EXIT.ok;
}
