// The k6 TEST DOUBLE's command line, shaped like `k6 run`:
//   node dist/test/k6-double/run-k6-double.js run [-e NAME=value]... [--iterations N]
//        [--tag-header HEADER] [--result FILE] SCRIPT
// Loads SCRIPT as an ES module with `k6`/`k6/*` mapped to the double, runs setup(), one
// iteration (or N) of every scenario in options.scenarios with setup's data, then teardown(), and
// writes what happened (requests, failed checks, script errors) to FILE as JSON.
// Exit codes follow k6's: 0 ran, 104 invalid options, 107 script exception in init/setup/teardown,
// 108 exec.test.abort(). Thresholds are not evaluated (the double keeps no metrics).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { doubleState, TestAbortedError, type DoubleScriptError } from './double-state.js';
import { closeSyncHttp } from './sync-http.js';

export const EXIT = { ok: 0, invalidConfig: 104, scriptException: 107, scriptAborted: 108, usage: 2 } as const;

const EXECUTORS = new Set([
  'shared-iterations',
  'per-vu-iterations',
  'constant-vus',
  'ramping-vus',
  'constant-arrival-rate',
  'ramping-arrival-rate',
  'externally-controlled',
]);

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

interface Args {
  script: string;
  env: Record<string, string>;
  iterations: number;
  tagHeader?: string;
  resultFile?: string;
}

function parseArgs(argv: string[]): Args {
  const args = argv[0] === 'run' ? argv.slice(1) : argv;
  const env: Record<string, string> = {};
  let iterations = 1;
  let tagHeader: string | undefined;
  let resultFile: string | undefined;
  let script: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-e' || arg === '--env') {
      const pair = args[++i] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new Error(`-e needs NAME=value, got ${JSON.stringify(pair)}`);
      env[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else if (arg === '--iterations') {
      iterations = Number.parseInt(args[++i] ?? '', 10);
      if (!Number.isInteger(iterations) || iterations < 1) throw new Error('--iterations needs a positive integer');
    } else if (arg === '--tag-header') {
      tagHeader = args[++i];
    } else if (arg === '--result') {
      resultFile = args[++i];
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      script = arg;
    }
  }
  if (script === undefined) throw new Error('no script given');
  const parsed: Args = { script: path.resolve(script), env, iterations };
  if (tagHeader !== undefined) parsed.tagHeader = tagHeader.toLowerCase();
  if (resultFile !== undefined) parsed.resultFile = path.resolve(resultFile);
  return parsed;
}

function message(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Node's ESM SyntaxError names no file: find it by checking every .js file under the script folder. */
function locateSyntaxError(scriptDir: string): string | undefined {
  const files = (fs.readdirSync(scriptDir, { recursive: true }) as string[]).filter((name) => /\.m?js$/.test(name)).sort();
  for (const name of files) {
    const checked = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: fs.readFileSync(path.join(scriptDir, name)), encoding: 'utf8' });
    if (checked.status !== 0) {
      const lines = checked.stderr.split('\n');
      const line = /^\[stdin\]:(\d+)/.exec(lines[0] ?? '')?.[1];
      return `${name}${line === undefined ? '' : `:${line}`}: ${(lines[1] ?? '').trim()}`;
    }
  }
  return undefined;
}

type ScriptModule = Record<string, unknown> & { options?: { scenarios?: Record<string, Record<string, unknown>> } };

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`k6 double: ${(error as Error).message}`);
    return EXIT.usage;
  }
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

const exitCode = await main();
await closeSyncHttp();
const state = doubleState();
console.log(
  `k6 double: ${state.requests.length} requests, ${state.passedChecks} checks passed, ${state.failedChecks.length} failed, ${state.scriptErrors.length} script errors, exit ${exitCode}`,
);
process.exitCode = exitCode;
