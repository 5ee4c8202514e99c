import path from 'node:path';
import { k6DoubleBin } from '../../conformance/engines/k6-double.js';
import { k6Criterion } from '../criterion-names.js';
import { runProcess } from '../run-process.js';
import type { FailedCriterion } from '../verdict.js';
import { scriptBase, tail, type EngineRunInput, type EngineRunOutput } from './engine-run.js';
import { evaluateResults, evaluationStress } from './evaluate-results.js';

/** The double's end-of-test summary lines: `ok|FAILED metric{tags}: 'rule' value`. */
const THRESHOLD_LINE = /^\s+(ok|FAILED)\s+(\S+): '([^']+)'(.*)$/gm;

/**
 * `k6 run -e BASE_URL=… -e TIME_SCALE=… --out json=results.json k6/<type>.js` through the k6 test
 * double's load mode (real schedules, metrics and thresholds; no k6 binary can be installed here).
 * The verdict is the double's: its exit code and its thresholds. Stress has no threshold for its
 * breaking point: perfplan evaluate --engine k6 finds it in the JSON output afterwards.
 */
export async function runK6(input: EngineRunInput): Promise<EngineRunOutput> {
  const base = scriptBase(input.type, 'k6');
  const results = path.join(input.workDir, `k6-${base}.json`);
  const logFile = path.join(input.workDir, `k6-${base}.log`);
  const args = [k6DoubleBin(), 'run'];
  const env: Record<string, string> = { ...input.env, TIME_SCALE: String(input.timeScale), ...(input.baseUrl !== undefined ? { BASE_URL: input.baseUrl } : {}) };
  for (const [name, value] of Object.entries(env)) args.push('-e', `${name}=${value}`);
  args.push('--out', `json=${results}`, path.join('k6', `${base}.js`));
  const run = await runProcess({ command: process.execPath, args, cwd: input.outDir, env: {}, logFile, timeoutMs: input.timeoutMs });
  const failed: FailedCriterion[] = [];
  let judged = 0;
  for (const match of run.output.matchAll(THRESHOLD_LINE)) {
    judged += 1;
    if (match[1] === 'FAILED') {
      const scenario = /scenario:([A-Za-z0-9_-]+)/.exec(match[2]!)?.[1] ?? /workflow:([A-Za-z0-9_-]+)/.exec(match[2]!)?.[1] ?? '';
      failed.push({ testCase: scenario, criterion: k6Criterion(match[2]!, match[3]!), detail: `${match[2]}: '${match[3]}'${match[4]}` });
    }
  }
  const runProblems: string[] = [];
  if (run.timedOut) runProblems.push(`killed after ${input.timeoutMs / 1000} s`);
  else if (run.exitCode !== 0 && run.exitCode !== 99) runProblems.push(`exit ${String(run.exitCode)}: ${tail(run.output, 4)}`);
  const output: EngineRunOutput = { exitCode: run.exitCode, judged, failed, runProblems, output: run.output, logs: [logFile, results] };
  if (input.type === 'stress' && run.exitCode !== null && judged > 0) {
    const evaluated = await evaluateResults({ engine: 'k6', outDir: input.outDir, results, logFile: path.join(input.workDir, `k6-${base}-evaluate.log`) });
    output.logs.push(path.join(input.workDir, `k6-${base}-evaluate.log`));
    if (evaluated.evaluation) {
      const stress = evaluationStress(evaluated.evaluation);
      if (stress) output.stress = stress;
    } else runProblems.push(`perfplan evaluate --engine k6 printed no evaluation: ${evaluated.problem ?? ''}`);
  }
  return output;
}
