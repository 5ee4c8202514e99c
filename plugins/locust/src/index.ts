import { asTextFile, defineRenderer, shellQuote, type GeneratedFile, type RunInstruction, type TestPlan } from 'perfplan/plugin';
import { LOCUST_SUPPORT_FILE, LOCUSTFILE, locustViewModels, PLAN_FILE, REQUESTS_FILE, RUNTIME_FILE } from './view-model.js';

export { confFile, locustViewModels, LOCUST_SUPPORT_FILE, LOCUSTFILE, PLAN_FILE, REQUESTS_FILE, RUNTIME_FILE } from './view-model.js';

// Compiled, this file is dist/plugins/locust/src/index.js: the project root is four folders up.
const TEMPLATES_DIR = new URL('../../../../templates/locust/', import.meta.url);

type ConfSummary = Pick<ReturnType<typeof locustViewModels>['confs'][number], 'path' | 'type' | 'classCount' | 'firstClass'>;

/** What render() wrote for a plan, so that instructions() need not build the view models again. */
const rendered = new WeakMap<TestPlan, ConfSummary[]>();

function summaries(confs: ReturnType<typeof locustViewModels>['confs']): ConfSummary[] {
  return confs.map(({ path, type, classCount, firstClass }) => ({ path, type, classCount, firstClass }));
}

function instructions(plan: TestPlan): RunInstruction[] {
  const confs = rendered.get(plan) ?? summaries(locustViewModels(plan).confs);
  return confs.flatMap((conf) => {
    const steps: RunInstruction[] = [
      {
        description: `Run the ${conf.classCount} ${conf.type} test case${conf.classCount === 1 ? '' : 's'} with Locust (headless; exit code 1 when a success criterion fails)`,
        command: `locust -f ${shellQuote(LOCUSTFILE)} --config ${shellQuote(conf.path)}`,
      },
    ];
    if (conf.classCount > 1) {
      steps.push({ description: `Run one ${conf.type} test case alone (name its User class)`, command: `locust -f ${shellQuote(LOCUSTFILE)} --config ${shellQuote(conf.path)} ${shellQuote(conf.firstClass)}` });
    }
    return steps;
  }).concat(
    confs.length > 0
      ? [{ description: 'Smoke-check a test type: every operation and workflow step once, one user per test case (criteria reported, not counted)', command: `PERFPLAN_SMOKE=1 locust -f ${shellQuote(LOCUSTFILE)} --config ${shellQuote(confs[0].path)}` }]
      : [],
  );
}

export default defineRenderer({
  name: 'locust',
  description:
    'A Locust locustfile: one FastHttpUser class per test case with weighted @tasks, SequentialTaskSets for workflows, a LoadTestShape for the stages, a locust.conf per test type and a quit hook that sets the exit code from the success criteria.',
  templatesDir: TEMPLATES_DIR,
  supports(plan) {
    if (plan.requests.length === 0) return { ok: false, reason: 'the plan has no requests to send' };
    return { ok: true };
  },
  *render({ plan, ctx }): Generator<GeneratedFile> {
    const models = locustViewModels(plan);
    for (const diagnostic of models.diagnostics) ctx.report(diagnostic);
    rendered.set(plan, summaries(models.confs));
    const runtime = { header: models.runtimeHeader };
    // One file at a time: the caller writes each before the next is rendered.
    yield { path: LOCUSTFILE, contents: asTextFile(ctx.renderTemplate('locustfile.py', { ...models.locustfile })) };
    yield { path: REQUESTS_FILE, contents: asTextFile(ctx.renderTemplate('data.py', { ...models.requests })) };
    yield { path: PLAN_FILE, contents: asTextFile(ctx.renderTemplate('data.py', { ...models.plan })) };
    yield { path: RUNTIME_FILE, contents: asTextFile(ctx.renderTemplate('perfplan_runtime.py', runtime)) };
    yield { path: LOCUST_SUPPORT_FILE, contents: asTextFile(ctx.renderTemplate('perfplan_locust.py', runtime)) };
    for (const conf of models.confs) yield { path: conf.path, contents: asTextFile(ctx.renderTemplate('locust.conf', { ...conf.model })) };
  },
  instructions,
});
