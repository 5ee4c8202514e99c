import { asTextFile, defineRenderer, shellQuote, type GeneratedFile, type RunInstruction, type TestPlan } from 'perfplan/plugin';
import { jmeterViewModels, jmxFiles } from './test-plan-view.js';
import { XmlProblems } from './xml.js';

export { jmeterViewModels, jmxFiles, JMX_FILES, WORKFLOW_LABEL_PREFIX, TOKEN_LABEL_PREFIX, ITERATION_VARIABLE } from './test-plan-view.js';
export { jmeterValue } from './jmeter-text.js';
export { CHECK_GROUP_NAME, CHECK_LABEL_PREFIX } from './token-url-check.js';
export { threadLayers } from './thread-layers.js';

// Compiled, this file is dist/plugins/jmeter/src/index.js: the project root is four folders up.
const TEMPLATES_DIR = new URL('../../../../templates/jmeter/', import.meta.url);

interface FileSummary {
  path: string;
  testCases: string[];
}

/** What render() wrote for a plan, so that instructions() need not build every .jmx again. */
const rendered = new WeakMap<TestPlan, FileSummary[]>();

function instructions(plan: TestPlan): RunInstruction[] {
  const files = rendered.get(plan) ?? jmeterViewModels(plan).files;
  const steps: RunInstruction[] = [];
  for (const file of files) {
    const base = file.path.replace(/^jmeter\//, '').replace(/\.jmx$/, '');
    steps.push({
      description: `Run ${file.path} headless (${file.testCases.length} test case${file.testCases.length === 1 ? '' : 's'}, all at once; -J sets users (each test case's peak), rampUp, duration, thinkTimeMs and every credential), writing a CSV results file`,
      command: `jmeter -n -t ${shellQuote(file.path)} ${shellQuote(`-JbaseUrl=${plan.defaultBaseUrl.replace(/\/+$/, '')}`)} -Jjmeter.save.saveservice.output_format=csv -l ${shellQuote(`results-${base}.jtl`)}`,
    });
    steps.push({
      description: `Judge ${base} against the plan's success criteria (exit 1 and a list of failed criteria when one fails; --junit writes a JUnit report for CI)`,
      command: `perfplan evaluate --engine jmeter --plan plan.json ${shellQuote(`results-${base}.jtl`)} --junit ${shellQuote(`results-${base}.xml`)}`,
    });
  }
  return steps;
}

export default defineRenderer({
  name: 'jmeter',
  description:
    'JMeter 5.6 test plans (.jmx), one per test type: thread groups shaped by each profile, samplers with the plan\'s values, assertions, extractors for workflows; criteria are judged from the results with perfplan evaluate.',
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
});
