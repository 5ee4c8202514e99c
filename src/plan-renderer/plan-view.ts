import { TEST_TYPES } from '../model/index.js';
import type { Diagnostic, OperationAnalysis, TestCase, TestPlan, TestType, TimeWindow } from '../model/index.js';
import { SpecDiagnosticCode } from '../openapi/index.js';
import type { EngineInstructions } from '../plugin-api/index.js';
import { plural } from '../plugin-api/plural.js';
import { WEBHOOKS_ONLY_CODE } from '../pipeline/empty-plan.js';
import { SERVER_RULE } from '../pipeline/plan-servers.js';
import { specTokenUrlAllowed, TOKEN_URL_RULE } from '../pipeline/token-url-rule.js';
import { dataView, type DataView } from './data-view.js';
import { commandLine, mdCode, mdText } from './markdown-text.js';
import { clock, duration, percent } from './units.js';

// Pure: the same plan gives the same view. Every string of the plan is escaped here for Markdown
// (mdText, mdCode); the templates in templates/plan only loop and print, and hold the fixed prose.

/** PLAN.md's view (templates/plan/PLAN.md.ejs). */
export interface PlanView {
  intro: { title: string; version: string; specFile: string; specVersion: string; operations: string };
  /** Why a spec without operations has no test cases. */
  nothingToCall?: { specFile: string; webhooks?: string };
  summary: {
    testCases: string;
    operations: string;
    webhooks?: number;
    authenticationRequired: 'yes' | 'no';
    complexity: string;
    complexityReasons: string;
    /** Absent for a spec without operations. */
    baseUrl?: { url: string; configured: boolean };
  };
  /** Every section of a plan with operations; absent for a spec without any (the summary says why). */
  sections?: PlanSections;
  /** The files the spec's $refs made perfplan read. */
  filesRead?: { count: string; files: string[] };
  /** The problems found in the spec and handled (not the files read). */
  diagnostics?: { count: string; verb: 'was' | 'were'; rows: DiagnosticRow[]; more: number };
}

export interface PlanSections {
  runTime: { timeScale: string; rows: Array<{ type: TestType; cases: number; byName: number; clock: string }>; total: string };
  loadModels: Array<{ title: string; explanation: string }>;
  loadPatterns: string[];
  critical: Array<{ operation: string; id: string; indicator: string; reason: string }>;
  dataIntensive: Array<{ operation: string; id: string; category: string; reason: string }>;
  testTypes: Array<{ title: string; cases: TestCaseRow[] }>;
  workflows: WorkflowView[];
  dependencies: { rows: Array<{ from: string; to: string; source: string; values: string; reason: string }>; more: number };
  data?: DataView;
  environment: Array<{ name: string; required: 'yes' | 'no'; secret: 'yes' | 'no'; description: string }>;
  serverRule?: string;
  tokenUrls?: { rule: string; baseUrl: string; rows: Array<{ scheme: string; tokenUrl: string; verdict: string }> };
  engines: Array<{ name: string; steps: Array<{ description: string; command: string }> }>;
}

export interface TestCaseRow {
  id: string;
  start: string;
  name: string;
  profile: string;
  users: number;
  shape: string;
  pacing: string;
  criteria: string;
  rationale: string;
}

export interface WorkflowView {
  name: string;
  id: string;
  rationale: string;
  steps: Array<{ number: number; operation: string; weight: number; takes: string; gives: string }>;
  completion: string;
  meanMs: number;
  errors: string;
}

export interface DiagnosticRow {
  severity: string;
  code: string;
  pointer: string;
  message: string;
  fix: string;
}

/** At most this many rows of dependencies and of diagnostics; plan.json has them all. */
const MAX_DEPENDENCIES = 300;
const MAX_DIAGNOSTICS = 200;

/**
 * Run instructions are the renderers' own sentences, never cut in practice: the bound only keeps a
 * plugin's runaway text from filling PLAN.md.
 */
const RUN_DESCRIPTION_MAX = 2000;

const TYPE_TITLES: Record<string, string> = {
  load: 'Load tests',
  stress: 'Stress tests',
  spike: 'Spike tests',
  soak: 'Soak test',
  mixed: 'Mixed workload',
  workflow: 'Workflows',
};

function operationLabel(operation: OperationAnalysis): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

function shape(testCase: TestCase): string {
  return testCase.profile.stages.map((stage) => `${duration(stage.durationSeconds)} → ${stage.target}`).join(', ');
}

function windowText(window: TimeWindow | undefined): string {
  return window === undefined ? '' : ` (${duration(window.fromSeconds)}–${duration(window.toSeconds)})`;
}

function criteria(testCase: TestCase): string {
  const judged = testCase.criteria.latencyWindow ? ` in the recovery${windowText(testCase.criteria.latencyWindow)}` : '';
  const parts = [`p95 < ${testCase.criteria.p95Ms} ms${judged}`, `errors < ${percent(testCase.criteria.errorRate)}${judged}`];
  if (testCase.criteria.minThroughputRps > 0) parts.push(`≥ ${testCase.criteria.minThroughputRps} rps${windowText(testCase.criteria.throughputWindow)}`);
  if (testCase.criteria.meanMs !== undefined) parts.push(`mean < ${testCase.criteria.meanMs} ms`);
  if (testCase.criteria.maxMs !== undefined) parts.push(`max < ${testCase.criteria.maxMs} ms`);
  if (testCase.breakingPoint) {
    parts.push(
      `breaking point (reported): p95 > ${testCase.breakingPoint.p95Ms} ms or errors > ${percent(testCase.breakingPoint.errorRate)} or throughput more than ${percent(testCase.breakingPoint.throughputDrop)} short of the users' best rate`,
    );
  }
  if (testCase.recovery) parts.push(`recovery at ${testCase.recovery.users} users for ${duration(testCase.recovery.durationSeconds)}, judged from ${duration(testCase.recovery.settleSeconds)} in`);
  if (testCase.spike) {
    parts.push(
      `errors during the spike${windowText(testCase.spike.spikeWindow)} < ${percent(testCase.spike.errorRateDuringSpike)}, p95 and errors back within the criteria ${duration(testCase.spike.recoverySeconds)} after it${windowText(testCase.spike.recoveredWindow)}`,
    );
  }
  if (testCase.soak) {
    parts.push(
      `last ${duration(testCase.soak.windowSeconds)} of the hold${windowText(testCase.soak.lastWindow)} vs first${windowText(testCase.soak.firstWindow)}: p95 drift ≤ ${percent(testCase.soak.maxP95Drift)}, error growth ≤ ${percent(testCase.soak.maxErrorRateGrowth)}`,
    );
  }
  return parts.join(', ');
}

function pacing(testCase: TestCase): string {
  return testCase.profile.targetRps !== undefined ? `paced at ${testCase.profile.targetRps} rps` : `${testCase.profile.thinkTimeSeconds} s`;
}

function caseSeconds(testCase: TestCase): number {
  return testCase.profile.stages.reduce((sum, stage) => sum + Math.max(0, stage.durationSeconds), 0);
}

/** Wall-clock time of each test type's default run: its cases one after another. */
function runSeconds(plan: TestPlan): Array<{ type: TestType; seconds: number; cases: number; byName: number }> {
  return TEST_TYPES.flatMap((type) => {
    const cases = plan.testCases.filter((testCase) => testCase.type === type);
    if (cases.length === 0) return [];
    const defaults = cases.filter((testCase) => !testCase.onlyByName);
    const seconds = Math.max(0, ...defaults.map((testCase) => testCase.startSeconds + caseSeconds(testCase)));
    return [{ type, seconds, cases: defaults.length, byName: cases.length - defaults.length }];
  });
}

/** The profiles' load models, once per distinct arithmetic. */
function loadModels(plan: TestPlan): PlanSections['loadModels'] {
  const seen = new Map<string, string[]>();
  for (const testCase of plan.testCases) {
    const model = testCase.profile.loadModel;
    if (!model) continue;
    const key = `${testCase.type}: ${testCase.profile.title} (${model.kind === 'open' ? 'paced arrivals' : 'users who wait and think'})`;
    if (!seen.has(key)) seen.set(key, model.explanation);
  }
  return [...seen].map(([title, explanation]) => ({ title: mdText(title), explanation: explanation.map((sentence) => mdText(sentence, 400)).join(' ') }));
}

function testCaseRow(testCase: TestCase): TestCaseRow {
  return {
    id: mdCode(testCase.id),
    start: testCase.onlyByName ? 'by name' : clock(testCase.startSeconds),
    name: mdText(testCase.name),
    profile: mdText(testCase.profile.title),
    users: testCase.profile.virtualUsers,
    shape: shape(testCase),
    pacing: pacing(testCase),
    criteria: criteria(testCase),
    rationale: mdText(testCase.rationale, 600),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Record<string, T[]> {
  const groups: Record<string, T[]> = {};
  for (const item of items) (groups[key(item)] ??= []).push(item);
  return groups;
}

function workflowView(workflow: TestPlan['workflows'][number]): WorkflowView {
  return {
    name: mdText(workflow.name),
    id: mdCode(workflow.id),
    rationale: mdText(workflow.rationale, 600),
    steps: workflow.steps.map((step, index) => ({
      number: index + 1,
      operation: mdCode(step.operationId),
      weight: step.weight,
      takes: step.inject.map((injection) => `${mdCode(injection.variable)} → ${mdCode(injection.to)}`).join('<br>'),
      gives: step.extract.map((extraction) => `${mdCode(extraction.from)} → ${mdCode(extraction.variable)}`).join('<br>'),
    })),
    completion: percent(workflow.criteria.completionRate),
    meanMs: workflow.criteria.meanWorkflowMs,
    errors: percent(workflow.criteria.errorRate),
  };
}

function tokenUrls(plan: TestPlan): PlanSections['tokenUrls'] {
  const oauth2 = plan.auth.filter((auth): auth is Extract<typeof auth, { tokenUrl: string }> => 'tokenUrl' in auth);
  if (oauth2.length === 0) return undefined;
  return {
    rule: TOKEN_URL_RULE,
    baseUrl: mdCode(plan.defaultBaseUrl),
    rows: oauth2.map((auth) => ({
      scheme: mdText(auth.scheme, 80),
      tokenUrl: mdCode(auth.tokenUrl.slice(0, 200)),
      verdict: specTokenUrlAllowed(auth, plan.defaultBaseUrl) ? 'used' : `the run stops: set ${mdCode(auth.tokenUrlEnv)}`,
    })),
  };
}

function sections(plan: TestPlan, instructions: readonly EngineInstructions[]): PlanSections {
  const { analysis } = plan;
  const runs = runSeconds(plan);
  const data = dataView(plan);
  return {
    runTime: {
      timeScale: `${plan.timeScale}${plan.timeScale === 1 ? '' : ' by default'}`,
      rows: runs.map((entry) => ({ type: entry.type, cases: entry.cases, byName: entry.byName, clock: clock(entry.seconds) })),
      total: clock(runs.reduce((sum, entry) => sum + entry.seconds, 0)),
    },
    loadModels: loadModels(plan),
    loadPatterns: analysis.recommendedLoadPatterns.map((pattern) => mdText(pattern)),
    critical: analysis.operations
      .filter((operation) => operation.critical)
      .map((operation) => ({ operation: mdCode(operationLabel(operation)), id: mdCode(operation.operationId), indicator: mdText(operation.critical!.indicator), reason: mdText(operation.critical!.reason) })),
    dataIntensive: analysis.operations
      .filter((operation) => operation.dataIntensive)
      .map((operation) => ({ operation: mdCode(operationLabel(operation)), id: mdCode(operation.operationId), category: operation.dataIntensive!.category, reason: mdText(operation.dataIntensive!.reason) })),
    testTypes: Object.entries(groupBy(plan.testCases, (testCase) => testCase.type)).map(([type, cases]) => ({ title: TYPE_TITLES[type] ?? type, cases: cases.map(testCaseRow) })),
    workflows: plan.workflows.map(workflowView),
    dependencies: {
      rows: analysis.dependencies.slice(0, MAX_DEPENDENCIES).map((edge) => ({
        from: mdCode(edge.from),
        to: mdCode(edge.to),
        source: edge.source,
        values: edge.bindings.map((binding) => `${mdCode(binding.from)} → ${mdCode(binding.to)}`).join('<br>'),
        reason: mdText(edge.reason),
      })),
      more: Math.max(0, analysis.dependencies.length - MAX_DEPENDENCIES),
    },
    ...(data === undefined ? {} : { data }),
    environment: plan.environment.map((variable) => ({
      name: mdCode(variable.name),
      required: variable.required ? 'yes' : 'no',
      secret: variable.secret ? 'yes' : 'no',
      description: `${mdText(variable.description)}${variable.default ? ` (default ${mdCode(variable.default)})` : ''}`,
    })),
    ...((plan.servers ?? []).length > 0 ? { serverRule: SERVER_RULE } : {}),
    ...(tokenUrls(plan) === undefined ? {} : { tokenUrls: tokenUrls(plan) }),
    engines: instructions.map(({ engine, steps }) => ({
      name: mdText(engine),
      steps: steps.map((step) => ({ description: mdText(step.description, RUN_DESCRIPTION_MAX), command: commandLine(step.command) })),
    })),
  };
}

function diagnosticRow(diagnostic: Diagnostic): DiagnosticRow {
  return {
    severity: diagnostic.severity,
    code: mdCode(diagnostic.code),
    pointer: diagnostic.pointer ? mdCode(diagnostic.pointer) : '',
    message: mdText(diagnostic.message),
    fix: mdText(diagnostic.fix ?? ''),
  };
}

/** The view of PLAN.md for a plan and the engines' run instructions. */
export function planView(plan: TestPlan, instructions: readonly EngineInstructions[]): PlanView {
  const { analysis, source } = plan;
  const counts = Object.entries(groupBy(plan.testCases, (testCase) => testCase.type)).map(([type, cases]) => `${cases.length} ${type}`);
  // The files read get a list of their own: complete, and never pushing problems out of the table.
  const filesRead = plan.diagnostics.filter((diagnostic) => diagnostic.code === SpecDiagnosticCode.externalFileRead);
  // A spec of webhooks only is no problem: the plan's first lines say why there is nothing to test.
  const problems = plan.diagnostics.filter((diagnostic) => diagnostic.code !== SpecDiagnosticCode.externalFileRead && diagnostic.code !== WEBHOOKS_ONLY_CODE);
  const hasOperations = source.operationCount > 0;
  return {
    intro: {
      title: mdText(source.title),
      version: mdText(source.version),
      specFile: mdCode(source.specFile),
      specVersion: mdText(source.specVersion),
      operations: plural(source.operationCount, 'operation'),
    },
    ...(hasOperations
      ? {}
      : { nothingToCall: { specFile: mdCode(source.specFile), ...(source.webhookCount ? { webhooks: plural(source.webhookCount, 'webhook') } : {}) } }),
    summary: {
      testCases: `${plural(plan.testCases.length, 'test case')}${plan.testCases.length === 0 ? '' : ': '}${counts.join(', ')}`,
      operations: `${analysis.totals.operations} (${analysis.totals.read} read, ${analysis.totals.write} write${analysis.totals.deprecated ? `, ${analysis.totals.deprecated} deprecated` : ''})`,
      ...(source.webhookCount ? { webhooks: source.webhookCount } : {}),
      authenticationRequired: analysis.authenticationRequired ? 'yes' : 'no',
      complexity: analysis.complexity.level,
      complexityReasons: analysis.complexity.reasons.map((reason) => mdText(reason)).join('; '),
      ...(hasOperations ? { baseUrl: { url: mdCode(plan.defaultBaseUrl), configured: plan.defaultBaseUrlSource === 'config' } } : {}),
    },
    ...(hasOperations ? { sections: sections(plan, instructions) } : {}),
    ...(filesRead.length === 0 ? {} : { filesRead: { count: plural(filesRead.length, 'file'), files: filesRead.map((diagnostic) => mdText(diagnostic.message, 1000)) } }),
    ...(problems.length === 0
      ? {}
      : {
          diagnostics: {
            count: plural(problems.length, 'problem'),
            verb: problems.length === 1 ? 'was' : 'were',
            rows: problems.slice(0, MAX_DIAGNOSTICS).map(diagnosticRow),
            more: Math.max(0, problems.length - MAX_DIAGNOSTICS),
          },
        }),
  };
}
