import { boundedWeight, commentText, jsString, weightedCycle, type TestCase, type Workflow } from 'perfplan/plugin';
import { judgedWindows, type JudgedWindow } from './judged-windows.js';
import { executorFor, numberText, rateUnit, scenarioLines } from './load-shape.js';
import { thresholdsView, type ThresholdView } from './thresholds-view.js';
import { workflowLiteral } from './workflow-view.js';

export type { ThresholdView } from './thresholds-view.js';
export { executorFor, k6Duration, profileStages, rateUnit, type Executor } from './load-shape.js';

/** Everything the script template prints for one test case, already JavaScript. */
export interface ScenarioView {
  /** The scenario key, as a string literal. */
  key: string;
  /** The scenario key as plain text (safe in comments and shell commands). */
  name: string;
  /** The test case's id in the plan. */
  testCaseId: string;
  /** Comment lines describing the test case. */
  comments: string[];
  functionName: string;
  /** Planned seconds after the file's run starts (scaled at init; 0 when selected by name). */
  startSeconds: number;
  onlyByName: boolean;
  requiresChosenBaseUrl: boolean;
  /** Array literal of the servers of TestPlan.servers its requests go to (TestCase.servers); absent when none. */
  servers?: string;
  /** Variables of those servers the test case does not start without. */
  needsServers: string[];
  /** Lines inside the k6 scenario object (executor, exec, stages, ...). */
  scenarioLines: string[];
  thresholds: ThresholdView[];
  /** Array literal of the credentials the scenario's requests use (entries of requests.AUTH). */
  auth: string;
  /** Statements before the scenario function (weighted target tables, windows, the workflow). */
  declarations: string[];
  /** Statements of the scenario function's body. */
  statements: string[];
}

export interface Target {
  functionName: string;
  operationId: string;
  weight: number;
}

/** Splits numbers over lines of at most `perLine` for a readable array literal. */
function numberRows(numbers: readonly number[], perLine: number, indent: string): string[] {
  const rows: string[] = [];
  for (let start = 0; start < numbers.length; start += perLine) rows.push(`${indent}${numbers.slice(start, start + perLine).join(', ')},`);
  return rows;
}

function windowsDeclaration(name: string, windows: readonly JudgedWindow[]): string[] {
  return [
    '// Requests started in these planned seconds since the scenario started (times TIME_SCALE) carry the tag tag:name; thresholds and perfplan evaluate select them by it.',
    `const ${name} = [`,
    ...windows.map((window) => `  { tag: ${jsString(window.tag)}, name: ${jsString(window.name)}, from: ${numberText(window.from)}, to: ${numberText(window.to)} },`),
    '];',
  ];
}

function body(input: {
  testCase: TestCase;
  functionName: string;
  targets: Target[];
  windows: readonly JudgedWindow[];
  workflow?: Workflow;
  functionNames: Map<string, string>;
  warn: (message: string) => void;
}): Pick<ScenarioView, 'declarations' | 'statements'> {
  const { testCase, functionName, targets, windows } = input;
  const think = testCase.profile.thinkTimeSeconds;
  const open = executorFor(testCase) === 'ramping-arrival-rate';
  // Open model: one request per iteration and no think time; the arrival rate paces them.
  const pause = !open && Number.isFinite(think) && think > 0 ? [`sleep(${numberText(think)});`] : [];
  const declarations: string[] = [];
  let overrides = '';
  if (windows.length > 0) {
    declarations.push(...windowsDeclaration(`${functionName}Phases`, windows));
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
    return { declarations, statements: [`runWorkflow(${functionName}Workflow, session${windows.length > 0 ? `, phaseTags(${functionName}Phases)` : ''});`] };
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

function when(testCase: TestCase): string {
  if (testCase.onlyByName) return 'Runs only when selected by name (-e SCENARIO=...), starting at once.';
  return `In the default run it starts ${numberText(testCase.startSeconds)} s x TIME_SCALE after the run starts; selected by name, at once.`;
}

function comments(testCase: TestCase): string[] {
  const profile = testCase.profile;
  const lines = [commentText(testCase.name), commentText(when(testCase))];
  if (executorFor(testCase) === 'ramping-arrival-rate') {
    const rps = profile.targetRps ?? 0;
    lines.push(
      commentText(
        `${profile.title}: ${numberText(rps)} requests/s (targets are per ${rateUnit(rps).timeUnit}) with a pool of ${profile.virtualUsers} users, following the stages' users; no think time.`,
      ),
    );
  } else {
    lines.push(commentText(`${profile.title}: up to ${profile.virtualUsers} users who each think ${numberText(profile.thinkTimeSeconds)} s between iterations.`));
  }
  lines.push(commentText(testCase.rationale, 300));
  if (testCase.type === 'stress' && testCase.breakingPoint) {
    lines.push(
      commentText(
        `Breaking point (reported, not a failure): the first hold step with p95 over ${numberText(testCase.breakingPoint.p95Ms)} ms, errors over ${numberText(testCase.breakingPoint.errorRate * 100)} % ` +
          `or throughput ${numberText(testCase.breakingPoint.throughputDrop * 100)} % short of the best rate per user. No threshold aborts the run: it runs the whole schedule, requests carry step:N, ` +
          'and perfplan evaluate --engine k6 finds the breaking point in the results afterwards.',
        400,
      ),
    );
  }
  return lines.filter((line) => line !== '');
}

function serversLiteral(servers: NonNullable<TestCase['servers']>): string {
  return `[${servers.map((server) => `{ env: ${jsString(server.env)}, requiresChosen: ${server.requiresChosen === true}, credentials: ${server.credentials === true} }`).join(', ')}]`;
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
  const windows = judgedWindows(testCase);
  return {
    key: jsString(name),
    name,
    testCaseId: testCase.id,
    comments: comments(testCase),
    functionName,
    startSeconds: Number.isFinite(testCase.startSeconds) ? Math.max(0, testCase.startSeconds) : 0,
    onlyByName: testCase.onlyByName === true,
    requiresChosenBaseUrl: testCase.requiresChosenBaseUrl === true,
    ...(testCase.servers !== undefined && testCase.servers.length > 0 ? { servers: serversLiteral(testCase.servers) } : {}),
    needsServers: (testCase.servers ?? []).filter((server) => server.requiresChosen === true).map((server) => server.env),
    scenarioLines: scenarioLines(testCase, functionName, input.workflow ? targets.length : 1),
    thresholds: thresholdsView({ testCase, scenario: name, windows, workflow: input.workflow }),
    auth: input.auth,
    ...body({ ...input, windows }),
  };
}
