import fs from 'node:fs';
import path from 'node:path';
import { jmeterLauncher } from '../../conformance/engines/jmeter.js';
import { runProcess } from '../run-process.js';
import { scriptBase, tail, type EngineRunInput, type EngineRunOutput } from './engine-run.js';
import { evaluateResults, evaluationFailures, evaluationJudged, evaluationStress } from './evaluate-results.js';

/**
 * `jmeter -n -t jmeter/<type>.jmx -JbaseUrl=… -JtimeScale=… -l results.jtl` (real JMeter 5.6.3),
 * then `perfplan evaluate --engine jmeter --json`: JMeter has no pass/fail, so evaluate's exit
 * code and criteria are the verdict.
 */
export async function runJmeter(input: EngineRunInput): Promise<EngineRunOutput> {
  const base = scriptBase(input.type, 'jmeter');
  const results = path.join(input.workDir, `jmeter-${base}.jtl`);
  const jmeterLog = path.join(input.workDir, `jmeter-${base}.log`);
  const logFile = path.join(input.workDir, `jmeter-${base}.out`);
  fs.rmSync(results, { force: true });
  const properties: Record<string, string> = {
    ...input.env,
    timeScale: String(input.timeScale),
    ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl } : {}),
    'jmeter.save.saveservice.output_format': 'csv',
    'jmeter.save.saveservice.print_field_names': 'true',
  };
  const args = ['-jar', jmeterLauncher(), '-n', '-t', path.join('jmeter', `${base}.jmx`), '-l', results, '-j', jmeterLog];
  for (const [name, value] of Object.entries(properties)) args.push(`-J${name}=${value}`);
  const run = await runProcess({ command: 'java', args, cwd: input.outDir, env: {}, logFile, timeoutMs: input.timeoutMs });
  const logs = [logFile, jmeterLog, results];
  const runProblems: string[] = [];
  if (run.timedOut) runProblems.push(`killed after ${input.timeoutMs / 1000} s`);
  if (!fs.existsSync(results)) {
    runProblems.push(`JMeter wrote no results (exit ${String(run.exitCode)}): ${tail(run.output, 4)}`);
    return { exitCode: run.exitCode, judged: 0, failed: [], runProblems, output: run.output, logs };
  }
  const evaluateLog = path.join(input.workDir, `jmeter-${base}-evaluate.log`);
  logs.push(evaluateLog);
  const evaluated = await evaluateResults({ engine: 'jmeter', outDir: input.outDir, results, logFile: evaluateLog });
  const log = fs.existsSync(jmeterLog) ? fs.readFileSync(jmeterLog, 'utf8') : '';
  if (!evaluated.evaluation) {
    runProblems.push(`perfplan evaluate printed no evaluation (exit ${String(evaluated.exitCode)}): ${evaluated.problem ?? ''}`);
    return { exitCode: evaluated.exitCode, judged: 0, failed: [], runProblems, output: `${run.output}\n${log}`, logs };
  }
  const { evaluation } = evaluated;
  runProblems.push(...evaluation.runFailures);
  const output: EngineRunOutput = {
    exitCode: evaluated.exitCode,
    judged: evaluationJudged(evaluation),
    failed: evaluationFailures(evaluation),
    runProblems,
    output: `${run.output}\n${log}`,
    logs,
  };
  const stress = input.type === 'stress' ? evaluationStress(evaluation) : undefined;
  if (stress) output.stress = stress;
  return output;
}
