import type { RequestTemplate, TestCase, TestPlan, TestTarget, Workflow } from '../model/index.js';

/** The plan's requests by operationId (the first of an operationId, should a plan hold two). */
export function requestsByOperation(plan: TestPlan): Map<string, RequestTemplate> {
  const requests = new Map<string, RequestTemplate>();
  for (const request of plan.requests) if (!requests.has(request.operationId)) requests.set(request.operationId, request);
  return requests;
}

/** A target of a test case with the request it sends. */
export interface TargetCall extends TestTarget {
  request: RequestTemplate;
}

/** What one iteration of a test case calls, as a renderer needs it. */
export interface TestCaseCalls {
  /** The workflow a workflow test case walks. */
  workflow?: Workflow;
  /** The id a workflow test case names when the plan has no such workflow: its targets are used instead. */
  missingWorkflowId?: string;
  /**
   * In order: a workflow's steps (each step's weight is the share of iterations it runs in), else
   * the test case's weighted targets. Weights are as planned: see boundedWeight.
   */
  targets: TestTarget[];
  /** The targets with a request in the plan, with it. */
  calls: TargetCall[];
  /** The operationIds of targets with no request in the plan, in order (a renderer leaves them out and says so). */
  unknownOperations: string[];
}

/**
 * What a test case calls: its workflow's steps for a workflow test case, else its targets, each
 * with its request. Pass `requests` (requestsByOperation) when rendering many test cases.
 */
export function testCaseCalls(input: { plan: TestPlan; testCase: TestCase; requests?: ReadonlyMap<string, RequestTemplate> }): TestCaseCalls {
  const { plan, testCase } = input;
  const requests = input.requests ?? requestsByOperation(plan);
  let workflow: Workflow | undefined;
  let missingWorkflowId: string | undefined;
  if (testCase.type === 'workflow' && testCase.workflowId !== undefined) {
    workflow = (plan.workflows ?? []).find((candidate) => candidate.id === testCase.workflowId);
    if (workflow === undefined) missingWorkflowId = testCase.workflowId;
  }
  const targets = workflow ? workflow.steps.map((step) => ({ operationId: step.operationId, weight: step.weight })) : testCase.targets;
  const calls: TargetCall[] = [];
  const unknownOperations: string[] = [];
  for (const target of targets) {
    const request = requests.get(target.operationId);
    if (request) calls.push({ ...target, request });
    else unknownOperations.push(target.operationId);
  }
  return { ...(workflow ? { workflow } : {}), ...(missingWorkflowId === undefined ? {} : { missingWorkflowId }), targets, calls, unknownOperations };
}
