import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnTracked, stopTracked, waitForExit } from '../child-processes.js';
import type { EngineRunInput, EngineRunner, EngineRunResult, FailedCheck } from './engine-runner.js';

/** The k6 test double's runner, compiled beside this harness (dist/test/k6-double/). */
export function k6DoubleBin(): string {
  return fileURLToPath(new URL('../../../test/k6-double/run-k6-double.js', import.meta.url));
}

interface DoubleResultFile {
  exitCode: number;
  scenarios: { name: string; exec: string; iterations: number }[];
  requests: unknown[];
  passedChecks: number;
  failedChecks: { scenario?: string; group: string; name: string; lastRequest?: string; lastStatus?: number; phase: string }[];
  scriptErrors: { phase: string; scenario?: string; message: string }[];
}

/** One line for a script error: where, the message, and the first stack frame inside the generated files (as file:line). */
function describeError(error: DoubleResultFile['scriptErrors'][number], scriptDir: string): string {
  const lines = error.message.split('\n');
  let where = '';
  for (const line of lines) {
    const frame = /(?:file:\/\/)?(\/[^()\s]+):(\d+):\d+\)?\s*$/.exec(line);
    if (frame !== null && frame[1].startsWith(`${scriptDir}/`)) {
      where = ` (${path.relative(scriptDir, frame[1])}:${frame[2]})`;
      break;
    }
  }
  return `[${error.scenario ?? error.phase}] ${lines[0]}${where}`;
}

/** Entry scripts: the top-level .js files of OUT/k6 (load.js today), in name order. */
function entryScripts(k6Dir: string): string[] {
  if (!fs.existsSync(k6Dir)) return [];
  return fs
    .readdirSync(k6Dir)
    .filter((name) => name.endsWith('.js') && fs.statSync(path.join(k6Dir, name)).isFile())
    .sort()
    .map((name) => path.join(k6Dir, name));
}

async function runScript(input: EngineRunInput & { script: string; deadline: number }): Promise<EngineRunResult> {
  const started = Date.now();
  const base = path.basename(input.script, '.js');
  const resultFile = path.join(input.workDir, `k6-double-${base}.json`);
  const logFile = path.join(input.workDir, `k6-double-${base}.log`);
  fs.rmSync(resultFile, { force: true });
  // --iterations 1: the double's functional mode (one iteration of every scenario, recorded); without it the double runs the real schedules.
  const args = [k6DoubleBin(), 'run', '--iterations', '1'];
  for (const [name, value] of Object.entries(input.env)) args.push('-e', `${name}=${value}`);
  args.push('--tag-header', input.nameTagHeader, '--result', resultFile, input.script);
  const log = fs.openSync(logFile, 'w');
  // A bare environment: k6 passes the system environment into __ENV, and the harness's own must not leak in.
  const child = spawnTracked(process.execPath, args, {
    cwd: input.outDir,
    stdio: ['ignore', log, log],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  fs.closeSync(log);
  let timedOut = false;
  const budget = Math.max(1000, input.deadline - Date.now());
  const timer = setTimeout(() => {
    timedOut = true;
    void stopTracked(child);
  }, budget);
  const { exitCode } = await waitForExit(child);
  clearTimeout(timer);
  const result: EngineRunResult = {
    exitCode: timedOut ? null : exitCode,
    scriptErrors: [],
    failedChecks: [],
    durationMs: Date.now() - started,
    timedOut,
    logFiles: [logFile, resultFile],
    notes: [],
  };
  if (!fs.existsSync(resultFile)) {
    const logText = fs.readFileSync(logFile, 'utf8');
    result.scriptErrors.push(`${base}.js: the k6 double wrote no result (exit ${String(exitCode)}): ${logText.slice(-1500)}`);
    return result;
  }
  const parsed = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as DoubleResultFile;
  const scriptDir = path.dirname(input.script);
  result.scriptErrors = parsed.scriptErrors.map((error) => `${base}.js ${describeError(error, scriptDir)}`);
  result.failedChecks = parsed.failedChecks.map((check) => {
    const failed: FailedCheck = { name: check.name, group: check.group };
    if (check.scenario !== undefined) failed.scenario = check.scenario;
    if (check.lastRequest !== undefined) failed.context = `${check.lastRequest} -> ${String(check.lastStatus)}`;
    return failed;
  });
  result.requestsSent = parsed.requests.length;
  result.notes.push(
    `${base}.js: ${parsed.scenarios.length} scenarios, ${parsed.scenarios.reduce((sum, scenario) => sum + scenario.iterations, 0)} iterations, ${parsed.passedChecks} checks passed, ${parsed.failedChecks.length} failed`,
  );
  return result;
}

/**
 * k6 through its TEST DOUBLE (test/k6-double/): no k6 binary can be installed here, so the
 * generated ES-module scripts run in Node with k6's modules replaced by the double, one
 * iteration of every scenario, requests sent for real to the proxy. The type check against
 * @types/k6 remains the authority on k6's API; this checks what the scripts send.
 */
export const k6DoubleEngine: EngineRunner = {
  name: 'k6',
  async available() {
    return fs.existsSync(k6DoubleBin()) ? true : `the k6 test double is not built (${k6DoubleBin()}): run npx tsc -p tsconfig.json`;
  },
  async run(input) {
    const started = Date.now();
    const deadline = started + input.timeoutMs;
    const scripts = entryScripts(path.join(input.outDir, 'k6'));
    const total: EngineRunResult = { exitCode: 0, scriptErrors: [], failedChecks: [], durationMs: 0, timedOut: false, logFiles: [], notes: [] };
    if (scripts.length === 0) {
      total.exitCode = null;
      total.scriptErrors.push(`no k6 scripts in ${path.join(input.outDir, 'k6')}`);
      return total;
    }
    total.requestsSent = 0;
    for (const script of scripts) {
      if (Date.now() >= deadline) {
        total.timedOut = true;
        total.notes.push(`${path.basename(script)} not run: time budget used up`);
        continue;
      }
      input.onScript?.(path.basename(script, '.js'));
      const one = await runScript({ ...input, script, deadline });
      total.scriptErrors.push(...one.scriptErrors);
      total.failedChecks.push(...one.failedChecks);
      total.logFiles.push(...one.logFiles);
      total.notes.push(...one.notes);
      total.requestsSent += one.requestsSent ?? 0;
      total.timedOut ||= one.timedOut;
      // The worst exit code wins: a kill (null) over a failure over success.
      if (one.exitCode === null || total.exitCode === null) total.exitCode = null;
      else if (one.exitCode !== 0) total.exitCode = one.exitCode;
    }
    total.durationMs = Date.now() - started;
    return total;
  },
};
