import path from 'node:path';
import type { Evaluation } from '../../../src/evaluate/index.js';
import { PERFPLAN_BIN } from '../../conformance/generate-plan.js';
import { runProcess } from '../run-process.js';
import type { FailedCriterion, StressFindings } from '../verdict.js';

export interface Evaluated {
  exitCode: number | null;
  evaluation?: Evaluation;
  /** What evaluate printed when it printed no evaluation (a usage error). */
  problem?: string;
}

/** `perfplan evaluate --engine ENGINE --plan OUT/plan.json RESULTS --json`, as a user runs it. */
export async function evaluateResults(input: { engine: 'k6' | 'jmeter'; outDir: string; results: string; logFile: string }): Promise<Evaluated> {
  const run = await runProcess({
    command: process.execPath,
    args: [PERFPLAN_BIN, 'evaluate', '--engine', input.engine, '--plan', path.join(input.outDir, 'plan.json'), input.results, '--json'],
    cwd: input.outDir,
    env: { NO_COLOR: '1' },
    logFile: input.logFile,
    timeoutMs: 60_000,
  });
  const start = run.output.indexOf('{');
  try {
    return { exitCode: run.exitCode, evaluation: JSON.parse(run.output.slice(start)) as Evaluation };
  } catch {
    return { exitCode: run.exitCode, problem: run.output.trim().slice(-1500) };
  }
}

export function evaluationFailures(evaluation: Evaluation): FailedCriterion[] {
  return evaluation.evaluated.flatMap((entry) =>
    entry.results.filter((result) => result.status === 'fail').map((result) => ({ testCase: entry.testCaseId, criterion: result.criterion, detail: result.message })),
  );
}

export function evaluationJudged(evaluation: Evaluation): number {
  return evaluation.evaluated.reduce((sum, entry) => sum + entry.results.filter((result) => result.status === 'pass' || result.status === 'fail').length, 0);
}

/** The breaking point, capacity and recovery perfplan evaluate reported for the (first) stress test case. */
export function evaluationStress(evaluation: Evaluation): StressFindings | undefined {
  const entry = evaluation.evaluated.find((candidate) => candidate.type === 'stress');
  if (!entry) return undefined;
  const breaking = entry.results.find((result) => result.criterion === 'breakingPoint');
  const capacity = entry.results.find((result) => result.criterion === 'capacity');
  const recovery = entry.results.filter((result) => result.criterion.startsWith('recovery.'));
  const users = /that is about ([\d.]+) users/.exec(capacity?.message ?? '');
  return {
    ...(breaking?.measured !== undefined ? { breakingUsers: breaking.measured } : {}),
    breakingText: breaking?.message ?? 'not reported',
    ...(capacity?.measured !== undefined ? { capacityRps: capacity.measured } : {}),
    ...(users ? { capacityUsers: Number(users[1]) } : {}),
    capacityText: capacity?.message ?? 'not reported',
    recoveryJudged: recovery.length > 0,
    recoveryPassed: recovery.length > 0 && recovery.every((result) => result.status === 'pass'),
  };
}
