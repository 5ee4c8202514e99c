import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VARIATION_SCRIPT, variationWord } from '../../plugins/jmeter/src/variation-script.js';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { cases, FILE, reference } from './variation-cases.js';

const GROOVY_DRIVER = `
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

class Vars {
  Map<String, String> values = [:]
  String get(String key) { values[key] }
  void put(String key, String value) { values[key] = value }
  int getIteration() { 1 }
}

def script = new GroovyShell().parse(new File(args[0]).getText('UTF-8'))
def out = []
for (c in new JsonSlurper().parse(new File(args[1]), 'UTF-8')) {
  def props = new Properties()
  props.setProperty('runSeed', String.valueOf(c.seed))
  def vars = new Vars()
  // The iteration is already numbered (mark = getIteration()), so the script takes n and r from here.
  vars.put('perfplan.iterationMark', '1')
  vars.put('perfplan.n', String.valueOf(c.iteration))
  vars.put('perfplan.r', String.valueOf(c.request - 1))
  c.row.each { key, value -> vars.put('perfplan_feed_' + key, value) }
  c.env.each { key, value -> vars.put(key, value) }
  script.setBinding(new Binding([props: props, vars: vars, args: [c.word] as String[], log: null]))
  script.run()
  def value = vars.get('v')
  out << (c.kind == 'integer' ? value.toLong() : value)
}
new File(args[2]).setText(JsonOutput.toJson(out), 'UTF-8')
`;

const GROOVY_JARS = ['groovy-3.0.20.jar', 'groovy-json-3.0.20.jar'].map((jar) => path.join(PROJECT_ROOT, '.tools', 'jmeter', 'lib', jar));

// JMeter's side of variations-cross-engine.test.ts: the varied-values PreProcessor's Groovy script,
// run by the Groovy of the installed JMeter on the same inputs, gives perfplan's reference values.
describe('data that varies: JMeter computes the same values as k6 and Locust', function () {
  this.timeout(120_000);
  const all = cases();
  const expected = reference(all);
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('JMeter: the PreProcessor\'s Groovy script gives the reference value for every input', function () {
    if (!GROOVY_JARS.every((jar) => fs.existsSync(jar))) {
      console.log(`    (Groovy of JMeter not found at ${GROOVY_JARS[0]}: run bash scripts/install-jmeter.sh; skipped)`);
      this.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-groovy-cross-'));
    dirs.push(dir);
    const input = all.map((c) => {
      // JMeter reads a credential's variable from its User Defined Variable, whose default is the plan's value.
      const env = c.variation.kind === 'credential' && c.env[c.variation.env] === undefined ? { ...c.env, [c.variation.env]: c.current as string } : c.env;
      return { word: variationWord(c.variation, 'v', c.current), kind: c.variation.kind, seed: c.seed, iteration: c.iteration, request: c.request, row: c.row, env };
    });
    fs.writeFileSync(path.join(dir, 'script.groovy'), VARIATION_SCRIPT);
    fs.writeFileSync(path.join(dir, 'driver.groovy'), GROOVY_DRIVER);
    fs.writeFileSync(path.join(dir, 'cases.json'), JSON.stringify(input));
    const run = spawnSync('java', ['-XX:TieredStopAtLevel=1', '-cp', GROOVY_JARS.join(path.delimiter), 'groovy.ui.GroovyMain', path.join(dir, 'driver.groovy'), path.join(dir, 'script.groovy'), path.join(dir, 'cases.json'), path.join(dir, 'out.json')], { encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    const actual = JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8')) as unknown[];
    // A file comes out as its content; the others as they are sent.
    expect(actual).to.deep.equal(expected.map((value, index) => (all[index]!.variation.kind === 'file' ? (value as typeof FILE).$file.content : value)));
  });
});
