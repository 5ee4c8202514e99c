import { xmlEscape } from '../plugin-api/escape.js';
import type { Evaluation } from './evaluate-plan.js';

/** JUnit XML for CI: one testsuite per test case, one testcase per criterion; failures carry measured vs expected. */
export function junitReport(evaluation: Evaluation, suiteName = 'perfplan evaluate'): string {
  const lines: string[] = [];
  const all = evaluation.evaluated.flatMap((entry) => entry.results);
  const count = (status: string) => all.filter((result) => result.status === status).length;
  const runFailures = evaluation.runFailures.length;
  lines.push('<?xml version="1.0" encoding="UTF-8"?>');
  lines.push(`<testsuites name="${xmlEscape(suiteName)}" tests="${all.length + runFailures}" failures="${count('fail') + runFailures}" skipped="${count('skipped')}">`);
  if (runFailures > 0) {
    lines.push(`  <testsuite name="run" tests="${runFailures}" failures="${runFailures}" skipped="0">`);
    evaluation.runFailures.forEach((failure, index) => {
      lines.push(`    <testcase classname="run" name="run.${index + 1}">`, `      <failure message="${xmlEscape(failure)}" type="run"/>`, '    </testcase>');
    });
    lines.push('  </testsuite>');
  }
  for (const entry of evaluation.evaluated) {
    const failures = entry.results.filter((result) => result.status === 'fail').length;
    const skipped = entry.results.filter((result) => result.status === 'skipped').length;
    lines.push(`  <testsuite name="${xmlEscape(entry.testCaseId)}" tests="${entry.results.length}" failures="${failures}" skipped="${skipped}">`);
    for (const result of entry.results) {
      const open = `    <testcase classname="${xmlEscape(entry.testCaseId)}" name="${xmlEscape(result.criterion)}"`;
      if (result.status === 'fail') {
        lines.push(`${open}>`, `      <failure message="${xmlEscape(result.message)}" type="criterion"/>`, '    </testcase>');
      } else if (result.status === 'skipped') {
        lines.push(`${open}>`, `      <skipped message="${xmlEscape(result.message)}"/>`, '    </testcase>');
      } else {
        lines.push(`${open}>`, `      <system-out>${xmlEscape(result.message)}</system-out>`, '    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
