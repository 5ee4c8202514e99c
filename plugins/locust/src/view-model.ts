import {
  commentText,
  feederCsv,
  GENERATED_NOTICE,
  planSourceComment,
  pyLiteral,
  requestsByOperation,
  TEST_TYPE_TITLES,
  TEST_TYPES,
  testCaseCalls,
  type Diagnostic,
  type JsonValue,
  type TestCase,
  type TestPlan,
  type TestTarget,
  type TestType,
} from 'perfplan/plugin';
import { testCaseData, workflowData } from './plan-data.js';
import { pyData } from './python-data.js';
import { LOCUSTFILE_NAMES, PythonNames } from './python-names.js';
import { authData, requestData } from './request-data.js';
import { userClassView, type UserClassView } from './user-classes.js';

// Pure: the same plan gives the same view models. Every spec string is escaped here (pyLiteral
// for code, commentText for comments); templates only loop and print.

export const LOCUSTFILE = 'locust/locustfile.py';
export const REQUESTS_FILE = 'locust/perfplan_requests.py';
export const PLAN_FILE = 'locust/perfplan_plan.py';
export const RUNTIME_FILE = 'locust/perfplan_runtime.py';
export const SCHEDULE_FILE = 'locust/perfplan_schedule.py';
export const CRITERIA_FILE = 'locust/perfplan_criteria.py';
export const LOCUST_SUPPORT_FILE = 'locust/perfplan_locust.py';
/** The feeder's rows (TestPlan.data.columns) as CSV, read by the runtime. */
export const FEEDER_FILE = 'locust/perfplan_feeder.csv';

/** The config file of each test type, relative to the output folder. */
export function confFile(type: TestType): string {
  return `locust/${type}.conf`;
}

const TYPE_NOTES: Record<TestType, string> = {
  load: 'Paced arrivals: the users of a test case share one schedule of targetRps requests/s (paced_arrivals), no think time; throughput is judged over the hold.',
  stress:
    'Steps up the users; each hold step is measured (p95, errors, throughput per user). At the breaking point the shape backs off to the recovery load, holds it and ends: the breaking point and the capacity are reported, the recovery (after its settle time) passes or fails.',
  spike: 'Baseline, a jump in users, recovery: throughput is judged over the baseline, errors during the spike, p95 and errors once the recovery time has passed.',
  soak: 'Paced arrivals held for long; p95 and errors of the last window are compared with the first.',
  mixed: 'All operations together, weighted by category, with paced arrivals.',
  workflow: 'Each user walks its workflow (a SequentialTaskSet), thinking between steps and carrying extracted values into later steps; a missing value fails the iteration.',
};

// Test case ids from the built-in strategies are plain words; another id is shown by its User class name.
const PLAIN_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** The command-line words that run one test case alone: `--perfplan-test-case <id>`, or its User class name. */
export function caseSelector(id: string, className: string): string {
  return PLAIN_ID.test(id) ? `--perfplan-test-case ${id}` : className;
}

/** What instructions() and the headers say about the test cases of one test type. */
export interface ConfSummary {
  type: TestType;
  path: string;
  /** Test cases in the type's default run. */
  defaultCount: number;
  /** Test cases that run only when chosen. */
  byNameCount: number;
  /** Words that choose one test case: a by-name-only one when there is one. */
  example: string;
  /** A test case of the type does not start without BASE_URL or --host. */
  needsBaseUrl: boolean;
}

export interface SectionView {
  type: TestType;
  /** Comment-safe lines above the section. */
  comments: string[];
  classes: UserClassView[];
  summary: ConfSummary;
}

export interface LocustfileViewModel {
  header: string[];
  sections: SectionView[];
}

export interface DataViewModel {
  header: string[];
  /** `NAME = <python literal>` assignments. */
  assignments: Array<{ name: string; value: string }>;
}

export interface ConfViewModel {
  header: string[];
  /** `key = value` lines (values are plain words). */
  settings: Array<{ key: string; value: string }>;
}

export interface LocustViewModels {
  locustfile: LocustfileViewModel;
  requests: DataViewModel;
  plan: DataViewModel;
  /** Header lines of the two static runtime modules. */
  runtimeHeader: string[];
  confs: Array<ConfSummary & { model: ConfViewModel }>;
  /** The feeder file's text, when the plan has feeder columns. */
  feeder?: string;
  diagnostics: Diagnostic[];
}

/**
 * A file's header comment: the fixed notice and a fixed description first (a Python file's
 * template puts its coding line above them), so nothing from the spec is on the first two
 * lines; then where the plan came from, then the rest.
 */
function header(plan: TestPlan, description: string, ...rest: string[]): string[] {
  return [GENERATED_NOTICE, description, planSourceComment(plan), ...rest];
}

/** How request values vary, for the locustfile's header. */
function dataLines(plan: TestPlan): string[] {
  if (plan.data === undefined) return [];
  const lines = [
    `Data: ids, names, emails and keys of write requests change every iteration (PLAN.md, Data); PERFPLAN_RUN_SEED=N`,
    `(default ${plan.data.seed}) picks another set of values; give each Locust process (--processes, workers) its own.`,
  ];
  if (plan.data.columns.length > 0) lines.push(`Their base values come from ${FEEDER_FILE.replace(/^locust\//, '')} (${plan.data.rows} rows; iteration n takes row n mod ${plan.data.rows}).`);
  return lines;
}

/** Which test types do not start without BASE_URL or --host, in words ('' when none). */
function guardedTypes(plan: TestPlan): string {
  const types = TEST_TYPES.filter((type) => plan.testCases.some((testCase) => testCase.type === type && testCase.requiresChosenBaseUrl));
  return types.length === 0 ? '' : `${types.join(', ')} tests do not start without it`;
}

function environmentLines(plan: TestPlan): string[] {
  const guarded = guardedTypes(plan);
  const lines = [commentText(`BASE_URL: the server under test (default ${plan.defaultBaseUrl}); --host overrides it${guarded ? `; ${guarded}` : ''}.`, 300)];
  for (const variable of plan.environment) {
    if (variable.name === 'BASE_URL') continue;
    const flags = [variable.required ? 'required' : 'optional', variable.secret ? 'secret' : ''].filter(Boolean).join(', ');
    lines.push(commentText(`${variable.name}: ${variable.description} (${flags}).`, 300));
  }
  return lines;
}

/** perfplan_plan.SERVERS: each server other than the base URL by its variable (see TestPlan.servers). */
function serverEntries(plan: TestPlan): Record<string, JsonValue> {
  const entries: Record<string, JsonValue> = Object.create(null);
  for (const server of plan.servers ?? []) entries[server.env] = { url: server.url, relative: server.relative === true };
  return entries;
}

/** The view models of every Locust file for a plan, and the problems found on the way. */
export function locustViewModels(plan: TestPlan): LocustViewModels {
  const diagnostics: Diagnostic[] = [];
  const report = (diagnostic: Diagnostic) => diagnostics.push(diagnostic);
  const requests = requestsByOperation(plan);
  const titles = new Map([...requests.values()].map((request) => [request.operationId, `${request.method.toUpperCase()} ${request.path}`]));

  // Keyed by names from the spec and config: no prototype, so `__proto__` and `constructor` are ordinary keys.
  const requestEntries: Record<string, JsonValue> = Object.create(null);
  for (const request of requests.values()) requestEntries[request.operationId] = requestData({ request, auth: plan.auth, report });
  const authEntries: Record<string, JsonValue> = Object.create(null);
  for (const entry of plan.auth) authEntries[entry.scheme] = authData(entry);

  const workflowEntries: Record<string, JsonValue> = Object.create(null);
  const classNames = new PythonNames(LOCUSTFILE_NAMES);
  const caseEntries: Record<string, JsonValue> = Object.create(null);
  const sections: SectionView[] = [];
  for (const type of TEST_TYPES) {
    const classes: UserClassView[] = [];
    const rendered: TestCase[] = [];
    for (const testCase of plan.testCases.filter((candidate) => candidate.type === type)) {
      // A workflow test case its workflow's steps, any other its weighted targets.
      const { workflow, missingWorkflowId, calls, unknownOperations } = testCaseCalls({ plan, testCase, requests });
      if (missingWorkflowId !== undefined) {
        report({
          code: 'locust/unknown-workflow',
          severity: 'warning',
          message: `locust: test case "${testCase.id}" names workflow "${missingWorkflowId}", which the plan does not have; its targets run as weighted tasks instead.`,
        });
      }
      for (const operationId of unknownOperations) {
        report({
          code: 'locust/unknown-operation',
          severity: 'warning',
          message: `locust: test case "${testCase.id}" targets operation "${operationId}", which has no request in the plan; the target is left out.`,
        });
      }
      const targets: TestTarget[] = calls.map(({ operationId, weight }) => ({ operationId, weight }));
      if (targets.length === 0 || testCase.id in caseEntries) {
        report({
          code: 'locust/empty-test-case',
          severity: 'warning',
          message: `locust: test case "${testCase.id}" ${targets.length === 0 ? 'has no operation to call' : 'appears twice'}; it is not rendered.`,
        });
        continue;
      }
      let workflowSteps: Parameters<typeof userClassView>[0]['workflowSteps'];
      if (workflow) {
        if (!(workflow.id in workflowEntries)) workflowEntries[workflow.id] = workflowData({ workflow, hasRequest: (id) => requests.has(id), report });
        workflowSteps = workflow.steps
          .filter((step) => requests.has(step.operationId))
          .map((step) => ({
            id: step.id,
            operationId: step.operationId,
            extract: step.extract.map((item) => item.variable),
            inject: step.inject.map((item) => item.variable),
          }));
      }
      caseEntries[testCase.id] = testCaseData({ testCase, operations: [...new Set(targets.map((target) => target.operationId))], workflow });
      classes.push(userClassView({ testCase, type, classNames, targets, titles, workflowSteps }));
      rendered.push(testCase);
    }
    if (classes.length === 0) continue;
    const byName = rendered.filter((testCase) => testCase.onlyByName === true);
    const exampleCase = byName[0] ?? rendered[0];
    const summary: ConfSummary = {
      type,
      path: confFile(type),
      defaultCount: rendered.length - byName.length,
      byNameCount: byName.length,
      example: caseSelector(exampleCase.id, classes[rendered.indexOf(exampleCase)].className),
      needsBaseUrl: rendered.some((testCase) => testCase.requiresChosenBaseUrl),
    };
    sections.push({
      type,
      comments: [
        commentText(
          `${TEST_TYPE_TITLES[type]} (tag "${type}"): ${summary.defaultCount} test case${summary.defaultCount === 1 ? '' : 's'} in the default run, one after another` +
            (summary.byNameCount > 0 ? `; ${summary.byNameCount} only by name (--perfplan-test-case ID).` : '.'),
          300,
        ),
        `Run: locust -f ${LOCUSTFILE} --config ${confFile(type)}`,
        TYPE_NOTES[type],
      ],
      classes,
      summary,
    });
  }

  const first = sections[0]?.summary;
  const example = first ?? { type: 'load' as TestType, path: confFile('load'), example: '--perfplan-test-case ID' };
  const types = sections.map((section) => section.type);
  const timeScale = Number.isFinite(plan.timeScale) && plan.timeScale > 0 ? plan.timeScale : 1;
  return {
    locustfile: {
      header: header(
        plan,
        'Locust tests for the plan: one User class per test case, grouped by test type (each type has its',
        'locust/<type>.conf). A load shape runs the chosen test cases one after another, each with the users',
        'its stages say; the success criteria decide the exit code.',
        'Run from the output folder:',
        `  a test type's default run:  locust -f ${LOCUSTFILE} --config ${example.path}`,
        `  one test case, from 0:      ${commentText(`locust -f ${LOCUSTFILE} --config ${example.path} ${example.example}`, 200)}`,
        '                              (PERFPLAN_TEST_CASE=ID works too; by-name-only test cases run this way)',
        `  shorter:                    TIME_SCALE=0.05 locust ...  (or --perfplan-time-scale 0.05; default ${timeScale})`,
        '                              every stage, start and judged window x 0.05; think time and latency limits stay',
        '  your server:                BASE_URL=https://your-test-server locust ...  (or --host)',
        ...((plan.servers ?? []).length > 0 ? ['                              operations with servers of their own: BASE_URL_<NAME> (Environment below)'] : []),
        '  -u, -r and -t are ignored:  the load shape sets the users and the run time',
        `  with the web UI:            locust -f ${LOCUSTFILE} --perfplan-test-type ${example.type}`,
        `  smoke (each request once):  PERFPLAN_SMOKE=1 locust -f ${LOCUSTFILE} --config ${example.path}`,
        'When Locust quits, every criterion is printed (measured value, limit and by how much it failed) and',
        'the exit code is 1 when one failed, 2 when the run could not start; PERFPLAN_CRITERIA_FILE=path also',
        'writes them as JSON. A stress test reports its breaking point and capacity, and passes or fails on its recovery.',
        'Requests are named after their operationId; PERFPLAN_HTTP_CLIENT=requests uses HttpUser instead of FastHttpUser.',
        ...dataLines(plan),
        'Environment:',
        ...environmentLines(plan).map((line) => `  ${line}`),
      ),
      sections,
    },
    requests: {
      header: header(plan, 'Request definitions shared by the locustfile: one entry per operation (values as the plan resolved them), and the credentials by security scheme.'),
      assignments: [
        { name: 'AUTH', value: pyData(authEntries) },
        { name: 'REQUESTS', value: pyData(requestEntries) },
      ],
    },
    plan: {
      header: header(plan, 'The test cases and workflows of the plan as the load shape, the users and the criteria hook read them.'),
      assignments: [
        { name: 'DEFAULT_BASE_URL', value: pyLiteral(plan.defaultBaseUrl) },
        { name: 'SERVERS', value: pyData(serverEntries(plan)) },
        { name: 'TIME_SCALE', value: pyLiteral(timeScale) },
        { name: 'RUN_SEED', value: pyLiteral(plan.data?.seed ?? 0) },
        { name: 'FEEDER_FILE', value: pyLiteral(plan.data !== undefined && plan.data.columns.length > 0 ? FEEDER_FILE.replace(/^locust\//, '') : null) },
        { name: 'TEST_TYPES', value: pyLiteral(types) },
        { name: 'TEST_CASES', value: pyData(caseEntries) },
        { name: 'WORKFLOWS', value: pyData(workflowEntries) },
      ],
    },
    runtimeHeader: [GENERATED_NOTICE, planSourceComment(plan)],
    confs: sections.map(({ summary }) => ({
      ...summary,
      model: {
        header: header(
          plan,
          commentText(
            `${TEST_TYPE_TITLES[summary.type]}: locust -f ${LOCUSTFILE} --config ${summary.path} (from the output folder: ` +
              (summary.defaultCount > 0
                ? `the ${summary.defaultCount} test case${summary.defaultCount === 1 ? '' : 's'} of the default run, one after another)`
                : 'no test case runs by default: choose one)'),
            300,
          ),
          commentText(`One test case, from 0: ... --config ${summary.path} ${summary.example} (or PERFPLAN_TEST_CASE=ID)`, 300),
          `Shorter: TIME_SCALE=0.05 (or --perfplan-time-scale 0.05). Your server: BASE_URL=https://your-test-server (or --host)${summary.needsBaseUrl ? ', required here' : ''}.`,
          "-u, -r and -t are ignored: the plan's load shape sets the users and the run time.",
        ),
        settings: [
          { key: 'locustfile', value: LOCUSTFILE },
          { key: 'headless', value: 'true' },
          { key: 'perfplan-test-type', value: summary.type },
        ],
      },
    })),
    ...(plan.data !== undefined && plan.data.columns.length > 0 ? { feeder: feederCsv(plan.data) } : {}),
    diagnostics,
  };
}
