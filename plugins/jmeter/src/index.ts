import { asTextFile, defineRenderer, feederCsv, type GeneratedFile, type RunInstruction, type TestPlan } from 'perfplan/plugin';
import { FEEDER_FILE } from './variation-script.js';
import { JMETER_RESULTS_FILE, readJmeterResults } from './results-reader.js';
import { jmxCommands } from './run-commands.js';
import { jmeterViewModels, jmxFiles, safeName } from './test-plan-view.js';
import { XmlProblems } from './xml.js';

export { jmeterViewModels, jmxFiles, JMX_FILES, WORKFLOW_LABEL_PREFIX, TOKEN_LABEL_PREFIX, ITERATION_VARIABLE } from './test-plan-view.js';
export { jmeterValue } from './jmeter-text.js';
export { CHECK_GROUP_NAME, CHECK_LABEL_PREFIX } from './token-url-check.js';
export { threadLayers } from './thread-layers.js';
export { RUN_LABEL, START_LABEL, RUN_CHECK_GROUP, RUN_START_GROUP } from './run-check.js';
export { READY_PROPERTY, START_PROPERTY } from './schedule.js';
export { readJmeterJtl, readJmeterResults, threadGroupOf } from './results-reader.js';

// The package's templates/ folder is beside the folder of the compiled code: plugins/jmeter/dist/ in the
// package, dist/plugins/jmeter/src/ in the copy perfplan bundles (its build copies templates/ there).
const TEMPLATES_DIR = new URL('../templates/', import.meta.url);

interface FileSummary {
  path: string;
  testCases: string[];
}

/** What render() wrote for a plan, so that instructions() need not build every .jmx again. */
const rendered = new WeakMap<TestPlan, FileSummary[]>();

function instructions(plan: TestPlan): RunInstruction[] {
  const files = rendered.get(plan) ?? jmeterViewModels(plan).files;
  const steps: RunInstruction[] = [];
  let rehearsed = false;
  for (const file of files) {
    const ids = new Set(file.testCases);
    const testCases = plan.testCases.filter((testCase) => ids.has(testCase.id));
    const commands = jmxCommands(plan, file.path, testCases, (testCase) => safeName(testCase.id));
    steps.push(commands.defaultRun);
    if (commands.oneCase) steps.push(commands.oneCase);
    // The time scale works alike in every file: shown once.
    if (!rehearsed) steps.push(commands.rehearsal);
    rehearsed = true;
    steps.push(commands.evaluate);
  }
  return steps;
}

export default defineRenderer({
  name: 'jmeter',
  description:
    'JMeter 5.6 test plans (.jmx), one per test type: the test cases run one after another (or one by -JtestCase), thread groups follow each load shape scaled by -JtimeScale, samplers with the plan\'s values, assertions, extractors for workflows; criteria are judged from the results with perfplan evaluate.',
  templatesDir: TEMPLATES_DIR,
  supports(plan) {
    if (plan.requests.length === 0) return { ok: false, reason: 'the plan has no requests to send' };
    return { ok: true };
  },
  *render({ plan, ctx }): Generator<GeneratedFile> {
    const problems = new XmlProblems();
    const summaries: FileSummary[] = [];
    for (const file of jmxFiles(plan, ctx.report, problems)) {
      summaries.push({ path: file.path, testCases: file.testCases });
      yield { path: file.path, contents: asTextFile(ctx.renderTemplate('test-plan.jmx', { body: file.body })) };
    }
    rendered.set(plan, summaries);
    if (summaries.length > 0 && plan.data !== undefined && plan.data.columns.length > 0) yield { path: FEEDER_FILE, contents: feederCsv(plan.data) };
    const unrepresentable = new Set(problems.values).size;
    if (unrepresentable > 0) {
      ctx.report({
        code: 'jmeter/xml-unrepresentable',
        severity: 'warning',
        message: `jmeter: ${unrepresentable} value(s) hold characters XML 1.0 cannot carry; they were replaced by U+FFFD.`,
      });
    }
  },
  instructions,
  readResults: readJmeterResults,
  resultsFile: JMETER_RESULTS_FILE,
});
