import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { XMLValidator } from 'fast-xml-parser';
import { builtinAnalyzers } from '../../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../../src/profiles/index.js';
import { defaultSettings } from '../../../src/pipeline/index.js';
import type { TestPlan } from 'perfplan/plugin';
import { corpusSpecs, skipUnlessCorpus } from '../../../test/helpers/corpus.js';
import { jmeterInstalled, JMETER_HOME, loadWithSaveService } from './jmeter-process.js';
import { renderJmeter } from './render-jmeter.js';
import { createContainer, pipelineOf } from '../../../src/di/index.js';

async function planFromSpec(specFile: string): Promise<TestPlan> {
  const entries = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));
  return (await pipelineOf(createContainer({ plugins: entries, settings: defaultSettings() })).plan(specFile)).plan;
}

// Every corpus spec: plan → .jmx files, each well-formed XML; then all of them loaded by
// JMeter 5.6.3's SaveService in one JVM (as the GUI and `jmeter -n` load a plan).
describe('jmeter renderer over the corpus: every .jmx parses and loads in JMeter 5.6.3', function () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perfplan-jmeter-corpus-'));
  const written: string[] = [];

  before(function () {
    skipUnlessCorpus(this);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const spec of corpusSpecs()) {
    it(`${spec.name}: well-formed XML`, async () => {
      const rendered = await renderJmeter(await planFromSpec(spec.file));
      const plans = rendered.files.filter((file) => file.path.endsWith('.jmx'));
      expect(plans.length).to.be.greaterThan(0);
      for (const file of plans) {
        const valid = XMLValidator.validate(file.contents);
        expect(valid, `${file.path}: ${JSON.stringify(valid)}`).to.equal(true);
        const target = path.join(dir, `${spec.name.replace(/[^A-Za-z0-9.-]/g, '_')}__${path.basename(file.path)}`);
        fs.writeFileSync(target, file.contents);
        written.push(target);
      }
    });
  }

  it('all of them load with SaveService.loadTree', async function () {
    if (!jmeterInstalled()) {
      console.log(`    (JMeter not found at ${JMETER_HOME}: run bash scripts/install-jmeter.sh; skipped)`);
      this.skip();
    }
    expect(written.length).to.be.greaterThan(0);
    const { code, output } = await loadWithSaveService(written);
    const lines = output.split('\n').filter((line) => /^(OK|FAIL) /.test(line));
    expect(lines.filter((line) => line.startsWith('FAIL')).slice(0, 10)).to.deep.equal([]);
    expect(lines.length).to.equal(written.length);
    expect(code).to.equal(0);
  });
});
