import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import jmeterRenderer from '../src/index.js';
import { TOKEN_URL_SCRIPT } from '../src/token-url-check.js';
import { renderTokenHostSpec } from '../../../test/helpers/token-host.js';
import { JMETER_HOME, jmeterInstalled } from './jmeter-process.js';

/** A token URL a hostile spec could write: JMeter functions, quotes, a comma, a backslash. */
const HOSTILE_TOKEN_URL = "https://evil.example/t?x=${__groovy(System.exit(3))},'\"\\${__P(AUTH_PARTNER_CLIENT_SECRET)}";

function xmlText(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Every `<stringProp name="NAME">` value of a .jmx, unescaped. */
function stringProps(jmx: string, name: string): string[] {
  return [...jmx.matchAll(new RegExp(`<stringProp name="${name.replace(/\./g, '\\.')}">([^<]*)</stringProp>`, 'g'))].map((match) => xmlText(match[1]!));
}

// Runs the check's Groovy script the way a JSR223 Assertion does (args, props, vars,
// SampleResult, AssertionResult, log bound), once per case, in one JVM.
const HARNESS = `
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
def script = new GroovyShell().parse(new File(args[0]).text)
def cases = new JsonSlurper().parse(new File(args[1]))
def results = cases.collect { c ->
  def props = new Properties()
  c.props.each { k, v -> props.setProperty(k, v) }
  def sample = new Expando(ignored: false)
  sample.setIgnore = { -> sample.ignored = true }
  def assertion = new Expando(failure: false, message: null)
  assertion.setFailure = { boolean value -> assertion.failure = value }
  assertion.setFailureMessage = { String value -> assertion.message = value }
  def binding = new Binding([args: c.args as String[], props: props, vars: c.vars, SampleResult: sample, AssertionResult: assertion, log: new Expando(error: { m -> })])
  script.setBinding(binding)
  script.run()
  [ignored: sample.ignored, failure: assertion.failure, message: assertion.message, url: props.getProperty(c.args[3])]
}
println JsonOutput.toJson(results)
`;

interface Decision {
  ignored: boolean;
  failure: boolean;
  message: string | null;
  url: string | null;
}

describe('JMeter: OAuth2 credentials go only to hosts the user named (setUp check in the .jmx)', function () {
  this.timeout(30_000);
  let dir: string;
  let jmx: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-jmeter-token-'));
    await renderTokenHostSpec({ tokenUrl: HOSTILE_TOKEN_URL, dir, renderer: jmeterRenderer });
    jmx = fs.readFileSync(path.join(dir, 'jmeter', 'load.jmx'), 'utf8');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes the token URL from the property the check sets, and never puts the spec\'s URL in a function or script', () => {
    const paths = stringProps(jmx, 'HTTPSampler.path');
    expect(paths).to.include('${__P(perfplan.tokenUrl.AUTH_PARTNER_TOKEN_URL,)}');
    // The spec's URL is one User Defined Variable's value, written so that JMeter evaluates nothing in it.
    const values = stringProps(jmx, 'Argument.value');
    const spec = values.filter((value) => value.includes('evil.example'));
    expect(spec).to.deep.equal(["https://evil.example/t?x=${__char(36)}{__groovy(System.exit(3))},'\"\\\\${__char(36)}{__P(AUTH_PARTNER_CLIENT_SECRET)}"]);
    // Elsewhere only in descriptions (Argument.desc), which JMeter shows and never runs.
    const elsewhere = jmx.split('\n').filter((line) => line.includes('evil.example') && !line.includes('name="Argument.desc"'));
    expect(elsewhere).to.have.length(1);
    // The token check is one of the .jmx's fixed scripts (the run check and the pacing timer are others).
    const scripts = stringProps(jmx, 'script');
    expect(scripts.filter((script) => script === TOKEN_URL_SCRIPT)).to.have.length(1);
    expect(TOKEN_URL_SCRIPT).not.to.contain('${');
    expect(stringProps(jmx, 'parameters')).to.include('AUTH_PARTNER_TOKEN AUTH_PARTNER_TOKEN_URL perfplan_spec_AUTH_PARTNER_TOKEN_URL perfplan.tokenUrl.AUTH_PARTNER_TOKEN_URL');
  });

  it('checks in a setUp thread group that stops the test on a failed check, before the load', () => {
    const setup = /<SetupThreadGroup [^>]*testname="perfplan checks">([\s\S]*?)<\/SetupThreadGroup>/.exec(jmx);
    expect(setup, 'a setUp thread group').not.to.equal(null);
    expect(setup![1]).to.contain('<stringProp name="ThreadGroup.on_sample_error">stoptestnow</stringProp>');
    expect(setup![1]).to.contain('<stringProp name="LoopController.loops">1</stringProp>');
    expect(jmx).to.contain('<DebugSampler guiclass="TestBeanGUI" testclass="DebugSampler" testname="perfplan check: OAuth2 token URL of partner">');
    for (const shown of ['displayJMeterProperties', 'displayJMeterVariables', 'displaySystemProperties']) expect(jmx).to.contain(`<boolProp name="${shown}">false</boolProp>`);
  });

  it('decides like k6 and Locust: the property, a relative spec URL, or the same scheme, host and port as baseUrl; else a failure naming the property', function () {
    if (!jmeterInstalled()) this.skip();
    const args = ['AUTH_PARTNER_TOKEN', 'AUTH_PARTNER_TOKEN_URL', 'perfplan_spec_AUTH_PARTNER_TOKEN_URL', 'perfplan.tokenUrl.AUTH_PARTNER_TOKEN_URL'];
    const decide = (spec: string, baseUrl: string, props: Record<string, string> = {}) => ({ args, props, vars: { baseUrl, perfplan_spec_AUTH_PARTNER_TOKEN_URL: spec } });
    const cases = [
      decide('https://auth.example.com/token', 'http://127.0.0.1:8080/api'),
      decide('https://AUTH.example.com:443/token', 'https://auth.example.com/api/'),
      decide('https://auth.example.com/token', 'http://auth.example.com'),
      decide('https://auth.example.com/token', 'https://auth.example.com:8443'),
      decide('https://u@auth.example.com/token', 'https://auth.example.com'),
      decide('//evil.example/token', 'https://api.example.com'),
      decide('/oauth/token', 'http://127.0.0.1:8080/api/'),
      decide('oauth/token', 'http://127.0.0.1:8080'),
      decide('https://auth.example.com/token', 'http://127.0.0.1:8080', { AUTH_PARTNER_TOKEN_URL: 'http://127.0.0.1:9/t' }),
      decide('https://auth.example.com/token', 'http://127.0.0.1:8080', { AUTH_PARTNER_TOKEN_URL: 'sso/t' }),
      decide('https://auth.example.com/token', 'http://127.0.0.1:8080', { AUTH_PARTNER_TOKEN: 'given' }),
    ];
    fs.writeFileSync(path.join(dir, 'check.groovy'), TOKEN_URL_SCRIPT);
    fs.writeFileSync(path.join(dir, 'cases.json'), JSON.stringify(cases));
    fs.writeFileSync(path.join(dir, 'harness.groovy'), HARNESS);
    // Groovy alone (JMeter's copy), compiled by C1 only: a short-lived JVM starts in about a second.
    const lib = path.join(JMETER_HOME, 'lib');
    const groovy = fs.readdirSync(lib).filter((name) => /^groovy(-json)?-\d[\d.]*\.jar$/.test(name)).map((name) => path.join(lib, name));
    const run = spawnSync('java', ['-XX:TieredStopAtLevel=1', '-cp', groovy.join(path.delimiter), 'groovy.ui.GroovyMain', path.join(dir, 'harness.groovy'), path.join(dir, 'check.groovy'), path.join(dir, 'cases.json')], { encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    const results = JSON.parse(run.stdout.trim().split('\n').pop()!) as Decision[];
    const refused = (decision: Decision) => decision.failure && decision.url === null && /Set -JAUTH_PARTNER_TOKEN_URL=<token endpoint>, or -JAUTH_PARTNER_TOKEN=/.test(decision.message ?? '');
    expect(results[0]!.message).to.equal(
      "the spec's token URL is on https://auth.example.com:443, not on the server under test (http://127.0.0.1:8080); the client secret goes only to hosts you name. " +
        'Set -JAUTH_PARTNER_TOKEN_URL=<token endpoint>, or -JAUTH_PARTNER_TOKEN=<access token obtained beforehand>.',
    );
    expect(results.map(refused)).to.deep.equal([true, false, true, true, true, true, false, false, false, false, false]);
    expect(results.map((decision) => decision.url)).to.deep.equal([
      null,
      'https://AUTH.example.com:443/token',
      null,
      null,
      null,
      null,
      'http://127.0.0.1:8080/api/oauth/token',
      'http://127.0.0.1:8080/oauth/token',
      'http://127.0.0.1:9/t',
      'http://127.0.0.1:8080/sso/t',
      null,
    ]);
    expect(results[10]).to.deep.equal({ ignored: true, failure: false, message: null, url: null });
    expect(results.filter((decision) => !decision.failure).every((decision) => decision.ignored)).to.equal(true);
  });
});
