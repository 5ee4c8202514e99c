import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { type CanaryOutputs, DEAD_URL, JMETER_JAR, LOCUST, generateCanaryOutputs, planEnvironment, run, runWithOutput } from './canary-setup.js';
import { tempDirs } from '../render/temp-dir.js';

describe('hostile specs: canary payloads never run in real Locust and JMeter', function () {
  this.timeout(600_000);
  const temp = tempDirs('canary');
  let outputs: CanaryOutputs;

  before(async () => {
    outputs = await generateCanaryOutputs(temp.make());
  });
  after(() => temp.cleanup());

  it('Locust (real, from .tools/locust-venv): a short headless run does not create the canary', function () {
    if (!fs.existsSync(LOCUST)) {
      console.log(`    (Locust not installed at ${LOCUST}: skipped)`);
      this.skip();
    }
    let ran = 0;
    for (const outDir of outputs.outDirs) {
      const locustfile = path.join(outDir, 'locust', 'locustfile.py');
      if (!fs.existsSync(locustfile)) continue;
      // The mixed test case sends every operation; its load shape sets the duration, so the run is
      // stopped after 12 s (a SIGINT'd Locust can take a minute to wind down: SIGKILL).
      const { note, output } = runWithOutput(LOCUST, ['-f', locustfile, '--headless', '-H', DEAD_URL, '--perfplan-test-type', 'mixed'], path.join(outDir, 'locust'), 12_000, planEnvironment(outDir));
      ran++;
      expect(fs.existsSync(outputs.canary), `canary created by ${locustfile}: ${note}`).to.equal(false);
      expect(output, `Locust did not start users for ${locustfile}: ${note}`).to.match(/Ramping to|users? (spawned|started)|Spawning/i);
    }
    console.log(`    ${ran} locustfiles run`);
    if (ran === 0) {
      console.log('    (no locust output: the locust renderer is not loaded; skipped)');
      this.skip();
    }
  });

  it('JMeter (real, from .tools/jmeter): a short non-GUI run of load.jmx does not create the canary', function () {
    if (!fs.existsSync(JMETER_JAR)) {
      console.log(`    (JMeter not installed at ${JMETER_JAR}: skipped)`);
      this.skip();
    }
    const outDir = outputs.outDirs.find((dir) => fs.existsSync(path.join(dir, 'jmeter', 'load.jmx')));
    if (outDir === undefined) {
      console.log('    (no jmeter output: the jmeter renderer is not loaded; skipped)');
      this.skip();
    }
    // Killed after 60 s: every sampler has run by then (requests to a dead port fail at once; the
    // test cases run one after another, squeezed together by the time scale).
    const properties = Object.entries(planEnvironment(outDir!)).map(([name, value]) => `-J${name}=${value}`);
    const note = run('java', ['-jar', JMETER_JAR, '-n', '-t', path.join(outDir!, 'jmeter', 'load.jmx'), `-JbaseUrl=${DEAD_URL}`, '-JtimeScale=0.001', ...properties, '-l', path.join(outDir!, 'results.jtl'), '-j', path.join(outDir!, 'jmeter.log')], outDir!, 60_000, planEnvironment(outDir!));
    const log = fs.existsSync(path.join(outDir!, 'jmeter.log')) ? fs.readFileSync(path.join(outDir!, 'jmeter.log'), 'utf8') : '';
    expect(fs.existsSync(outputs.canary), `canary created by JMeter: ${note}`).to.equal(false);
    expect(log, 'JMeter loaded and started the plan').to.match(/Running the test|Starting the test|Starting \d+ threads/i);
  });
});
