import type { TestCase, TestPlan } from 'perfplan/plugin';
import { argument } from './elements.js';
import { jmeterValue, type Piece } from './jmeter-text.js';
import type { XmlNode } from './xml.js';

// Operations with servers of their own (TestPlan.servers): the run check (run-check.ts) decides,
// before any request, the base URL of each server: the property named after its variable
// (-JBASE_URL_UPLOAD=...) when set; else the spec's URL (a relative one on baseUrl's scheme, host
// and port), when the running test cases may use it. It puts the URL into the property
// perfplan.server.<VARIABLE>, which the samplers of those operations start their URL with. The
// check's script is fixed text: the servers come from the perfplan.server* variables below.

/** A variable name as a property name: letters, digits and `_` (a plan built elsewhere could hold anything). */
export function serverName(env: string): string {
  return env.replace(/[^A-Za-z0-9_]/g, '_');
}

/** The start of the URL of a request to server `env`: the base URL the run check decided. */
export function serverBase(env: string): Piece {
  return { ref: `\${__P(perfplan.server.${serverName(env)},)}` };
}

/**
 * The variables the run check reads for the servers: their names, and per server its spec URL,
 * whether that is relative, the test cases that do not start unless its property is set, and the
 * ones whose requests carry credentials there.
 */
export function serverVariables(plan: TestPlan, testCases: readonly TestCase[], idOf: (testCase: TestCase) => string): XmlNode[] {
  const servers = plan.servers ?? [];
  if (servers.length === 0) return [];
  const ids = (env: string, flag: 'requiresChosen' | 'credentials') =>
    testCases.filter((testCase) => (testCase.servers ?? []).some((server) => server.env === env && server[flag] === true)).map(idOf).join(' ');
  return [
    argument('perfplan.servers', servers.map((server) => serverName(server.env)).join(' ')),
    ...servers.flatMap((server) => {
      const name = serverName(server.env);
      return [
        argument(
          `perfplan.server.${name}.url`,
          jmeterValue(server.url),
          server.relative
            ? `Path of the server of ${server.operations.length} operation(s) on baseUrl's scheme, host and port; -J${name}=... sets another base URL`
            : `The spec's server of ${server.operations.length} operation(s), used only when the run check allows it; -J${name}=... sets another`,
        ),
        argument(`perfplan.server.${name}.relative`, String(server.relative === true)),
        argument(`perfplan.server.${name}.needs`, ids(server.env, 'requiresChosen')),
        argument(`perfplan.server.${name}.credentials`, ids(server.env, 'credentials')),
      ];
    }),
  ];
}

/** The run check's part for the servers (Groovy; `problems`, `running` and `words` are the check's). */
export const SERVER_CHECK_SCRIPT = `String baseUrlText = vars.get('baseUrl') ?: ''
while (baseUrlText.endsWith('/')) baseUrlText = baseUrlText.substring(0, baseUrlText.length() - 1)
def originOf = { String url ->
  def whole = java.util.regex.Pattern.compile(/(?i)([a-z][a-z0-9+.-]*):\\/\\/([^\\/?#]*)/).matcher(url)
  if (!whole.lookingAt()) return null
  def hostPort = java.util.regex.Pattern.compile(/(?i)(\\[[0-9a-f:.]+\\]|[a-z0-9._-]+)(?::([0-9]*))?/).matcher(whole.group(2))
  if (!hostPort.matches()) return null
  String scheme = whole.group(1).toLowerCase()
  String port = hostPort.group(2) ?: (scheme == 'https' ? '443' : scheme == 'http' ? '80' : '')
  return scheme + '://' + hostPort.group(1).toLowerCase() + ':' + port
}
def baseOrigin = java.util.regex.Pattern.compile(/(?i)[a-z][a-z0-9+.-]*:\\/\\/[^\\/?#]*/).matcher(baseUrlText)
String baseOriginText = baseOrigin.lookingAt() ? baseOrigin.group() : ''
for (server in words('perfplan.servers')) {
  String prefix = 'perfplan.server.' + server
  String given = props.getProperty(server, '').trim()
  String specUrl = vars.get(prefix + '.url') ?: ''
  boolean relative = vars.get(prefix + '.relative') == 'true'
  if (!given && running.any { it in words(prefix + '.needs') }) {
    problems << (server + ' is not set: these test cases never run against the spec\\'s server ' + specUrl + ' by default (only a loopback address, and never in stress, spike and soak tests). Set -J' + server + '=https://your-test-server.')
  } else if (!given && !relative && running.any { it in words(prefix + '.credentials') } && originOf(specUrl) != originOf(baseUrlText)) {
    problems << (server + ' is not set: requests with credentials go to its default ' + specUrl + ', which is not on baseUrl\\'s scheme, host and port (' + (originOf(baseUrlText) ?: baseUrlText) + '); credentials go only to hosts you name. Set -J' + server + '=...')
  }
  String url = given ?: (relative ? baseOriginText + specUrl : specUrl)
  while (url.endsWith('/')) url = url.substring(0, url.length() - 1)
  props.put(prefix, url)
}
`;

/** ` -JBASE_URL_X=https://your-test-server` for each server the test cases do not start without. */
export function serverArguments(testCases: readonly TestCase[]): string {
  const names = new Set(testCases.flatMap((testCase) => (testCase.servers ?? []).filter((server) => server.requiresChosen === true).map((server) => serverName(server.env))));
  return [...names].sort().map((name) => ` -J${name}=https://your-test-server`).join('');
}
