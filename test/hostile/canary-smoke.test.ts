import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { k6DoubleBin } from '../../tools/conformance/engines/k6-double.js';
import { canaryCode } from '../helpers/hostile-strings.js';
import { pythonCommand } from '../helpers/parse-outputs.js';
import { type CanaryOutputs, generateCanaryOutputs, planEnvironment, run } from './canary-setup.js';
import { tempDirs } from '../render/temp-dir.js';

describe('hostile specs: canary payloads never run (k6 test double)', function () {
  this.timeout(600_000);
  const temp = tempDirs('canary');
  let outputs: CanaryOutputs;

  before(async () => {
    outputs = await generateCanaryOutputs(temp.make());
  });
  after(() => temp.cleanup());

  it('the canary code itself works when it is run (so the checks below can fail)', function () {
    const probe = `${outputs.canary}-probe`;
    const code = canaryCode(probe);
    spawnSync(process.execPath, ['--input-type=module', '-e', code.js]);
    expect(fs.existsSync(probe), 'JS canary').to.equal(true);
    fs.rmSync(probe);
    spawnSync(pythonCommand(), ['-c', code.python]);
    expect(fs.existsSync(probe), 'Python canary').to.equal(true);
    fs.rmSync(probe);
  });

  it('k6 (through the k6 test double): no scenario of any script creates the canary', function () {
    if (!fs.existsSync(k6DoubleBin())) {
      console.log(`    (k6 test double not built at ${k6DoubleBin()}: skipped)`);
      this.skip();
    }
    const notes: string[] = [];
    let sent = 0;
    for (const outDir of outputs.k6OutDirs) {
      const k6Dir = path.join(outDir, 'k6');
      if (!fs.existsSync(k6Dir)) continue;
      // load.js holds every operation's request; mixed.js sends them all in one scenario.
      for (const script of ['load.js', 'mixed.js'].filter((name) => fs.existsSync(path.join(k6Dir, name)))) {
        const variables = Object.entries(planEnvironment(outDir)).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
        notes.push(`${path.basename(outDir)}/${script} ${run(process.execPath, [k6DoubleBin(), 'run', '--iterations', '1', ...variables, '--result', path.join(outDir, `${script}.result.json`), path.join(k6Dir, script)], outDir, 90_000)}`);
        expect(fs.existsSync(outputs.canary), `canary created by k6/${script}: ${notes.at(-1)}`).to.equal(false);
        const resultFile = path.join(outDir, `${script}.result.json`);
        expect(fs.existsSync(resultFile), `the k6 double wrote no result for k6/${script}: ${notes.at(-1)}`).to.equal(true);
        const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as { scenarios: unknown[]; requests: unknown[]; scriptErrors: Array<{ message: string }> };
        expect(result.requests.length, `k6/${script} sent no request: ${JSON.stringify(result.scriptErrors).slice(0, 400)}`).to.be.greaterThan(0);
        sent += result.requests.length;
      }
    }
    console.log(`    ${notes.length} k6 scripts run, ${sent} requests sent`);
    expect(notes.length, 'k6 scripts were run').to.be.greaterThan(0);
  });

});
