import { commentText, jsString, type LoadProfile, type LoadStage, type SuccessCriteria, type TestCase } from 'perfplan/plugin';
import { weightedCycle } from './weights.js';

export interface StageView {
  duration: string;
  target: number;
}

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
  exec: string;
  stages: StageView[];
  gracefulRampDown: string;
  thresholds: ThresholdView[];
  /** Statements before the scenario function (weighted target tables). */
  declarations: string[];
  /** Statements of the scenario function's body. */
  statements: string[];
}

/** A k6 duration string for a number of seconds. */
export function k6Duration(seconds: number): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  return Number.isInteger(safe) ? `${safe}s` : `${Math.round(safe * 1000)}ms`;
}

function numberText(value: number): string {
  return String(Number(value.toFixed(6)));
}

/** The profile's stages; a profile without any gets ramp-up, hold and ramp-down from its numbers. */
function stagesView(profile: LoadProfile): StageView[] {
  const stages: LoadStage[] =
    profile.stages.length > 0
      ? profile.stages
      : [
          { durationSeconds: profile.rampUpSeconds, target: profile.virtualUsers },
          { durationSeconds: profile.durationSeconds, target: profile.virtualUsers },
          { durationSeconds: profile.rampDownSeconds, target: 0 },
        ].filter((stage) => stage.durationSeconds > 0);
  return stages.map((stage) => ({
    duration: jsString(k6Duration(stage.durationSeconds)),
    target: Number.isFinite(stage.target) ? Math.max(0, Math.round(stage.target)) : 0,
  }));
}

function thresholdsView(scenario: string, criteria: SuccessCriteria): ThresholdView[] {
  const tag = (metric: string) => jsString(`${metric}{scenario:${scenario}}`);
  const rules = (list: string[]) => `[${list.map((rule) => jsString(rule)).join(', ')}]`;
  const duration = [`p(95)<${numberText(criteria.p95Ms)}`];
  if (criteria.meanMs !== undefined) duration.push(`avg<${numberText(criteria.meanMs)}`);
  if (criteria.maxMs !== undefined) duration.push(`max<${numberText(criteria.maxMs)}`);
  const thresholds: ThresholdView[] = [
    { metric: tag('http_req_duration'), rules: rules(duration) },
    // rate<0 could never pass: a zero error budget means no failed request at all.
    { metric: tag('http_req_failed'), rules: rules([criteria.errorRate > 0 ? `rate<${numberText(criteria.errorRate)}` : 'rate<=0']) },
  ];
  if (criteria.minThroughputRps > 0) thresholds.push({ metric: tag('http_reqs'), rules: rules([`rate>${numberText(criteria.minThroughputRps)}`]) });
  return thresholds;
}

/** Splits numbers over lines of at most `perLine` for a readable array literal. */
function numberRows(numbers: readonly number[], perLine: number, indent: string): string[] {
  const rows: string[] = [];
  for (let start = 0; start < numbers.length; start += perLine) rows.push(`${indent}${numbers.slice(start, start + perLine).join(', ')},`);
  return rows;
}

interface Target {
  functionName: string;
  operationId: string;
  weight: number;
}

function body(input: { testCase: TestCase; functionName: string; targets: Target[] }): Pick<ScenarioView, 'declarations' | 'statements'> {
  const { testCase, functionName, targets } = input;
  const think = testCase.profile.thinkTimeSeconds;
  const pause = Number.isFinite(think) && think > 0 ? [`sleep(${numberText(think)});`] : [];
  if (testCase.type === 'workflow') {
    // A workflow is a journey: every iteration walks its steps in order; a step with a
    // weight below 1 runs in the first iteration and then in that share of iterations.
    const statements = targets.flatMap((target) => {
      const call = [`requests.${target.functionName}();`, ...pause];
      if (!(target.weight < 1 && target.weight > 0)) return call;
      return [`if (stepRuns(${numberText(target.weight)})) {`, ...call.map((line) => `  ${line}`), '}'];
    });
    return { declarations: [], statements };
  }
  if (targets.length === 1) return { declarations: [], statements: [`requests.${targets[0].functionName}();`, ...pause] };
  const cycle = weightedCycle(targets.map((target) => target.weight));
  const declarations = [
    `// Weights: ${commentText(targets.map((target) => `${target.operationId} ${numberText(target.weight)}`).join(', '), 400)}`,
    `const ${functionName}Targets = [`,
    ...targets.map((target) => `  requests.${target.functionName},`),
    '];',
    `// Iteration i runs target ${functionName}Cycle[i % ${cycle.length}]: the weights, interleaved.`,
    `const ${functionName}Cycle = [`,
    ...numberRows(cycle, 20, '  '),
    '];',
  ];
  return { declarations, statements: [`pickByWeight(${functionName}Targets, ${functionName}Cycle)();`, ...pause] };
}

export function scenarioView(input: {
  testCase: TestCase;
  name: string;
  functionName: string;
  targets: Target[];
}): ScenarioView {
  const { testCase, name, functionName, targets } = input;
  const profile = testCase.profile;
  const stepsPerIteration = testCase.type === 'workflow' ? targets.length : 1;
  // Long enough for an iteration in flight to finish: think time plus a slow response, per step.
  const iterationSeconds = stepsPerIteration * (Math.max(0, profile.thinkTimeSeconds || 0) + Math.max(0, testCase.criteria.p95Ms || 0) / 1000);
  return {
    key: jsString(name),
    name,
    comments: [
      commentText(testCase.name),
      commentText(`${profile.title}: ${profile.virtualUsers} users, ${profile.durationSeconds} s, think time ${profile.thinkTimeSeconds} s.`),
      commentText(testCase.rationale, 300),
    ].filter((line) => line !== ''),
    functionName,
    exec: jsString(functionName),
    stages: stagesView(profile),
    gracefulRampDown: jsString(k6Duration(Math.max(10, Math.ceil(2 * iterationSeconds)))),
    thresholds: thresholdsView(name, testCase.criteria),
    ...body({ testCase, functionName, targets }),
  };
}
