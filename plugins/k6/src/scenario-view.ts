import { boundedWeight, commentText, jsString, type LoadProfile, type LoadStage, type TestCase, type Workflow } from 'perfplan/plugin';
import { weightedCycle } from './weights.js';
import { workflowLiteral, workflowTag } from './workflow-view.js';

export interface ThresholdView {
  metric: string;
  rules: string;
}

/** Everything the script template prints for one test case, already JavaScript. */
export interface ScenarioView {
  /** The scenario key, as a string literal. */
  key: string;
  /** The scenario key as plain text (safe in comments and shell commands). */
  name: string;
  /** Comment lines describing the test case. */
  comments: string[];
  functionName: string;
  /** Lines inside the k6 scenario object (executor, exec, stages, ...). */
  scenarioLines: string[];
  thresholds: ThresholdView[];
  /** Array literal of the credentials the scenario's requests use (entries of requests.AUTH). */
  auth: string;
  /** Statements before the scenario function (weighted target tables, phases, the workflow). */
  declarations: string[];
  /** Statements of the scenario function's body. */
  statements: string[];
}

export interface Target {
  functionName: string;
  operationId: string;
  weight: number;
}

/** A k6 duration string for a number of seconds. */
export function k6Duration(seconds: number): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  return Number.isInteger(safe) ? `${safe}s` : `${Math.round(safe * 1000)}ms`;
}

function numberText(value: number): string {
  return String(Number(value.toFixed(6)));
}

function whole(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0;
}

/** The profile's stages; a profile without any gets ramp-up, hold and ramp-down from its numbers. */
export function profileStages(profile: LoadProfile): LoadStage[] {
  if (profile.stages.length > 0) return profile.stages;
  return [
    { durationSeconds: profile.rampUpSeconds, target: profile.virtualUsers, label: 'ramp-up' },
    { durationSeconds: profile.durationSeconds, target: profile.virtualUsers, label: 'hold' },
    { durationSeconds: profile.rampDownSeconds, target: 0, label: 'ramp-down' },
  ].filter((stage) => stage.durationSeconds > 0);
}

export type Executor = 'ramping-vus' | 'ramping-arrival-rate' | 'constant-vus';

/** Open model when the profile gives a request rate (not for workflows, whose iterations are several requests); soak holds its users constant. */
export function executorFor(testCase: TestCase): Executor {
  const rps = testCase.profile.targetRps;
  if (rps !== undefined && Number.isFinite(rps) && rps > 0 && testCase.type !== 'workflow') return 'ramping-arrival-rate';
  if (testCase.type === 'soak') return 'constant-vus';
  return 'ramping-vus';
}

/**
 * Soak with constant-vus: the ramp-up and ramp-down are folded into the hold (half of each,
 * the same user-seconds), so the first and last windows both see the full load.
 */
export function soakSeconds(profile: LoadProfile): number {
  return Math.max(1, Math.round(profile.durationSeconds + (profile.rampUpSeconds + profile.rampDownSeconds) / 2));
}

function stageLines(stages: ReadonlyArray<{ duration: number; target: number }>): string[] {
  return ['stages: [', ...stages.map((stage) => `  { duration: ${jsString(k6Duration(stage.duration))}, target: ${stage.target} },`), '],'];
}

function scenarioLines(testCase: TestCase, functionName: string, gracefulSeconds: number): string[] {
  const profile = testCase.profile;
  const users = Math.max(1, whole(profile.virtualUsers));
  const executor = executorFor(testCase);
  const head = [`executor: '${executor}',`, `exec: ${jsString(functionName)},`];
  const stages = profileStages(profile);
  if (executor === 'ramping-arrival-rate') {
    const rps = profile.targetRps ?? 0;
    // The rate follows the users' shape: targetRps at virtualUsers users.
    return [
      ...head,
      'startRate: 0,',
      "timeUnit: '1s',",
      `preAllocatedVUs: ${users},`,
      `maxVUs: ${users},`,
      ...stageLines(stages.map((stage) => ({ duration: stage.durationSeconds, target: whole((rps * stage.target) / users) }))),
    ];
  }
  if (executor === 'constant-vus') return [...head, `vus: ${users},`, `duration: ${jsString(k6Duration(soakSeconds(profile)))},`];
  return [
    ...head,
    'startVUs: 0,',
    ...stageLines(stages.map((stage) => ({ duration: stage.durationSeconds, target: whole(stage.target) }))),
    `gracefulRampDown: ${jsString(k6Duration(gracefulSeconds))},`,
  ];
}

interface Phase {
  tag: 'phase' | 'window';
  name: string;
  from: number;
  to: number;
}

function stageWindows(stages: readonly LoadStage[]): Array<{ stage: LoadStage; from: number; to: number }> {
  let at = 0;
  return stages.map((stage) => {
    const from = at;
    at += Math.max(0, stage.durationSeconds);
    return { stage, from, to: at };
  });
}

/** Spike: the spike stages (labelled "spike", else those at the highest target), then the time after `recoverySeconds` past them. */
function spikePhases(testCase: TestCase): Phase[] {
  const windows = stageWindows(profileStages(testCase.profile));
  if (windows.length === 0) return [];
  let spike = windows.filter((window) => /spike/i.test(window.stage.label ?? ''));
  if (spike.length === 0) {
    const top = Math.max(...windows.map((window) => window.stage.target));
    spike = windows.filter((window) => window.stage.target === top);
  }
  const from = spike[0].from;
  const to = spike[spike.length - 1].to;
  const end = windows[windows.length - 1].to;
  const recovered = to + Math.max(0, testCase.spike?.recoverySeconds ?? 0);
  const phases: Phase[] = [{ tag: 'phase', name: 'spike', from, to }];
  if (recovered < end) phases.push({ tag: 'phase', name: 'recovered', from: recovered, to: end });
  return phases;
}

function soakWindows(testCase: TestCase): Phase[] {
  const total = executorFor(testCase) === 'constant-vus' ? soakSeconds(testCase.profile) : stageWindows(profileStages(testCase.profile)).at(-1)?.to ?? 0;
  const size = Math.min(Math.max(1, testCase.soak?.windowSeconds ?? 0), total / 2);
  return [
    { tag: 'window', name: 'first', from: 0, to: size },
    { tag: 'window', name: 'last', from: total - size, to: total },
  ];
}

function rulesLiteral(rules: string[]): string {
  return `[${rules.join(', ')}]`;
}

function rate(value: number): string {
  // rate<0 could never pass: a zero error budget means no failed request at all.
  return value > 0 ? `rate<${numberText(value)}` : 'rate<=0';
}

function thresholdsView(input: { testCase: TestCase; scenario: string; workflow?: Workflow }): ThresholdView[] {
  const { testCase, scenario, workflow } = input;
  const { criteria } = testCase;
  const tag = (metric: string, extra = '') => jsString(`${metric}{scenario:${scenario}${extra}}`);
  const text = (rule: string) => jsString(rule);
  const breaking = testCase.type === 'stress' ? testCase.breakingPoint : undefined;
  // Aborting on the first seconds' numbers would stop a test that has barely started.
  const abort = (rule: string) => `{ threshold: ${jsString(rule)}, abortOnFail: true, delayAbortEval: '30s' }`;
  const duration: string[] = [];
  const p95 = `p(95)<${numberText(criteria.p95Ms)}`;
  if (breaking) duration.push(abort(`p(95)<${numberText(breaking.p95Ms)}`));
  if (!breaking || breaking.p95Ms !== criteria.p95Ms) duration.push(text(p95));
  if (criteria.meanMs !== undefined) duration.push(text(`avg<${numberText(criteria.meanMs)}`));
  if (criteria.maxMs !== undefined) duration.push(text(`max<${numberText(criteria.maxMs)}`));
  const errorRate = workflow ? workflow.criteria.errorRate : criteria.errorRate;
  const failed: string[] = [];
  if (breaking) failed.push(abort(rate(breaking.errorRate)));
  if (!breaking || breaking.errorRate !== errorRate) failed.push(text(rate(errorRate)));
  const thresholds: ThresholdView[] = [
    { metric: tag('http_req_duration'), rules: rulesLiteral(duration) },
    { metric: tag('http_req_failed'), rules: rulesLiteral(failed) },
  ];
  if (criteria.minThroughputRps > 0 && testCase.type !== 'workflow') {
    thresholds.push({ metric: tag('http_reqs'), rules: rulesLiteral([text(`rate>${numberText(criteria.minThroughputRps)}`)]) });
  }
  if (testCase.type === 'spike' && testCase.spike) {
    thresholds.push({ metric: tag('http_req_failed', ',phase:spike'), rules: rulesLiteral([text(rate(testCase.spike.errorRateDuringSpike))]) });
    if (spikePhases(testCase).some((phase) => phase.name === 'recovered')) {
      thresholds.push(
        { metric: tag('http_req_duration', ',phase:recovered'), rules: rulesLiteral([text(p95)]) },
        { metric: tag('http_req_failed', ',phase:recovered'), rules: rulesLiteral([text(rate(criteria.errorRate))]) },
      );
    }
  }
  if (testCase.type === 'soak' && testCase.soak) {
    const { maxP95Drift, maxErrorRateGrowth } = testCase.soak;
    thresholds.push(
      { metric: tag('http_req_duration', ',window:first'), rules: rulesLiteral([text(p95)]) },
      { metric: tag('http_req_failed', ',window:first'), rules: rulesLiteral([text(rate(criteria.errorRate))]) },
      { metric: tag('http_req_duration', ',window:last'), rules: rulesLiteral([text(`p(95)<${numberText(criteria.p95Ms * (1 + maxP95Drift))}`)]) },
      { metric: tag('http_req_failed', ',window:last'), rules: rulesLiteral([text(rate(criteria.errorRate + maxErrorRateGrowth))]) },
    );
  }
  if (workflow) {
    const id = workflowTag(workflow.id);
    thresholds.push(
      { metric: jsString(`workflow_complete{workflow:${id}}`), rules: rulesLiteral([text(`rate>${numberText(workflow.criteria.completionRate)}`)]) },
      { metric: jsString(`workflow_duration{workflow:${id}}`), rules: rulesLiteral([text(`avg<${numberText(workflow.criteria.meanWorkflowMs)}`)]) },
    );
  }
  return thresholds;
}

/** Splits numbers over lines of at most `perLine` for a readable array literal. */
function numberRows(numbers: readonly number[], perLine: number, indent: string): string[] {
  const rows: string[] = [];
  for (let start = 0; start < numbers.length; start += perLine) rows.push(`${indent}${numbers.slice(start, start + perLine).join(', ')},`);
  return rows;
}

function phaseDeclaration(name: string, phases: Phase[]): string[] {
  return [
    `const ${name} = [`,
    ...phases.map((phase) => `  { tag: ${jsString(phase.tag)}, name: ${jsString(phase.name)}, from: ${numberText(phase.from)}, to: ${numberText(phase.to)} },`),
    '];',
  ];
}

function body(input: {
  testCase: TestCase;
  functionName: string;
  targets: Target[];
  workflow?: Workflow;
  functionNames: Map<string, string>;
  warn: (message: string) => void;
}): Pick<ScenarioView, 'declarations' | 'statements'> {
  const { testCase, functionName, targets } = input;
  const think = testCase.profile.thinkTimeSeconds;
  const open = executorFor(testCase) === 'ramping-arrival-rate';
  const pause = !open && Number.isFinite(think) && think > 0 ? [`sleep(${numberText(think)});`] : [];
  const declarations: string[] = [];
  const phases = testCase.type === 'spike' ? spikePhases(testCase) : testCase.type === 'soak' && testCase.soak ? soakWindows(testCase) : [];
  let overrides = '';
  if (phases.length > 0) {
    declarations.push(
      testCase.type === 'spike'
        ? '// Seconds since the scenario started: requests are tagged phase:spike during the spike and phase:recovered once it should have recovered.'
        : '// Seconds since the scenario started: requests are tagged window:first and window:last, compared by the thresholds.',
      ...phaseDeclaration(`${functionName}Phases`, phases),
    );
    overrides = `, { tags: phaseTags(${functionName}Phases) }`;
  }
  if (input.workflow) {
    const literal = workflowLiteral({ workflow: input.workflow, thinkTimeSeconds: open ? 0 : think, functionNames: input.functionNames, warn: input.warn });
    declarations.push(
      `// Workflow ${commentText(input.workflow.id)}: ${commentText(input.workflow.name)}.`,
      "/** @type {import('./lib/workflows.js').Workflow} */",
      `const ${functionName}Workflow = ${literal[0]}`,
      ...literal.slice(1, -1),
      `${literal[literal.length - 1]};`,
    );
    return { declarations, statements: [`runWorkflow(${functionName}Workflow, session${phases.length > 0 ? `, phaseTags(${functionName}Phases)` : ''});`] };
  }
  if (targets.length === 1) return { declarations, statements: [`requests.${targets[0].functionName}(session${overrides});`, ...pause] };
  const cycle = weightedCycle(targets.map((target) => target.weight));
  declarations.push(
    `// Weights: ${commentText(targets.map((target) => `${target.operationId} ${numberText(boundedWeight(target.weight))}`).join(', '), 400)}`,
    `const ${functionName}Targets = [`,
    ...targets.map((target) => `  requests.${target.functionName},`),
    '];',
    `// Iteration i runs target ${functionName}Cycle[i % ${cycle.length}]: the weights, interleaved.`,
    `const ${functionName}Cycle = [`,
    ...numberRows(cycle, 20, '  '),
    '];',
  );
  return { declarations, statements: [`pickByWeight(${functionName}Targets, ${functionName}Cycle)(session${overrides});`, ...pause] };
}

function comments(testCase: TestCase): string[] {
  const profile = testCase.profile;
  const executor = executorFor(testCase);
  const lines = [commentText(testCase.name)];
  if (executor === 'ramping-arrival-rate') {
    lines.push(commentText(`${profile.title}: ${numberText(profile.targetRps ?? 0)} requests/s at ${profile.virtualUsers} users' load (paced arrivals, at most ${profile.virtualUsers} in flight), ${profile.durationSeconds} s hold; no think time.`));
  } else if (executor === 'constant-vus') {
    lines.push(commentText(`${profile.title}: ${profile.virtualUsers} users for ${soakSeconds(profile)} s (ramp-up and ramp-down folded into the hold), think time ${profile.thinkTimeSeconds} s.`));
  } else {
    lines.push(commentText(`${profile.title}: ${profile.virtualUsers} users, ${profile.durationSeconds} s, think time ${profile.thinkTimeSeconds} s.`));
  }
  lines.push(commentText(testCase.rationale, 300));
  if (testCase.type === 'stress' && testCase.breakingPoint) {
    lines.push(
      commentText(`Breaking point: the test aborts when p95 passes ${numberText(testCase.breakingPoint.p95Ms)} ms or errors pass ${numberText(testCase.breakingPoint.errorRate * 100)} % (after 30 s), so the recovery stage runs only when no breaking point is reached.`),
      commentText(`A throughput drop of more than ${numberText(testCase.breakingPoint.throughputDrop * 100)} % from the best cannot be a k6 threshold (thresholds see totals, not a time series): read http_reqs over time in the k6 output.`, 300),
    );
  }
  if (testCase.type === 'soak' && testCase.soak) {
    lines.push(
      commentText(`k6 cannot compare two windows in a threshold: the last window's limits are the first window's criteria plus the allowed drift (p95 +${numberText(testCase.soak.maxP95Drift * 100)} %, errors +${numberText(testCase.soak.maxErrorRateGrowth * 100)} points).`, 300),
    );
  }
  return lines.filter((line) => line !== '');
}

export function scenarioView(input: {
  testCase: TestCase;
  name: string;
  functionName: string;
  targets: Target[];
  auth: string;
  workflow?: Workflow;
  functionNames: Map<string, string>;
  warn: (message: string) => void;
}): ScenarioView {
  const { testCase, name, functionName, targets } = input;
  const profile = testCase.profile;
  const stepsPerIteration = input.workflow ? targets.length : 1;
  // Long enough for an iteration in flight to finish: think time plus a slow response, per step.
  const iterationSeconds = stepsPerIteration * (Math.max(0, profile.thinkTimeSeconds || 0) + Math.max(0, testCase.criteria.p95Ms || 0) / 1000);
  return {
    key: jsString(name),
    name,
    comments: comments(testCase),
    functionName,
    scenarioLines: scenarioLines(testCase, functionName, Math.max(10, Math.ceil(2 * iterationSeconds))),
    thresholds: thresholdsView({ testCase, scenario: name, workflow: input.workflow }),
    auth: input.auth,
    ...body({ ...input }),
  };
}
