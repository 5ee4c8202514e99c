import { intProp, item, stringProp, testElement, ifController, type TreeItem } from './elements.js';
import { jmeterValue } from './jmeter-text.js';
import type { XmlNode } from './xml.js';

// A workflow step that cannot give a later step its value ends the iteration, as in k6 and
// Locust: the later steps are not sent (they would carry the extractor's NOT_FOUND_ fallback) and
// the workflow's Transaction Controller reports a failed iteration. JMeter 5.6 semantics relied
// on (JMeterThread, TransactionController): a SampleResult whose test logical action is
// START_NEXT_ITERATION_OF_THREAD makes the thread start its next iteration once the sample's
// assertions have run; on the way, the Transaction Controller ends its sample with the success
// of the last sample (JMeterThread.last_sample_ok), which is false after a failed assertion.

/** The fallback a workflow extractor writes when the response lacks the value. */
export function missingMarker(jmeterVariable: string): string {
  return `NOT_FOUND_${jmeterVariable}`;
}

/**
 * One per extracted value, after the extractors (assertions run after every post-processor).
 * Fixed text: the variable comes in the Parameters (one word of [A-Za-z0-9_]); the failure
 * message takes the element's name (Label), which says which step and value.
 */
export const VALUE_CHECK_SCRIPT = `// perfplan: a value later workflow steps need. args[0]: its JMeter variable, which the extractor
// sets to NOT_FOUND_<variable> when the response lacks the value. Found: kept as the last good value.
// Missing (or an earlier value of this step was): the variable goes back to its last good value
// (none: unset, so a later step that needs it ends the iteration too), the step fails, and the
// thread starts its next iteration: no later step of the workflow is sent, and the workflow's
// Transaction Controller reports a failed iteration. k6 and Locust do the same.
import org.apache.jmeter.threads.JMeterContext.TestLogicalAction

String name = args[0]
String kept = 'perfplan.kept.' + name
String value = vars.get(name)
boolean stopped = SampleResult.getTestLogicalAction() == TestLogicalAction.START_NEXT_ITERATION_OF_THREAD
if (!stopped && value != null && value != 'NOT_FOUND_' + name) {
  vars.put(kept, value)
  return
}
String last = vars.get(kept)
if (last == null) vars.remove(name) else vars.put(name, last)
if (stopped) return
AssertionResult.setFailure(true)
AssertionResult.setFailureMessage(Label + ': the response has no such value, so the workflow iteration ends here')
SampleResult.setTestLogicalAction(TestLogicalAction.START_NEXT_ITERATION_OF_THREAD)
`;

/** Marks the last sample failed, so that the Transaction Controller the guard ends reports a failed iteration. */
export const FAILED_ITERATION_SCRIPT = `// perfplan: the workflow iteration ends here without sending this step (a value it needs was never
// given). The Transaction Controller reports the iteration with the last sample's result, marked failed here.
vars.put('JMeterThread.last_sample_ok', 'false')
`;

function groovy(testclass: 'JSR223Assertion' | 'JSR223PreProcessor', name: string, parameters: string, script: string): XmlNode {
  if (script.includes('${') || parameters.includes('${')) throw new Error('a JSR223 script must not hold ${: JMeter would evaluate it');
  return testElement({
    testclass,
    guiclass: 'TestBeanGUI',
    name,
    props: [stringProp('scriptLanguage', 'groovy'), stringProp('parameters', parameters), stringProp('filename', ''), stringProp('cacheKey', 'true'), stringProp('script', script)],
  });
}

/** The check of one extracted value: a child of the step's sampler, after its extractors. */
export function valueCheck(input: { stepId: string; from: string; planVariable: string; jmeterVariable: string }): TreeItem {
  if (!/^[A-Za-z0-9_]+$/.test(input.jmeterVariable)) throw new Error(`not a workflow variable: ${input.jmeterVariable}`);
  const name = jmeterValue(`Step ${input.stepId}: ${input.from} gives ${input.planVariable}`);
  return item(groovy('JSR223Assertion', name, input.jmeterVariable, VALUE_CHECK_SCRIPT));
}

/**
 * Before a step that sends values an earlier step of weight below 1 extracts: when one of them
 * has never been given (that step failed to give it, and has not run since), the iteration ends
 * as failed without sending the step, as k6 and Locust end it.
 */
export function missingValueGuard(input: { stepId: string; jmeterVariables: readonly string[] }): TreeItem[] {
  if (input.jmeterVariables.length === 0) return [];
  for (const variable of input.jmeterVariables) if (!/^[A-Za-z0-9_]+$/.test(variable)) throw new Error(`not a workflow variable: ${variable}`);
  const condition = `\${__jexl3(${input.jmeterVariables.map((variable) => `vars.get("${variable}") == null`).join(' || ')})}`;
  const end = testElement({
    testclass: 'TestAction',
    guiclass: 'TestActionGui',
    name: 'End the workflow iteration (failed)',
    // action 3 = start the next thread loop, target 0 = this thread
    props: [intProp('ActionProcessor.action', 3), intProp('ActionProcessor.target', 0), stringProp('ActionProcessor.duration', '0')],
  });
  return [
    item(ifController(jmeterValue(`Step ${input.stepId}: a value it sends was never given`), condition), [
      item(end, [item(groovy('JSR223PreProcessor', 'Count the iteration as failed', '', FAILED_ITERATION_SCRIPT))]),
    ]),
  ];
}
