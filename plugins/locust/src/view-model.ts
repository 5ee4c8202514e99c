import {
  commentText,
  GENERATED_NOTICE,
  planSourceComment,
  pyLiteral,
  shellQuote,
  TEST_TYPE_TITLES,
  TEST_TYPES,
  type Diagnostic,
  type JsonValue,
  type RequestTemplate,
  type TestCase,
  type TestPlan,
  type TestTarget,
  type TestType,
  type Workflow,
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
export const LOCUST_SUPPORT_FILE = 'locust/perfplan_locust.py';

/** The config file of each test type, relative to the output folder. */
export function confFile(type: TestType): string {
  return `locust/${type}.conf`;
}

const TYPE_NOTES: Record<TestType, string> = {
  load: 'Users with a request rate are paced (constant_throughput = rate / users); others wait their think time.',
  stress: 'Steps up the users; past the breaking point (p95, errors or a throughput drop over a 10 s window) the shape goes to the recovery load, then ends.',
  spike: 'Baseline, spike, recovery: errors are judged during the spike, p95 and errors once the recovery time has passed.',
  soak: 'Holds the load; p95 and errors of the last window are compared with the first.',
  mixed: 'All operations together, weighted by category; paced when the plan gives a request rate.',
  workflow: 'Each user walks its workflow (a SequentialTaskSet), carrying extracted values into later steps; a missing value fails the iteration.',
};

export interface SectionView {
  type: TestType;
  /** Comment-safe lines above the section. */
  comments: string[];
  classes: UserClassView[];
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
  confs: Array<{ type: TestType; path: string; model: ConfViewModel; firstClass: string; classCount: number }>;
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

function environmentLines(plan: TestPlan): string[] {
  const lines = [commentText(`BASE_URL: the server under test (default ${plan.defaultBaseUrl}); --host overrides it.`, 300)];
  for (const variable of plan.environment) {
    if (variable.name === 'BASE_URL') continue;
    const flags = [variable.required ? 'required' : 'optional', variable.secret ? 'secret' : ''].filter(Boolean).join(', ');
    lines.push(commentText(`${variable.name}: ${variable.description} (${flags}).`, 300));
  }
  return lines;
}

/** What a test case calls: a workflow test case its workflow's steps, any other its weighted targets. */
function targetsOf(testCase: TestCase, plan: TestPlan, report: (diagnostic: Diagnostic) => void): { targets: TestTarget[]; workflow?: Workflow } {
  if (testCase.type !== 'workflow' || testCase.workflowId === undefined) return { targets: testCase.targets };
  const workflow = (plan.workflows ?? []).find((candidate) => candidate.id === testCase.workflowId);
  if (!workflow) {
    report({
      code: 'locust/unknown-workflow',
      severity: 'warning',
      message: `locust: test case "${testCase.id}" names workflow "${testCase.workflowId}", which the plan does not have; its targets run as weighted tasks instead.`,
    });
    return { targets: testCase.targets };
  }
  return { targets: workflow.steps.map((step) => ({ operationId: step.operationId, weight: step.weight })), workflow };
}

/** The view models of every Locust file for a plan, and the problems found on the way. */
export function locustViewModels(plan: TestPlan): LocustViewModels {
  const diagnostics: Diagnostic[] = [];
  const report = (diagnostic: Diagnostic) => diagnostics.push(diagnostic);
  const requests = new Map<string, RequestTemplate>();
  for (const request of plan.requests) if (!requests.has(request.operationId)) requests.set(request.operationId, request);
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
    for (const testCase of plan.testCases.filter((candidate) => candidate.type === type)) {
      const { targets: planned, workflow } = targetsOf(testCase, plan, report);
      const targets = planned.filter((target) => {
        if (requests.has(target.operationId)) return true;
        report({
          code: 'locust/unknown-operation',
          severity: 'warning',
          message: `locust: test case "${testCase.id}" targets operation "${target.operationId}", which has no request in the plan; the target is left out.`,
        });
        return false;
      });
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
    }
    if (classes.length === 0) continue;
    sections.push({
      type,
      comments: [
        `${TEST_TYPE_TITLES[type]} (tag "${type}"): ${classes.length} test case${classes.length === 1 ? '' : 's'}.`,
        `Run: locust -f ${LOCUSTFILE} --config ${confFile(type)}`,
        TYPE_NOTES[type],
      ],
      classes,
    });
  }

  const first = sections[0];
  const example = first ? { type: first.type, className: first.classes[0].className } : { type: 'load' as TestType, className: 'ClassName' };
  const types = sections.map((section) => section.type);
  return {
    locustfile: {
      header: header(
        plan,
        'Locust tests for the plan: one User class per test case, grouped by test type; each type has its locust/<type>.conf.',
        'A load shape follows the plan\'s stages; success criteria decide the exit code.',
        'Run from the output folder:',
        `  every ${example.type} test case:   locust -f ${LOCUSTFILE} --config ${confFile(example.type)}`,
        `  one test case:          locust -f ${LOCUSTFILE} --config ${confFile(example.type)} ${shellQuote(example.className)}`,
        `  (the class name picks it; ${shellQuote(`LOCUST_USER_CLASSES=${example.className}`)} works too)`,
        `  with the web UI:        locust -f ${LOCUSTFILE} --perfplan-test-type ${example.type}`,
        `  smoke (each request once): PERFPLAN_SMOKE=1 locust -f ${LOCUSTFILE} --config ${confFile(example.type)}`,
        '  another server:         BASE_URL=http://127.0.0.1:4010 locust ... (or --host)',
        'When Locust quits, every criterion is printed (measured value, limit and by how much it failed) and',
        'the exit code is 1 when one failed; PERFPLAN_CRITERIA_FILE=path also writes them as JSON.',
        'Several test cases of a type run together: the shape sums their users, shared by class weight.',
        'Requests are named after their operationId; PERFPLAN_HTTP_CLIENT=requests uses HttpUser instead of FastHttpUser.',
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
        { name: 'TEST_TYPES', value: pyLiteral(types) },
        { name: 'TEST_CASES', value: pyData(caseEntries) },
        { name: 'WORKFLOWS', value: pyData(workflowEntries) },
      ],
    },
    runtimeHeader: [GENERATED_NOTICE, planSourceComment(plan)],
    confs: sections.map((section) => ({
      type: section.type,
      path: confFile(section.type),
      firstClass: section.classes[0].className,
      classCount: section.classes.length,
      model: {
        header: header(
          plan,
          `${TEST_TYPE_TITLES[section.type]}: locust -f ${LOCUSTFILE} --config ${confFile(section.type)}   (from the output folder)`,
          `One test case: add its User class name, e.g. ... --config ${confFile(section.type)} ${shellQuote(section.classes[0].className)}`,
        ),
        settings: [
          { key: 'locustfile', value: LOCUSTFILE },
          { key: 'headless', value: 'true' },
          { key: 'perfplan-test-type', value: section.type },
        ],
      },
    })),
    diagnostics,
  };
}
