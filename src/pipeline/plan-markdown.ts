import type { RunInstruction } from '../plugin-api/index.js';
import { TEST_TYPES } from '../model/index.js';
import type { OperationAnalysis, TestCase, TestPlan, TestType, TimeWindow } from '../model/index.js';
import { specTokenUrlAllowed, TOKEN_URL_RULE } from './token-url-rule.js';
import { SpecDiagnosticCode } from '../openapi/index.js';
import { plural } from '../plugin-api/plural.js';
import { dataSection } from './plan-data-markdown.js';
import { WEBHOOKS_ONLY_CODE } from './empty-plan.js';
import { SERVER_RULE } from './plan-servers.js';

/**
 * At most `max` characters: cut at the last space before the limit, with an ellipsis, so no word is
 * cut in two; only a single word longer than a fifth of the limit (a URL) is cut inside.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space >= max * 0.8 ? head.slice(0, space) : head).trimEnd()}…`;
}

/** Text for one Markdown table cell or line: no newlines, pipes and markup characters escaped, long text cut at a word. */
export function mdText(value: string, max = 160): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  const cut = cutAtWord(flat, max);
  return cut.replace(/[\\`*_{}[\]()<>#+!|~]/g, (ch) => `\\${ch}`);
}

function code(value: string): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  const fence = flat.includes('`') ? '``' : '`';
  return `${fence}${flat.includes('`') ? ` ${flat} ` : flat}${fence}`.replace(/\|/g, '\\|');
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0 && seconds >= 3600) return `${seconds / 3600} h`;
  if (seconds % 60 === 0 && seconds >= 60) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 10000) / 100} %`;
}

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

function clock(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : m > 0 ? `${m} min${s > 0 ? ` ${s} s` : ''}` : `${s} s`;
}

/** Wall-clock time of each test type's default run: its cases one after another. */
export function runSeconds(plan: TestPlan): Array<{ type: TestType; seconds: number; cases: number; byName: number }> {
  return TEST_TYPES.flatMap((type) => {
    const cases = plan.testCases.filter((testCase) => testCase.type === type);
    if (cases.length === 0) return [];
    const defaults = cases.filter((testCase) => !testCase.onlyByName);
    const seconds = Math.max(0, ...defaults.map((testCase) => testCase.startSeconds + caseSeconds(testCase)));
    return [{ type, seconds, cases: defaults.length, byName: cases.length - defaults.length }];
  });
}

/** The profiles' load models, once per distinct arithmetic. */
function loadModelLines(plan: TestPlan): string[] {
  const seen = new Map<string, string[]>();
  for (const testCase of plan.testCases) {
    const model = testCase.profile.loadModel;
    if (!model) continue;
    const key = `${testCase.type}: ${testCase.profile.title} (${model.kind === 'open' ? 'paced arrivals' : 'users who wait and think'})`;
    if (!seen.has(key)) seen.set(key, model.explanation);
  }
  return [...seen].flatMap(([title, explanation]) => [`- **${mdText(title)}**: ${explanation.map((sentence) => mdText(sentence, 400)).join(' ')}`]);
}

/**
 * Run instructions are the renderers' own sentences, never cut in practice: the bound only keeps a
 * plugin's runaway text from filling PLAN.md.
 */
const RUN_DESCRIPTION_MAX = 2000;

const FLAG_MEANINGS: Array<[string, string]> = [
  ['load, mixed, soak', '`--users N`: the request rate is N / (think time + expected response time) and the pool is sized from it; `--rps R`: offer R requests/s instead; `--duration D`: the hold.'],
  ['stress', '`--users N`: the baseline the steps start from and recovery returns to (the peak stays `maxUsers`); `--duration D`: the stepping phase; `--rps`: not used.'],
  ['spike', '`--users N`: the baseline, and the spike is five times it (`spikeUsers` sets it); `--duration D`: how long the spike holds; `--rps`: not used.'],
  ['workflow', '`--users N`: workflows running at once; `--duration D`: the hold; `--rps`: not used.'],
];

const TYPE_TITLES: Record<string, string> = {
  load: 'Load tests',
  stress: 'Stress tests',
  spike: 'Spike tests',
  soak: 'Soak test',
  mixed: 'Mixed workload',
  workflow: 'Workflows',
};

/** Why a plan of a spec without operations has no test cases (nothing when it has operations). */
function nothingToCallLines(plan: TestPlan): string[] {
  const { source } = plan;
  if (source.operationCount > 0) return [];
  const why = source.webhookCount
    ? `${code(source.specFile)} describes ${plural(source.webhookCount, 'webhook')} and no operations under ${code('paths')}. Webhooks are requests the API sends to its subscribers, not requests to the API, so there is nothing here to load test.`
    : `${code(source.specFile)} describes no operations under ${code('paths')}, so there is nothing to load test.`;
  return [`**Nothing to test.** ${why} This plan has no test cases, and perfplan wrote no scripts.`, ''];
}

/** PLAN.md: the plan a performance engineer hands to a colleague. */
export function renderPlanMarkdown(plan: TestPlan, instructions: Array<{ engine: string; steps: RunInstruction[] }>): string {
  const { analysis, source } = plan;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  // The first two lines are fixed text: nothing from the spec goes where tools look for an encoding or mode.
  push('# Performance test plan', '');
  push(
    `For ${mdText(source.title)} ${mdText(source.version)}, generated by perfplan from ${code(source.specFile)} (OpenAPI ${mdText(source.specVersion)}, ${plural(source.operationCount, 'operation')}).`,
    '',
    ...nothingToCallLines(plan),
    '## Summary',
    '',
    `- ${plural(plan.testCases.length, 'test case')}${plan.testCases.length === 0 ? '' : ': '}${Object.entries(countBy(plan.testCases, (testCase) => testCase.type))
      .map(([type, count]) => `${count} ${type}`)
      .join(', ')}`,
    `- Operations: ${analysis.totals.operations} (${analysis.totals.read} read, ${analysis.totals.write} write${analysis.totals.deprecated ? `, ${analysis.totals.deprecated} deprecated` : ''})`,
    ...(source.webhookCount ? [`- Webhooks: ${source.webhookCount} (requests the API sends to its subscribers: not load tested)`] : []),
    `- Authentication required: ${analysis.authenticationRequired ? 'yes' : 'no'}`,
    `- Estimated complexity: **${analysis.complexity.level}** — ${analysis.complexity.reasons.map((reason) => mdText(reason)).join('; ')}`,
    ...(source.operationCount === 0 ? [] : [`- Default base URL: ${code(plan.defaultBaseUrl)} (override with ${code('BASE_URL')}). ${
      plan.defaultBaseUrlSource === 'config'
        ? 'It was configured, so every test may use it.'
        : "It is the spec's server: stress, spike and soak tests never use it by default, and load, mixed and workflow tests only when it is a loopback address; otherwise they stop at start until BASE_URL is set."
    }`]),
    '',
  );
  // A spec with nothing to call: the summary says why; no run time, load model or run instructions.
  if (source.operationCount === 0) return finished([...lines, ...diagnosticsLines(plan)]);
  push(
    '## Run time',
    '',
    `Each test type runs its test cases one after another (per-operation stress and spike cases only when selected by name). Time scale ${plan.timeScale}${plan.timeScale === 1 ? '' : ' by default'}: set ${code('TIME_SCALE=0.05')} (k6, Locust) or ${code('-JtimeScale=0.05')} (JMeter) to rehearse every stage 20 times shorter; think time and latency limits do not scale.`,
    '',
    '| test type | test cases in the default run | by name only | wall-clock time (time scale 1) |',
    '|---|---|---|---|',
    ...runSeconds(plan).map((entry) => `| ${entry.type} | ${entry.cases} | ${entry.byName} | ${clock(entry.seconds)} |`),
    `| all | | | ${clock(runSeconds(plan).reduce((sum, entry) => sum + entry.seconds, 0))} |`,
    '',
    '## Load model',
    '',
    "Users, request rate, think time and latency targets agree by Little's law (users in flight = rate × (response time + think time)). Throughput is judged over the hold only, with the tolerance stated.",
    '',
    ...loadModelLines(plan),
    '',
    '### What the generate flags change, per test type',
    '',
    '| test type | meaning |',
    '|---|---|',
    ...FLAG_MEANINGS.map(([types, meaning]) => `| ${types} | ${meaning} |`),
    '',
    `Locust ignores its own ${code('-u')}, ${code('-r')} and ${code('-t')} with these scripts: the plan's load shape sets users and run time (use ${code('TIME_SCALE')}). JMeter's ${code('-Jusers')} sets a test case's peak and every step keeps its share.`,
    '',
    '### Recommended load patterns',
    '',
    ...analysis.recommendedLoadPatterns.map((pattern) => `- ${mdText(pattern)}`),
    '',
  );

  const critical = analysis.operations.filter((operation) => operation.critical);
  push('## Analysis', '', '### Critical paths', '');
  if (critical.length === 0) push('None found.', '');
  else {
    push('| operation | id | indicator | reason |', '|---|---|---|---|');
    for (const operation of critical) {
      push(`| ${code(operationLabel(operation))} | ${code(operation.operationId)} | ${mdText(operation.critical!.indicator)} | ${mdText(operation.critical!.reason)} |`);
    }
    push('');
  }
  const dataIntensive = analysis.operations.filter((operation) => operation.dataIntensive);
  push('### Data-intensive operations', '');
  if (dataIntensive.length === 0) push('None found.', '');
  else {
    push('| operation | id | category | reason |', '|---|---|---|---|');
    for (const operation of dataIntensive) {
      push(
        `| ${code(operationLabel(operation))} | ${code(operation.operationId)} | ${operation.dataIntensive!.category} | ${mdText(operation.dataIntensive!.reason)} |`,
      );
    }
    push('');
  }

  push('## Test cases', '');
  const byType = groupBy(plan.testCases, (testCase) => testCase.type);
  for (const [type, cases] of Object.entries(byType)) {
    push(`### ${TYPE_TITLES[type] ?? type} (${cases.length})`, '');
    push('| id | starts at | test | profile | users | load shape (duration → target users) | think time / pacing | criteria |', '|---|---|---|---|---|---|---|---|');
    for (const testCase of cases) {
      push(
        `| ${code(testCase.id)} | ${testCase.onlyByName ? 'by name' : clock(testCase.startSeconds)} | ${mdText(testCase.name)} | ${mdText(testCase.profile.title)} | ${testCase.profile.virtualUsers} | ${shape(testCase)} | ${pacing(testCase)} | ${criteria(testCase)} |`,
      );
    }
    push('', '<details><summary>Why each test exists</summary>', '');
    for (const testCase of cases) push(`- ${code(testCase.id)}: ${mdText(testCase.rationale, 600)}`);
    push('', '</details>', '');
  }

  if (plan.workflows.length > 0) {
    push('## Workflows', '');
    push(
      'Each iteration runs the steps in order. A step runs in the share of iterations its weight gives (every step runs in a virtual user\'s first iteration); values move between steps as listed.',
      '',
    );
    for (const workflow of plan.workflows) {
      push(`### ${mdText(workflow.name)} (${code(workflow.id)})`, '', mdText(workflow.rationale, 600), '');
      push('| step | operation | weight | takes | gives |', '|---|---|---|---|---|');
      for (const [index, step] of workflow.steps.entries()) {
        const takes = step.inject.map((injection) => `${code(injection.variable)} → ${code(injection.to)}`).join('<br>');
        const gives = step.extract.map((extraction) => `${code(extraction.from)} → ${code(extraction.variable)}`).join('<br>');
        push(`| ${index + 1} | ${code(step.operationId)} | ${step.weight} | ${takes} | ${gives} |`);
      }
      push(
        '',
        `Criteria: ≥ ${percent(workflow.criteria.completionRate)} of workflows complete, mean workflow time < ${workflow.criteria.meanWorkflowMs} ms, errors < ${percent(workflow.criteria.errorRate)}.`,
        '',
      );
    }
  }

  if (analysis.dependencies.length > 0) {
    push('## Dependencies between operations', '', '| from | to | found by | values | why |', '|---|---|---|---|---|');
    for (const edge of analysis.dependencies.slice(0, 300)) {
      const values = edge.bindings.map((binding) => `${code(binding.from)} → ${code(binding.to)}`).join('<br>');
      push(`| ${code(edge.from)} | ${code(edge.to)} | ${edge.source} | ${values} | ${mdText(edge.reason)} |`);
    }
    if (analysis.dependencies.length > 300) push('', `…and ${analysis.dependencies.length - 300} more in plan.json.`);
    push('');
  }

  push(...dataSection(plan, { text: mdText, code }));

  push('## Environment', '', 'Scripts read these variables; no secret is written into any file.', '');
  push('| variable | required | secret | description |', '|---|---|---|---|');
  for (const variable of plan.environment) {
    push(
      `| ${code(variable.name)} | ${variable.required ? 'yes' : 'no'} | ${variable.secret ? 'yes' : 'no'} | ${mdText(variable.description)}${variable.default ? ` (default ${code(variable.default)})` : ''} |`,
    );
  }
  push('');
  if ((plan.servers ?? []).length > 0) push(SERVER_RULE, '');
  const oauth2 = plan.auth.filter((auth): auth is Extract<typeof auth, { tokenUrl: string }> => 'tokenUrl' in auth);
  if (oauth2.length > 0) {
    push(TOKEN_URL_RULE, '');
    push(`| scheme | spec's token URL | with the default \`BASE_URL\` (${code(plan.defaultBaseUrl)}) |`, '|---|---|---|');
    for (const auth of oauth2) {
      const verdict = specTokenUrlAllowed(auth, plan.defaultBaseUrl) ? 'used' : `the run stops: set ${code(auth.tokenUrlEnv)}`;
      push(`| ${mdText(auth.scheme, 80)} | ${code(auth.tokenUrl.slice(0, 200))} | ${verdict} |`);
    }
    push('');
  }

  push('## How to run', '');
  for (const { engine, steps } of instructions) {
    push(`### ${mdText(engine)}`, '');
    // One line, and nothing a terminal acts on when PLAN.md is printed; renderers quote every value, so a space stays inside its word.
    for (const step of steps) push(`${mdText(step.description, RUN_DESCRIPTION_MAX)}:`, '', '```sh', step.command.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' '), '```', '');
  }

  return finished([...lines, ...diagnosticsLines(plan)]);
}

function finished(lines: readonly string[]): string {
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** The files the spec's $refs made perfplan read, and the problems it handled. */
function diagnosticsLines(plan: TestPlan): string[] {
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  // The files read get a list of their own: complete, and never pushing problems out of the table.
  const filesRead = plan.diagnostics.filter((diagnostic) => diagnostic.code === SpecDiagnosticCode.externalFileRead);
  // A spec of webhooks only is no problem: the plan's first lines say why there is nothing to test.
  const problems = plan.diagnostics.filter((diagnostic) => diagnostic.code !== SpecDiagnosticCode.externalFileRead && diagnostic.code !== WEBHOOKS_ONLY_CODE);
  if (filesRead.length > 0) {
    push('## Files read', '', `Besides the spec, perfplan read the ${plural(filesRead.length, 'file')} its $refs point to (only .json, .yaml and .yml documents, never dot-files):`, '');
    for (const diagnostic of filesRead) push(`- ${mdText(diagnostic.message, 1000)}`);
    push('');
  }

  if (problems.length > 0) {
    push('## Diagnostics', '', `${plural(problems.length, 'problem')} ${problems.length === 1 ? 'was' : 'were'} found in the spec and handled:`, '');
    push('| severity | code | where | message | what perfplan did |', '|---|---|---|---|---|');
    for (const diagnostic of problems.slice(0, 200)) {
      push(
        `| ${diagnostic.severity} | ${code(diagnostic.code)} | ${diagnostic.pointer ? code(diagnostic.pointer) : ''} | ${mdText(diagnostic.message)} | ${mdText(diagnostic.fix ?? '')} |`,
      );
    }
    if (problems.length > 200) push('', `…and ${problems.length - 200} more in plan.json.`);
    push('');
  }
  return lines;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Record<string, T[]> {
  const groups: Record<string, T[]> = {};
  for (const item of items) (groups[key(item)] ??= []).push(item);
  return groups;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  return Object.fromEntries(Object.entries(groupBy(items, key)).map(([name, group]) => [name, group.length]));
}
