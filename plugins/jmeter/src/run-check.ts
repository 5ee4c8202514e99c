import type { TestCase, TestPlan, TestType } from 'perfplan/plugin';
import { argument, groovyAssertion, ifController, item, markerSampler, setupThreadGroup, stopTest, threadGroup, type TreeItem } from './elements.js';
import { jmeterValue } from './jmeter-text.js';
import { ARRIVALS_PROPERTY_PREFIX, pacingWarmUp } from './pacing.js';
import { READY_PROPERTY, START_PROPERTY } from './schedule.js';
import { ITERATIONS_PROPERTY } from './variation-script.js';
import { SERVER_CHECK_SCRIPT, serverVariables } from './servers.js';
import type { XmlNode } from './xml.js';

// The setUp thread group of every .jmx: before any request, a Groovy assertion checks the run's
// properties (time scale, users, test case, base URL, the servers of operations that have their
// own, see servers.ts), writes one sample that marks the run's
// start in the results (its message says which file, test case and time scale ran; perfplan
// evaluate reads it), and either lets the thread groups start (the `perfplan.ready` property)
// or fails with the reason, logs it in jmeter.log and stops the test: a refused run sends
// nothing. The script is fixed text: what it checks comes from the perfplan.* variables.
// Then the first main thread group sets the run's start (the perfplan.start property every
// thread group's schedule counts from, see schedule.ts) and marks it with a sample.

/** Label of the run check's sample: which file, test case and time scale ran, or why the run was refused. */
export const RUN_LABEL = 'perfplan:run';
/** Label of the sample that marks the run's start (time 0 of every test case's schedule). */
export const START_LABEL = 'perfplan:start';
/** Name of the setUp thread group (the thread name of the run sample). */
export const RUN_CHECK_GROUP = 'perfplan run check';
/** Name of the first main thread group, which records the run's start. */
export const RUN_START_GROUP = 'perfplan run start';

const RUN_CHECK_SCRIPT = `// perfplan: checks this run's properties before any request is sent and marks the run's start.
// Fixed text: the plan's data comes from the perfplan.* variables of the test plan.
import groovy.json.JsonOutput

props.remove('${READY_PROPERTY}')
props.remove('${START_PROPERTY}')
props.keySet().findAll { it.toString().startsWith('${ARRIVALS_PROPERTY_PREFIX}') }.each { props.remove(it) }
props.remove('${ITERATIONS_PROPERTY}')
vars.put('perfplan_refused', 'false')
def words = { String name -> (vars.get(name) ?: '').tokenize(' ') }
def file = vars.get('perfplan.file')
def type = vars.get('perfplan.type')
def problems = []

def scaleText = props.getProperty('timeScale', vars.get('perfplan.defaultTimeScale')).trim()
BigDecimal scale = null
try { scale = new BigDecimal(scaleText) } catch (NumberFormatException ignored) { }
if (scale == null || scale <= 0) {
  problems << ('timeScale=' + scaleText + ' is not a positive number: pass for example -JtimeScale=0.05 (every stage 20 times shorter), or leave it out for ' + vars.get('perfplan.defaultTimeScale') + '.')
}
def users = props.getProperty('users')
if (users != null && !(users.trim() ==~ /[1-9][0-9]*/)) {
  problems << ('users=' + users + ' is not a positive whole number: -Jusers sets each test case\\'s peak users.')
}
def seedText = props.getProperty('runSeed')
if (seedText != null && !(seedText.trim() ==~ /[0-9]{1,10}/ && seedText.trim().toLong() <= 4294967295L)) {
  problems << ('runSeed=' + seedText + ' is not a whole number from 0 to 4294967295: -JrunSeed picks another set of the values that vary per iteration (PLAN.md, Data).')
}
def testCase = props.getProperty('testCase', '').trim()
def defaultRun = words('perfplan.defaultRun')
def byName = words('perfplan.byName')
if (testCase && !(testCase in defaultRun) && !(testCase in byName)) {
  problems << ('testCase=' + testCase + ' is not a test case of ' + file + ': pick one of ' + (defaultRun + byName).join(', ') + '.')
}
def running = testCase ? [testCase] : defaultRun
def needsBaseUrl = words('perfplan.needsBaseUrl')
if (!props.getProperty('baseUrl', '').trim() && running.any { it in needsBaseUrl }) {
  problems << ('baseUrl is not set: ' + type + ' tests never run against the spec\\'s server (' + vars.get('perfplan.specServer') + ') by default. Set -JbaseUrl=https://your-test-server (jmeter -n -t ' + file + ' -JbaseUrl=...).')
}
${SERVER_CHECK_SCRIPT}for (old in ['duration', 'rampUp', 'startDelay']) {
  if (props.getProperty(old) != null) log.warn('perfplan: -J' + old + ' is not used by ' + file + ': the load shape drives the run; -JtimeScale=0.05 makes every stage 20 times shorter.')
}

def refused = problems ? 'perfplan refused to start ' + file + ': ' + problems.join(' ') : null
SampleResult.setResponseMessage(JsonOutput.toJson([file: file, type: type, testCase: testCase, timeScale: scale, users: users, refused: refused]))
if (refused) {
  log.error(refused)
  SampleResult.setResponseCode('refused')
  AssertionResult.setFailure(true)
  AssertionResult.setFailureMessage(refused)
  vars.put('perfplan_refused', 'true')
} else {
  SampleResult.setResponseCode('200')
  props.put('${READY_PROPERTY}', 'true')
}
`;

export interface RunCheckInput {
  plan: TestPlan;
  type: TestType;
  file: string;
  testCases: readonly TestCase[];
  /** The name of a test case as `-JtestCase` takes it. */
  idOf: (testCase: TestCase) => string;
}

/** The perfplan.* variables the run check reads (test plan User Defined Variables). */
export function runCheckVariables(input: RunCheckInput): XmlNode[] {
  const ids = (cases: readonly TestCase[]) => cases.map(input.idOf).join(' ');
  return [
    argument('perfplan.file', input.file),
    argument('perfplan.type', input.type),
    argument('perfplan.defaultTimeScale', String(input.plan.timeScale)),
    argument('perfplan.defaultRun', ids(input.testCases.filter((testCase) => !testCase.onlyByName))),
    argument('perfplan.byName', ids(input.testCases.filter((testCase) => testCase.onlyByName))),
    argument('perfplan.needsBaseUrl', ids(input.testCases.filter((testCase) => testCase.requiresChosenBaseUrl))),
    argument('perfplan.specServer', jmeterValue(input.plan.defaultBaseUrl)),
    ...serverVariables(input.plan, input.testCases, input.idOf),
  ];
}

/** The setUp thread group: the run check, then a stop of the whole test when it refused; `warmUp` compiles the arrivals timer. */
export function runCheckGroup(input: { warmUp: boolean }): TreeItem {
  const { warmUp } = input;
  const group = setupThreadGroup({
    name: RUN_CHECK_GROUP,
    comment: 'Checks -JtimeScale, -Jusers, -JtestCase, -JbaseUrl, -JrunSeed and the servers of operations that have their own before any request; refuses to start with the reason in jmeter.log and in the results.',
  });
  const marker = markerSampler({ name: RUN_LABEL, comment: 'Marks the start of the run in the results; fails with the reason when the run may not start.' });
  const check = groovyAssertion({ name: 'perfplan run check', script: RUN_CHECK_SCRIPT });
  const stop = item(ifController('Refused', '${perfplan_refused}'), [item(stopTest('Stop the test'))]);
  return item(group, [item(marker, [...(warmUp ? [pacingWarmUp()] : []), item(check)]), stop]);
}

/**
 * Seconds between the main phase's start and the run's start: JMeter starts thread groups one
 * after another, a few milliseconds each (2 to 7 ms measured; stripe's 2,815 thread groups took
 * 6.6 s), so a test case far down the file would start late. 5 ms per thread group, at least 1 s.
 */
export function leadSeconds(threadGroups: number): number {
  return Math.max(1, Math.ceil(threadGroups * 0.005));
}

/**
 * The first main thread group: JMeter starts thread groups in order, so evaluating its user
 * count is the first thing of the main phase. It sets the run's start `lead` seconds later
 * (the perfplan.start property every schedule counts from), and its one user sends a sample
 * that marks that moment in the results.
 */
export function runStartGroup(input: { lead: number }): TreeItem {
  const group = threadGroup({
    name: RUN_START_GROUP,
    comment: `Records the start of the run, ${input.lead} s from now, from which every test case's schedule counts, and marks it in the results.`,
    threads: `\${__jexl3(props.putIfAbsent("${START_PROPERTY}"\\, "" + (\${__time()} + ${input.lead * 1000})); props.get("${READY_PROPERTY}") == "true" ? 1 : 0)}`,
    rampUp: '0',
    duration: '60',
    delay: String(input.lead),
    loops: '1',
    delayedStart: 'false',
  });
  return item(group, [item(markerSampler({ name: START_LABEL, comment: 'Time 0 of every test case\'s schedule.' }))]);
}
