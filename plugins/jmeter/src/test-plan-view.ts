import {
  boundedWeight,
  gcd,
  requestAuthPlans,
  RUN_SEED_ENV,
  TEST_TYPE_TITLES,
  TEST_TYPES,
  type AuthPlan,
  type Diagnostic,
  type LoadStage,
  type RequestTemplate,
  type TestCase,
  type TestPlan,
  type TestType,
  type Workflow,
} from 'perfplan/plugin';
import {
  argument,
  cookieManager,
  headerManager,
  httpDefaults,
  httpSampler,
  ifController,
  item,
  iterationCounter,
  jsonExtractor,
  moduleController,
  reusable,
  onceOnlyController,
  simpleController,
  testFragment,
  testPlanElement,
  thinkTime,
  threadGroup,
  transactionController,
  type TreeItem,
  writeTree,
} from './elements.js';
import { functionArgument, jmeterValue, property, text } from './jmeter-text.js';
import { pacingTimer } from './pacing.js';
import { jmxCommands } from './run-commands.js';
import { leadSeconds, runCheckGroup, runCheckVariables, runStartGroup } from './run-check.js';
import { samplerItem } from './sampler.js';
import { serverName } from './servers.js';
import { layerTiming, layerUsers, type CaseSchedule } from './schedule.js';
import { threadLayers, type ThreadLayer } from './thread-layers.js';
import { checkedTokenUrlProperty, specTokenUrlVariable, tokenUrlChecks, type OAuth2Plan } from './token-url-check.js';
import { workflowSteps } from './workflow-steps.js';
import { missingValueGuard } from './workflow-stop.js';
import { FEEDER_FILE, feederDataSet, samplerVariations, type SamplerVariation } from './variation-script.js';
import { JoinedLines, writeXml, XmlProblems, type XmlNode } from './xml.js';

// Pure: the same plan gives the same files. Every string from the plan goes through
// jmeterValue (JMeter's function syntax) and writeXml (XML escaping).

export const JMX_FILES: Record<TestType, string> = {
  load: 'jmeter/load.jmx',
  stress: 'jmeter/stress.jmx',
  spike: 'jmeter/spike.jmx',
  soak: 'jmeter/soak.jmx',
  mixed: 'jmeter/mixed.jmx',
  workflow: 'jmeter/workflows.jmx',
};

/** The variable that counts each user's iterations from 0 (weights pick steps with it). */
export const ITERATION_VARIABLE = 'perfplan_iteration';
/** Label prefix of workflow Transaction Controller samples in the results. */
export const WORKFLOW_LABEL_PREFIX = 'workflow:';
/** Label prefix of OAuth2 token requests in the results. */
export const TOKEN_LABEL_PREFIX = 'oauth2 token:';

export interface JmxFile {
  type: TestType;
  path: string;
  /** The XML inside `<jmeterTestPlan>`, without a final line end. */
  body: string;
  testCases: string[];
}

/** A JMeter variable or property name: letters, digits, `_`, `.` and `-` only. */
export function safeName(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * Runs its children in iteration n (counted from 0) when floor((n+1)·w) > floor(n·w), w = share;
 * every child runs in the first iteration. Integer arithmetic in JEXL (share as a fraction).
 */
function weighted(name: string, share: number, children: TreeItem[]): TreeItem[] {
  if (!Number.isFinite(share) || share >= 1) return children;
  let numerator = Math.max(1, Math.round(share * 10000));
  let denominator = 10000;
  const divisor = gcd(numerator, denominator);
  numerator /= divisor;
  denominator /= divisor;
  const n = `\${${ITERATION_VARIABLE}}`;
  const condition = `\${__jexl3(${n} == 0 || ((${n} + 1) * ${numerator}) / ${denominator} > (${n} * ${numerator}) / ${denominator})}`;
  return [item(ifController(jmeterValue(`${name} (share ${numerator}/${denominator})`), condition), children)];
}

function authVariable(plan: AuthPlan): string {
  return `perfplan_auth_${safeName(plan.scheme)}`;
}

/** The JMeter expression of a credential's value. */
function authValue(plan: AuthPlan): string {
  switch (plan.type) {
    case 'bearer':
      return `\${${plan.tokenEnv}}`;
    case 'apiKey':
      return `\${${plan.valueEnv}}`;
    case 'basic':
      return `\${__groovy((vars.get('${plan.usernameEnv}') + ':' + vars.get('${plan.passwordEnv}')).bytes.encodeBase64().toString())}`;
    default:
      return `\${${authVariable(plan)}}`;
  }
}


/**
 * The token request of an OAuth2 scheme, run once per user unless a token is given. Its URL is
 * the one the setUp check allowed (see token-url-check.ts): empty, so nothing is sent, without it.
 */
function tokenItems(plan: OAuth2Plan): TreeItem[] {
  const target = authVariable(plan);
  const fields: Array<[string, string]> = [['grant_type', plan.type === 'oauth2-password' ? 'password' : 'client_credentials']];
  const pieces = [text(`grant_type=${fields[0]![1]}`), text('&client_id='), { ref: `\${__urlencode(\${${plan.clientIdEnv}})}` }, text('&client_secret='), { ref: `\${__urlencode(\${${plan.clientSecretEnv}})}` }];
  if (plan.type === 'oauth2-password') {
    pieces.push(text('&username='), { ref: `\${__urlencode(\${${plan.usernameEnv}})}` }, text('&password='), { ref: `\${__urlencode(\${${plan.passwordEnv}})}` });
  }
  if (plan.scopes.length > 0) pieces.push(text(`&scope=${encodeURIComponent(plan.scopes.join(' '))}`));
  const request = httpSampler({
    name: jmeterValue(`${TOKEN_LABEL_PREFIX} ${plan.scheme}`),
    method: 'POST',
    url: `\${__P(${checkedTokenUrlProperty(plan)},)}`,
    body: jmeterValue(pieces),
  });
  const extract = item(jsonExtractor({ name: 'Extract access_token', variable: target, jsonPath: '$.access_token', fallback: `NOT_FOUND_${target}` }));
  const fetch = item(ifController('No token given', `\${__jexl3("\${${target}}" == "")}`), [
    item(request, [item(headerManager('Headers', [['Content-Type', 'application/x-www-form-urlencoded']])), extract]),
  ]);
  return [item(onceOnlyController(jmeterValue(`Token for ${plan.scheme}`)), [fetch])];
}

interface GroupInput {
  plan: TestPlan;
  /** Each request's values that vary per iteration, with their variables. */
  variations: Map<string, SamplerVariation[]>;
  /** Samplers built so far, by operation and response-time limit (see plainSampler). */
  samplers: Map<string, TreeItem>;
  testCase: TestCase;
  requests: Map<string, RequestTemplate>;
  report: (diagnostic: Diagnostic) => void;
}

function warn(report: GroupInput['report'], testCase: TestCase, message: string): void {
  report({ code: 'jmeter/test-case', severity: 'warning', message: `jmeter: test case "${testCase.id}": ${message}.` });
}

/**
 * The sampler of a request outside workflows: the same in every test type with the same
 * response-time limit, so it is built once and its text reused (see reusable()).
 */
function plainSampler(input: GroupInput, request: RequestTemplate, maxResponseMs: string | undefined): TreeItem {
  const key = `${request.operationId}\u0000${maxResponseMs ?? ''}`;
  let sampler = input.samplers.get(key);
  if (sampler === undefined) {
    sampler = reusable(
      samplerItem({ request, label: request.operationId, auth: requestAuthPlans(request, input.plan.auth), injections: [], extractions: [], maxResponseMs, authValue, variations: input.variations.get(request.operationId) }),
    );
    input.samplers.set(key, sampler);
  }
  return sampler;
}

interface IterationItems {
  items: TreeItem[];
  schemes: AuthPlan[];
  /** Some items run only in some iterations: the thread group needs the iteration counter. */
  counted: boolean;
}

/** The samplers one iteration of a test case runs, and the auth schemes they need. */
function iterationItems(input: GroupInput, maxResponseMs: string | undefined): IterationItems | undefined {
  const { plan, testCase, requests } = input;
  const schemes = new Map<string, AuthPlan>();
  let counted = false;
  const pick = (name: string, share: number, children: TreeItem[]): TreeItem[] => {
    if (share < 1) counted = true;
    return weighted(name, share, children);
  };
  const note = (request: RequestTemplate) => {
    for (const auth of requestAuthPlans(request, plan.auth)) schemes.set(auth.scheme, auth);
  };
  const workflow: Workflow | undefined =
    testCase.type === 'workflow' && testCase.workflowId !== undefined ? plan.workflows.find((candidate) => candidate.id === testCase.workflowId) : undefined;
  if (testCase.type === 'workflow' && testCase.workflowId !== undefined && workflow === undefined) {
    warn(input.report, testCase, `names workflow "${testCase.workflowId}", which the plan does not have; its targets run in order instead`);
  }
  if (workflow) {
    const steps = workflowSteps({ workflow, requests, variations: input.variations, warn: (message) => warn(input.report, testCase, message) });
    const items = steps.flatMap((step) => {
      note(step.request);
      const sampler = samplerItem({
        request: step.request,
        label: step.request.operationId,
        auth: requestAuthPlans(step.request, plan.auth),
        injections: step.injections,
        extractions: step.extractions,
        maxResponseMs,
        authValue,
        variations: input.variations.get(step.request.operationId),
        stepId: step.id,
      });
      return pick(`Step ${step.id}`, boundedWeight(step.weight), [...missingValueGuard({ stepId: step.id, jmeterVariables: step.mayBeMissing }), sampler]);
    });
    if (items.length === 0) return undefined;
    return { items: [item(transactionController(jmeterValue(`${WORKFLOW_LABEL_PREFIX}${workflow.id}`)), items)], schemes: [...schemes.values()], counted };
  }
  const known = testCase.targets.filter((target) => {
    if (requests.has(target.operationId)) return true;
    warn(input.report, testCase, `targets operation "${target.operationId}", which has no request in the plan; the target is left out`);
    return false;
  });
  const total = known.reduce((sum, target) => sum + boundedWeight(target.weight), 0);
  const items = known.flatMap((target) => {
    const request = requests.get(target.operationId)!;
    note(request);
    const sampler = plainSampler(input, request, maxResponseMs);
    return known.length === 1 ? [sampler] : pick(`Pick ${target.operationId}`, boundedWeight(target.weight) / total, [sampler]);
  });
  return items.length === 0 ? undefined : { items, schemes: [...schemes.values()], counted };
}

/** The elements of one test case in a .jmx: its thread groups, and the fragment they share. */
interface TestCaseItems {
  /** Test Fragments under the test plan (a staged shape's samplers, defined once). */
  fragments: TreeItem[];
  groups: TreeItem[];
  /** The OAuth2 schemes whose tokens its users request. */
  oauth2: OAuth2Plan[];
}

/**
 * The thread groups of one test case. Closed model: one per layer of its load shape, users who
 * think between iterations; with several layers the samplers are written once, in a Test
 * Fragment, and each layer runs them through a Module Controller (a stepped stress test of a
 * large API would otherwise repeat every request per step). Open model (profile.targetRps): one
 * thread group with the pool of users for the whole test case, paced by arrivals (pacing.ts).
 */
function testCaseGroups(input: GroupInput & { planName: string; fragmentNames: Set<string> }): TestCaseItems {
  const { testCase } = input;
  const id = safeName(testCase.id);
  const profile = testCase.profile;
  // Slow responses are not errors (perfplan evaluate judges latency by p95, mean and max): only
  // a max criterion becomes a Duration Assertion, and its failures are that criterion's.
  const maxMs = testCase.criteria.maxMs === undefined ? undefined : property('maxResponseMs', testCase.criteria.maxMs);
  const iteration = iterationItems(input, maxMs);
  if (!iteration) {
    warn(input.report, testCase, 'has no operation to call; it is not rendered');
    return { fragments: [], groups: [], oauth2: [] };
  }
  const stages = stagesOf(testCase);
  const paced = isPaced(testCase);
  const peak = Math.max(1, ...stages.map((stage) => Math.round(stage.target)));
  const layers = layersOf(testCase);
  const think = !paced && profile.thinkTimeSeconds > 0 ? [thinkTime('Think time', property('thinkTimeMs', Math.round(profile.thinkTimeSeconds * 1000)))] : [];
  const fragments: TreeItem[] = [];
  let iterationBody = [...iteration.items, ...think];
  if (layers.length > 1) {
    const fragmentName = uniqueName(`${id} requests`, input.fragmentNames);
    const controllerName = jmeterValue(`Requests of ${testCase.id}`);
    fragments.push(item(testFragment(fragmentName), [item(simpleController(controllerName), iterationBody)]));
    iterationBody = [item(moduleController(`Run ${fragmentName}`, [input.planName, fragmentName, controllerName]))];
  }
  const counter = iteration.counted ? [item(iterationCounter(ITERATION_VARIABLE))] : [];
  const oauth2 = iteration.schemes.filter((scheme): scheme is OAuth2Plan => scheme.type === 'oauth2-client-credentials' || scheme.type === 'oauth2-password');
  const tokens = oauth2.flatMap(tokenItems);
  const startSeconds = testCase.onlyByName ? 0 : testCase.startSeconds;
  const pacing = paced ? [pacingTimer({ id, testCase, startSeconds })] : [];
  const schedule: CaseSchedule = { id, startSeconds, onlyByName: testCase.onlyByName === true, timeScale: input.plan.timeScale };
  const groupPeak = paced ? layers[0]!.threads : peak;
  const groups = layers.map((layer, index) => {
    const name = layers.length === 1 ? id : `${id} #${index + 1}`;
    const comment =
      layers.length === 1
        ? `${testCase.name}. ${testCase.rationale}`
        : index === 0
          ? `${testCase.name}: layer 1 of ${layers.length} of the load shape. ${testCase.rationale}`
          : `${testCase.name}: layer ${index + 1} of ${layers.length} of the load shape (see layer 1).`;
    const timing = layerTiming(schedule, layer, layerUsers({ id, threads: layer.threads, peak: groupPeak, layers: layers.length }));
    const group = threadGroup({ name, comment: jmeterValue(comment), ...timing, loops: property('iterations', -1) });
    return item(group, [...counter, ...tokens, ...pacing, ...iterationBody]);
  });
  return { fragments, groups, oauth2 };
}

function totalSeconds(stages: ReadonlyArray<{ durationSeconds: number }>): number {
  return stages.reduce((sum, stage) => sum + Math.max(0, stage.durationSeconds), 0);
}

function stagesOf(testCase: TestCase): LoadStage[] {
  const { profile } = testCase;
  return profile.stages.length > 0 ? profile.stages : [{ durationSeconds: profile.durationSeconds, target: profile.virtualUsers }];
}

function isPaced(testCase: TestCase): boolean {
  return testCase.profile.targetRps !== undefined && testCase.profile.targetRps > 0;
}

/** The thread groups of a test case: the pool for the whole shape (open model), else one per layer of the shape. */
function layersOf(testCase: TestCase): ThreadLayer[] {
  const stages = stagesOf(testCase);
  if (!isPaced(testCase)) return threadLayers(stages);
  return [{ threads: Math.max(1, Math.round(testCase.profile.virtualUsers)), delay: 0, rampUp: 0, duration: Math.max(1, Math.round(totalSeconds(stages))) }];
}

/** `base`, or `base #2`, `#3`... when taken: Module Controllers find elements by name. */
function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let suffix = 2; taken.has(name); suffix++) name = `${base} #${suffix}`;
  taken.add(name);
  return name;
}

function usesCookies(plan: TestPlan): boolean {
  return plan.requests.some((request) => request.parameters.some((parameter) => parameter.in === 'cookie')) || plan.auth.some((auth) => auth.type === 'apiKey' && auth.in === 'cookie');
}

/** The User Defined Variables: base URL and every setting and secret of the plan, each a property. */
function variables(plan: TestPlan): XmlNode[] {
  const out = [argument('baseUrl', `\${__P(baseUrl,${functionArgument(plan.defaultBaseUrl.replace(/\/+$/, ''))})}`, 'The server under test, no trailing slash: -JbaseUrl=...')];
  const names = new Set<string>(['baseUrl']);
  if (plan.data !== undefined) {
    names.add(RUN_SEED_ENV);
    out.push(argument('perfplan.defaultRunSeed', String(plan.data.seed), 'The run seed when -JrunSeed is not set (PLAN.md, Data)'));
  }
  // Servers of operations with their own: the run check reads their properties (servers.ts).
  for (const server of plan.servers ?? []) names.add(server.env);
  for (const entry of plan.environment) {
    if (entry.name === 'BASE_URL' || names.has(entry.name)) continue;
    names.add(entry.name);
    const fallback = entry.default === undefined ? '' : functionArgument(entry.default);
    out.push(argument(safeName(entry.name), `\${__P(${safeName(entry.name)},${fallback})}`, jmeterValue(`${entry.description}${entry.secret ? ' (secret)' : ''}: -J${entry.name}=...`)));
  }
  for (const auth of plan.auth) {
    if (auth.type !== 'oauth2-client-credentials' && auth.type !== 'oauth2-password') continue;
    out.push(argument(authVariable(auth), `\${__P(${safeName(auth.tokenEnv)},)}`, jmeterValue(`Access token of ${auth.scheme}; when empty each user requests one`)));
    out.push(argument(specTokenUrlVariable(auth), jmeterValue(auth.tokenUrl), jmeterValue(`The spec's token URL of ${auth.scheme}: used only when relative or on baseUrl's scheme, host and port`)));
  }
  return out;
}

export interface JmeterViewModels {
  files: JmxFile[];
  diagnostics: Diagnostic[];
  xmlProblems: string[];
}

/**
 * The .jmx files of a plan, one test type at a time: each file is built when the caller asks
 * for it, so a large plan's files never all exist at once. Diagnostics go to `report`, values
 * XML could not carry to `problems`.
 */
export function* jmxFiles(plan: TestPlan, report: (diagnostic: Diagnostic) => void, problems: XmlProblems): Generator<JmxFile> {
  const requests = new Map(plan.requests.map((request) => [request.operationId, request] as const));
  const samplers = new Map<string, TreeItem>();
  const variations = new Map(
    plan.requests.map((request, index) => [request.operationId, samplerVariations({ variations: request.variations, requestIndex: index, parameters: request.parameters })] as const),
  );
  const feederColumns = plan.data?.columns.map((column) => column.name) ?? [];
  for (const type of TEST_TYPES) {
    const testCases = plan.testCases.filter((testCase) => testCase.type === type);
    if (testCases.length === 0) continue;
    const planName = jmeterValue(`${TEST_TYPE_TITLES[type]}: ${plan.source.title} ${plan.source.version}`);
    const fragmentNames = new Set<string>();
    const config: TreeItem[] = [
      item(httpDefaults({ connectTimeout: property('connectTimeoutMs', 10000), responseTimeout: property('responseTimeoutMs', 60000) })),
      item(headerManager('Default headers', [['Accept', 'application/json, */*;q=0.8'], ['User-Agent', 'perfplan-jmeter']])),
    ];
    if (usesCookies(plan)) config.push(item(cookieManager()));
    if (feederColumns.length > 0) config.push(item(feederDataSet(feederColumns)));
    const idOf = (testCase: TestCase) => safeName(testCase.id);
    const commands = jmxCommands(plan, JMX_FILES[type], testCases, idOf);
    const root = testPlanElement({
      name: planName,
      comment: jmeterValue(
        [
          `Generated by perfplan from ${plan.source.specFile}.`,
          `Default run: ${commands.defaultRun.command}`,
          ...(commands.oneCase ? [`One test case alone: ${commands.oneCase.command}`] : []),
          `Rehearsal (-JtimeScale scales every stage, start and judged window; not think time or latency limits): ${commands.rehearsal.command}`,
          `Judge the results (JMeter itself has no pass/fail): ${commands.evaluate.command}`,
          'Properties: baseUrl, testCase, timeScale, users (a test case\'s peak; every step keeps its share), thinkTimeMs, requestsPerMinute (an open-model test case\'s rate at its peak), iterations, maxResponseMs (where a max criterion is set) and every credential.',
          ...((plan.servers ?? []).length > 0
            ? [`Operations with servers of their own go to ${(plan.servers ?? []).map((server) => `-J${serverName(server.env)}`).join(', ')} (PLAN.md, Environment: the spec's default only when a loopback address, never in stress, spike and soak tests).`]
            : []),
          ...(plan.data === undefined
            ? []
            : [`Data: ids, names, emails and keys of write requests change every iteration (PLAN.md, Data); -JrunSeed=N (default ${plan.data.seed}) picks another set of values.${plan.data.columns.length > 0 ? ` Their base values come from ${FEEDER_FILE.replace(/^jmeter\//, '')} (each iteration takes its next row, shared by all threads).` : ''}`]),
        ].join('\n'),
      ),
      variables: [...variables(plan), ...runCheckVariables({ plan, type, file: JMX_FILES[type], testCases, idOf })],
    });
    // Written test case by test case: a large API's elements never all exist at once.
    const lines = new JoinedLines();
    writeXml(root, 2, lines, problems);
    lines.push('    <hashTree>');
    const warmUp = testCases.some(isPaced);
    const threadGroups = testCases.reduce((sum, testCase) => sum + layersOf(testCase).length, 0);
    writeTree([...config, runCheckGroup({ warmUp }), runStartGroup({ lead: leadSeconds(threadGroups) })], 3, lines, problems);
    let groups = 0;
    const oauth2 = new Map<string, OAuth2Plan>();
    for (const testCase of testCases) {
      const items = testCaseGroups({ plan, testCase, requests, samplers, variations, report, planName, fragmentNames });
      groups += items.groups.length;
      for (const scheme of items.oauth2) oauth2.set(scheme.scheme, scheme);
      writeTree([...items.fragments, ...items.groups], 3, lines, problems);
    }
    // setUp thread groups run before all others wherever they stand: this one is written last.
    writeTree(tokenUrlChecks([...oauth2.values()]), 3, lines, problems);
    lines.push('    </hashTree>');
    if (groups === 0) continue;
    yield { type, path: JMX_FILES[type], body: lines.text(), testCases: testCases.map((testCase) => testCase.id) };
  }
}

/** Every .jmx file of a plan at once, with what was reported while building them. */
export function jmeterViewModels(plan: TestPlan): JmeterViewModels {
  const diagnostics: Diagnostic[] = [];
  const problems = new XmlProblems();
  const files = [...jmxFiles(plan, (diagnostic) => diagnostics.push(diagnostic), problems)];
  return { files, diagnostics, xmlProblems: [...new Set(problems.values)] };
}
