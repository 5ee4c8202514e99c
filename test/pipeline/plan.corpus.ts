import { expect } from 'chai';
import { collectPlugins, createContainer, pipelineOf } from '../../src/di/index.js';
import { type Pipeline, defaultSettings, type GenerateResult } from '../../src/pipeline/index.js';
import { corpusSpecs, skipUnlessCorpus } from '../helpers/corpus.js';
import { PROJECT_ROOT } from '../helpers/paths.js';
import { validatePlanFile } from '../helpers/plan-schema.js';

describe('corpus: plans for every real-world spec', function () {
  let pipeline: Pipeline;
  before(async function () {
    skipUnlessCorpus(this);
    const plugins = await collectPlugins({ configPlugins: [], rootDir: PROJECT_ROOT });
    pipeline = pipelineOf(createContainer({ plugins: plugins, settings: defaultSettings() }));
  });

  for (const spec of corpusSpecs()) {
    it(`${spec.name}: plan.json validates against the schema and two runs are byte-identical`, async () => {
      const first: GenerateResult = await pipeline.generate({ specFile: spec.file });
      const second: GenerateResult = await pipeline.generate({ specFile: spec.file });
      const planFile = JSON.parse(first.files.find((file) => file.path === 'plan.json')!.contents);
      expect(validatePlanFile(planFile)).to.deep.equal([]);
      expect(planFile.plan.source.operationCount).to.equal(spec.operations);
      expect(planFile.testCases.length).to.be.greaterThan(spec.operations);
      expect(first.files.map((file) => file.path)).to.deep.equal(second.files.map((file) => file.path));
      for (const [index, file] of first.files.entries()) {
        expect(file.contents === second.files[index].contents, `${file.path} differs between two runs`).to.equal(true);
      }
    });
  }
});
