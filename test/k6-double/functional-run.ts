// Functional mode of the k6 TEST DOUBLE (`--iterations N`, what the conformance harness runs):
// loads SCRIPT in this thread with `k6`/`k6/*` mapped to the double, runs setup(), N iterations of
// every scenario in options.scenarios one after the other with setup's data, then teardown(), and
// writes what happened (requests, failed checks, script errors) to the --result file as JSON.
// No schedules, no metrics, no thresholds: see load-run.ts for the load mode.
import fs from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DoubleArgs } from './cli-args.js';
import { doubleState, TestAbortedError, type DoubleScriptError } from './double-state.js';
import { EXIT } from './exit-codes.js';
import { EXECUTORS } from './load/scenario-config.js';
import { errorText as message, locateSyntaxError } from './script-errors.js';

export interface DoubleRunResult {
  exitCode: number;
  script: string;
  scenarios: { name: string; exec: string; executor: string; iterations: number }[];
  requests: ReturnType<typeof doubleState>['requests'];
  passedChecks: number;
  failedChecks: ReturnType<typeof doubleState>['failedChecks'];
  scriptErrors: DoubleScriptError[];
  sleptSeconds: number;
}

type ScriptModule = Record<string, unknown> & { options?: { scenarios?: Record<string, Record<string, unknown>> } };

export async function runFunctional(args: DoubleArgs & { iterations: number }): Promise<number> {
  const state = doubleState();
  state.scriptDir = path.dirname(args.script);
  if (args.tagHeader !== undefined) state.tagHeader = args.tagHeader;
  const result: DoubleRunResult = {
    exitCode: EXIT.ok,
    script: args.script,
    scenarios: [],
    requests: state.requests,
    passedChecks: 0,
    failedChecks: state.failedChecks,
    scriptErrors: state.scriptErrors,
    sleptSeconds: 0,
  };
  const save = (exitCode: number): number => {
    result.exitCode = exitCode;
    result.passedChecks = state.passedChecks;
    result.sleptSeconds = state.sleptSeconds;
    if (args.resultFile !== undefined) fs.writeFileSync(args.resultFile, `${JSON.stringify(result, null, 2)}\n`);
    return exitCode;
  };
  const fatal = (phase: DoubleScriptError['phase'], error: unknown, exitCode: number): number => {
    if (!(error instanceof TestAbortedError)) state.scriptErrors.push({ phase, message: message(error) });
    else state.scriptErrors.push({ phase, message: `test aborted: ${error.message}` });
    return save(error instanceof TestAbortedError ? EXIT.scriptAborted : exitCode);
  };

  // k6 run passes the system environment to __ENV, then the -e values over it.
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...args.env };
  const globals = globalThis as Record<string, unknown>;
  globals.__ENV = env;
  globals.__VU = 0;
  globals.__ITER = 0;
  globals.open = (file: string, mode?: string) => {
    if (state.phase !== 'init') throw new Error('k6 double: open() is only available in the init context (as in k6)');
    const bytes = fs.readFileSync(path.resolve(state.scriptDir, file));
    return mode === 'b' ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) : bytes.toString('utf8');
  };

  register(new URL('./loader-hooks.js', import.meta.url), { data: { scriptRoot: state.scriptDir } });

  state.phase = 'init';
  let script: ScriptModule;
  try {
    script = (await import(pathToFileURL(args.script).href)) as ScriptModule;
  } catch (error) {
    if (error instanceof SyntaxError) {
      const where = locateSyntaxError(state.scriptDir);
      if (where !== undefined) error.message = `${error.message} in ${where}`;
    }
    return fatal('init', error, EXIT.scriptException);
  }
  globals.__K6_DOUBLE_OPTIONS__ = script.options ?? {};

  const declared = script.options?.scenarios;
  const scenarios: Record<string, Record<string, unknown>> =
    declared !== undefined && Object.keys(declared).length > 0 ? declared : { default: { executor: 'per-vu-iterations', exec: 'default' } };
  for (const [name, scenario] of Object.entries(scenarios)) {
    const exec = typeof scenario.exec === 'string' ? scenario.exec : 'default';
    const executor = String(scenario.executor ?? '');
    const problems: string[] = [];
    if (!/^[0-9A-Za-z_-]+$/.test(name)) problems.push(`scenario name ${JSON.stringify(name)} has characters k6 does not allow`);
    if (!EXECUTORS.has(executor)) problems.push(`scenario ${name}: unknown executor ${JSON.stringify(executor)}`);
    if (typeof script[exec] !== 'function') problems.push(`scenario ${name}: function '${exec}' not found in exports`);
    if (problems.length > 0) {
      for (const problem of problems) state.scriptErrors.push({ phase: 'init', scenario: name, message: problem });
      return save(EXIT.invalidConfig);
    }
    result.scenarios.push({ name, exec, executor, iterations: 0 });
  }

  let data: unknown;
  if (typeof script.setup === 'function') {
    state.phase = 'setup';
    globals.__VU = 0;
    try {
      const value: unknown = await (script.setup as () => unknown)();
      // k6 passes setup's data to VUs as JSON.
      data = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
    } catch (error) {
      return fatal('setup', error, EXIT.scriptException);
    }
  }

  for (const entry of result.scenarios) {
    const scenario = scenarios[entry.name];
    const scenarioEnv = (scenario.env ?? {}) as Record<string, string>;
    globals.__ENV = { ...env, ...scenarioEnv };
    state.phase = 'iteration';
    state.vuId = 1;
    globals.__VU = 1;
    for (let i = 0; i < args.iterations; i++) {
      state.scenario = { name: entry.name, executor: entry.executor, iterationInTest: i, startTime: 0 };
      state.iteration = i;
      state.iterationInScenario = i;
      state.groupStack = [];
      globals.__ITER = i;
      try {
        await (script[entry.exec] as (data: unknown) => unknown)(data);
      } catch (error) {
        if (error instanceof TestAbortedError) return fatal('iteration', error, EXIT.scriptAborted);
        state.scriptErrors.push({ phase: 'iteration', scenario: entry.name, message: message(error) });
      }
      entry.iterations++;
    }
    state.scenario = undefined;
    globals.__ENV = env;
    save(EXIT.ok);
  }

  if (typeof script.teardown === 'function') {
    state.phase = 'teardown';
    globals.__VU = 0;
    try {
      await (script.teardown as (data: unknown) => unknown)(data);
    } catch (error) {
      return fatal('teardown', error, EXIT.scriptException);
    }
  }
  return save(EXIT.ok);
}
