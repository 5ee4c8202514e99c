import {
  commentText,
  GENERATED_NOTICE,
  jsKey,
  jsString,
  planSourceComment,
  requestAuthPlans,
  requestsByOperation,
  TEST_TYPES,
  testCaseCalls,
  type AuthPlan,
  type Diagnostic,
  type RequestTemplate,
  type TestPlan,
  type TestTarget,
  type TestType,
} from 'perfplan/plugin';
import { allocateScenarioNames, IdentifierAllocator } from './identifiers.js';
import { authLiteral, operationView, type OperationView } from './operation-view.js';
import { headerRunLines, unchosenBaseUrlMessage, type ScriptSummary } from './run-commands.js';
import { scenarioView, type ScenarioView } from './scenario-view.js';

// Pure: the same plan gives the same view models. Every spec string is escaped here
// (jsString/jsLiteral for code, commentText for comments); templates only loop and print.

/** Where each test type's script goes, relative to the output folder. */
export const SCRIPT_FILES: Record<TestType, string> = {
  load: 'k6/load.js',
  stress: 'k6/stress.js',
  spike: 'k6/spike.js',
  soak: 'k6/soak.js',
  mixed: 'k6/mixed.js',
  workflow: 'k6/workflows.js',
};
export const REQUESTS_FILE = 'k6/lib/requests.js';
/** The plan's values the static runtime modules read (runtime/*.js import it as ./plan.js). */
export const PLAN_VALUES_FILE = 'k6/lib/plan.js';
export const SCENARIOS_FILE = 'k6/lib/scenarios.js';
export const SUPPORT_FILE = 'k6/lib/support.js';
export const WORKFLOWS_FILE = 'k6/lib/workflows.js';
/** The feeder's rows (TestPlan.data.columns), read by the scripts through a SharedArray. */
export const FEEDER_FILE = 'k6/lib/feeder.json';

const THROUGHPUT_NOTE =
  "Throughput is a count threshold over the requests tagged throughput:<window> (k6 divides a Counter's rate by the whole run's time, so a rate threshold could not pass).";

const TYPE_NOTES: Record<TestType, string[]> = {
  load: [
    'Test cases with a request rate use ramping-arrival-rate: a pool of the planned users, arrivals paced at the rate, no think time;',
    'a slow server exhausts the pool and the achieved rate falls short. Others use ramping-vus with think time.',
    THROUGHPUT_NOTE,
  ],
  stress: [
    'The default run is the system-wide test case; the per-operation ones run only by name (never several at once).',
    'Users step up and think between requests (ramping-vus). No threshold aborts at the breaking point: the whole schedule runs,',
    'requests in each hold step are tagged step:N, and perfplan evaluate --engine k6 finds the breaking point and the capacity in',
    'the results afterwards (k6 run --out json=results.json). Pass/fail is the recovery: p95 and errors of requests tagged latency:*.',
  ],
  spike: [
    'The default run is the system-wide test case; the per-operation ones run only by name.',
    'Requests are tagged phase:spike while the spike lasts and phase:recovered once it should have recovered; each phase has its thresholds.',
    THROUGHPUT_NOTE,
  ],
  soak: [
    'Paced arrivals (ramping-arrival-rate) over the hold; requests in its first and last windows are tagged window:first|last.',
    "k6 cannot compare two windows in a threshold: the last window allows the criteria plus the allowed drift (an approximation).",
    THROUGHPUT_NOTE,
  ],
  mixed: [
    'Paced arrivals (ramping-arrival-rate) over every operation, picked by weight; no think time.',
    THROUGHPUT_NOTE,
  ],
  workflow: [
    'Each iteration walks the workflow, carrying extracted values into later steps; a missing value fails the iteration.',
    'workflow_complete (rate) and workflow_duration (trend, ms) are tagged workflow:<id> and have their own thresholds.',
  ],
};

export interface RequestsViewModel {
  header: string[];
  /** Object literal of the credentials by scheme. */
  auth: string;
  operations: OperationView[];
}

export interface PlanValuesViewModel {
  header: string[];
  /** String literal of the base URL used when BASE_URL is not set. */
  defaultBaseUrl: string;
  /** Object literal of the servers of TestPlan.servers, by variable. */
  servers: string;
  /** Number literal: the run seed when PERFPLAN_RUN_SEED is not set. */
  runSeed: string;
  /** Number literal: test cases in the plan (iteration numbers of test cases never meet). */
  caseCount: string;
  /** The plan's time scale, as a number literal: TIME_SCALE's default. */
  timeScale: string;
}

/** A static runtime module (runtime/<file>) as written: the file name, and the header comment above it. */
export interface RuntimeFileView {
  runtime: string;
  path: string;
  header: string[];
}

export interface ScriptViewModel {
  header: string[];
  /** Whether the script runs workflows (imports the workflow runner). */
  workflows: boolean;
  /** What the script imports: sleep from k6, and these helpers of lib/scenarios.js. */
  imports: { sleep: boolean; scenarios: string[] };
  /** String literal of the message when a test case needs a chosen BASE_URL; absent when none does. */
  refusal?: string;
  /** String literals of the test type and the script's path, for the run's start mark (markRunStart). */
  type: string;
  file: string;
  scenarios: ScenarioView[];
  /**
   * When requests vary per iteration: the object literal of each scenario's test case index in
   * the plan, and whether the feeder file is read.
   */
  data?: { cases: string; feeder: boolean };
}

export interface K6ViewModels {
  requests: RequestsViewModel;
  planValues: PlanValuesViewModel;
  /** support.js and scenarios.js, and workflows.js when a workflow script is present. */
  runtime: RuntimeFileView[];
  /** One script per test type present in the plan, in TEST_TYPES order. */
  scripts: Array<{ type: TestType; path: string; model: ScriptViewModel }>;
  /** The feeder file's text, when the plan has feeder columns. */
  feeder?: string;
  diagnostics: Diagnostic[];
}

// Names the generated files declare themselves; request and scenario functions avoid them.
const REQUESTS_NAMES = ['send', 'BASE_URL', 'AUTH'];
const SCRIPT_NAMES = [
  'sleep', 'requests', 'pickByWeight', 'selectScenario', 'credentialsOf', 'phaseTags', 'prepareSession', 'runWorkflow',
  'ALL_SCENARIOS', 'options', 'setup', 'teardown', 'handleSummary', 'session', 'scaled', 'countAtLeast', 'TIME_SCALE', 'UNCHOSEN_BASE_URL',
  'markRunStart', 'useData', 'SharedArray', 'open',
];

/**
 * A file's header comment: the fixed notice and a fixed description on the first two lines
 * (nothing from the spec there), then where the plan came from, then the rest.
 */
function header(plan: TestPlan, description: string, ...rest: string[]): string[] {
  return [GENERATED_NOTICE, description, planSourceComment(plan), ...rest];
}

function environmentLines(plan: TestPlan, baseUrlRequired = false): string[] {
  const lines = [
    commentText(
      baseUrlRequired
        ? `BASE_URL: the server under test (required here: these test cases never use the spec's server ${plan.defaultBaseUrl} by default).`
        : `BASE_URL: the server under test (default ${plan.defaultBaseUrl}).`,
      300,
    ),
  ];
  for (const variable of plan.environment) {
    if (variable.name === 'BASE_URL') continue;
    const flags = [variable.required ? 'required' : 'optional', variable.secret ? 'secret' : ''].filter(Boolean).join(', ');
    lines.push(commentText(`${variable.name}: ${variable.description} (${flags}).`, 300));
  }
  return lines;
}

/** How the script's values vary, for its header. */
function dataLines(plan: TestPlan): string[] {
  if (plan.data === undefined) return [];
  const lines = [
    `Data: ids, names, emails and keys of write requests change every iteration (PLAN.md, Data); -e PERFPLAN_RUN_SEED=N (default ${plan.data.seed}) picks another set of values.`,
  ];
  if (plan.data.columns.length > 0) lines.push(`Their base values come from ${FEEDER_FILE.replace(/^k6\//, '')} (${plan.data.rows} rows; iteration i takes row i mod ${plan.data.rows}).`);
  return lines;
}

/** The plan's time scale as a number literal; anything but a positive finite number is 1. */
function timeScaleLiteral(value: number): string {
  return Number.isFinite(value) && value > 0 ? String(value) : '1';
}

function requestFunctionNames(plan: TestPlan): Map<string, string> {
  const names = new IdentifierAllocator(REQUESTS_NAMES);
  const byOperation = new Map<string, string>();
  for (const request of plan.requests) {
    if (!byOperation.has(request.operationId)) byOperation.set(request.operationId, names.allocate(request.operationId, 'operation'));
  }
  return byOperation;
}

/** The credentials a test case's requests use, each scheme once, as entries of requests.AUTH. */
function authOf(targets: readonly TestTarget[], requests: Map<string, RequestTemplate>, auth: readonly AuthPlan[]): string {
  const schemes = new Set<string>();
  for (const target of targets) {
    const request = requests.get(target.operationId);
    if (request) for (const plan of requestAuthPlans(request, auth)) schemes.add(plan.scheme);
  }
  return `[${[...schemes].map((scheme) => `requests.AUTH[${jsString(scheme)}]`).join(', ')}]`;
}

function scriptViewModel(input: {
  plan: TestPlan;
  type: TestType;
  functionNames: Map<string, string>;
  requests: Map<string, RequestTemplate>;
  report: (diagnostic: Diagnostic) => void;
}): ScriptViewModel {
  const { plan, type, functionNames, report } = input;
  const testCases = plan.testCases.filter((testCase) => testCase.type === type);
  const scenarioNames = allocateScenarioNames(testCases.map((testCase) => testCase.id));
  const functions = new IdentifierAllocator(SCRIPT_NAMES);
  const scenarios: ScenarioView[] = [];
  testCases.forEach((testCase, index) => {
    // A workflow test case walks its workflow's steps (weights are the share of iterations a step runs in), any other its weighted targets.
    const { targets: planned, workflow, missingWorkflowId, calls, unknownOperations } = testCaseCalls({ plan, testCase, requests: input.requests });
    if (missingWorkflowId !== undefined) {
      report({
        code: 'k6/unknown-workflow',
        severity: 'warning',
        message: `k6: test case "${testCase.id}" names workflow "${missingWorkflowId}", which the plan does not have; its targets run in order instead.`,
      });
    }
    for (const operationId of unknownOperations) {
      report({
        code: 'k6/unknown-operation',
        severity: 'warning',
        message: `k6: test case "${testCase.id}" targets operation "${operationId}", which has no request in the plan; the target is left out.`,
      });
    }
    const targets = calls.map((call) => ({ functionName: functionNames.get(call.operationId)!, operationId: call.operationId, weight: call.weight }));
    if (targets.length === 0) {
      report({ code: 'k6/empty-test-case', severity: 'warning', message: `k6: test case "${testCase.id}" has no operation to call; it is not rendered.` });
      return;
    }
    const functionName = functions.allocate(testCase.id, 'scenario');
    functions.reserve(`${functionName}Targets`, `${functionName}Cycle`, `${functionName}Phases`, `${functionName}Workflow`);
    const warn = (message: string) =>
      report({ code: 'k6/workflow-step', severity: 'warning', message: `k6: test case "${testCase.id}": ${message}.` });
    scenarios.push(
      scenarioView({
        testCase,
        name: scenarioNames[index],
        functionName,
        targets,
        auth: authOf(planned, input.requests, plan.auth),
        workflow,
        functionNames,
        warn,
      }),
    );
  });
  const file = SCRIPT_FILES[type];
  const summary = scriptSummary(type, scenarios);
  const [description, ...runLines] = headerRunLines(summary, plan.timeScale);
  const code = scenarios.flatMap((scenario) => [...scenario.declarations, ...scenario.statements]).join('\n');
  const thresholdCode = scenarios.flatMap((scenario) => scenario.thresholds.map((threshold) => threshold.rules)).join('\n');
  const caseIndex = new Map(plan.testCases.map((testCase, index) => [testCase.id, index] as const));
  const data = plan.data === undefined ? undefined : {
    cases: `{ ${scenarios.map((scenario) => `${scenario.key}: ${caseIndex.get(scenario.testCaseId) ?? 0}`).join(', ')} }`,
    feeder: plan.data.columns.length > 0,
  };
  const helpers = ['countAtLeast', 'credentialsOf', 'markRunStart', 'phaseTags', 'pickByWeight', 'scaled', 'selectScenario'].filter(
    (name) => ['credentialsOf', 'markRunStart', 'scaled', 'selectScenario'].includes(name) || code.includes(`${name}(`) || thresholdCode.includes(`${name}(`),
  );
  return {
    workflows: type === 'workflow',
    imports: { sleep: code.includes('sleep('), scenarios: helpers },
    ...(summary.needsBaseUrl ? { refusal: jsString(unchosenBaseUrlMessage({ type, path: file, specServer: plan.defaultBaseUrl })) } : {}),
    header: header(plan, description!, ...runLines, ...TYPE_NOTES[type], ...dataLines(plan), ...environmentLines(plan, summary.needsBaseUrl)),
    type: jsString(type),
    file: jsString(file),
    scenarios,
    ...(data ? { data } : {}),
  };
}

/** Which test cases a script runs by default (in start order) and by name only. */
export function scriptSummary(type: TestType, scenarios: readonly ScenarioView[]): ScriptSummary {
  return {
    path: SCRIPT_FILES[type],
    type,
    defaultRun: scenarios
      .filter((scenario) => !scenario.onlyByName)
      .sort((a, b) => a.startSeconds - b.startSeconds)
      .map((scenario) => scenario.name),
    byName: scenarios.filter((scenario) => scenario.onlyByName).map((scenario) => scenario.name),
    needsBaseUrl: scenarios.some((scenario) => scenario.requiresChosenBaseUrl),
    needsServers: [...new Set(scenarios.flatMap((scenario) => scenario.needsServers ?? []))].sort(),
  };
}

/** The view models of every k6 file for a plan, and the problems found on the way. */
export function k6ViewModels(plan: TestPlan): K6ViewModels {
  const diagnostics: Diagnostic[] = [];
  const report = (diagnostic: Diagnostic) => diagnostics.push(diagnostic);
  const functionNames = requestFunctionNames(plan);
  const requestsById = requestsByOperation(plan);
  const seen = new Set<string>();
  const operations: OperationView[] = [];
  for (const request of plan.requests) {
    if (seen.has(request.operationId)) continue;
    seen.add(request.operationId);
    operations.push(operationView({ request, functionName: functionNames.get(request.operationId)!, auth: plan.auth, report }));
  }
  const scripts = TEST_TYPES.filter((type) => plan.testCases.some((testCase) => testCase.type === type)).map((type) => ({
    type,
    path: SCRIPT_FILES[type],
    model: scriptViewModel({ plan, type, functionNames, requests: requestsById, report }),
  }));
  const authEntries = plan.auth.map((entry) => `  ${jsKey(entry.scheme)}: ${authLiteral(entry)},`);
  return {
    requests: {
      auth: authEntries.length === 0 ? '{}' : `{\n${authEntries.join('\n')}\n}`,
      header: header(
        plan,
        'Request definitions shared by the k6 scripts beside this folder: one function per operation.',
        'Each sends its request (support.js send) in a group named after the operation, tags it with',
        'name=<operationId> and checks the documented status. Each takes (session, overrides, trace):',
        'the setup() session, values a workflow step changes, and an object that receives what was sent.',
        'Environment (pass with k6 run -e NAME=value):',
        ...environmentLines(plan).map((line) => `  ${line}`),
      ),
      operations,
    },
    planValues: {
      header: header(plan, "The plan's values that the run-time modules beside this file read: servers, run seed, test case count, time scale."),
      defaultBaseUrl: jsString(plan.defaultBaseUrl),
      servers: serversLiteral(plan),
      runSeed: String(plan.data?.seed ?? 0),
      caseCount: String(Math.max(1, plan.testCases.length)),
      timeScale: timeScaleLiteral(plan.timeScale),
    },
    runtime: [
      { runtime: 'scenarios.js', path: SCENARIOS_FILE, header: header(plan, 'Helpers shared by the k6 scripts: the time scale, scenario selection, weighted target choice and window tags.') },
      { runtime: 'support.js', path: SUPPORT_FILE, header: header(plan, 'Run-time support of the request functions: OpenAPI parameter and body serialisation, credentials, JSON pointers.') },
      ...(scripts.some((script) => script.type === 'workflow')
        ? [{ runtime: 'workflows.js', path: WORKFLOWS_FILE, header: header(plan, 'The workflow runner: steps in order, values carried between them, completion and duration metrics.') }]
        : []),
    ],
    scripts,
    ...(plan.data !== undefined && plan.data.columns.length > 0 ? { feeder: feederJson(plan.data) } : {}),
    diagnostics,
  };
}

/** plan.js's SERVERS: each server of the plan by its variable. */
function serversLiteral(plan: TestPlan): string {
  const entries = (plan.servers ?? []).map((server) => `  ${jsKey(server.env)}: { url: ${jsString(server.url)}, relative: ${server.relative === true} },`);
  return entries.length === 0 ? '{}' : `{\n${entries.join('\n')}\n}`;
}

/** The feeder file: one object per row, column name → value (JSON text, one row per line). */
function feederJson(data: NonNullable<TestPlan['data']>): string {
  const rows = Array.from({ length: data.rows }, (_, index) => JSON.stringify(Object.fromEntries(data.columns.map((column) => [column.name, column.values[index] ?? column.values[0] ?? '']))));
  return `[\n${rows.map((row, index) => `  ${row}${index < rows.length - 1 ? ',' : ''}`).join('\n')}\n]\n`;
}
