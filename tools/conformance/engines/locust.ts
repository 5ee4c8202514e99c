import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../../src/plugin-api/csv.js';
import { TEST_TYPES } from '../../../src/model/index.js';
import { spawnTracked, stopTracked, waitForExit } from '../child-processes.js';
import type { EngineRunInput, EngineRunner, EngineRunResult, FailedCheck } from './engine-runner.js';

/** The project-local Locust that scripts/install-locust.sh installs (compiled, this file is dist/tools/conformance/engines/). */
export function locustBin(): string {
  return fileURLToPath(new URL('../../../../.tools/locust-venv/bin/locust', import.meta.url));
}

/** Locust's CSV files are RFC 4180, read with the same reader perfplan evaluate uses. */
export { parseCsv };

/** A Locust CSV as objects keyed by its header row; [] when the file is missing. */
function readCsv(file: string): Record<string, string>[] {
  if (!fs.existsSync(file)) return [];
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  if (!header) return [];
  return rows.filter((row) => row.length > 1).map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}

/** The test types with a config in OUT/locust, in the plan's type order. */
function configs(locustDir: string): string[] {
  return TEST_TYPES.filter((type) => fs.existsSync(path.join(locustDir, `${type}.conf`)));
}

interface CriteriaFile {
  smoke: boolean;
  exitCode: number;
  scriptErrors: number;
  fatal: string;
  criteria: { testCase: string; criterion: string; passed: boolean; detail: string }[];
}

async function runConfig(input: EngineRunInput & { type: string; deadline: number; smokeSeconds: number }): Promise<EngineRunResult> {
  const started = Date.now();
  const { type } = input;
  const prefix = path.join(input.workDir, `locust-${type}`);
  const logFile = `${prefix}.log`;
  const criteriaFile = `${prefix}-criteria.json`;
  for (const suffix of ['_stats.csv', '_failures.csv', '_exceptions.csv', '_stats_history.csv', '-criteria.json']) fs.rmSync(`${prefix}${suffix}`, { force: true });
  const args = [
    '-f', path.join('locust', 'locustfile.py'),
    '--config', path.join('locust', `${type}.conf`),
    '--host', input.baseUrl,
    '--csv', prefix,
    '--only-summary',
    '--exit-code-on-error', '1',
  ];
  const log = fs.openSync(logFile, 'w');
  // A bare environment: only what the scripts are meant to read.
  const child = spawnTracked(locustBin(), args, {
    cwd: input.outDir,
    stdio: ['ignore', log, log],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...input.env,
      PERFPLAN_SMOKE: '1',
      PERFPLAN_SMOKE_SECONDS: String(input.smokeSeconds),
      PERFPLAN_NAME_HEADER: input.nameTagHeader,
      PERFPLAN_CRITERIA_FILE: criteriaFile,
    },
  });
  fs.closeSync(log);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopTracked(child);
  }, Math.max(5000, input.deadline - Date.now()));
  const { exitCode } = await waitForExit(child);
  clearTimeout(timer);
  const result: EngineRunResult = {
    exitCode: timedOut ? null : exitCode,
    scriptErrors: [],
    failedChecks: [],
    durationMs: Date.now() - started,
    timedOut,
    logFiles: [logFile, `${prefix}_stats.csv`, `${prefix}_failures.csv`, `${prefix}_exceptions.csv`, criteriaFile],
    notes: [],
  };
  for (const row of readCsv(`${prefix}_exceptions.csv`)) {
    const frame = /File "[^"]*\/locust\/([^"]+)", line (\d+)/.exec(row.Traceback ?? '');
    result.scriptErrors.push(`${type}.conf: ${row.Count}× ${row.Message}${frame ? ` (${frame[1]}:${frame[2]})` : ''}`);
  }
  for (const row of readCsv(`${prefix}_failures.csv`)) {
    const check: FailedCheck = { scenario: type, name: row.Name, context: `${row.Method} ${row.Error} (${row.Occurrences}×)` };
    result.failedChecks.push(check);
  }
  const stats = readCsv(`${prefix}_stats.csv`).filter((row) => row.Name !== 'Aggregated' && row.Type !== 'WORKFLOW');
  result.requestsSent = stats.reduce((sum, row) => sum + Number(row['Request Count'] || 0), 0);
  const logTail = () => fs.readFileSync(logFile, 'utf8').split('\n').filter((line) => line.trim() !== '').slice(-8).join(' | ');
  if (!fs.existsSync(`${prefix}_stats.csv`)) {
    result.scriptErrors.push(`${type}.conf: Locust wrote no statistics (exit ${String(exitCode)}): ${logTail()}`);
  } else if (!timedOut && exitCode !== 0 && result.scriptErrors.length === 0) {
    result.scriptErrors.push(`${type}.conf: Locust exited ${String(exitCode)}: ${logTail()}`);
  }
  let criteria: CriteriaFile | undefined;
  if (fs.existsSync(criteriaFile)) criteria = JSON.parse(fs.readFileSync(criteriaFile, 'utf8')) as CriteriaFile;
  const failedCriteria = criteria?.criteria.filter((entry) => !entry.passed).length ?? 0;
  result.notes.push(
    `${type}.conf: ${stats.length} request names, ${result.requestsSent} requests, ${result.failedChecks.length} failure kinds, ` +
      `${result.scriptErrors.length} script errors; criteria (smoke run, not counted): ${criteria ? `${(criteria.criteria.length - failedCriteria)} passed, ${failedCriteria} failed` : 'not written'}`,
  );
  if (criteria?.fatal) result.scriptErrors.push(`${type}.conf: ${criteria.fatal}`);
  return result;
}

/**
 * Locust, for real (scripts/install-locust.sh): each test type's locust/<type>.conf runs headless
 * in the generated locustfile's smoke mode (PERFPLAN_SMOKE=1: one user per test case runs each of
 * its tasks — every operation, every workflow step — once, then the run ends). In smoke mode the
 * criteria hook reports the criteria but exits non-zero only for script errors, so a smoke run is
 * judged by Prism's verdicts, Locust's exceptions (script errors) and its failures (failed checks).
 */
export const locustEngine: EngineRunner = {
  name: 'locust',
  async available() {
    return fs.existsSync(locustBin()) ? true : `Locust is not installed at ${locustBin()}: run bash scripts/install-locust.sh`;
  },
  async run(input) {
    const started = Date.now();
    const deadline = started + input.timeoutMs;
    const types = configs(path.join(input.outDir, 'locust'));
    const total: EngineRunResult = { exitCode: 0, scriptErrors: [], failedChecks: [], durationMs: 0, timedOut: false, logFiles: [], notes: [], requestsSent: 0 };
    if (types.length === 0) {
      total.exitCode = null;
      total.scriptErrors.push(`no Locust configs (locust/<type>.conf) in ${path.join(input.outDir, 'locust')}`);
      return total;
    }
    for (const [index, type] of types.entries()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        total.timedOut = true;
        total.notes.push(`${type}.conf not run: time budget used up`);
        continue;
      }
      // Each config gets a fair share of what is left; the smoke mode ends itself a little before.
      const share = left / (types.length - index);
      const smokeSeconds = Math.max(10, Math.floor(share / 1000) - 15);
      input.onScript?.(type);
      const one = await runConfig({ ...input, type, deadline: Date.now() + share, smokeSeconds });
      total.scriptErrors.push(...one.scriptErrors);
      total.failedChecks.push(...one.failedChecks);
      total.logFiles.push(...one.logFiles);
      total.notes.push(...one.notes);
      total.requestsSent = (total.requestsSent ?? 0) + (one.requestsSent ?? 0);
      total.timedOut ||= one.timedOut;
      if (one.exitCode === null || total.exitCode === null) total.exitCode = null;
      else if (one.exitCode !== 0) total.exitCode = one.exitCode;
    }
    total.durationMs = Date.now() - started;
    return total;
  },
};
