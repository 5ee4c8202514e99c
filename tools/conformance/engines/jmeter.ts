import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJmeterJtl, threadGroupOf } from '../../../plugins/jmeter/src/index.js';
import { spawnTracked, stopTracked, waitForExit } from '../child-processes.js';
import type { EngineRunInput, EngineRunner, EngineRunResult } from './engine-runner.js';

/** JMeter home: JMETER_HOME, else .tools/jmeter of this checkout (scripts/install-jmeter.sh). */
export function jmeterHome(): string {
  if (process.env.JMETER_HOME) return process.env.JMETER_HOME;
  // Compiled: dist/tools/conformance/engines/jmeter.js → the project root is four folders up.
  return fileURLToPath(new URL('../../../../.tools/jmeter/', import.meta.url));
}

export function jmeterLauncher(): string {
  return path.join(jmeterHome(), 'bin', 'ApacheJMeter.jar');
}

/**
 * -J properties of a smoke run: one user per thread group, one iteration (a pass over every
 * sampler and workflow step), each file's test cases squeezed together by a tiny time scale,
 * no think time or pacing, a generous limit for max-response-time assertions, and a CSV JTL
 * with field names. The default run of every .jmx: per-operation stress and spike cases run by
 * name only, and the system-wide case calls every operation in its first iteration.
 */
export const SMOKE_PROPERTIES: Readonly<Record<string, string>> = {
  users: '1',
  iterations: '1',
  timeScale: '0.001',
  thinkTimeMs: '0',
  requestsPerMinute: '6000000',
  maxResponseMs: '60000',
  'jmeter.save.saveservice.output_format': 'csv',
  'jmeter.save.saveservice.print_field_names': 'true',
};

/**
 * The time scale of a workflow file's smoke run. At SMOKE_PROPERTIES' 0.001 a test case's thread
 * group ends after JMeter's 1 s minimum, and on a cold JVM (Groovy compiling the value checks and
 * varied values on first use) a workflow then sent only its first step; at 0.1 it has some seconds,
 * still one iteration, and the workflows run one after another in about 7 s each.
 */
export const WORKFLOW_SMOKE_TIME_SCALE = '0.1';

function testPlans(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.jmx'))
    .sort()
    .map((name) => path.join(folder, name));
}

async function runPlan(input: EngineRunInput & { jmx: string; deadline: number }): Promise<EngineRunResult> {
  const started = Date.now();
  const base = path.basename(input.jmx, '.jmx');
  const jtl = path.join(input.workDir, `jmeter-${base}.jtl`);
  const log = path.join(input.workDir, `jmeter-${base}.log`);
  const out = path.join(input.workDir, `jmeter-${base}.out`);
  fs.rmSync(jtl, { force: true });
  const args = ['-jar', jmeterLauncher(), '-n', '-t', input.jmx, '-l', jtl, '-j', log];
  const properties: Record<string, string> = { ...SMOKE_PROPERTIES, baseUrl: input.baseUrl.replace(/\/+$/, '') };
  if (/^workflows?$/.test(base)) properties.timeScale = WORKFLOW_SMOKE_TIME_SCALE;
  for (const [name, value] of Object.entries(input.env)) if (name !== 'BASE_URL') properties[name] = value;
  for (const [name, value] of Object.entries(properties)) args.push(`-J${name}=${value}`);
  const output = fs.openSync(out, 'w');
  const child = spawnTracked('java', args, { cwd: input.workDir, stdio: ['ignore', output, output], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', JAVA_HOME: process.env.JAVA_HOME ?? '' } });
  fs.closeSync(output);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopTracked(child);
  }, Math.max(1000, input.deadline - Date.now()));
  const { exitCode } = await waitForExit(child);
  clearTimeout(timer);
  const result: EngineRunResult = { exitCode: timedOut ? null : exitCode, scriptErrors: [], failedChecks: [], durationMs: Date.now() - started, timedOut, logFiles: [jtl, log, out], notes: [] };
  // JMeter's own errors (a plan it cannot load, a function it cannot parse) are in its log.
  if (fs.existsSync(log)) {
    for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
      if (/ (ERROR|FATAL) /.test(line)) result.scriptErrors.push(`${base}.jmx: ${line.trim().slice(0, 400)}`);
    }
  }
  if (!fs.existsSync(jtl)) {
    result.scriptErrors.push(`${base}.jmx: JMeter wrote no results (exit ${String(exitCode)}): ${fs.readFileSync(out, 'utf8').slice(-1500)}`);
    return result;
  }
  // JMeter's exit code says nothing about assertions: success is read from the JTL.
  const samples = readJmeterJtl({ text: fs.readFileSync(jtl, 'utf8'), file: jtl });
  const requests = samples.filter((sample) => sample.kind === 'request' || sample.kind === 'auxiliary');
  const refused = samples.find((sample) => sample.kind === 'run' && sample.run?.refused !== undefined);
  if (refused) result.scriptErrors.push(`${base}.jmx: ${refused.run!.refused!}`);
  for (const sample of samples.filter((candidate) => !candidate.success && candidate.kind !== 'run' && candidate.kind !== 'start')) {
    result.failedChecks.push({ scenario: sample.testCase, name: sample.label, context: `${sample.responseCode} ${sample.failureMessage}`.trim() });
  }
  result.requestsSent = requests.length;
  const groups = new Set(requests.map((sample) => threadGroupOf(sample.testCase)));
  result.notes.push(`${base}.jmx: ${groups.size} thread groups, ${requests.length} requests, ${result.failedChecks.length} failed samples`);
  return result;
}

/** Real JMeter 5.6.3 (scripts/install-jmeter.sh), headless, one smoke pass of every .jmx under OUT/jmeter. */
export const jmeterEngine: EngineRunner = {
  name: 'jmeter',
  async available() {
    if (!fs.existsSync(jmeterLauncher())) return `JMeter is not installed at ${jmeterHome()}: run bash scripts/install-jmeter.sh`;
    const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
    return java.status === 0 ? true : 'java is not on PATH (JMeter 5.6 needs Java 8+; 17 is used here)';
  },
  async run(input) {
    const started = Date.now();
    const deadline = started + input.timeoutMs;
    const plans = testPlans(path.join(input.outDir, 'jmeter'));
    const total: EngineRunResult = { exitCode: 0, scriptErrors: [], failedChecks: [], durationMs: 0, timedOut: false, logFiles: [], notes: [], requestsSent: 0 };
    if (plans.length === 0) {
      total.exitCode = null;
      total.scriptErrors.push(`no .jmx files in ${path.join(input.outDir, 'jmeter')}`);
      return total;
    }
    for (const jmx of plans) {
      if (Date.now() >= deadline) {
        total.timedOut = true;
        total.notes.push(`${path.basename(jmx)} not run: time budget used up`);
        continue;
      }
      input.onScript?.(path.basename(jmx, '.jmx'));
      const one = await runPlan({ ...input, jmx, deadline });
      total.scriptErrors.push(...one.scriptErrors);
      total.failedChecks.push(...one.failedChecks);
      total.logFiles.push(...one.logFiles);
      total.notes.push(...one.notes);
      total.requestsSent! += one.requestsSent ?? 0;
      total.timedOut ||= one.timedOut;
      if (one.exitCode === null || total.exitCode === null) total.exitCode = null;
      else if (one.exitCode !== 0) total.exitCode = one.exitCode;
    }
    total.durationMs = Date.now() - started;
    return total;
  },
};
