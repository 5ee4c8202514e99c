import { TEST_TYPE_TITLES, type RunInstruction, type TestType } from 'perfplan/plugin';

/** What a script holds, for its header and PLAN.md's "How to run" (scenario names are [A-Za-z0-9_-]). */
export interface ScriptSummary {
  path: string;
  type: TestType;
  /** Scenario names of the default run, in start order. */
  defaultRun: string[];
  /** Scenario names that run only when selected. */
  byName: string[];
  /** Whether a test case of the script (by-name ones included) refuses to start without BASE_URL. */
  needsBaseUrl: boolean;
  /** Variables of servers other than BASE_URL that test cases of the script refuse to start without (absent: none). */
  needsServers?: string[];
}

/** ` -e BASE_URL_X=https://your-test-server` for each server variable the script needs set. */
function serverArguments(summary: ScriptSummary): string {
  return (summary.needsServers ?? []).filter((env) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(env)).map((env) => ` -e ${env}=https://your-test-server`).join('');
}

/** The test case to show in "one test case by name": a by-name one when there is one. */
function example(summary: ScriptSummary): string {
  return summary.byName[0] ?? summary.defaultRun[0] ?? 'ID';
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One line per way to run the script, as `label: command  (note)`, for its header comment. */
export function headerRunLines(summary: ScriptSummary, timeScale: number): string[] {
  const file = summary.path;
  const total = summary.defaultRun.length + summary.byName.length;
  const lines = [
    `${TEST_TYPE_TITLES[summary.type]}: ${plural(total, 'test case')}, ${total === 1 ? 'a k6 scenario' : 'each a k6 scenario'} with its own thresholds.`,
    `The default run has ${plural(summary.defaultRun.length, 'test case')}${summary.defaultRun.length > 1 ? ', one after another (each its own startTime)' : ''}` +
      (summary.byName.length > 0 ? `; ${summary.byName.length} more run only by name.` : '.'),
    `Default run:        k6 run ${file}   (from the output folder)`,
    `One test case:      k6 run -e SCENARIO=${example(summary)} ${file}   (starts at once${summary.byName.length > 0 ? '; by-name test cases too' : ''})`,
    `Time scale:         k6 run -e TIME_SCALE=0.05 ${file}   (stages, start times and judged windows x 0.05; default ${timeScale})`,
    summary.needsBaseUrl
      ? `Your test server:   k6 run -e BASE_URL=https://your-test-server${serverArguments(summary)} ${file}   (required: ${unchosenReason(summary.type)})`
      : `Your test server:   k6 run -e BASE_URL=https://your-test-server${serverArguments(summary)} ${file}`,
  ];
  return lines;
}

/** PLAN.md "How to run" for every script: the default run and one case by name per script, then the time scale and BASE_URL once. */
export function runInstructions(summaries: readonly ScriptSummary[], timeScale: number): RunInstruction[] {
  const steps: RunInstruction[] = [];
  for (const summary of summaries) {
    const count = summary.defaultRun.length;
    steps.push({
      description: `Run ${summary.path}: ${count > 1 ? `${count} test cases one after another` : plural(count, 'test case')}${summary.byName.length > 0 ? ` (${summary.byName.length} more only by name)` : ''}`,
      command: `k6 run ${summary.path}`,
    });
    if (summary.byName.length > 0 || count > 1) {
      steps.push({
        description: `Run one test case of ${summary.path} by name, starting at once (SCENARIO is a test case id${summary.byName.length > 0 ? ', by-name ones too' : ''})`,
        command: `k6 run -e SCENARIO=${example(summary)} ${summary.path}`,
      });
    }
    if (summary.type === 'stress') {
      steps.push({
        description: `Find the breaking point and the capacity of a ${summary.path} run (no threshold stops it there): keep its results, then judge them with perfplan evaluate`,
        command: `k6 run --out json=results.json ${summary.path} && perfplan evaluate --engine k6 --plan plan.json results.json`,
      });
    }
  }
  const first = summaries[0];
  if (first) {
    steps.push({
      description: `Rehearse 20 times shorter: TIME_SCALE multiplies every stage, start time and judged window (default ${timeScale}; think time and latency limits do not change)`,
      command: `k6 run -e TIME_SCALE=0.05 ${first.path}`,
    });
    const needing = summaries.find((summary) => summary.needsBaseUrl) ?? summaries.find((summary) => summary.type === 'stress') ?? first;
    steps.push({
      description: needing.needsBaseUrl
        ? `Run against your test server: BASE_URL is required by ${needing.path} (and any script whose test cases never run against the spec's server)`
        : 'Run against another server (BASE_URL, default the plan\'s base URL)',
      command: `k6 run -e BASE_URL=https://your-test-server${serverArguments(needing)} ${needing.path}`,
    });
  }
  return steps;
}

/** Why a test case of this type needs a chosen base URL; `server` names the spec's server. */
function unchosenReason(type: TestType, server?: string): string {
  const what = TEST_TYPE_TITLES[type].toLowerCase();
  const named = server === undefined ? "the spec's server" : `the spec's server (${server})`;
  const heavy = type === 'stress' || type === 'spike' || type === 'soak';
  return heavy ? `${what} never run against ${named} by default` : `${what} run against ${named} only when it is a loopback address`;
}

/** Why a script refuses to start a test case marked requiresChosenBaseUrl without BASE_URL (spec item 5). */
export function unchosenBaseUrlMessage(input: { type: TestType; path: string; specServer: string }): string {
  return `BASE_URL is not set: ${unchosenReason(input.type, input.specServer)}. Set BASE_URL=https://your-test-server (k6: k6 run -e BASE_URL=https://your-test-server ${input.path}).`;
}
