import { asTextFile, defineRenderer, shellQuote, type GeneratedFile, type RunInstruction, type TestPlan } from 'perfplan/plugin';
import { k6ViewModels, REQUESTS_FILE, SCENARIOS_FILE, SUPPORT_FILE, WORKFLOWS_FILE } from './view-model.js';

export { k6ViewModels, SCRIPT_FILES, REQUESTS_FILE, SCENARIOS_FILE, SUPPORT_FILE, WORKFLOWS_FILE } from './view-model.js';

// Compiled, this file is dist/plugins/k6/src/index.js: the project root is four folders up.
const TEMPLATES_DIR = new URL('../../../../templates/k6/', import.meta.url);

interface ScriptSummary {
  path: string;
  scenarioCount: number;
  firstScenario: string | undefined;
}

/** What render() wrote for a plan, so that instructions() need not build the view models again. */
const rendered = new WeakMap<TestPlan, ScriptSummary[]>();

function summaries(scripts: ReturnType<typeof k6ViewModels>['scripts']): ScriptSummary[] {
  return scripts.map(({ path, model }) => ({ path, scenarioCount: model.scenarios.length, firstScenario: model.scenarios[0]?.name }));
}

function instructions(plan: TestPlan): RunInstruction[] {
  const scripts = rendered.get(plan) ?? summaries(k6ViewModels(plan).scripts);
  return scripts.flatMap(({ path, scenarioCount: count, firstScenario }) => {
    const steps: RunInstruction[] = [{ description: `Run the ${count} test case${count === 1 ? '' : 's'} of ${path} (k6 scenarios, all at once)`, command: `k6 run ${shellQuote(path)}` }];
    if (count > 1 && firstScenario !== undefined) {
      steps.push({ description: `Run one test case of ${path} alone (SCENARIO is a scenario name)`, command: `k6 run -e ${shellQuote(`SCENARIO=${firstScenario}`)} ${shellQuote(path)}` });
    }
    return steps;
  });
}

export default defineRenderer({
  name: 'k6',
  description:
    'k6 ES module scripts: one scenario per test case (ramping-vus, ramping-arrival-rate or constant-vus), per-scenario thresholds, checks, groups and workflows that carry values between steps.',
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
    yield { path: SCENARIOS_FILE, contents: asTextFile(ctx.renderTemplate('scenarios.js', { ...models.scenarios })) };
    yield { path: SUPPORT_FILE, contents: asTextFile(ctx.renderTemplate('support.js', { ...models.support })) };
    if (models.workflows) yield { path: WORKFLOWS_FILE, contents: asTextFile(ctx.renderTemplate('workflows.js', { ...models.workflows })) };
    for (const script of models.scripts) yield { path: script.path, contents: asTextFile(ctx.renderTemplate('script.js', { ...script.model })) };
  },
  instructions,
});
