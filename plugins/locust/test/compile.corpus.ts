import fs from 'node:fs';
import { expect } from 'chai';
import { builtinAnalyzers } from '../../../src/analysis/index.js';
import { builtinProfileStrategies } from '../../../src/profiles/index.js';
import { defaultSettings } from '../../../src/pipeline/index.js';
import type { TestPlan } from 'perfplan/plugin';
import { corpusSpecs, skipUnlessCorpus } from '../../../test/helpers/corpus.js';
import { inspectPython, renderLocust, writeFiles } from './render-locust.js';
import { createContainer, pipelineOf } from '../../../src/di/index.js';

async function planFromSpec(specFile: string): Promise<TestPlan> {
  const entries = [...builtinAnalyzers, ...builtinProfileStrategies].map((plugin) => ({ plugin, source: 'built-in' }));
  return (await pipelineOf(createContainer({ plugins: entries, settings: defaultSettings() })).plan(specFile)).plan;
}

// Every corpus spec: plan → Locust files in a temp folder → one python3 that parses (3.9 grammar) and compiles them all.
describe('locust renderer over the corpus: every generated Python file compiles', function () {
  before(function () {
    skipUnlessCorpus(this);
  });

  for (const spec of corpusSpecs()) {
    it(`${spec.name}: parses with the 3.9 grammar and compiles; one request entry per operation, one User class per test case`, async () => {
      const plan = await planFromSpec(spec.file);
      const rendered = await renderLocust(plan);
      const dir = writeFiles(rendered.files, 'perfplan-locust-corpus-');
      try {
        const python = rendered.files.map((file) => file.path).filter((file) => file.endsWith('.py'));
        const parsed = inspectPython(dir, python);
        for (const file of python) expect(parsed[file].error, file).to.equal(undefined);
        const requests = parsed['locust/perfplan_requests.py'].literals.REQUESTS as Record<string, unknown>;
        expect(Object.keys(requests).length).to.equal(new Set(plan.requests.map((request) => request.operationId)).size);
        const users = Object.values(parsed['locust/locustfile.py'].classes).filter((cls) => typeof cls.attrs.perfplan_case === 'string');
        expect(users.length).to.equal(Object.keys(parsed['locust/perfplan_plan.py'].literals.TEST_CASES as object).length);
        for (const type of new Set(plan.testCases.map((testCase) => testCase.type))) expect(rendered.byPath(`locust/${type}.conf`)).to.include(`perfplan-test-type = ${type}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
