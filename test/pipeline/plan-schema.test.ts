import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { builtinAnalyzers } from '../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../src/profiles/index.js';
import { defaultSettings } from '../../src/pipeline/index.js';
import { planSchema } from '../../tools/schema/generate-plan-schema.js';
import { FIXTURE_SPECS_DIR, PROJECT_ROOT } from '../helpers/paths.js';
import { validatePlanFile } from '../helpers/plan-schema.js';
import { createContainer, pipelineOf } from '../../src/di/index.js';

describe('plan.json schema', function () {
  this.timeout(120_000);

  it('the published schema is the one generated from the PlanFile type (run "npm run schema" after changing the model)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'schemas', 'plan.schema.json'), 'utf8'));
    expect(committed).to.deep.equal(planSchema(PROJECT_ROOT));
  });

  it('rejects a plan.json that breaks it', () => {
    expect(validatePlanFile({ taskId: 1 })).to.not.deep.equal([]);
  });

  const pipeline = pipelineOf(createContainer({ plugins: [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' })), settings: defaultSettings() }));
  for (const file of fs.readdirSync(FIXTURE_SPECS_DIR).filter((name) => /\.(ya?ml|json)$/.test(name))) {
    it(`every plan.json written for ${file} validates`, async () => {
      const generated = await pipeline.generate({ specFile: path.join(FIXTURE_SPECS_DIR, file) });
      const planFile = JSON.parse(generated.files.find((entry) => entry.path === 'plan.json')!.contents);
      expect(validatePlanFile(planFile)).to.deep.equal([]);
      expect(planFile.testCases.length).to.be.greaterThan(0);
    });
  }
});
