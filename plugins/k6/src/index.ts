import { asTextFile, defineRenderer, type GeneratedFile, type RunInstruction, type TestPlan } from 'perfplan/plugin';
import { K6_RESULTS_FILE, readK6Results } from './results-reader.js';
import { runInstructions, type ScriptSummary } from './run-commands.js';
import { runtimeFile } from './runtime-files.js';
import { FEEDER_FILE, k6ViewModels, PLAN_VALUES_FILE, REQUESTS_FILE, scriptSummary } from './view-model.js';

export { K6_RUN_METRIC, readK6Json, readK6Results } from './results-reader.js';
export { k6ViewModels, SCRIPT_FILES, REQUESTS_FILE, PLAN_VALUES_FILE, SCENARIOS_FILE, SUPPORT_FILE, WORKFLOWS_FILE, FEEDER_FILE } from './view-model.js';

// The package's templates/ folder is beside the folder of the compiled code: plugins/k6/dist/ in the
// package, dist/plugins/k6/src/ in the copy perfplan bundles (its build copies templates/ there).
const TEMPLATES_DIR = new URL('../templates/', import.meta.url);

/** What render() wrote for a plan, so that instructions() need not build the view models again. */
const rendered = new WeakMap<TestPlan, ScriptSummary[]>();

function summaries(scripts: ReturnType<typeof k6ViewModels>['scripts']): ScriptSummary[] {
  return scripts.map(({ type, model }) => scriptSummary(type, model.scenarios));
}

function instructions(plan: TestPlan): RunInstruction[] {
  return runInstructions(rendered.get(plan) ?? summaries(k6ViewModels(plan).scripts), plan.timeScale);
}

export default defineRenderer({
  name: 'k6',
  description:
    'k6 ES module scripts: one scenario per test case, run one after another (ramping-arrival-rate for paced arrivals, ramping-vus for users who think), per-scenario thresholds over the judged windows, TIME_SCALE, checks, groups and workflows that carry values between steps.',
  templatesDir: TEMPLATES_DIR,
  supports(plan) {
    if (plan.requests.length === 0) return { ok: false, reason: 'the plan has no requests to send' };
    return { ok: true };
  },
  *render({ plan, ctx }): Generator<GeneratedFile> {
    const models = k6ViewModels(plan);
    for (const diagnostic of models.diagnostics) ctx.report(diagnostic);
    rendered.set(plan, summaries(models.scripts));
    // One file at a time: the caller writes each before the next is rendered.
    yield { path: REQUESTS_FILE, contents: asTextFile(ctx.renderTemplate('requests.js', { ...models.requests })) };
    yield { path: PLAN_VALUES_FILE, contents: asTextFile(ctx.renderTemplate('plan.js', { ...models.planValues })) };
    for (const file of models.runtime) yield { path: file.path, contents: asTextFile(runtimeFile(file.runtime, file.header)) };
    if (models.feeder !== undefined) yield { path: FEEDER_FILE, contents: models.feeder };
    for (const script of models.scripts) yield { path: script.path, contents: asTextFile(ctx.renderTemplate('script.js', { ...script.model })) };
  },
  instructions,
  readResults: readK6Results,
  resultsFile: K6_RESULTS_FILE,
});
