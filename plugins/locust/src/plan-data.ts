import { boundedWeight, parseExtraction, parseInjection } from 'perfplan/plugin';
import type { Diagnostic, JsonValue, LoadProfile, LoadStage, TestCase, TimeWindow, Workflow } from 'perfplan/plugin';

/** The profile's stages, or ramp-up / hold / ramp-down from its numbers when it has none. */
export function profileStages(profile: LoadProfile): LoadStage[] {
  const stages = profile.stages.filter((stage) => Number.isFinite(stage.durationSeconds) && Number.isFinite(stage.target));
  if (stages.length > 0) return stages;
  return [
    { durationSeconds: profile.rampUpSeconds, target: profile.virtualUsers, label: 'ramp-up' },
    { durationSeconds: profile.durationSeconds, target: profile.virtualUsers, label: 'hold' },
    { durationSeconds: profile.rampDownSeconds, target: 0, label: 'ramp-down' },
  ].filter((stage) => stage.durationSeconds > 0);
}

function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** A window the runtime can judge: finite bounds, from before to. */
function windowData(window: TimeWindow | undefined): Record<string, JsonValue> | undefined {
  if (window === undefined || finite(window.fromSeconds) === undefined || finite(window.toSeconds) === undefined) return undefined;
  if (window.toSeconds <= window.fromSeconds) return undefined;
  return { fromSeconds: window.fromSeconds, toSeconds: window.toSeconds };
}

/** The finite numbers and valid windows of criteria (the runtime scales the windows by the time scale). */
function numbersAndWindows(value: object): Record<string, JsonValue> {
  const data: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'number' && Number.isFinite(item)) data[key] = item;
    else if (typeof item === 'object' && item !== null) {
      const window = windowData(item as TimeWindow);
      if (window) data[key] = window;
    }
  }
  return data;
}

/** The entry of one test case in perfplan_plan.TEST_CASES: what the shape, the users and the criteria hook read. */
export function testCaseData(input: { testCase: TestCase; operations: string[]; workflow?: Workflow }): Record<string, JsonValue> {
  const { testCase, workflow } = input;
  const { profile, criteria } = testCase;
  const data: Record<string, JsonValue> = {
    id: testCase.id,
    name: testCase.name,
    type: testCase.type,
    users: profile.virtualUsers,
    // [seconds, target users, label]: the runtime multiplies the seconds by the time scale.
    stages: profileStages(profile).map((stage) => [Math.max(0, stage.durationSeconds), Math.max(0, stage.target), stage.label ?? '']),
    thinkTimeSeconds: profile.thinkTimeSeconds,
    targetRps: finite(profile.targetRps) ?? null,
    criteria: numbersAndWindows(criteria),
    operations: input.operations,
    startSeconds: Math.max(0, finite(testCase.startSeconds) ?? 0),
    onlyByName: testCase.onlyByName === true,
    requiresChosenBaseUrl: testCase.requiresChosenBaseUrl === true,
  };
  if (testCase.servers !== undefined && testCase.servers.length > 0) {
    data.servers = testCase.servers.map((server) => ({ env: server.env, requiresChosen: server.requiresChosen === true, credentials: server.credentials === true }));
  }
  if (testCase.breakingPoint) data.breakingPoint = numbersAndWindows(testCase.breakingPoint);
  if (testCase.recovery) data.recovery = numbersAndWindows(testCase.recovery);
  if (testCase.spike) data.spike = numbersAndWindows(testCase.spike);
  if (testCase.soak) data.soak = numbersAndWindows(testCase.soak);
  if (workflow) {
    data.workflow = workflow.id;
    data.workflowCriteria = { ...workflow.criteria };
  }
  return data;
}

/**
 * The entry of one workflow in perfplan_plan.WORKFLOWS: its steps (those with a request in the
 * plan) with parsed extractions and injections, and where each variable comes from.
 */
export function workflowData(input: {
  workflow: Workflow;
  hasRequest: (operationId: string) => boolean;
  report: (diagnostic: Diagnostic) => void;
}): Record<string, JsonValue> {
  const { workflow } = input;
  const warn = (message: string) =>
    input.report({ code: 'locust/workflow-step', severity: 'warning', message: `locust: workflow "${workflow.id}": ${message}.` });
  const origins: Record<string, JsonValue> = Object.create(null);
  const steps: JsonValue[] = [];
  for (const step of workflow.steps) {
    if (!input.hasRequest(step.operationId)) {
      warn(`step "${step.id}" calls operation "${step.operationId}", which has no request in the plan; the step is left out`);
      continue;
    }
    const extract = step.extract.map((extraction) => {
      const parsed = parseExtraction(extraction.from);
      if (!parsed) warn(`step "${step.id}" extracts "${extraction.variable}" with "${extraction.from}", which the Locust runtime cannot evaluate; the step fails when it runs`);
      if (!(extraction.variable in origins)) origins[extraction.variable] = `${extraction.from} of step "${step.id}"`;
      const entry: Record<string, JsonValue> = { variable: extraction.variable, from: extraction.from, source: parsed?.source ?? 'unsupported' };
      if (parsed?.name !== undefined) entry.name = parsed.name;
      if (parsed?.pointer !== undefined) entry.pointer = parsed.pointer;
      return entry;
    });
    const inject = step.inject.flatMap((injection) => {
      const parsed = parseInjection(injection.to);
      if (!parsed) {
        warn(`step "${step.id}" puts "${injection.variable}" into "${injection.to}", which the Locust runtime does not know; the value is not sent`);
        return [];
      }
      const entry: Record<string, JsonValue> = { variable: injection.variable, to: injection.to, target: parsed.target };
      if (parsed.name !== undefined) entry.name = parsed.name;
      if (parsed.pointer !== undefined) entry.pointer = parsed.pointer;
      return [entry];
    });
    const weight = Math.min(1, Number(boundedWeight(step.weight).toFixed(6)));
    steps.push({ id: step.id, operationId: step.operationId, weight, extract, inject });
  }
  return { id: workflow.id, name: workflow.name, criteria: { ...workflow.criteria }, origins, steps };
}
