import { commentText, integerWeights, mergeTargets, pyLiteral, type TestCase, type TestTarget, type TestType } from 'perfplan/plugin';
import { pyNumber } from './python-data.js';
import { pascalIdentifier, PythonNames, snakeIdentifier } from './python-names.js';

/** One `@task` method of an operation user class. */
export interface TaskView {
  methodName: string;
  /** Integer weight of the task within its class. */
  weight: number;
  /** String literal of the operationId. */
  operationId: string;
  /** `GET /pets/{id}`, comment-safe. */
  title: string;
}

/** One step method of a workflow's SequentialTaskSet. */
export interface StepView {
  methodName: string;
  index: number;
  /** What the step sends and carries, comment-safe. */
  comment: string;
}

/** Everything the locustfile template prints for one test case: its User class (and workflow TaskSet). */
export interface UserClassView {
  className: string;
  /** String literal: the class docstring (the test case name). */
  docstring: string;
  /** Comment-safe lines above the class. */
  comments: string[];
  /** String literal of the test case id. */
  caseId: string;
  weight: number;
  /** `constant(1)` (think time) or `paced_arrivals` (the test case's shared arrival schedule). */
  waitTime: string;
  /** Arguments of `@tag(...)`: the test type and the test case id, as literals. */
  tags: string;
  tasks: TaskView[];
  workflow?: { className: string; waitTime: string; steps: StepView[] };
}

/**
 * Wait time of a test case's users. Open model (a target rate): the users share one arrival
 * schedule of targetRps × users(t) / virtualUsers requests/s (perfplan_locust.paced_arrivals);
 * nobody thinks, a free user takes the next arrival, and arrivals no user is free for are dropped
 * (a slow server exhausts the pool). Not constant_pacing: users spawned together would pace in
 * step, and a short window would count up to one request per user too many or too few. Closed
 * model: each user thinks between requests.
 */
export function waitTimeOf(testCase: TestCase): string {
  const { profile } = testCase;
  const rps = profile.targetRps;
  if (testCase.type !== 'workflow' && rps !== undefined && Number.isFinite(rps) && rps > 0) return 'paced_arrivals';
  return `constant(${pyNumber(Math.max(0, profile.thinkTimeSeconds || 0))})`;
}

export function userClassView(input: {
  testCase: TestCase;
  type: TestType;
  classNames: PythonNames;
  /** Targets with a request in the plan. */
  targets: readonly TestTarget[];
  titles: Map<string, string>;
  workflowSteps?: Array<{ operationId: string; id: string; extract: string[]; inject: string[] }>;
}): UserClassView {
  const { testCase } = input;
  const className = input.classNames.claim(pascalIdentifier(testCase.id, 'TestCase'));
  const methods = new PythonNames();
  const targets = mergeTargets(input.targets);
  const weights = integerWeights(targets.map((target) => target.weight));
  const tasks = input.workflowSteps
    ? []
    : targets.map((target, index) => ({
        methodName: methods.claim(`task_${snakeIdentifier(target.operationId, 'operation')}`),
        weight: weights[index],
        operationId: pyLiteral(target.operationId),
        title: commentText(input.titles.get(target.operationId) ?? target.operationId),
      }));
  const view: UserClassView = {
    className,
    docstring: pyLiteral(testCase.name),
    comments: [commentText(`${testCase.id}: ${testCase.rationale}`, 300)],
    caseId: pyLiteral(testCase.id),
    weight: Math.max(1, Math.round(Number.isFinite(testCase.profile.virtualUsers) ? testCase.profile.virtualUsers : 1)),
    waitTime: input.workflowSteps ? 'constant(0)' : waitTimeOf(testCase),
    tags: `${pyLiteral(input.type)}, ${pyLiteral(testCase.id)}`,
    tasks,
  };
  if (input.workflowSteps) {
    const stepNames = new PythonNames(['step']);
    view.workflow = {
      className: input.classNames.claim(`${className}Steps`),
      waitTime: `constant(${pyNumber(Math.max(0, testCase.profile.thinkTimeSeconds || 0))})`,
      steps: input.workflowSteps.map((step, index) => ({
        methodName: stepNames.claim(`step_${index + 1}_${snakeIdentifier(step.operationId, 'operation')}`),
        index,
        comment: commentText(
          [
            `${step.id}: ${input.titles.get(step.operationId) ?? step.operationId}`,
            step.inject.length > 0 ? `uses ${step.inject.join(', ')}` : '',
            step.extract.length > 0 ? `keeps ${step.extract.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join('; '),
          300,
        ),
      })),
    };
  }
  return view;
}
