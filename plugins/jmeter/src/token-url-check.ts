import type { AuthPlan } from 'perfplan/plugin';
import { boolProp, item, stringProp, testElement, type TreeItem } from './elements.js';
import { jmeterValue } from './jmeter-text.js';

// Credentials go only to hosts the user named. Before any thread group runs, a setUp thread group
// decides, per OAuth2 scheme, where its token request may go: the -J<SCHEME>_TOKEN_URL property
// when set; else the spec's token URL when it is relative or on the same scheme, host and port as
// baseUrl; else nowhere: the check fails with a message naming the property, and the setUp group
// stops the test before any other thread group starts. The decision is a property the token
// samplers take their URL from, so no token request can go elsewhere even if the check did not run
// (an empty URL sends nothing).
//
// The Groovy script is the same constant text for every scheme: it reads the spec's token URL
// from a User Defined Variable and the names it needs from its Parameters (our own variable and
// property names, letters, digits and `_` only). No spec text is ever part of a script.

export type OAuth2Plan = Extract<AuthPlan, { type: 'oauth2-client-credentials' | 'oauth2-password' }>;

/** Label prefix of the checks' samples in the results (a failed one means the test stopped at start). */
export const CHECK_LABEL_PREFIX = 'perfplan check:';

/** The setUp thread group's name (its threads are `perfplan checks 1-1`). */
export const CHECK_GROUP_NAME = 'perfplan checks';

/** Our own names in the script's Parameters: a plan built elsewhere could hold anything. */
function plainName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** The User Defined Variable that holds the spec's token URL of a scheme. */
export function specTokenUrlVariable(plan: OAuth2Plan): string {
  return `perfplan_spec_${plan.tokenUrlEnv}`;
}

/** The property the check sets to the URL a scheme's token request goes to. */
export function checkedTokenUrlProperty(plan: OAuth2Plan): string {
  return `perfplan.tokenUrl.${plan.tokenUrlEnv}`;
}

/** Groovy, for a JSR223 Assertion under a Debug Sampler. args: token property, token URL property, spec URL variable, checked URL property. */
export const TOKEN_URL_SCRIPT = [
  '// perfplan: where the token request of one OAuth2 scheme may go (credentials go only to hosts the user named).',
  'String tokenProperty = args[0]',
  'String urlProperty = args[1]',
  "String spec = vars.get(args[2]) ?: ''",
  "String base = vars.get('baseUrl') ?: ''",
  "while (base.endsWith('/')) base = base.substring(0, base.length() - 1)",
  "if (props.getProperty(tokenProperty, '') != '') {",
  '  SampleResult.setIgnore()',
  '  return',
  '}',
  'def absolute = { String url -> java.util.regex.Pattern.compile(/(?i)([a-z][a-z0-9+.-]*:|\\/\\/)/).matcher(url).lookingAt() }',
  'def resolve = { String url ->',
  '  def scheme = java.util.regex.Pattern.compile(/(?i)[a-z][a-z0-9+.-]*:/).matcher(url)',
  '  if (scheme.lookingAt()) return url',
  "  if (url.startsWith('//')) {",
  '    def own = java.util.regex.Pattern.compile(/(?i)[a-z][a-z0-9+.-]*:/).matcher(base)',
  "    return (own.lookingAt() ? own.group() : 'https:') + url",
  '  }',
  "  return base + (url.startsWith('/') ? '' : '/') + url",
  '}',
  'def origin = { String url ->',
  '  def whole = java.util.regex.Pattern.compile(/(?i)([a-z][a-z0-9+.-]*):\\/\\/([^\\/?#]*)/).matcher(url)',
  '  if (!whole.lookingAt()) return null',
  '  def hostPort = java.util.regex.Pattern.compile(/(?i)(\\[[0-9a-f:.]+\\]|[a-z0-9._-]+)(?::([0-9]*))?/).matcher(whole.group(2))',
  '  if (!hostPort.matches()) return null',
  '  String scheme = whole.group(1).toLowerCase()',
  "  String port = hostPort.group(2) ?: (scheme == 'https' ? '443' : scheme == 'http' ? '80' : '')",
  "  return scheme + '://' + hostPort.group(1).toLowerCase() + ':' + port",
  '}',
  "String given = props.getProperty(urlProperty, '')",
  'String url = resolve(given != \'\' ? given : spec)',
  'if (given == \'\' && absolute(spec) && (origin(url) == null || origin(url) != origin(base))) {',
  "  String message = 'the spec\\'s token URL is on ' + (origin(url) ?: 'another host') + ', not on the server under test (' + (origin(base) ?: base) + '); ' +",
  "    'the client secret goes only to hosts you name. Set -J' + urlProperty + '=<token endpoint>, or -J' + tokenProperty + '=<access token obtained beforehand>.'",
  '  AssertionResult.setFailure(true)',
  '  AssertionResult.setFailureMessage(message)',
  "  log.error('perfplan: ' + message)",
  "  System.err.println('perfplan: the test stops at start: ' + message)",
  '  return',
  '}',
  'props.put(args[3], url)',
  'SampleResult.setIgnore()',
].join('\n');

function debugSampler(name: string) {
  return testElement({
    testclass: 'DebugSampler',
    guiclass: 'TestBeanGUI',
    name,
    // Shows nothing: properties and variables hold the credentials.
    props: [boolProp('displayJMeterProperties', false), boolProp('displayJMeterVariables', false), boolProp('displaySystemProperties', false)],
  });
}

function jsr223Assertion(input: { name: string; parameters: string; script: string }) {
  return testElement({
    testclass: 'JSR223Assertion',
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

function setupThreadGroup(name: string) {
  return testElement({
    testclass: 'SetupThreadGroup',
    guiclass: 'SetupThreadGroupGui',
    name,
    props: [
      stringProp('TestPlan.comments', 'Checks where OAuth2 token requests may go before any load; a failed check stops the test.'),
      stringProp('ThreadGroup.num_threads', '1'),
      stringProp('ThreadGroup.ramp_time', '0'),
      boolProp('ThreadGroup.same_user_on_next_iteration', true),
      stringProp('ThreadGroup.on_sample_error', 'stoptestnow'),
      {
        tag: 'elementProp',
        attrs: [['name', 'ThreadGroup.main_controller'], ['elementType', 'LoopController'], ['guiclass', 'LoopControlPanel'], ['testclass', 'LoopController'], ['testname', 'Loop Controller']],
        children: [stringProp('LoopController.loops', '1'), boolProp('LoopController.continue_forever', false)],
      },
      boolProp('ThreadGroup.scheduler', false),
      stringProp('ThreadGroup.duration', ''),
      stringProp('ThreadGroup.delay', ''),
    ],
  });
}

/** The setUp thread group checking the token URL of each scheme (none when no scheme fetches tokens). */
export function tokenUrlChecks(plans: readonly OAuth2Plan[]): TreeItem[] {
  if (plans.length === 0) return [];
  const checks = plans.map((plan) =>
    item(debugSampler(jmeterValue(`${CHECK_LABEL_PREFIX} OAuth2 token URL of ${plan.scheme}`)), [
      item(
        jsr223Assertion({
          name: 'Token URL on a host the user named',
          parameters: [plan.tokenEnv, plan.tokenUrlEnv, specTokenUrlVariable(plan), checkedTokenUrlProperty(plan)].map(plainName).join(' '),
          script: TOKEN_URL_SCRIPT,
        }),
      ),
    ]),
  );
  return [item(setupThreadGroup(CHECK_GROUP_NAME), checks)];
}
