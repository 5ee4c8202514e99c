import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { variedValue } from '../../src/data/index.js';
import type { JsonValue, ValueVariation } from '../../src/model/index.js';
import { VARIATION_SCRIPT, variationWord } from '../../plugins/jmeter/src/variation-script.js';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { fixturePlan as k6FixturePlan } from '../plugins/k6/fixture-plan.js';
import { importScript, installK6Stub, resetRecorder } from '../plugins/k6/k6-stub.js';
import { renderK6, writeFiles as writeK6 } from '../plugins/k6/render-k6.js';
import { hostilePlan } from '../plugins/locust/fixture-plan.js';
import { renderLocust, runPython, writeFiles as writeLocust } from '../plugins/locust/render-locust.js';

/** One value to compute: a variation, the value the request would send there, and where the run is. */
interface Case {
  variation: ValueVariation;
  current: JsonValue | undefined;
  seed: number;
  iteration: number;
  request: number;
  /** The feeder row's columns. */
  row: Record<string, string>;
  /** Environment variables that are set. */
  env: Record<string, string>;
}

const SEEDS = [0, 1, 7, 2_905_839_232, 4_294_967_295];
const ITERATIONS = [0, 1, 35, 36, 1295, 46_656, 2 ** 31, 2 ** 32 - 1, 99_999_999_999];
const FILE = { $file: { name: 'sample.bin', contentType: 'application/octet-stream', content: 'perfplan-sample\n' } };

const VARIATIONS: Array<{ variation: ValueVariation; current: JsonValue | undefined; row?: Record<string, string>; env?: Record<string, string> }> = [
  { variation: { target: 'body#/id', kind: 'integer', min: 1, step: 1, count: 2_147_483_647 }, current: 10 },
  { variation: { target: 'path.id', kind: 'integer', min: -40, step: 7, count: 13 }, current: 3 },
  { variation: { target: 'body#/3/id', kind: 'integer', min: 100, step: 5, count: 1000, lane: { index: 3, of: 100 } }, current: 100 },
  { variation: { target: 'body#/name', kind: 'string', column: 'c0', width: 6 }, current: 'doggie', row: { c0: 'bella' } },
  { variation: { target: 'body#/code', kind: 'string', column: 'c1', width: 3, lane: { index: 1, of: 2 } }, current: 'x', row: { c1: 'Ünïcode ok' } },
  { variation: { target: 'body#/name', kind: 'string', column: 'absent', width: 4 }, current: 'plan-value', row: { c0: 'x' } },
  { variation: { target: 'body#/email', kind: 'email', column: 'c2', width: 6 }, current: 'a@b.c', row: { c2: 'john.doe@mail.example.com' } },
  { variation: { target: 'body#/email', kind: 'email', column: 'c2', width: 5 }, current: 'a@b.c', row: { c2: 'no-at-sign' } },
  { variation: { target: 'body#/ref', kind: 'uuid' }, current: 'x' },
  { variation: { target: 'body#/0/ref', kind: 'uuid', lane: { index: 0, of: 3 } }, current: 'x' },
  { variation: { target: 'header.Idempotency-Key', kind: 'request-key' }, current: 'k' },
  { variation: { target: 'query.username', kind: 'credential', env: 'LOGIN_USERNAME' }, current: 'ann', env: { LOGIN_USERNAME: 'bob "the" builder' } },
  { variation: { target: 'query.password', kind: 'credential', env: 'LOGIN_PASSWORD' }, current: '12345' },
  { variation: { target: 'body', kind: 'file', bytes: 37 }, current: FILE },
];

function cases(): Case[] {
  const out: Case[] = [];
  for (const entry of VARIATIONS) {
    for (const seed of SEEDS) {
      for (const iteration of ITERATIONS) {
        for (const request of entry.variation.kind === 'request-key' ? [0, 1, 65_535, 65_536] : [0]) {
          out.push({ variation: entry.variation, current: entry.current, seed, iteration, request, row: entry.row ?? {}, env: entry.env ?? {} });
        }
      }
    }
  }
  return out;
}

/** perfplan's reference (src/data/variations). */
function reference(all: readonly Case[]): unknown[] {
  return all.map((c) =>
    variedValue(c.variation, c.current, { seed: c.seed, iteration: c.iteration, requestIndex: c.request, row: (column) => c.row[column], env: (name) => c.env[name] }),
  );
}

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

// The same plan, seed, iteration number and feeder row must give the same value in every engine:
// the three runtimes (k6's support.js, Locust's perfplan_runtime.py, JMeter's PreProcessor script)
// are each run on the same inputs and compared with perfplan's reference.
describe('data that varies: the same value in every engine for the same inputs', function () {
  this.timeout(60_000);
  const all = cases();
  const expected = reference(all);
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('covers every kind of variation, many seeds, iteration numbers up to 2^36 and request indexes', () => {
    expect(new Set(all.map((c) => c.variation.kind))).to.deep.equal(new Set(['integer', 'string', 'email', 'uuid', 'request-key', 'credential', 'file']));
    expect(all.length).to.be.greaterThan(600);
    // The reference is not constant: a test of equal values must compare values that differ.
    expect(new Set(expected.map((value) => JSON.stringify(value))).size).to.be.greaterThan(400);
  });

  it('k6: support.js gives the reference value for every input', async () => {
    const dir = writeK6((await renderK6(k6FixturePlan())).files, 'perfplan-k6-cross-');
    dirs.push(dir);
    installK6Stub(dir);
    resetRecorder();
    const support = await importScript<{ variedValue: (v: unknown, current: unknown, at: unknown) => unknown }>(path.join(dir, 'k6', 'lib', 'support.js'), {});
    const actual = all.map((c) => {
      globalThis.__ENV = { ...c.env };
      const { target: _target, ...rest } = c.variation;
      return support.variedValue(rest, c.current, { seed: c.seed, iteration: c.iteration, row: c.row, request: c.request });
    });
    expect(actual).to.deep.equal(expected);
  });

  it('Locust: perfplan_runtime.py gives the reference value for every input', async () => {
    const dir = writeLocust((await renderLocust(hostilePlan())).files, 'perfplan-locust-cross-');
    dirs.push(dir);
    const program = [
      'import json, sys',
      'sys.path.insert(0, sys.argv[1])',
      'import perfplan_runtime as rt',
      'out = []',
      'for c in json.load(sys.stdin):',
      '    at = rt.Position(c["seed"], c["iteration"], c["row"], c["request"])',
      '    out.append(rt.varied_value(c["variation"], c["current"], at, c["env"]))',
      'print(json.dumps(out))',
    ].join('\n');
    const actual = JSON.parse(runPython(program, [path.join(dir, 'locust')], JSON.stringify(all))) as unknown[];
    expect(actual).to.deep.equal(expected);
  });

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
