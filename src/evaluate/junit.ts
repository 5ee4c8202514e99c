import { xmlEscape } from '../plugin-api/escape.js';
import type { Evaluation } from './evaluate-plan.js';

/** JUnit XML for CI: one testsuite per test case, one testcase per criterion; failures carry measured vs expected. */
export function junitReport(evaluation: Evaluation, suiteName = 'perfplan evaluate'): string {
  const lines: string[] = [];
  const all = evaluation.evaluated.flatMap((entry) => entry.results);
  const count = (status: string) => all.filter((result) => result.status === status).length;
  lines.push('<?xml version="1.0" encoding="UTF-8"?>');
  const stops = evaluation.stoppedAtStart;
  lines.push(`<testsuites name="${xmlEscape(suiteName)}" tests="${all.length + stops.length}" failures="${count('fail') + stops.length}" skipped="${count('skipped')}">`);
  if (stops.length > 0) {
    lines.push(`  <testsuite name="checks before load" tests="${stops.length}" failures="${stops.length}" skipped="0">`);
    for (const [index, stop] of stops.entries()) {
      lines.push(`    <testcase classname="checks before load" name="check ${index + 1}">`, `      <failure message="${xmlEscape(stop)}" type="stopped-at-start"/>`, '    </testcase>');
    }
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
