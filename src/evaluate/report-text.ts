import type { Evaluation } from './evaluate-plan.js';

const MARKS = { pass: 'PASS', fail: 'FAIL', info: 'INFO', skipped: 'SKIP' } as const;

/** Lines for the terminal: each test case, each criterion with measured vs expected, then a verdict. */
export function evaluationText(evaluation: Evaluation): string[] {
  const lines: string[] = [];
  for (const stop of evaluation.stoppedAtStart) lines.push(`FAIL the run stopped at start: ${stop}`);
  for (const entry of evaluation.evaluated) {
    lines.push(`${entry.testCaseId} (${entry.type}, ${entry.samples} requests): ${entry.name}`);
    for (const result of entry.results) lines.push(`  ${MARKS[result.status]} ${result.criterion}: ${result.message}`);
  }
  if (evaluation.notRun.length > 0) lines.push(`Not in these results (not judged): ${evaluation.notRun.length} test case(s).`);
  if (evaluation.unknown.length > 0) lines.push(`In the results but not in the plan (ignored): ${evaluation.unknown.join(', ')}.`);
  const failed = evaluation.evaluated.flatMap((entry) => entry.results.filter((result) => result.status === 'fail').map((result) => `${entry.testCaseId} ${result.criterion}`));
  if (evaluation.stoppedAtStart.length > 0) lines.push(`The run stopped at start (${evaluation.stoppedAtStart.length} failed check(s)): nothing was measured under load.`);
  else lines.push(failed.length === 0 ? `All criteria met (${evaluation.evaluated.length} test case(s)).` : `${failed.length} criterion/criteria failed: ${failed.join(', ')}.`);
  return lines;
}
