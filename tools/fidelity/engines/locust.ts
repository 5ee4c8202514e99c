import fs from 'node:fs';
import path from 'node:path';
import { locustBin } from '../../conformance/engines/locust.js';
import { locustCriterion } from '../criterion-names.js';
import { runProcess } from '../run-process.js';
import type { StressFindings } from '../verdict.js';
import { scriptBase, tail, type EngineRunInput, type EngineRunOutput } from './engine-run.js';

interface CriteriaFile {
  exitCode: number;
  scriptErrors: number;
  fatal: string;
  timeScale: number;
  testCases: string[];
  criteria: Array<{ testCase: string; criterion: string; passed: boolean; detail: string; info?: boolean }>;
}

function stressFindings(criteria: CriteriaFile['criteria']): StressFindings | undefined {
  const breaking = criteria.find((entry) => entry.criterion === 'breaking point');
  const capacity = criteria.find((entry) => entry.criterion === 'capacity');
  if (!breaking && !capacity) return undefined;
  const recovery = criteria.filter((entry) => !entry.info && entry.criterion.startsWith('recovery '));
  const breakingUsers = /^hold step \d+ at ([\d.]+) users/.exec(breaking?.detail ?? '');
  const capacityRps = /^([\d.]+) req\/s at most/.exec(capacity?.detail ?? '');
  const capacityUsers = /that is ([\d.]+) users/.exec(capacity?.detail ?? '');
  return {
    ...(breakingUsers ? { breakingUsers: Number(breakingUsers[1]) } : {}),
    breakingText: breaking?.detail ?? 'not reported',
    ...(capacityRps ? { capacityRps: Number(capacityRps[1]) } : {}),
    ...(capacityUsers ? { capacityUsers: Number(capacityUsers[1]) } : {}),
    capacityText: capacity?.detail ?? 'not reported',
    recoveryJudged: recovery.length > 0,
    recoveryPassed: recovery.length > 0 && recovery.every((entry) => entry.passed),
  };
}

/**
 * `BASE_URL=… TIME_SCALE=… locust -f locust/locustfile.py --config locust/<type>.conf`, real
 * Locust: the verdict is its exit code and the criteria it writes to PERFPLAN_CRITERIA_FILE.
 */
export async function runLocust(input: EngineRunInput): Promise<EngineRunOutput> {
  const base = scriptBase(input.type, 'locust');
  const criteriaFile = path.join(input.workDir, `locust-${base}-criteria.json`);
  const logFile = path.join(input.workDir, `locust-${base}.log`);
  fs.rmSync(criteriaFile, { force: true });
  const run = await runProcess({
    command: locustBin(),
    args: ['-f', path.join('locust', 'locustfile.py'), '--config', path.join('locust', `${base}.conf`), '--only-summary'],
    cwd: input.outDir,
    env: { ...input.env, TIME_SCALE: String(input.timeScale), PERFPLAN_CRITERIA_FILE: criteriaFile, ...(input.baseUrl !== undefined ? { BASE_URL: input.baseUrl } : {}) },
    logFile,
    timeoutMs: input.timeoutMs,
  });
  const runProblems: string[] = [];
  if (run.timedOut) runProblems.push(`killed after ${input.timeoutMs / 1000} s`);
  const file = fs.existsSync(criteriaFile) ? (JSON.parse(fs.readFileSync(criteriaFile, 'utf8')) as CriteriaFile) : undefined;
  if (!file) {
    if (!run.timedOut) runProblems.push(`no criteria file (exit ${String(run.exitCode)}): ${tail(run.output, 4)}`);
    return { exitCode: run.exitCode, judged: 0, failed: [], runProblems, output: run.output, logs: [logFile] };
  }
  if (file.fatal) runProblems.push(file.fatal);
  if (file.scriptErrors > 0) runProblems.push(`${file.scriptErrors} script error(s): ${tail(run.output, 4)}`);
  const judged = file.criteria.filter((entry) => !entry.info);
  const output: EngineRunOutput = {
    exitCode: run.exitCode,
    judged: judged.length,
    failed: judged.filter((entry) => !entry.passed).map((entry) => ({ testCase: entry.testCase, criterion: locustCriterion(entry.criterion), detail: entry.detail })),
    runProblems,
    output: run.output,
    logs: [logFile, criteriaFile],
  };
  const stress = input.type === 'stress' ? stressFindings(file.criteria) : undefined;
  if (stress) output.stress = stress;
  return output;
}
