import type { Evaluation } from './evaluate-plan.js';

const MARKS = { pass: 'PASS', fail: 'FAIL', info: 'INFO', skipped: 'SKIP' } as const;

function runLine(evaluation: Evaluation): string {
  const { run } = evaluation;
  const what = run?.testCase ? `test case ${run.testCase} alone` : run?.type ? `the default run of the ${run.type} tests` : 'the test cases found';
  const file = run?.file ? `${run.file}: ` : '';
  return `Run: ${file}${what}, time scale ${evaluation.timeScale} (from ${evaluation.timeScaleSource}), windows counted from the ${evaluation.originSource}.`;
}

/** Lines for the terminal: the run, each test case, each criterion with measured vs expected, then a verdict. */
export function evaluationText(evaluation: Evaluation): string[] {
  const lines: string[] = [runLine(evaluation)];
  for (const note of evaluation.notes) lines.push(`Note: ${note}`);
  for (const failure of evaluation.runFailures) lines.push(`FAIL run: ${failure}`);
  for (const entry of evaluation.evaluated) {
    const start = entry.startsAtSeconds > 0 ? `, from ${entry.startsAtSeconds} s` : '';
    lines.push(`${entry.testCaseId} (${entry.type}, ${entry.samples} requests${start}): ${entry.name}`);
    for (const result of entry.results) lines.push(`  ${MARKS[result.status]} ${result.criterion}: ${result.message}`);
  }
  if (evaluation.notRun.length > 0) lines.push(`Not part of this run (not judged): ${evaluation.notRun.length} test case(s) of the plan.`);
  if (evaluation.unknown.length > 0) lines.push(`In the results but not in the plan (ignored): ${evaluation.unknown.join(', ')}.`);
  const failed = [
    ...(evaluation.runFailures.length > 0 ? [`the run (${evaluation.runFailures.length})`] : []),
    ...evaluation.evaluated.flatMap((entry) => entry.results.filter((result) => result.status === 'fail').map((result) => `${entry.testCaseId} ${result.criterion}`)),
  ];
  if (failed.length > 0) lines.push(`FAILED: ${failed.join(', ')}.`);
  else if (evaluation.evaluated.length === 0) lines.push('FAILED: no test case of the plan has requests in these results.');
  else lines.push(`All criteria met (${evaluation.evaluated.length} test case(s)).`);
  return lines;
}
