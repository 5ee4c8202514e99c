import { TEST_TYPES } from '../../src/model/index.js';
import { expectedText } from './expectations.js';
import { MODE_NAMES, describeMode, type ServerMode } from './server-modes.js';
import { ENGINE_NAMES, failedNames, type RunVerdict } from './verdict.js';

export interface JudgedRun {
  verdict: RunVerdict;
  /** What is not as expected (empty: as expected). */
  problems: string[];
}

function round(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : String(Math.round(value * 10) / 10);
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** One cell: the exit code, what failed, a stress run's findings, and whether it is as expected. */
export function cellText(run: JudgedRun): string {
  const { verdict } = run;
  const names = failedNames(verdict);
  const parts = [`exit ${verdict.exitCode === null ? 'killed' : verdict.exitCode}`];
  parts.push(names.length === 0 ? `${verdict.judged} criteria pass` : `fails ${names.join(', ')}`);
  const stress = verdict.stress;
  if (stress) {
    parts.push(stress.breakingUsers === undefined ? 'no breaking point' : `breaks at ${round(stress.breakingUsers)} users`);
    parts.push(`capacity ${round(stress.capacityRps)} req/s ≈ ${round(stress.capacityUsers)} users`);
    parts.push(stress.recoveryJudged ? `recovery ${stress.recoveryPassed ? 'passes' : 'fails'}` : 'recovery not judged');
  }
  return `${run.problems.length === 0 ? '✓' : '✗ UNEXPECTED'} ${parts.join('; ')} (${round(verdict.seconds)} s)`;
}

/**
 * The verdict table: a row per test type and server mode that ran, a column per engine, the
 * expectation beside it; then what each mode was and every unexpected verdict in full.
 */
export function verdictTable(input: { runs: readonly JudgedRun[]; modes: Readonly<Record<string, ServerMode>>; notes: readonly string[] }): string {
  const engines = ENGINE_NAMES.filter((engine) => input.runs.some((run) => run.verdict.engine === engine));
  const lines = [
    '# Criteria fidelity: engine × test type × server mode → verdict',
    '',
    `| test type | server mode | expected | ${engines.join(' | ')} |`,
    `|---|---|---|${engines.map(() => '---').join('|')}|`,
  ];
  for (const type of TEST_TYPES) {
    for (const mode of MODE_NAMES) {
      const row = input.runs.filter((run) => run.verdict.type === type && run.verdict.mode === mode);
      if (row.length === 0) continue;
      const cells = engines.map((engine) => {
        const run = row.find((candidate) => candidate.verdict.engine === engine);
        return run ? escapeCell(cellText(run)) : 'not run';
      });
      lines.push(`| ${type} | ${mode} | ${expectedText({ type, mode })} | ${cells.join(' | ')} |`);
    }
  }
  lines.push('', 'Server modes:', '');
  for (const [name, mode] of Object.entries(input.modes)) lines.push(`- **${name}**: ${describeMode(mode)}`);
  if (input.notes.length > 0) lines.push('', ...input.notes.map((note) => `- ${note}`));
  const wrong = input.runs.filter((run) => run.problems.length > 0);
  lines.push('', wrong.length === 0 ? `Every one of the ${input.runs.length} verdicts is as expected.` : `${wrong.length} of ${input.runs.length} verdicts are not as expected:`);
  for (const run of wrong) lines.push(`- ${run.verdict.engine} ${run.verdict.type} × ${run.verdict.mode}: ${escapeCell(run.problems.join('; '))} (logs: ${run.verdict.logs.join(', ')})`);
  return `${lines.join('\n')}\n`;
}
