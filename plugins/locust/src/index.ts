import { asTextFile, defineRenderer, type GeneratedFile, type RunInstruction, type TestPlan } from 'perfplan/plugin';
import {
  CRITERIA_FILE,
  FEEDER_FILE,
  LOCUST_SUPPORT_FILE,
  LOCUSTFILE,
  locustViewModels,
  PLAN_FILE,
  REQUESTS_FILE,
  RUNTIME_FILE,
  SCHEDULE_FILE,
  type ConfSummary,
} from './view-model.js';
import { runtimeFile } from './runtime-files.js';

export {
  caseSelector,
  confFile,
  CRITERIA_FILE,
  locustViewModels,
  LOCUST_SUPPORT_FILE,
  LOCUSTFILE,
  PLAN_FILE,
  REQUESTS_FILE,
  RUNTIME_FILE,
  SCHEDULE_FILE,
} from './view-model.js';

// The package's templates/ folder is beside the folder of the compiled code: plugins/locust/dist/ in the
// package, dist/plugins/locust/src/ in the copy perfplan bundles (its build copies templates/ there).
const TEMPLATES_DIR = new URL('../templates/', import.meta.url);

/** What render() wrote for a plan, so that instructions() need not build the view models again. */
const rendered = new WeakMap<TestPlan, ConfSummary[]>();

function summaries(confs: ReturnType<typeof locustViewModels>['confs']): ConfSummary[] {
  return confs.map(({ model: _model, ...summary }) => summary);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function instructions(plan: TestPlan): RunInstruction[] {
  const confs = rendered.get(plan) ?? summaries(locustViewModels(plan).confs);
  if (confs.length === 0) return [];
  const steps = confs.flatMap((conf) => {
    const base = `locust -f ${LOCUSTFILE} --config ${conf.path}`;
    const list: RunInstruction[] = [];
    if (conf.defaultCount > 0) {
      list.push({
        description: `Run the ${conf.type} tests: ${conf.defaultCount === 1 ? 'its test case' : `${conf.defaultCount} test cases one after another`}, exit code 1 when a criterion fails; -u, -r and -t are ignored (the load shape drives the run)`,
        command: base,
      });
    }
    if (conf.defaultCount + conf.byNameCount > 1 || conf.byNameCount > 0) {
      list.push({
        description:
          conf.byNameCount > 0
            ? `Run one ${conf.type} test case alone, from the start (the ${plural(conf.byNameCount, 'test case')} outside the default run only run this way; PERFPLAN_TEST_CASE=ID works too)`
            : `Run one ${conf.type} test case alone, from the start (PERFPLAN_TEST_CASE=ID works too)`,
        command: `${base} ${conf.example}`,
      });
    }
    return list;
  });
  const guarded = confs.find((conf) => conf.needsBaseUrl) ?? confs[0];
  return steps.concat([
    {
      description: 'Rehearse 20 times shorter: TIME_SCALE (or --perfplan-time-scale) multiplies every stage, start and judged window; think time and latency limits stay',
      command: `TIME_SCALE=0.05 locust -f ${LOCUSTFILE} --config ${confs[0].path}`,
    },
    {
      description: `Run against your test server (BASE_URL, or --host)${guarded.needsBaseUrl ? `: ${guarded.type} tests do not start without it` : ''}`,
      command: `BASE_URL=https://your-test-server locust -f ${LOCUSTFILE} --config ${guarded.path}`,
    },
    {
      description: 'Smoke-check a test type: every operation and workflow step once, one user per test case (criteria reported, not counted)',
      command: `PERFPLAN_SMOKE=1 locust -f ${LOCUSTFILE} --config ${confs[0].path}`,
    },
  ]);
}

export default defineRenderer({
  name: 'locust',
  description:
    'A Locust locustfile: one FastHttpUser class per test case with weighted @tasks, SequentialTaskSets for workflows, a LoadTestShape that runs the test cases of a type one after another, a locust.conf per test type and a quit hook that sets the exit code from the success criteria.',
  templatesDir: TEMPLATES_DIR,
  supports(plan) {
    if (plan.requests.length === 0) return { ok: false, reason: 'the plan has no requests to send' };
    return { ok: true };
  },
  *render({ plan, ctx }): Generator<GeneratedFile> {
    const models = locustViewModels(plan);
    for (const diagnostic of models.diagnostics) ctx.report(diagnostic);
    rendered.set(plan, summaries(models.confs));
    // One file at a time: the caller writes each before the next is rendered.
    yield { path: LOCUSTFILE, contents: asTextFile(ctx.renderTemplate('locustfile.py', { ...models.locustfile })) };
    yield { path: REQUESTS_FILE, contents: asTextFile(ctx.renderTemplate('data.py', { ...models.requests })) };
    yield { path: PLAN_FILE, contents: asTextFile(ctx.renderTemplate('data.py', { ...models.plan })) };
    for (const path of [RUNTIME_FILE, SCHEDULE_FILE, CRITERIA_FILE, LOCUST_SUPPORT_FILE]) {
      yield { path, contents: asTextFile(runtimeFile(path.slice(path.lastIndexOf('/') + 1), models.runtimeHeader)) };
    }
    if (models.feeder !== undefined) yield { path: FEEDER_FILE, contents: models.feeder };
    for (const conf of models.confs) yield { path: conf.path, contents: asTextFile(ctx.renderTemplate('locust.conf', { ...conf.model })) };
  },
  instructions,
});
