import { writeXml, type LineSink, type XmlNode, type XmlProblems } from './xml.js';

// Test elements as JMeter 5.6 saves them: tag = test class, guiclass/testclass/testname
// attributes, properties as stringProp/boolProp/intProp/longProp/elementProp/collectionProp.
// Every element is followed by its hashTree of children. Values passed here are final
// property values (already prepared with jmeterValue); XML escaping happens on output.

/** An element and the hashTree that holds its children. */
export interface TreeItem {
  element: XmlNode;
  children: TreeItem[];
  /**
   * Set on items written many times (a request's sampler appears in every test type): their
   * text per indentation depth, kept after the first write.
   */
  written?: Map<number, string>;
}

/** The same item, remembering its text once written (see TreeItem.written). */
export function reusable(treeItem: TreeItem): TreeItem {
  return { ...treeItem, written: new Map() };
}

export function item(element: XmlNode, children: TreeItem[] = []): TreeItem {
  return { element, children };
}

/** Appends the lines of tree items to `out`: each element followed by the hashTree of its children. */
export function writeTree(items: readonly TreeItem[], depth: number, out: LineSink, problems?: XmlProblems): void {
  const indent = '  '.repeat(depth);
  for (const treeItem of items) {
    const { element, children, written } = treeItem;
    if (written !== undefined) {
      let text = written.get(depth);
      if (text === undefined) {
        const lines: string[] = [];
        writeTree([{ element, children }], depth, lines, problems);
        text = lines.join('\n');
        written.set(depth, text);
      }
      out.push(text);
      continue;
    }
    writeXml(element, depth, out, problems);
    if (children.length === 0) {
      out.push(`${indent}<hashTree/>`);
    } else {
      out.push(`${indent}<hashTree>`);
      writeTree(children, depth + 1, out, problems);
      out.push(`${indent}</hashTree>`);
    }
  }
}

export function stringProp(name: string, value: string): XmlNode {
  return { tag: 'stringProp', attrs: [['name', name]], text: value };
}

export function boolProp(name: string, value: boolean): XmlNode {
  return { tag: 'boolProp', attrs: [['name', name]], text: String(value) };
}

export function intProp(name: string, value: number): XmlNode {
  return { tag: 'intProp', attrs: [['name', name]], text: String(Math.trunc(value)) };
}

export function collectionProp(name: string, children: XmlNode[]): XmlNode {
  return { tag: 'collectionProp', attrs: [['name', name]], children };
}

/** A test element: `<Tag guiclass testclass testname>`. */
export function testElement(input: { testclass: string; guiclass: string; name: string; props: XmlNode[]; tag?: string }): XmlNode {
  return {
    tag: input.tag ?? input.testclass,
    attrs: [
      ['guiclass', input.guiclass],
      ['testclass', input.testclass],
      ['testname', input.name],
    ],
    children: input.props,
  };
}

/** java.lang.String#hashCode: JMeter names collection entries of assertions by it. */
export function javaHashCode(value: string): number {
  let hash = 0;
  for (let index = 0; index < value.length; index++) hash = (Math.imul(hash, 31) + value.charCodeAt(index)) | 0;
  return hash;
}

/** One `name = value` entry of an Arguments collection (User Defined Variables). */
export function argument(name: string, value: string, description?: string): XmlNode {
  const props = [stringProp('Argument.name', name), stringProp('Argument.value', value), stringProp('Argument.metadata', '=')];
  if (description !== undefined) props.push(stringProp('Argument.desc', description));
  return { tag: 'elementProp', attrs: [['name', name], ['elementType', 'Argument']], children: props };
}

export function userDefinedVariables(name: string, entries: XmlNode[]): XmlNode {
  return testElement({ testclass: 'Arguments', guiclass: 'ArgumentsPanel', name, props: [collectionProp('Arguments.arguments', entries)] });
}

export function headerManager(name: string, headers: Array<[string, string]>): XmlNode {
  const entries = headers.map(([header, value]) => ({
    tag: 'elementProp',
    attrs: [['name', ''], ['elementType', 'Header']] as Array<[string, string]>,
    children: [stringProp('Header.name', header), stringProp('Header.value', value)],
  }));
  return testElement({ testclass: 'HeaderManager', guiclass: 'HeaderPanel', name, props: [collectionProp('HeaderManager.headers', entries)] });
}

export function cookieManager(): XmlNode {
  return testElement({
    testclass: 'CookieManager',
    guiclass: 'CookiePanel',
    name: 'HTTP Cookie Manager',
    props: [collectionProp('CookieManager.cookies', []), boolProp('CookieManager.clearEachIteration', true), boolProp('CookieManager.controlledByThreadGroup', false)],
  });
}

export function httpDefaults(input: { connectTimeout: string; responseTimeout: string }): XmlNode {
  return testElement({
    testclass: 'ConfigTestElement',
    guiclass: 'HttpDefaultsGui',
    name: 'HTTP Request Defaults',
    props: [
      {
        tag: 'elementProp',
        attrs: [['name', 'HTTPsampler.Arguments'], ['elementType', 'Arguments'], ['guiclass', 'HTTPArgumentsPanel'], ['testclass', 'Arguments'], ['testname', 'User Defined Variables']],
        children: [collectionProp('Arguments.arguments', [])],
      },
      stringProp('HTTPSampler.implementation', 'HttpClient4'),
      stringProp('HTTPSampler.contentEncoding', 'UTF-8'),
      stringProp('HTTPSampler.connect_timeout', input.connectTimeout),
      stringProp('HTTPSampler.response_timeout', input.responseTimeout),
    ],
  });
}

/** An HTTP request whose URL is complete in `path` (JMeter takes an absolute URL there) and whose body, if any, is raw. */
/** An HTTP Request; `contentEncoding` (default UTF-8) is how the body text becomes bytes. */
export function httpSampler(input: { name: string; method: string; url: string; body?: string; comment?: string; contentEncoding?: string }): XmlNode {
  const props: XmlNode[] = [];
  if (input.comment !== undefined) props.push(stringProp('TestPlan.comments', input.comment));
  props.push(stringProp('HTTPSampler.path', input.url), stringProp('HTTPSampler.method', input.method));
  props.push(boolProp('HTTPSampler.follow_redirects', false), boolProp('HTTPSampler.auto_redirects', false), boolProp('HTTPSampler.use_keepalive', true));
  props.push(stringProp('HTTPSampler.contentEncoding', input.contentEncoding ?? 'UTF-8'));
  if (input.body !== undefined) {
    props.push(boolProp('HTTPSampler.postBodyRaw', true));
    props.push({
      tag: 'elementProp',
      attrs: [['name', 'HTTPsampler.Arguments'], ['elementType', 'Arguments']],
      children: [
        collectionProp('Arguments.arguments', [
          {
            tag: 'elementProp',
            attrs: [['name', ''], ['elementType', 'HTTPArgument']],
            children: [boolProp('HTTPArgument.always_encode', false), stringProp('Argument.value', input.body), stringProp('Argument.metadata', '=')],
          },
        ]),
      ],
    });
  } else {
    props.push({
      tag: 'elementProp',
      attrs: [['name', 'HTTPsampler.Arguments'], ['elementType', 'Arguments'], ['guiclass', 'HTTPArgumentsPanel'], ['testclass', 'Arguments'], ['testname', 'User Defined Variables']],
      children: [collectionProp('Arguments.arguments', [])],
    });
  }
  return testElement({ testclass: 'HTTPSamplerProxy', guiclass: 'HttpTestSampleGui', name: input.name, props });
}

/** Passes when the status equals one of `statuses`, or matches `pattern`; the sampler's own status check is ignored. */
export function statusAssertion(input: { name: string; statuses?: number[]; pattern?: string }): XmlNode {
  const strings = input.pattern !== undefined ? [input.pattern] : (input.statuses ?? []).map(String);
  // test_type: 1 = matches (regex), 8 = equals, 32 = OR between patterns.
  const type = input.pattern !== undefined ? 1 : strings.length > 1 ? 8 | 32 : 8;
  return testElement({
    testclass: 'ResponseAssertion',
    guiclass: 'AssertionGui',
    name: input.name,
    props: [
      collectionProp('Asserion.test_strings', strings.map((value) => stringProp(String(javaHashCode(value)), value))),
      stringProp('Assertion.custom_message', ''),
      stringProp('Assertion.test_field', 'Assertion.response_code'),
      boolProp('Assertion.assume_success', true),
      intProp('Assertion.test_type', type),
    ],
  });
}

export function durationAssertion(name: string, milliseconds: string): XmlNode {
  return testElement({ testclass: 'DurationAssertion', guiclass: 'DurationAssertionGui', name, props: [stringProp('DurationAssertion.duration', milliseconds)] });
}

export function jsonExtractor(input: { name: string; variable: string; jsonPath: string; fallback: string }): XmlNode {
  return testElement({
    testclass: 'JSONPostProcessor',
    guiclass: 'JSONPostProcessorGui',
    name: input.name,
    props: [
      stringProp('JSONPostProcessor.referenceNames', input.variable),
      stringProp('JSONPostProcessor.jsonPathExprs', input.jsonPath),
      stringProp('JSONPostProcessor.match_numbers', '1'),
      stringProp('JSONPostProcessor.defaultValues', input.fallback),
    ],
  });
}

/** A regular expression over the response headers (or body), first match, group 1. */
export function regexExtractor(input: { name: string; variable: string; regex: string; fallback: string; headers: boolean }): XmlNode {
  return testElement({
    testclass: 'RegexExtractor',
    guiclass: 'RegexExtractorGui',
    name: input.name,
    props: [
      stringProp('RegexExtractor.useHeaders', String(input.headers)),
      stringProp('RegexExtractor.refname', input.variable),
      stringProp('RegexExtractor.regex', input.regex),
      stringProp('RegexExtractor.template', '$1$'),
      stringProp('RegexExtractor.default', input.fallback),
      boolProp('RegexExtractor.default_empty_value', false),
      stringProp('RegexExtractor.match_number', '1'),
    ],
  });
}

export function constantTimer(name: string, delay: string): XmlNode {
  return testElement({ testclass: 'ConstantTimer', guiclass: 'ConstantTimerGui', name, props: [stringProp('ConstantTimer.delay', delay)] });
}

/** Flow Control Action that only pauses (its timer child is the think time); it records no sample. */
export function thinkTime(name: string, delay: string): TreeItem {
  const action = testElement({
    testclass: 'TestAction',
    guiclass: 'TestActionGui',
    name,
    props: [intProp('ActionProcessor.action', 1), intProp('ActionProcessor.target', 0), stringProp('ActionProcessor.duration', '0')],
  });
  return item(action, [item(constantTimer(`${name} timer`, delay))]);
}

export function ifController(name: string, condition: string): XmlNode {
  return testElement({
    testclass: 'IfController',
    guiclass: 'IfControllerPanel',
    name,
    props: [stringProp('IfController.condition', condition), boolProp('IfController.evaluateAll', false), boolProp('IfController.useExpression', true)],
  });
}

export function onceOnlyController(name: string): XmlNode {
  return testElement({ testclass: 'OnceOnlyController', guiclass: 'OnceOnlyControllerGui', name, props: [] });
}

/** Holds elements that run only where a Module Controller points at them (a library, not a test). */
export function testFragment(name: string): XmlNode {
  return testElement({ testclass: 'TestFragmentController', guiclass: 'TestFragmentControllerGui', name, props: [] });
}

export function simpleController(name: string): XmlNode {
  return testElement({ testclass: 'GenericController', guiclass: 'LogicControllerGui', name, props: [] });
}

/**
 * Runs the controller at `nodePath` (element names from the test plan down, as the GUI saves
 * it: the tree's root first) in its place. JMeter matches the names exactly, unevaluated.
 */
export function moduleController(name: string, nodePath: readonly string[]): XmlNode {
  const entries = ['Test Plan', ...nodePath].map((entry) => stringProp(String(javaHashCode(entry)), entry));
  return testElement({ testclass: 'ModuleController', guiclass: 'ModuleControllerGui', name, props: [collectionProp('ModuleController.node_path', entries)] });
}

export function transactionController(name: string): XmlNode {
  return testElement({
    testclass: 'TransactionController',
    guiclass: 'TransactionControllerGui',
    name,
    props: [boolProp('TransactionController.parent', false), boolProp('TransactionController.includeTimers', false)],
  });
}

/** A per-user counter that counts iterations from 0 into `variable`. */
export function iterationCounter(variable: string): XmlNode {
  return testElement({
    testclass: 'CounterConfig',
    guiclass: 'CounterConfigGui',
    name: 'Iteration counter',
    props: [
      stringProp('CounterConfig.start', '0'),
      stringProp('CounterConfig.end', ''),
      stringProp('CounterConfig.incr', '1'),
      stringProp('CounterConfig.name', variable),
      stringProp('CounterConfig.format', ''),
      boolProp('CounterConfig.per_user', true),
      boolProp('CounterConfig.reset_on_tg_iteration', false),
    ],
  });
}

/**
 * A thread group on the scheduler: `threads` users started over `rampUp` seconds after `delay`
 * seconds, stopping `duration` seconds after the delay. With `delayedStart` "true" its threads
 * are created when due, by a thread of its own that reads delay, duration, users and ramp-up
 * once the delay is over; otherwise all at once when the group starts.
 */
export function threadGroup(input: { name: string; comment: string; threads: string; rampUp: string; duration: string; delay: string; loops: string; delayedStart: string }): XmlNode {
  return testElement({
    testclass: 'ThreadGroup',
    guiclass: 'ThreadGroupGui',
    name: input.name,
    props: [
      stringProp('TestPlan.comments', input.comment),
      stringProp('ThreadGroup.num_threads', input.threads),
      stringProp('ThreadGroup.ramp_time', input.rampUp),
      boolProp('ThreadGroup.same_user_on_next_iteration', true),
      stringProp('ThreadGroup.on_sample_error', 'continue'),
      loopController(input.loops),
      boolProp('ThreadGroup.scheduler', true),
      stringProp('ThreadGroup.duration', input.duration),
      stringProp('ThreadGroup.delay', input.delay),
      stringProp('ThreadGroup.delayedStart', input.delayedStart),
    ],
  });
}

function loopController(loops: string): XmlNode {
  return {
    tag: 'elementProp',
    attrs: [['name', 'ThreadGroup.main_controller'], ['elementType', 'LoopController'], ['guiclass', 'LoopControlPanel'], ['testclass', 'LoopController'], ['testname', 'Loop Controller']],
    children: [stringProp('LoopController.loops', loops), boolProp('LoopController.continue_forever', false)],
  };
}

/** A setUp Thread Group: one user, one pass, run to the end before any other thread group starts. */
export function setupThreadGroup(input: { name: string; comment: string }): XmlNode {
  return testElement({
    testclass: 'SetupThreadGroup',
    guiclass: 'SetupThreadGroupGui',
    name: input.name,
    props: [
      stringProp('TestPlan.comments', input.comment),
      stringProp('ThreadGroup.num_threads', '1'),
      stringProp('ThreadGroup.ramp_time', '0'),
      boolProp('ThreadGroup.same_user_on_next_iteration', true),
      stringProp('ThreadGroup.on_sample_error', 'continue'),
      loopController('1'),
      boolProp('ThreadGroup.scheduler', false),
      stringProp('ThreadGroup.duration', ''),
      stringProp('ThreadGroup.delay', ''),
    ],
  });
}

/** A Debug Sampler that shows nothing: a sample of its own in the results, at no cost. */
export function markerSampler(input: { name: string; comment: string }): XmlNode {
  return testElement({
    testclass: 'DebugSampler',
    guiclass: 'TestBeanGUI',
    name: input.name,
    props: [
      stringProp('TestPlan.comments', input.comment),
      boolProp('displayJMeterProperties', false),
      boolProp('displayJMeterVariables', false),
      boolProp('displaySystemProperties', false),
    ],
  });
}

/**
 * A JSR223 Assertion running Groovy (in ApacheJMeter_components, which every JMeter has; the
 * JSR223 Sampler is in ApacheJMeter_java, which minimal installs leave out). `script` must be
 * fixed text without `${` (JMeter would read it as a function): data reaches it through
 * variables, never through its text.
 */
export function groovyAssertion(input: { name: string; script: string }): XmlNode {
  if (input.script.includes('${')) throw new Error('a JSR223 script must not hold ${: JMeter would evaluate it');
  return testElement({
    testclass: 'JSR223Assertion',
    guiclass: 'TestBeanGUI',
    name: input.name,
    props: [
      stringProp('scriptLanguage', 'groovy'),
      stringProp('parameters', ''),
      stringProp('filename', ''),
      stringProp('cacheKey', 'true'),
      stringProp('script', input.script),
    ],
  });
}

/**
 * A JSR223 Timer running Groovy: it returns the milliseconds to wait before each sampler in its
 * scope. `parameters` (JMeter evaluates it; the script reads it split on spaces as `args`) and
 * `script` follow groovyAssertion's rules.
 */
export function groovyTimer(input: { name: string; parameters: string; script: string }): XmlNode {
  if (input.script.includes('${') || input.parameters.includes('${')) throw new Error('a JSR223 script must not hold ${: JMeter would evaluate it');
  return testElement({
    testclass: 'JSR223Timer',
    guiclass: 'TestBeanGUI',
    name: input.name,
    props: [
      stringProp('scriptLanguage', 'groovy'),
      stringProp('parameters', input.parameters),
      stringProp('filename', ''),
      stringProp('cacheKey', 'true'),
      stringProp('script', input.script),
    ],
  });
}

/** Flow Control Action that stops the whole test (its threads finish their current sample). */
export function stopTest(name: string): XmlNode {
  return testElement({
    testclass: 'TestAction',
    guiclass: 'TestActionGui',
    name,
    // action 0 = stop, target 2 = the whole test
    props: [intProp('ActionProcessor.action', 0), intProp('ActionProcessor.target', 2), stringProp('ActionProcessor.duration', '0')],
  });
}

export function testPlanElement(input: { name: string; comment: string; variables: XmlNode[] }): XmlNode {
  return testElement({
    testclass: 'TestPlan',
    guiclass: 'TestPlanGui',
    name: input.name,
    props: [
      stringProp('TestPlan.comments', input.comment),
      boolProp('TestPlan.functional_mode', false),
      boolProp('TestPlan.tearDown_on_shutdown', true),
      boolProp('TestPlan.serialize_threadgroups', false),
      {
        tag: 'elementProp',
        attrs: [['name', 'TestPlan.user_defined_variables'], ['elementType', 'Arguments'], ['guiclass', 'ArgumentsPanel'], ['testclass', 'Arguments'], ['testname', 'User Defined Variables']],
        children: [collectionProp('Arguments.arguments', input.variables)],
      },
      stringProp('TestPlan.user_define_classpath', ''),
    ],
  });
}
