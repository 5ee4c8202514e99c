import { shellQuote, type RunInstruction, type TestCase, type TestPlan } from 'perfplan/plugin';
import { serverArguments } from './servers.js';

// How to run a .jmx and judge its results: PLAN.md's "How to run" and each test plan's comment.

/** Where the commands send requests: the configured or loopback default, or a placeholder when the file must be told. */
function baseUrlArgument(plan: TestPlan, testCases: readonly TestCase[]): string {
  const chosen = testCases.some((testCase) => testCase.requiresChosenBaseUrl);
  return `-JbaseUrl=${chosen ? 'https://your-test-server' : shellQuote(plan.defaultBaseUrl.replace(/\/+$/, ''))}${serverArguments(testCases)}`;
}

export interface JmxCommands {
  /** The file's default run: its test cases one after another (by-name cases left out). */
  defaultRun: RunInstruction;
  /** One test case alone, when the file has more than one. */
  oneCase?: RunInstruction;
  /** A rehearsal with every stage 20 times shorter. */
  rehearsal: RunInstruction;
  evaluate: RunInstruction;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** The commands of one .jmx file (`path` relative to the output folder, e.g. jmeter/stress.jmx). */
export function jmxCommands(plan: TestPlan, path: string, testCases: readonly TestCase[], idOf: (testCase: TestCase) => string): JmxCommands {
  const base = path.replace(/^jmeter\//, '').replace(/\.jmx$/, '');
  const baseUrl = baseUrlArgument(plan, testCases);
  const inDefault = testCases.filter((testCase) => !testCase.onlyByName);
  const byName = testCases.length - inDefault.length;
  const results = `-l results-${base}.jtl`;
  // PLAN.md shows at most 160 characters of a description.
  const cases = inDefault.length === 1 ? 'its test case' : `its ${inDefault.length} test cases one after another`;
  const commands: JmxCommands = {
    defaultRun: {
      description: `Run ${path}: ${cases}${byName > 0 ? ` (${count(byName, 'more test case')} only by name)` : ''}; -JbaseUrl is the server under test, -Jusers each test case's peak users`,
      command: `jmeter -n -t ${path} ${baseUrl} ${results}`,
    },
    rehearsal: {
      description: `Rehearse 20 times shorter: -JtimeScale multiplies every stage, start and judged window (default ${plan.timeScale}), not think time or latency limits`,
      command: `jmeter -n -t ${path} ${baseUrl} -JtimeScale=0.05 ${results}`,
    },
    evaluate: {
      description: 'Judge the results (JMeter has no pass/fail): exit 0 when every criterion is met, 1 naming each one failed or a refused start',
      command: `perfplan evaluate --engine jmeter --plan plan.json results-${base}.jtl --junit results-${base}.xml`,
    },
  };
  const example = testCases.find((testCase) => testCase.onlyByName) ?? (testCases.length > 1 ? testCases[0] : undefined);
  if (example !== undefined) {
    commands.oneCase = {
      description: `Run one test case of ${path} alone, starting at once (-JtestCase takes any test case id of the file, per-operation ones included)`,
      command: `jmeter -n -t ${path} -JtestCase=${shellQuote(idOf(example))} ${baseUrl} ${results}`,
    };
  }
  return commands;
}
