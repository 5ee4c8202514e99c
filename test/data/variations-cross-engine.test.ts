import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { cases, reference } from './variation-cases.js';
import { fixturePlan as k6FixturePlan } from '../../plugins/k6/test/fixture-plan.js';
import { importScript, installK6Stub, resetRecorder } from '../../plugins/k6/test/k6-stub.js';
import { renderK6, writeFiles as writeK6 } from '../../plugins/k6/test/render-k6.js';
import { hostilePlan } from '../../plugins/locust/test/fixture-plan.js';
import { renderLocust, runPython, writeFiles as writeLocust } from '../../plugins/locust/test/render-locust.js';

// The same plan, seed, iteration number and feeder row must give the same value in every engine:
// the three runtimes (k6's support.js, Locust's perfplan_runtime.py, JMeter's PreProcessor script)
// are each run on the same inputs and compared with perfplan's reference (JMeter's in
// variations-cross-engine.engine.ts: it starts a JVM).
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

});
